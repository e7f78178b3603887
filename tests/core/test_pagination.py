"""Pagers count only as far as they need: a long list says "more than", a short one its exact size."""
from __future__ import annotations

import sqlalchemy as sa

from core import pagination
from core.extensions import db
from core.models import Role, User


def _participants():
    return sa.select(User.id).where(User.role == Role.PARTICIPANT.value).order_by(User.id)


def test_the_count_stops_past_the_pages_a_pager_can_reach_and_says_so(ctx, people, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_AT_LEAST", 10)
    for n in range(30):
        people.make(Role.PARTICIPANT, f"Person {n:02d}")
    long = pagination.count_up_to(_participants(), number=1, size=2)  # counts max(10, 11 pages x 2) = 22
    assert (int(long), long.exact) == (22, False)
    near_the_end = pagination.count_up_to(_participants(), number=12, size=2)
    assert (int(near_the_end), near_the_end.exact) == (30, True)
    short = pagination.count_up_to(_participants().where(User.display_name < "Person 05"), number=1, size=2)
    assert (int(short), short.exact) == (5, True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(_participants().subquery())) == 30


def test_a_list_longer_than_its_count_shows_more_than_and_a_next_page(app, signed_in, people, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_AT_LEAST", 30)
    for n in range(40):
        people.make(Role.PARTICIPANT, f"Person {n:02d}")
    staff, _ = signed_in(Role.STAFF)
    first = staff.get("/staff/participants").get_data(as_text=True)  # 25 a page: counts max(30, 275) rows
    assert "40 participants" in first and "Page 1 of 2" in first
    monkeypatch.setattr("accounts.people.PAGE_SIZE", 2)
    many = staff.get("/staff/participants").get_data(as_text=True)  # counts max(30, 22) = 30 of 40
    assert "More than 30 participants" in many and "Page 1 of more than 15" in many and 'rel="next"' in many
    last = staff.get("/staff/participants?page=20").get_data(as_text=True)
    assert "40 participants" in last and "Page 20 of 20" in last and 'rel="next"' not in last


def test_a_list_of_one_model_is_counted_on_its_key_with_the_same_result(ctx, people):
    """core.pagination._rows_to_count: a course's or an order's texts are not read to count them (issue 35);
    a list of anything else is counted as it was."""
    from sqlalchemy.orm import joinedload

    from core.models import AuditEntry

    for n in range(12):
        people.make(Role.PARTICIPANT, f"Counted {n:02d}")
        db.session.add(AuditEntry(action="test.counted", record_type="test", record_id=str(n)))
    db.session.commit()
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()))
    on_the_key = [sa.select(User).where(User.role == Role.PARTICIPANT.value).order_by(User.display_name),
                  sa.select(User).where(User.display_name.like("Counted%")).distinct(),
                  sa.select(AuditEntry).options(joinedload(AuditEntry.actor)).order_by(AuditEntry.id)]
    as_they_are = [sa.select(User.id, User.display_name), sa.select(User.role).distinct(),
                   sa.select(User, AuditEntry).join(AuditEntry, sa.true()).where(User.display_name.like("Counted 0%"))]
    for query in on_the_key + as_they_are:
        statements.clear()
        sa.event.listen(sa.engine.Engine, "before_cursor_execute", seen)
        try:
            counted = pagination.count_up_to(query, number=1, size=2)
        finally:
            sa.event.remove(sa.engine.Engine, "before_cursor_execute", seen)
        whole = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
        assert int(counted) == min(whole, 1_000) and counted.exact
        counting = next(s for s in statements if s.startswith("SELECT count(*)"))
        inner = counting.split("FROM (", 1)[1].split(" FROM ", 1)[0]
        assert (inner in ("SELECT users.id AS id", "SELECT DISTINCT users.id AS id",
                          "SELECT audit_entries.id AS id")) is (query in on_the_key), inner
