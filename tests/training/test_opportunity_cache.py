"""core.versioned_cache, through the matching arrays: reused while nothing changes, rebuilt at once when a
course or post changes through the ORM or a bulk statement, and never stale after a rollback."""
import sqlalchemy as sa

from core import versioned_cache
from core.extensions import db
from training.models import Course
from training.recommendations import OPPORTUNITIES_CACHE, opportunities


def _course_ids() -> set[int]:
    options = opportunities()
    return {id_ for kind, id_ in zip(options.kind.tolist(), options.id.tolist(), strict=True) if kind == "course"}


def _statements(action) -> int:
    seen = []
    listener = lambda *args: seen.append(1)  # noqa: E731
    sa.event.listen(sa.engine.Engine, "before_cursor_execute", listener)
    try:
        action()
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", listener)
    return len(seen)


def test_the_arrays_are_reused_until_an_opportunity_changes(ctx, training):
    first = training.course(title="Barista")
    assert first in _course_ids()
    assert _statements(opportunities) == 1  # only the version is read
    second = training.course(title="Baker")  # an ORM insert
    assert {first, second} <= _course_ids()
    db.session.execute(sa.update(Course).where(Course.id == first).values(seats_taken=Course.seats))  # bulk
    assert first not in _course_ids()  # a full course is no longer suggested
    third = db.session.execute(sa.insert(Course.__table__).returning(Course.id), [  # against the table
        {"title": "Tailor", "isco_code": "7533", "sector": "garments", "provider": "X", "seats": 5}]).scalar()
    assert third in _course_ids()


def test_a_rolled_back_change_leaves_nothing_stale(ctx, training):
    kept = training.course(title="Kept")
    db.session.commit()
    before = versioned_cache.version(OPPORTUNITIES_CACHE)
    savepoint = db.session.begin_nested()
    db.session.add(Course(title="Never", isco_code="5132", sector="food", provider="X", seats=5))
    db.session.flush()
    assert versioned_cache.version(OPPORTUNITIES_CACHE) != before
    assert len(_course_ids()) == 2  # this transaction sees its own change
    savepoint.rollback()
    assert versioned_cache.version(OPPORTUNITIES_CACHE) == before
    assert _course_ids() == {kept}
    other = training.course(title="Another change")  # a later change gets a version never seen before
    assert _course_ids() == {kept, other}
