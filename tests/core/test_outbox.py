"""The outbox sends each message at most once, whatever the adapter raises, however many senders run at once,
and even when the result of a send cannot be recorded. Real commits on the test database (SQLite or
PostgreSQL): each message is claimed, sent and recorded in transactions of its own."""
from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
import time_machine

from core import channels, outbox, scheduler
from core.extensions import db
from core.models import OutboxMessage

pytestmark = pytest.mark.real_commits  # senders commit for real, some on threads of their own


class Provider:
    """An SMS provider that counts each message it is handed; it raises `failing[id]` for those listed."""

    def __init__(self):
        self.sent: Counter[int] = Counter()
        self.failing: dict[int, Exception] = {}
        self.pause = 0.0
        self.lock = threading.Lock()
        self.seen_open_transaction = False

    def __call__(self, message: OutboxMessage) -> None:
        self.seen_open_transaction |= db.session().in_transaction()
        if self.pause:
            time.sleep(self.pause)
        if message.id in self.failing:
            raise self.failing[message.id]
        with self.lock:
            self.sent[message.id] += 1


@pytest.fixture
def provider(monkeypatch):
    found = Provider()
    monkeypatch.setitem(channels._ADAPTERS, "sms", found)
    return found


def _queue(app, count: int) -> list[int]:
    with app.app_context():
        messages = [OutboxMessage(channel="sms", recipient=f"08{n:08d}", subject="Reminder", body=f"Message {n}")
                    for n in range(count)]
        db.session.add_all(messages)
        db.session.flush()
        return [message.id for message in messages]


def _run_job(app):
    """The scheduled delivery, as the scheduler runs it: one app context, a batch of up to 50."""
    return scheduler.run_job(app, scheduler.Job("core.outbox", outbox.deliver_pending, "interval"))


def _rows(app) -> dict[int, OutboxMessage]:
    with app.app_context():
        rows = {row.id: row for row in db.session.scalars(sa.select(OutboxMessage))}
        db.session.expunge_all()
        return rows


@pytest.mark.parametrize("error", [RuntimeError("provider down"), ValueError("not a phone number"),
                                   KeyError("token")], ids=lambda error: type(error).__name__)
def test_one_message_the_adapter_fails_on_waits_alone(app, provider, error):
    ids = _queue(app, 5)
    provider.failing[ids[2]] = error
    assert _run_job(app) == 4
    _run_job(app)  # a second run at once: nothing again, and the failed one waits for its back-off
    assert provider.sent == {message_id: 1 for message_id in ids if message_id != ids[2]}
    rows = _rows(app)
    assert [rows[i].status for i in ids] == ["sent", "sent", "pending", "sent", "sent"]
    waiting = rows[ids[2]]
    assert waiting.attempts == 1 and waiting.claimed_at is None and type(error).__name__ in waiting.last_error
    assert timedelta(seconds=50) < waiting.send_after - datetime.now(UTC) <= outbox.retry_delay(1)
    del provider.failing[ids[2]]
    with time_machine.travel(datetime.now(UTC) + outbox.retry_delay(1) + timedelta(seconds=5)):
        assert _run_job(app) == 1
    assert provider.sent == {message_id: 1 for message_id in ids}
    assert _rows(app)[ids[2]].status == "sent"


def test_a_message_that_keeps_failing_waits_longer_each_time_then_is_failed(app, provider):
    [message_id] = _queue(app, 1)
    provider.failing[message_id] = OSError("no route to the provider")
    now, waits = datetime.now(UTC), []
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        with time_machine.travel(now, tick=False):
            _run_job(app)
        row = _rows(app)[message_id]
        assert row.attempts == attempt
        if attempt < outbox.MAX_ATTEMPTS:
            assert row.status == "pending"
            waits.append(row.send_after - now)
            with time_machine.travel(now + waits[-1] - timedelta(seconds=1), tick=False):
                _run_job(app)  # not yet due: not tried
            assert _rows(app)[message_id].attempts == attempt
            now = row.send_after
    assert waits == sorted(waits) and waits[0] < waits[-1]
    assert _rows(app)[message_id].status == "failed" and not provider.sent


def test_delivery_run_twice_sends_each_message_once(app, provider):
    ids = _queue(app, 6)
    with app.app_context():
        assert outbox.deliver() == 6
    with app.app_context():
        assert outbox.deliver() == 0
    _run_job(app)
    assert provider.sent == {message_id: 1 for message_id in ids}


def test_two_senders_at_once_send_each_message_once(app, provider):
    ids = _queue(app, 12)
    provider.pause = 0.01  # each send takes a moment, as a real provider does: the senders overlap
    barrier, counts, errors = threading.Barrier(2), [], []

    def sender():
        try:
            with app.app_context():
                barrier.wait()
                counts.append(outbox.deliver())
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and sum(counts) == len(ids)
    assert provider.sent == {message_id: 1 for message_id in ids}
    assert {row.status for row in _rows(app).values()} == {"sent"}


def test_nothing_is_open_or_locked_while_the_adapter_runs(app, provider, monkeypatch):
    ids = _queue(app, 2)
    free = []

    def check_then_send(message):
        free.append(_row_lockable_at_once(app, message.id))
        provider(message)

    monkeypatch.setitem(channels._ADAPTERS, "sms", check_then_send)
    _run_job(app)
    assert free == [True, True] and not provider.seen_open_transaction
    assert provider.sent == {message_id: 1 for message_id in ids}


def _row_lockable_at_once(app, message_id: int) -> bool:
    """Can another connection take the message's row (SQLite: the database) for writing without waiting?"""
    with db.engine.connect() as connection:
        try:
            if connection.dialect.name == "postgresql":
                connection.execute(sa.text("SELECT id FROM outbox_messages WHERE id = :id FOR UPDATE NOWAIT"),
                                   {"id": message_id})
            else:
                connection.exec_driver_sql("PRAGMA busy_timeout = 0")
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                connection.exec_driver_sql("ROLLBACK")
                connection.exec_driver_sql("PRAGMA busy_timeout = 10000")
            return True
        except sa.exc.OperationalError:
            return False
        finally:
            connection.rollback()


def test_a_send_whose_result_cannot_be_recorded_is_never_sent_again(app, provider, monkeypatch, caplog):
    """The adapter succeeds, then writing "sent" fails (as if the process stopped there): the claim stays."""
    ids = _queue(app, 3)
    record_sent = outbox._record_sent

    def crash_for_the_second(message_id):
        if message_id == ids[1]:
            raise RuntimeError("the database went away")
        record_sent(message_id)

    monkeypatch.setattr(outbox, "_record_sent", crash_for_the_second)
    _run_job(app)
    monkeypatch.setattr(outbox, "_record_sent", record_sent)
    _run_job(app)
    with time_machine.travel(datetime.now(UTC) + outbox.CLAIM_EXPIRES + timedelta(minutes=1)):
        _run_job(app)
        _run_job(app)
    assert provider.sent == {message_id: 1 for message_id in ids}
    rows = _rows(app)
    assert [rows[i].status for i in ids] == ["sent", "failed", "sent"]  # failed: it may have gone, we cannot know
    assert "may have gone out" in rows[ids[1]].last_error
    assert any("was sent, but recording it failed" in r.getMessage() for r in caplog.records)
