"""The concurrency harness's fixtures: a real gunicorn (2 workers x 4 threads) on a free loopback port, serving
the app against the session's test database (SQLite file or TEST_DATABASE_URL) with Stripe pointed at the
local fakes, and an in-process app with the same settings for building worlds and reading the results."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from tests.conftest import make_app
from tests.marketplace.conftest import stripe_servers  # noqa: F401 - the session's local Stripe
from tests.marketplace.stripe_fakes import API_KEY, WEBHOOK_SECRET, free_port

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
WORKERS, THREADS = 2, 4
# Small on purpose: ten requests at once must meet the limits (tests.conftest lifts them for other tests).
HOLDS_PER_ADDRESS, HOLDS_PER_SESSION = 4, 2


def start_gunicorn(settings: dict, port: int, log: Path, workers: int, threads: int) -> tuple[str, subprocess.Popen]:
    """gunicorn serving the test app with `settings` (tests.concurrency.wsgi), its output in `log`; returns once
    the sign-in page answers (or fails the test with the log's end)."""
    env = {**os.environ, "PATHWAYS_TEST_SERVER_CONFIG": json.dumps(settings),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with log.open("wb") as out:
        process = subprocess.Popen(
            # --preload: the app (imports, the screening rules checked and compiled) is built once, in the master,
            # and the workers fork from it; wsgi.py leaves no database connection open to be shared.
            [str(GUNICORN), "--no-control-socket", "--preload", "--worker-class", "gthread", "--workers", str(workers),
             "--threads", str(threads), "--bind", f"127.0.0.1:{port}", "--timeout", "120",
             "--graceful-timeout", "5", "tests.concurrency.wsgi:app"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(base + "/sign-in", timeout=2).status_code == 200:
                return base, process
        except requests.RequestException:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"gunicorn did not start:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)


@contextmanager
def gunicorn_running(settings: dict, log: Path, workers: int = WORKERS, threads: int = THREADS,
                     ) -> Iterator[tuple[str, subprocess.Popen]]:
    """A real gunicorn on a free port (start_gunicorn) for the block; stopped, or killed, when it ends."""
    base, process = start_gunicorn(settings, free_port(), log, workers, threads)
    try:
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def server_settings(app, stripe_base: str) -> dict:
    return {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "STRIPE_SECRET_KEY": API_KEY, "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET, "STRIPE_API_BASE": stripe_base,
            "SHOP_HOLDS_PER_ADDRESS": HOLDS_PER_ADDRESS, "SHOP_HOLDS_PER_SESSION": HOLDS_PER_SESSION,
            # As in production: an error is answered with the error page (a 500 the harness counts).
            "TESTING": False, "PROPAGATE_EXCEPTIONS": False}


@pytest.fixture(scope="module")
def shop_app(app, stripe_servers):  # noqa: F811
    """In process, on the same database and with the same settings as the server."""
    return make_app(app.config["TEST_TMP_DIR"], **server_settings(app, stripe_servers.base))


class Server:
    def __init__(self, base: str, process: subprocess.Popen, log: Path):
        self.base, self.process, self.log = base, process, log

    def cause(self, reference: str) -> str:
        """The exception the server logged under an error page's reference (core.errors), in one line."""
        text = self.log.read_text(errors="replace")
        start = text.find(f"Error reference {reference} ")
        if not reference or start < 0:
            return "cause not logged"
        record = re.split(r"\n\[\d{4}-", text[start:], maxsplit=1)[0]
        raised = [line.split(":")[0] for line in record.splitlines()
                  if re.match(r"^[\w.]+(Error|Exception)\b", line)]
        database = re.search(r"\(((?:sqlite3|psycopg)[\w.]*)\) ([^\n\[]+)", record)
        why = raised[-1].rsplit(".", 1)[-1] if raised else "cause not logged"
        return why + (f" after {database.group(1)}: {database.group(2).strip()[:120]}" if database else "")


@pytest.fixture(scope="module")  # stopped when this folder's tests end, not kept through the suite
def server(app, stripe_servers, tmp_path_factory):  # noqa: F811
    log = tmp_path_factory.mktemp("gunicorn") / "server.log"
    settings = {**server_settings(app, stripe_servers.base), "TEST_TMP_DIR": str(app.config["TEST_TMP_DIR"])}
    with gunicorn_running(settings, log) as (base, process):
        yield Server(base, process, log)
