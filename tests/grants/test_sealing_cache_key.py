"""The seal's criteria keep their part of each statement's cache key from one statement to the next
(grants.sealing._SealCriteria, issue 35): a statement compiled for one viewer and taken from SQLAlchemy's cache
for another still reads the other viewer's own id, so each sees exactly what is sealed from them."""
from __future__ import annotations

import sqlalchemy as sa
from flask import g
from sqlalchemy.orm import with_loader_criteria

from core import pagination
from core.extensions import db
from core.models import Role
from grants import reviews, sealing
from grants.models import BudgetLine, GrantApplication


def _values(statement) -> list:
    return [bind.effective_value for bind in statement._generate_cache_key().bindparams]


def test_the_kept_key_is_the_key_sqlalchemy_would_make_with_each_viewers_own_values(app):
    with app.app_context():
        statement = sa.select(GrantApplication).where(GrantApplication.id > 0)
        first, second = sealing._options(10_001), sealing._options(10_002)
        plain = tuple(with_loader_criteria(option.entity.class_, option.where_criteria, include_aliases=True)
                      for option in first)
        for _ in range(2):  # the first time walks the criteria, the second gives back what it kept
            with_first, with_second = statement.options(*first), statement.options(*second)
            assert with_first._generate_cache_key().key == with_second._generate_cache_key().key
            assert _values(with_first) == _values(statement.options(*plain))
            assert 10_001 in _values(with_first) and 10_001 not in _values(with_second)
            assert 10_002 in _values(with_second)


def test_the_criteria_are_walked_once_per_viewer_not_once_per_statement(app, monkeypatch):
    with app.app_context():
        option = sealing._options(10_003)[0]
        criteria = option.where_criteria
        walks = []
        walk = type(criteria)._gen_cache_key

        def counted(self, anon_map, bindparams):
            if self is criteria:
                walks.append(1)
            return walk(self, anon_map, bindparams)
        monkeypatch.setattr(type(criteria), "_gen_cache_key", counted)
        for n in range(3):
            sa.select(GrantApplication).where(GrantApplication.id > n).options(option)._generate_cache_key()
        assert len(walks) == 1


def test_a_statement_cached_for_one_reviewer_reads_the_next_ones_seal(app, grants_factory, people, ctx):
    sealed_from_id = people.make(Role.STAFF, "Reviewer Sealed")
    other_id = people.make(Role.STAFF, "Reviewer Other")
    application = grants_factory.submitted(grants_factory.round())
    reviews.assign_reviewer(grants_factory.user(people.make(Role.STAFF)), application,
                            grants_factory.user(sealed_from_id))
    db.session.commit()
    statement = sa.select(GrantApplication.id).where(GrantApplication.id == application.id)
    lines = sa.select(BudgetLine.id).where(BudgetLine.application_id == application.id)
    # Several times each, alternating: every run after the first is compiled once and taken from the cache.
    for _ in range(3):
        for viewer, sees in ((other_id, True), (sealed_from_id, False)):
            found = db.session.execute(sa.select(GrantApplication).where(GrantApplication.id == application.id)
                                       .options(*sealing._options(viewer))).scalars().all()
            assert bool(found) is sees, viewer
            assert bool(db.session.scalars(lines.options(*sealing._options(viewer))).all()) is sees, viewer
            assert db.session.scalars(statement).all() == [application.id]  # no viewer: no seal


def test_a_pager_counts_without_the_sealed_rows(app, grants_factory, people, ctx):
    """The count of a list of one model reads its key alone (core.pagination) and keeps the seal."""
    sealed_from = grants_factory.user(people.make(Role.STAFF, "Reviewer Sealed"))
    other = grants_factory.user(people.make(Role.STAFF, "Reviewer Other"))
    application = grants_factory.submitted(grants_factory.round())
    reviews.assign_reviewer(grants_factory.user(people.make(Role.STAFF)), application, sealed_from)
    db.session.commit()
    listed = sa.select(GrantApplication).where(GrantApplication.id == application.id).order_by(GrantApplication.id)
    for viewer, count in ((other, 1), (sealed_from, 0), (other, 1)):
        with app.test_request_context():
            g._login_user = viewer
            assert int(pagination.count_up_to(listed)) == count
