"""The listings cut from the worker's cached index are exactly those the database would give, for every
combination of the filters and every page, and a change shows at once."""
from __future__ import annotations

import itertools

import sqlalchemy as sa

from core import pagination
from core.db import utcnow
from core.extensions import db
from core.models import Role
from training import listings
from training.employer_models import EmployerOrganisation, WorkPost


def _listed(**filters) -> list[tuple[str, int]]:
    found, _ = listings.search(**filters)
    return [(listing.kind, listing.item.id) for listing in found]


def test_the_cached_index_gives_what_the_database_gives_for_every_filter_and_page(app, training, people,
                                                                               monkeypatch):
    monkeypatch.setattr(listings, "PAGE_SIZE", 3)
    organisation = training.organisation(people.make(Role.EMPLOYER))
    for n, (province, sector, online) in enumerate(itertools.product(("10", "50"), ("food", "crafts"),
                                                                       (False, True))):
        training.course(title=f"Course {7 - n}", province_code=province, sector=sector, online=online)
        training.post(organisation, kind=("job", "apprenticeship")[n % 2], title=f"Post {n % 3}",
                      province_code=province, sector=sector)
    training.course(title="Closed course", is_open=False)
    training.post(organisation, status="pending_review", title="Waiting post")
    with app.app_context():
        compared = 0
        for kind, province, sector in itertools.product((None, "course", "job", "apprenticeship"),
                                                        (None, "10", "50", "99"), (None, "food", "crafts")):
            for page in (1, 2, 3, 4, 5, 7):
                cached = listings._from_index(kind, province, sector, page)
                queried = listings._from_database("", kind, province, sector, page)
                assert ([(r.kind, int(r.id)) for r in cached[0]], cached[1]) == \
                    ([(r.kind, r.id) for r in queried[0]], queried[1]), (kind, province, sector, page)
                compared += 1
        assert compared == 288
        first = _listed()
        assert [kind for kind, _ in first] == ["course"] * 3 and "Closed course" not in str(first)


def test_searched_words_cut_from_the_index_give_what_the_database_gives(app, training, people, monkeypatch):
    """Typed words: the text index gives the matching ids, the cached index filters, orders and counts them
    (training.listings._searched_in_index), exactly as the database's own search, sort and count would."""
    monkeypatch.setattr(listings, "PAGE_SIZE", 2)
    # The count's floor ("more than …") is compared too: counting stops at 3 rows or the page shown.
    monkeypatch.setattr(pagination, "COUNT_AT_LEAST", 3)
    monkeypatch.setattr(pagination, "PAGES_AHEAD", 0)
    organisation = training.organisation(people.make(Role.EMPLOYER))
    for n, (province, sector) in enumerate(itertools.product(("10", "50"), ("food", "crafts"))):
        training.course(title=f"Coffee course {5 - n}", province_code=province, sector=sector, online=n == 3)
        training.course(title=f"Sewing course {n}", description="no coffee here" if n % 2 else "thread",
                        province_code=province, sector=sector)
        training.post(organisation, kind=("job", "apprenticeship")[n % 2], title=f"Coffee post {n % 3}",
                      province_code=province, sector=sector)
    training.course(title="Closed coffee course", is_open=False)
    training.post(organisation, status="pending_review", title="Waiting coffee post")
    with app.app_context():
        compared = 0
        for text, kind, province, sector in itertools.product(
                ("coffee", "COFFEE  post", "co", "sewing", "nothing like it"),
                (None, "course", "job", "apprenticeship"), (None, "10", "50"), (None, "food")):
            for page in (1, 2, 3, 9):
                cut = listings._searched_in_index(text, kind, province, sector, page)
                queried = listings._from_database(text, kind, province, sector, page)
                assert ([(r.kind, int(r.id)) for r in cut[0]], cut[1], cut[1].exact) == \
                    ([(r.kind, r.id) for r in queried[0]], queried[1], queried[1].exact), \
                    (text, kind, province, sector, page)
                compared += 1
        assert compared == 480
        found, total = listings.search(q="coffee")
        assert total == 3 and not total.exact and [listing.kind for listing in found] == ["course", "course"]


def test_a_change_to_courses_posts_or_employers_shows_on_the_next_page(app, training, people):
    organisation = training.organisation(people.make(Role.EMPLOYER))
    post_id = training.post(organisation, title="Aa first job")
    with app.app_context():
        assert ("job", post_id) in _listed(kind="job")
        course_id = training.course(title="Aa new course")
        assert _listed()[0] == ("course", course_id), "a new course is listed at once"
        # Suspending an employer by a bulk statement takes its posts out of the listings.
        db.session.execute(sa.update(EmployerOrganisation).where(EmployerOrganisation.id == organisation)
                           .values(suspended_at=utcnow()))
        db.session.commit()
        assert ("job", post_id) not in _listed(kind="job")
        db.session.execute(sa.update(EmployerOrganisation).where(EmployerOrganisation.id == organisation)
                           .values(suspended_at=None))
        db.session.get(WorkPost, post_id).title = "Zz renamed"
        db.session.commit()
        assert _listed(kind="job")[-1] == ("job", post_id), "renamed: it moves to its new place by title"
