"""Stopping the scheduler's leader cleanly, across processes (core/scheduler.py, core/leadership.py), with real
`flask scheduler` processes on the session's database (SQLite file, or PostgreSQL via tests/with_postgres.sh).

Promise (docs/operations.md, "Several machines"): "A leader that stops cleanly (SIGTERM, Ctrl-C) finishes its
runs under way and gives the lease up at once." A deploy restarts the scheduler services one after the other:
the leader gets SIGTERM while a run is under way, and a second process is running."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.extensions import db
from core.models import CacheVersion, ScheduledJob
from tests.core.slow_job_process import marker_name

ROOT = Path(__file__).resolve().parents[2]
LEASE, RENEW, JOB_SECONDS = 2.0, 0.5, 6.0
pytestmark = [pytest.mark.slow, pytest.mark.real_commits]


def _start(app, tmp_path: Path, name: str, runs: Path) -> subprocess.Popen:
    settings = {"TEST_TMP_DIR": str(app.config["TEST_TMP_DIR"]),
                "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "SCHEDULER_NAME": name,
                "SCHEDULER_LEASE_SECONDS": LEASE, "SCHEDULER_RENEW_SECONDS": RENEW}
    env = {**os.environ, "PATHWAYS_TEST_SCHEDULER_CONFIG": json.dumps(settings), "PATHWAYS_TEST_RUNS": str(runs),
           "SLOW_JOB_SECONDS": str(JOB_SECONDS),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    log = (tmp_path / f"{name}.log").open("wb")
    return subprocess.Popen([sys.executable, "-m", "tests.core.slow_job_process"], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)


def _started(path: Path) -> list[tuple[float, str]]:
    if not path.exists():
        return []
    return [(float(due), holder.split(":")[0]) for _word, due, holder in
            (line.split(" ", 2) for line in path.read_text().splitlines() if line.startswith("started "))]


def _wait_for(condition, seconds: float, what: str, tmp_path: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.05)
    logs = "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-2000:]}" for log in tmp_path.glob("*.log"))
    pytest.fail(f"{what} within {seconds} s\n{logs}")


def test_a_leader_stopped_cleanly_finishes_its_run_under_way_with_another_process_running(app, tmp_path):
    runs = tmp_path / "runs.txt"
    processes = {"one": _start(app, tmp_path, "one", runs)}
    try:
        _wait_for(lambda: _started(runs), 60, "the first process started a run", tmp_path)
        processes["two"] = _start(app, tmp_path, "two", runs)
        time.sleep(3)  # the second process is up and follows
        seen = len(_started(runs))
        fresh = _wait_for(lambda: _started(runs)[seen:], 30, "a fresh run of the leader", tmp_path)
        due, holder = fresh[0]
        assert holder == "one"
        processes["one"].send_signal(signal.SIGTERM)  # a clean stop, the run just begun
        stopping = time.monotonic()
        processes["one"].wait(JOB_SECONDS + 30)
        stopped_after = time.monotonic() - stopping
        time.sleep(1)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
                process.wait(30)
    with app.app_context():
        committed = db.session.get(CacheVersion, marker_name(due)) is not None
        row = db.session.get(ScheduledJob, "test.slow")
        others = [d for d, h in _started(runs) if h == "two"]
    logs = (tmp_path / "one.log").read_text(errors="replace")[-1500:]
    assert committed, (f"the run under way when the leader was stopped cleanly was rolled back (stopped after "
                       f"{stopped_after:.1f} s; the other process started {len(others)} runs meanwhile; job row "
                       f"outcome {row.outcome if row else None!r})\n{logs}")
