"""One scheduler across every process and machine (core.scheduler, core.leadership): one holder of the lease
starts jobs, each due time once; a stalled leader's run commits nothing; killing the leader hands over.

The same tests run on SQLite (processes on one machine share the lease row in the file) and on PostgreSQL
(`bash tests/with_postgres.sh ...`)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from core import leadership, scheduler
from core.extensions import db
from core.features import Job, registries
from core.models import CacheVersion, ScheduledJob, SchedulerLease
from tests.conftest import make_app

ROOT = Path(__file__).resolve().parents[2]
LEASE, RENEW = 2.0, 0.5  # seconds: a hand-over is due within 2.5 s


def _write_marker() -> None:
    db.session.add(CacheVersion(name="test.scheduled_write", version=1))


def _marker_written(app) -> bool:
    with app.app_context():
        return db.session.get(CacheVersion, "test.scheduled_write") is not None


@pytest.fixture
def lease_app(app):
    """A second app on the session's database, with one job of its own and a short lease: it commits for real
    (the tables are emptied after the test)."""
    second = make_app(app.config["TEST_TMP_DIR"], SCHEDULER_LEASE_SECONDS=LEASE, SCHEDULER_RENEW_SECONDS=RENEW)
    jobs = registries(second).jobs
    jobs.clear()
    jobs["test.write"] = Job("test.write", _write_marker, "interval", {"seconds": 60})
    yield second
    with second.app_context():
        db.engine.dispose()


def _participant(app, name: str) -> scheduler.Scheduler:
    part = scheduler.Scheduler(app)
    part.holder = leadership.holder_name(name)
    return part


def _expire_lease(app) -> None:
    """As if the leader stalled past its lease (a long pause, a cut network)."""
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(sa.update(SchedulerLease).values(expires_at=leadership.database_now(conn) - timedelta(1)))


@pytest.mark.real_commits
def test_one_process_leads_until_it_gives_up_or_its_lease_passes(lease_app):
    first, second = _participant(lease_app, "first"), _participant(lease_app, "second")
    first.round()
    second.round()
    assert first.leads and not second.leads
    token = first.term.token
    first.round()
    assert first.term.token == token, "renewing keeps the token"

    _expire_lease(lease_app)
    second.round()
    assert second.leads and second.term.token == token + 1
    first.round()
    assert not first.leads, "the one whose lease passed follows"

    with lease_app.app_context(), db.engine.begin() as conn:
        leadership.release(conn, second.term)
    first.round()
    assert first.leads and first.term.token == token + 2, "a released lease is taken at the next round"
    with lease_app.app_context(), db.engine.connect() as conn:
        found = leadership.leader(conn)
    assert found.live and found.holder == first.holder


@pytest.mark.real_commits
def test_a_run_commits_nothing_once_its_leader_lost_the_lease(lease_app):
    first, second = _participant(lease_app, "first"), _participant(lease_app, "second")
    first.round()
    job = registries(lease_app).jobs["test.write"]
    _expire_lease(lease_app)
    second.round()
    with pytest.raises(leadership.LeadershipLost):
        scheduler.run_job(lease_app, job, term=first.term)
    assert not _marker_written(lease_app), "the stalled leader's run was rolled back"

    scheduler.run_job(lease_app, job, term=second.term)
    assert _marker_written(lease_app), "the leader's own run commits"


@pytest.mark.real_commits
def test_each_due_time_is_started_once_and_only_by_the_leader(lease_app):
    first, second = _participant(lease_app, "first"), _participant(lease_app, "second")
    first.round()  # leads; the job's first due time is set a minute on
    second.round()
    with lease_app.app_context(), db.engine.begin() as conn:
        due = leadership.database_now(conn) - timedelta(seconds=5)
        conn.execute(sa.update(ScheduledJob).values(next_due_at=due))
    job = registries(lease_app).jobs["test.write"]
    now = due + timedelta(seconds=5)
    first._start(job, due, first.term)  # claims the due time as it begins, then runs it
    assert first._claim(job, due, first.term) is None, "the same due time again: no second run"
    with pytest.raises(leadership.LeadershipLost):
        second._claim(job, due, leadership.Term(second.holder, first.term.token))  # not the holder
    with lease_app.app_context():
        row = db.session.get(ScheduledJob, "test.write")
        assert (row.last_due_at, row.outcome, row.started_by) == (due, "done", first.holder)
        assert row.next_due_at >= now + timedelta(seconds=60)
        assert _marker_written(lease_app)
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CacheVersion)
                                 .where(CacheVersion.name == "test.scheduled_write")) == 1


@pytest.mark.real_commits
def test_a_due_time_missed_beyond_the_grace_is_skipped_not_run(lease_app):
    part = _participant(lease_app, "first")
    part.round()
    with lease_app.app_context(), db.engine.begin() as conn:
        due = leadership.database_now(conn) - timedelta(hours=2)
        conn.execute(sa.update(ScheduledJob).values(next_due_at=due))
    part.round()
    with lease_app.app_context():
        assert db.session.get(ScheduledJob, "test.write").outcome == "skipped"
    assert not _marker_written(lease_app)


@pytest.mark.real_commits
def test_the_status_says_who_leads_and_when_each_job_runs(lease_app):
    part = _participant(lease_app, "north-1")
    runner = lease_app.test_cli_runner()
    assert "Leader: none now" in runner.invoke(args=["scheduler", "--status"]).output
    part.round()
    output = runner.invoke(args=["scheduler", "--status"]).output
    assert f"Leader: {part.holder} since" in output
    assert "test.write" in output and "next " in output and "last started -" in output

    with lease_app.app_context(), db.engine.begin() as conn:
        due = leadership.database_now(conn) - timedelta(seconds=5)
        conn.execute(sa.update(ScheduledJob).values(next_due_at=due))
    assert part._claim(registries(lease_app).jobs["test.write"], due, part.term) is not None  # begun, not ended
    assert f"by {part.holder}, running" in runner.invoke(args=["scheduler", "--status"]).output
    _expire_lease(lease_app)  # as if its process died mid-run
    output = runner.invoke(args=["scheduler", "--status"]).output
    assert f"by {part.holder}, {scheduler.CUT_SHORT}" in output and "running" not in output, output


@pytest.mark.real_commits
def test_a_stopped_leader_renews_for_its_run_under_way_and_leaves_its_queued_runs_to_the_next(lease_app):
    began, go_on = threading.Event(), threading.Event()

    def slow() -> None:
        began.set()
        go_on.wait(30)
        db.session.add(CacheVersion(name="test.slow_done", version=1))

    jobs = registries(lease_app).jobs
    write = jobs.pop("test.write")
    jobs["test.slow"] = Job("test.slow", slow, "interval", {"seconds": 60})
    jobs["test.write"] = write  # started after the slow one: it waits for the leader's only worker
    setup = _participant(lease_app, "setup")
    setup.round()  # schedules both a minute on
    with lease_app.app_context(), db.engine.begin() as conn:
        leadership.release(conn, setup.term)
        due = leadership.database_now(conn) - timedelta(seconds=5)
        conn.execute(sa.update(ScheduledJob).values(next_due_at=due))

    stopping = scheduler.Scheduler(lease_app, workers=1)
    stopping.start()
    try:
        assert began.wait(30), "the slow run began"
        stopping.stop(wait=False)  # a clean stop, one run under way and one queued
        time.sleep(LEASE + RENEW)  # longer than the lease: only renewing keeps it
        with lease_app.app_context(), db.engine.connect() as conn:
            held = leadership.leader(conn)
        assert held.live and held.holder == stopping.holder, "the stopping leader renews while its run is under way"
        other = _participant(lease_app, "other")
        other.round()
        assert not other.leads
    finally:
        go_on.set()
        stopping.stop()

    with lease_app.app_context():
        assert db.session.get(CacheVersion, "test.slow_done") is not None, "the run under way committed"
        assert db.session.get(ScheduledJob, "test.slow").outcome == "done"
        queued = db.session.get(ScheduledJob, "test.write")
        assert (queued.next_due_at, queued.started_at) == (due, None), "the queued run claimed nothing"
        assert db.session.get(SchedulerLease, leadership.LEASE).holder is None, "the lease given up at once"
    assert not _marker_written(lease_app)
    following = _participant(lease_app, "next")
    following.round()
    following._running["test.write"].result(timeout=30)
    assert _marker_written(lease_app), "the next leader ran the due time left queued"


def test_a_renewal_shorter_than_the_lease_is_required(app):
    before = app.config["SCHEDULER_RENEW_SECONDS"]
    app.config.update(SCHEDULER_RENEW_SECONDS=app.config["SCHEDULER_LEASE_SECONDS"])
    try:
        with pytest.raises(ValueError, match="SCHEDULER_RENEW_SECONDS"):
            scheduler.Scheduler(app)
    finally:
        app.config.update(SCHEDULER_RENEW_SECONDS=before)


# ---------------------------------------------------------------- real processes


def _start(app, tmp_path: Path, name: str, runs: Path) -> subprocess.Popen:
    settings = {"TEST_TMP_DIR": str(app.config["TEST_TMP_DIR"]),
                "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "SCHEDULER_NAME": name,
                "SCHEDULER_LEASE_SECONDS": LEASE, "SCHEDULER_RENEW_SECONDS": RENEW}
    env = {**os.environ, "PATHWAYS_TEST_SCHEDULER_CONFIG": json.dumps(settings), "PATHWAYS_TEST_RUNS": str(runs),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    log = (tmp_path / f"{name}.log").open("wb")
    return subprocess.Popen([sys.executable, "-m", "tests.core.scheduler_process"], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)


def _runs(path: Path) -> list[tuple[float, float, str]]:
    """(due time, when it ran, which process) of each run, as the job wrote them."""
    if not path.exists():
        return []
    return [(float(due), float(ran), holder.split(":")[0])
            for due, ran, holder in (line.split(" ", 2) for line in path.read_text().splitlines() if line)]


def _wait_for(condition, seconds: float, what: str, tmp_path: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.1)
    logs = "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-2000:]}" for log in tmp_path.glob("*.log"))
    pytest.fail(f"{what} within {seconds} s\n{logs}")


@pytest.mark.slow
@pytest.mark.real_commits
def test_two_scheduler_processes_run_each_due_time_once_and_the_killed_leader_is_replaced(app, tmp_path):
    runs = tmp_path / "runs.txt"
    processes = {name: _start(app, tmp_path, name, runs) for name in ("one", "two")}
    try:
        _wait_for(lambda: len(_runs(runs)) >= 5, 60, "five runs", tmp_path)
        before = _runs(runs)
        assert len({holder for _due, _ran, holder in before}) == 1, f"only the leader runs jobs: {before}"
        leader_name = before[-1][2]
        follower_name = next(name for name in processes if name != leader_name)

        processes[leader_name].send_signal(signal.SIGKILL)
        processes[leader_name].wait(10)
        killed_at = time.monotonic()
        _wait_for(lambda: any(holder == follower_name for _due, _ran, holder in _runs(runs)), 60,
                  "the follower took over", tmp_path)
        took = time.monotonic() - killed_at
        print(f"hand-over after SIGKILL: {took:.1f} s (lease {LEASE} s, renewal {RENEW} s)")
        assert took < LEASE + RENEW + 5, f"hand-over took {took:.1f} s"  # the lease's time, not a minute
        _wait_for(lambda: sum(holder == follower_name for _due, _ran, holder in _runs(runs)) >= 3, 30,
                  "the new leader kept running the job", tmp_path)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
                process.wait(15)

    after = _runs(runs)
    dues = [due for due, _ran, _holder in after]
    assert len(dues) == len(set(dues)), f"a due time ran twice: {after}"
    assert dues == sorted(dues)
    due, ran, _holder = next(run for run in after if run[2] == follower_name)
    assert ran - due > 0.5, "the new leader first ran the due time that passed during the hand-over"
    with app.app_context():
        lease = db.session.get(SchedulerLease, leadership.LEASE)
        assert lease.holder is None, "the survivor gave the lease up when it was stopped"


def test_by_default_a_dead_leader_is_replaced_within_the_40_seconds_the_readme_promises(app):
    """A lease outlives its last renewal by at most its length: with the defaults, renewal plus lease ≤ 40 s."""
    assert app.config["SCHEDULER_LEASE_SECONDS"] + app.config["SCHEDULER_RENEW_SECONDS"] <= 40
