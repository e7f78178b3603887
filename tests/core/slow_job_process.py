"""One `flask scheduler` process for tests/core/test_scheduler_stops.py: the test settings from
PATHWAYS_TEST_SCHEDULER_CONFIG and one job, due every second, that takes SLOW_JOB_SECONDS: it writes "started
<due> <holder>" to PATHWAYS_TEST_RUNS when it starts, then works, then adds a row named by its due time that its
unit of work commits (fenced by the lease) when it returns."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from flask import g

from core.commands import scheduler_command
from core.extensions import db
from core.features import Job, registries
from core.models import CacheVersion
from tests.conftest import make_app


def marker_name(due_timestamp: float) -> str:
    return f"test.slow_run.{due_timestamp:.6f}"


def slow_job() -> None:
    run = g.scheduled_run
    with open(os.environ["PATHWAYS_TEST_RUNS"], "a", encoding="utf-8") as runs:
        runs.write(f"started {run.due_at.timestamp():.6f} {run.holder}\n")
    time.sleep(float(os.environ["SLOW_JOB_SECONDS"]))
    db.session.add(CacheVersion(name=marker_name(run.due_at.timestamp()), version=1))


if __name__ == "__main__":
    settings = json.loads(os.environ["PATHWAYS_TEST_SCHEDULER_CONFIG"])
    app = make_app(Path(settings.pop("TEST_TMP_DIR")), **settings)
    jobs = registries(app).jobs
    jobs.clear()  # only the test's job: the real ones would work on the shared test database
    jobs["test.slow"] = Job("test.slow", slow_job, "interval", {"seconds": 1})
    with app.app_context():
        scheduler_command.main(args=[], standalone_mode=False)
