"""One `flask scheduler` process for tests/core/test_scheduler_leadership.py: the test settings (database,
short lease) from PATHWAYS_TEST_SCHEDULER_CONFIG, and one job due every second that writes its due time, when it
ran and the process that ran it to the file PATHWAYS_TEST_RUNS, before its unit of work commits."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from flask import g

from core.commands import scheduler_command
from core.features import Job, registries
from tests.conftest import make_app


def record_run() -> None:
    run = g.scheduled_run
    with open(os.environ["PATHWAYS_TEST_RUNS"], "a", encoding="utf-8") as runs:
        runs.write(f"{run.due_at.timestamp():.6f} {time.time():.6f} {run.holder}\n")


if __name__ == "__main__":
    settings = json.loads(os.environ["PATHWAYS_TEST_SCHEDULER_CONFIG"])
    app = make_app(Path(settings.pop("TEST_TMP_DIR")), **settings)
    jobs = registries(app).jobs
    jobs.clear()  # only the test's job: the real ones would work on the shared test database
    jobs["test.every_second"] = Job("test.every_second", record_run, "interval", {"seconds": 1})
    with app.app_context():
        scheduler_command.main(args=[], standalone_mode=False)
