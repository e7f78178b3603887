"""The crawls' eye on the database (tests.conftest.TableWatch): a row added or removed in a request is seen, on
both databases, also when the shortcut of PostgreSQL's per-transaction counts is taken; a rolled-back request
leaves nothing seen."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.models import AuditEntry
from tests.conftest import RolledBackDatabase, TableWatch

pytestmark = pytest.mark.real_commits  # it takes its own rolled-back transaction, as the crawls do

ADD = sa.insert(AuditEntry.__table__).values(action="test.watch", record_type="test", at=sa.func.now())


def test_a_row_added_or_removed_is_seen_and_a_rolled_back_one_is_not(app):
    with RolledBackDatabase(app) as database:
        connection = database.connection
        connection.execute(ADD)  # a row before the baseline, to remove later
        watch = TableWatch(connection)
        for change, seen in ((ADD, {"audit_entries"}), (sa.delete(AuditEntry.__table__), {"audit_entries"}),
                             (sa.update(AuditEntry.__table__).values(action="test.other"), set()),
                             (sa.select(AuditEntry.id), set())):
            savepoint = database.savepoint()
            watch.start()
            connection.execute(change)
            assert watch.changed() == seen, change
            savepoint.rollback()
            savepoint = database.savepoint()
            watch.start()
            assert watch.changed() == set(), f"{change} was rolled back"
            savepoint.rollback()


def test_a_row_added_then_removed_in_the_same_request_is_not_a_change(app):
    with RolledBackDatabase(app) as database:
        connection = database.connection
        watch = TableWatch(connection)
        savepoint = database.savepoint()
        watch.start()
        connection.execute(ADD)
        connection.execute(sa.delete(AuditEntry.__table__).where(AuditEntry.action == "test.watch"))
        # Counted again (the per-transaction counts moved), and found as it was: the highest id is not kept.
        assert watch.changed() == set()
        savepoint.rollback()
