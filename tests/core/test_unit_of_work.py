"""The unit of work: a request, a job or a command is one transaction, committed in one place
(core/unit_of_work.py) after success and rolled back on any error or refusal; side effects wait for the commit."""
from __future__ import annotations

import re
from datetime import UTC
from pathlib import Path

import pytest
import sqlalchemy as sa

from core import outbox, scheduler, unit_of_work
from core.extensions import db
from core.forms import ButtonForm
from core.models import AuditEntry, OutboxMessage, Role
from core.navigation import show_error_on
from core.refusal import Refusal
from core.security import public
from tests.conftest import make_app

pytestmark = pytest.mark.real_commits  # the unit of work itself: real commits, a second app

ROOT = Path(__file__).resolve().parents[2]


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count(AuditEntry.id)))


def _audit(action: str) -> None:
    db.session.add(AuditEntry(action=action, record_type="test"))
    db.session.flush()
    outbox.queue_email("someone@example.org", "en", f"About {action}", ["Hello"])


def _outbox() -> list[tuple[str, str]]:
    return [(m.subject, m.status) for m in db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id))]


@pytest.fixture
def probe_app(app):
    """The app with three probe views: one that succeeds, one refused half-way, one that crashes half-way."""
    probe = make_app(app.config["TEST_TMP_DIR"], PROPAGATE_EXCEPTIONS=False, WTF_CSRF_ENABLED=False)
    sent = []

    @public
    def succeed():
        _audit("probe.ok")
        unit_of_work.after_commit(lambda: sent.append("ok"))
        return "done"

    @public
    def refuse():
        _audit("probe.refused")
        unit_of_work.after_commit(lambda: sent.append("refused"))
        form = ButtonForm()
        show_error_on(form, Refusal("No.", "submit"))
        return "shown again with the error", 200

    @public
    def crash():
        _audit("probe.crash")
        unit_of_work.after_commit(lambda: sent.append("crash"))
        raise RuntimeError("half-way")

    @public
    def crash_after_savepoint():
        with unit_of_work.savepoint():  # the request's first write: on SQLite it opens the transaction
            db.session.add(AuditEntry(action="probe.savepoint", record_type="test"))
            db.session.flush()
        _audit("probe.crash")
        raise RuntimeError("half-way")

    for view in (succeed, refuse, crash, crash_after_savepoint):
        probe.add_url_rule(f"/probe/{view.__name__}", view.__name__, view, methods=["POST"])
    loaded = []

    @public
    def read():
        loaded.extend(db.session.scalars(sa.select(AuditEntry)))
        return "read"

    @public
    def read_and_write():
        loaded.extend(db.session.scalars(sa.select(AuditEntry)))
        _audit("probe.written")
        return "written"

    for view in (read, read_and_write):
        probe.add_url_rule(f"/probe/{view.__name__}", view.__name__, view)
    probe.config["SENT"], probe.config["LOADED"] = sent, loaded
    return probe


def test_a_request_commits_once_after_success_and_then_sends(probe_app):
    assert probe_app.test_client().post("/probe/succeed").status_code == 200
    with probe_app.app_context():
        assert db.session.scalar(sa.select(AuditEntry.action)) == "probe.ok"
        assert _outbox() == [("About probe.ok", "sent")]  # sent after the commit, in a second transaction
    assert probe_app.config["SENT"] == ["ok"]


def test_a_request_that_wrote_nothing_ends_without_expiring_what_it_read(probe_app):
    """Expiring each loaded object at the commit is for reading it again; a request's session ends with it, so
    a page that only read skips it (issue 35). One that wrote is committed as before, everything expired."""
    with probe_app.app_context():
        _audit("before")
    client = probe_app.test_client()
    assert client.get("/probe/read").status_code == 200
    [entry] = probe_app.config["LOADED"]
    assert not sa.inspect(entry).expired_attributes and entry.action == "before"
    probe_app.config["LOADED"].clear()
    assert client.get("/probe/read_and_write").status_code == 200
    [entry] = probe_app.config["LOADED"]
    assert "action" in sa.inspect(entry).expired_attributes
    with probe_app.app_context():
        assert sorted(db.session.scalars(sa.select(AuditEntry.action))) == ["before", "probe.written"]
        assert ("About probe.written", "sent") in _outbox()


@pytest.mark.parametrize("view,status", [("refuse", 200), ("crash", 500), ("crash_after_savepoint", 500)])
def test_a_refusal_or_a_crash_half_way_leaves_nothing_and_sends_nothing(probe_app, view, status):
    with probe_app.app_context():
        before = _count()
    assert probe_app.test_client().post(f"/probe/{view}").status_code == status
    with probe_app.app_context():
        assert _count() == before and _outbox() == []
    assert probe_app.config["SENT"] == []


def test_a_command_or_script_commits_when_its_context_ends(app):
    with app.app_context():
        _audit("script.ok")
    with pytest.raises(RuntimeError), app.app_context():
        _audit("script.failed")
        raise RuntimeError("half-way")
    with app.app_context():
        assert list(db.session.scalars(sa.select(AuditEntry.action))) == ["script.ok"]


def test_a_scheduled_job_is_one_unit_of_work(app):
    def failing_job():
        _audit("job.failed")
        raise RuntimeError("half-way")

    scheduler.run_job(app, scheduler.Job("test.ok", lambda: _audit("job.ok"), "interval"))
    with pytest.raises(RuntimeError):
        scheduler.run_job(app, scheduler.Job("test.failed", failing_job, "interval"))
    with app.app_context():
        assert list(db.session.scalars(sa.select(AuditEntry.action))) == ["job.ok"]


def test_after_commit_actions_are_forgotten_on_rollback(app):
    done = []
    with app.app_context():
        unit_of_work.after_commit(lambda: done.append("rolled back"))
        db.session.rollback()
        unit_of_work.after_commit(lambda: done.append("committed"))
        db.session.commit()
    assert done == ["committed"]


# The app's own code: a package not made yet is skipped, a new feature package is added here.
APP_SOURCES = ["app.py", "core", "training", "grants", "marketplace", "accounts", "privacy", "impact"]


def test_nothing_outside_the_unit_of_work_commits_or_rolls_back():
    """Services flush; only core/unit_of_work.py commits or rolls back (migrations aside): a part undone alone
    is a `savepoint()`, a refusal is `refused()`, a job's failed item or an error page is `abandon()`."""
    places = [ROOT / name for name in APP_SOURCES if (ROOT / name).exists()]
    assert places, "none of the app's folders was found: the test would check nothing"
    settling = []
    for place in places:
        for path in [place] if place.is_file() else sorted(place.rglob("*.py")):
            if "migrations" in path.parts or path == ROOT / "core" / "unit_of_work.py":
                continue
            if re.search(r"\.(commit|rollback)\(\s*\)", path.read_text(encoding="utf-8")):
                settling.append(str(path.relative_to(ROOT)))
    assert settling == []


def test_refused_sign_ins_still_count(app, people):
    """The throttle's record survives the rollback of the refused request that made it."""
    from tests.conftest import post_form

    people.make(Role.PARTICIPANT, username="counted")
    client = app.test_client()
    for _ in range(app.config["LOGIN_FAILURES_PER_MINUTE"]):
        post_form(client, "/account/set-up", {"login_name": "counted", "code": "WRONG", "new_password": "x" * 12})
    response = post_form(client, "/sign-in", {"login_name": "counted", "password": "whatever it is"})
    assert response.status_code == 429


def test_a_message_committed_but_not_sent_is_sent_later_exactly_once(app, caplog):
    """The process stopped after the commit: the scheduled delivery sends it; a second run sends nothing. A
    message whose sender stopped after claiming it is never sent again."""
    import logging
    from datetime import datetime, timedelta

    import time_machine

    with app.app_context():
        db.session.add(OutboxMessage(recipient="someone@example.org", subject="Left behind", body="Hello"))
        db.session.add(OutboxMessage(recipient="someone@example.org", subject="Claimed by a dead sender",
                                     body="Hello", claimed_at=datetime.now(UTC)))
    with caplog.at_level(logging.INFO, logger="core.outbox"):
        for _ in range(2):
            scheduler.run_job(app, scheduler.Job("core.outbox", outbox.deliver_pending, "interval"))
        with time_machine.travel(datetime.now(UTC) + outbox.CLAIM_EXPIRES + timedelta(minutes=1)):
            scheduler.run_job(app, scheduler.Job("core.outbox", outbox.deliver_pending, "interval"))
    sent = [r.getMessage() for r in caplog.records if "subject=" in r.getMessage()]
    assert len([s for s in sent if "Left behind" in s]) == 1
    # The dead sender may have sent it before it stopped: never a second time. Once its claim has expired it is
    # marked failed and reported, for a person to check.
    assert not [s for s in sent if "Claimed by a dead sender" in s]
    assert any("may have gone out" in r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    with app.app_context():
        assert _outbox() == [("Left behind", "sent"), ("Claimed by a dead sender", "failed")]


@pytest.mark.real_commits
def test_a_job_made_only_of_bulk_statements_is_committed(app):
    from accounts.models import SignInCounter
    from core.db import utcnow
    from core.extensions import changed_rows

    with app.app_context():
        db.session.add(SignInCounter(key="bulk-test", window_started_at=utcnow(), tries=1))
    with app.app_context():  # like a scheduled job: no ORM object changed, one bulk UPDATE
        assert changed_rows(sa.update(SignInCounter).where(SignInCounter.key == "bulk-test").values(tries=7)) == 1
    with app.app_context():
        assert db.session.scalar(sa.select(SignInCounter.tries).where(SignInCounter.key == "bulk-test")) == 7
