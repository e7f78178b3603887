"""Long lists shown a page at a time come out of an index already in their order, ties included: the audit log
(newest first: time, then id) and the monitoring board's visits (due date, then id). With an index on the first
column alone, PostgreSQL read every row sharing a value (all the visits due the same day, all the entries written
in one transaction) and sorted them to keep one page (bench/load.sh on PostgreSQL: 20–150 ms a statement)."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy import event

from core import audit
from core.extensions import db
from grants import monitoring


def _ordered_statements(action) -> list[tuple[str, dict]]:
    """The SELECTs with an ORDER BY that `action` runs, as sent to the database."""
    seen: list[tuple[str, dict]] = []

    def record(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "ORDER BY" in statement:
            seen.append((statement, params))

    engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def _sorts(statement: str, params) -> bool:
    """Whether the database would sort the rows itself rather than read them in an index's order."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        plan = " ".join(str(row[-1]) for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
        return "TEMP B-TREE FOR" in plan and "ORDER BY" in plan
    # The test's tables are tiny: make sorting the last resort, so a plan with a sort means no index can serve.
    for setting in ("enable_sort", "enable_incremental_sort", "enable_seqscan"):
        connection.exec_driver_sql(f"SET LOCAL {setting} = off")
    plan = " ".join(row[0] for row in connection.exec_driver_sql("EXPLAIN " + statement, params))
    return "Sort" in plan


def test_the_audit_log_pages_come_out_of_an_index_in_their_order(app):
    with app.app_context():
        found = _ordered_statements(lambda: audit.search(page=3))
        assert found, "the audit log ran no ordered statement"
        assert [s for s, p in found if _sorts(s, p)] == []
        db.session.rollback()


def test_the_monitoring_boards_visits_come_out_of_an_index_in_their_order(app):
    with app.app_context():
        for query in (monitoring.visits_due(date(2026, 12, 7)), monitoring.overdue_visits()):
            found = _ordered_statements(lambda q=query: db.session.execute(q.limit(30)).unique().all())
            assert found
            assert [s for s, p in found if _sorts(s, p)] == []
            db.session.rollback()


def test_the_indexes_are_in_the_schema(app):
    with app.app_context():
        inspector = sa.inspect(db.session.connection())
        audit_indexes = {i["name"]: i["column_names"] for i in inspector.get_indexes("audit_entries")}
        visit_indexes = {i["name"]: i["column_names"] for i in inspector.get_indexes("grant_visits")}
        assert audit_indexes["ix_audit_entries_at_id"] == ["at", "id"]
        assert "ix_audit_entries_at" not in audit_indexes  # the new one serves everything the old one did
        assert visit_indexes["ix_grant_visits_status_due"] == ["status", "due_on", "id"]
