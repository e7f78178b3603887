"""Benchmark: SQL statements and time per page, on small and large data. Prints figures; asserts nothing.

Builds a fresh SQLite database (or uses DATABASE_URL), seeds the demo plus `--small` units of bench/seed.py,
opens every page each demo account can reach, then adds units up to `--large` and opens the same pages again.

Run: .venv/bin/python bench/queries.py [--small 1] [--large 10]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.seed import seed  # noqa: E402
from tests.site_crawl import crawl  # noqa: E402
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD  # noqa: E402


def _client(app, login):
    from tests.conftest import sign_in
    client = app.test_client()
    if login:
        sign_in(client, login, DEMO_PASSWORD)
    return client


def _measure(client, urls):
    counts = {}
    statements = [0]

    def count(conn, cursor, statement, parameters, context, executemany):
        statements[0] += 1

    for url in urls:
        statements[0] = 0
        sa.event.listen(sa.engine.Engine, "before_cursor_execute", count)
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", count)
        counts[url] = (statements[0], elapsed * 1000, len(response.get_data()))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1)
    parser.add_argument("--large", type=int, default=10)
    args = parser.parse_args()
    from flask_migrate import upgrade

    from app import create_app
    from core.commands import seed_demo
    from core.extensions import db

    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                      "LOGIN_FAILURES_PER_MINUTE": 10**6, "LOGIN_FAILURES_PER_ADDRESS": 10**6})
    with app.app_context():
        upgrade()
        seed_demo()
        seed(args.small, tag="small")
        db.session.commit()
    accounts = {"visitor": None, **DEMO_LOGINS}
    pages = {who: list(crawl(app, _client(app, login), limit=120, per_endpoint=1).pages)
             for who, login in accounts.items()}
    small = {who: _measure(_client(app, login), pages[who]) for who, login in accounts.items()}
    with app.app_context():
        seed(args.large - args.small, tag="large")
        db.session.commit()
    large = {who: _measure(_client(app, login), pages[who]) for who, login in accounts.items()}
    print(f"{'account':<12} {'page':<48} {'statements':>12} {'ms':>15} {'KB':>11}")
    print(f"{'':<12} {'':<48} {f'{args.small}u → {args.large}u':>12}")
    for who in accounts:
        for page in pages[who]:
            (s1, t1, b1), (s2, t2, b2) = small[who][page], large[who][page]
            mark = "  GREW" if s2 != s1 else ""
            print(f"{who:<12} {page[:48]:<48} {s1:>5} → {s2:<5} {t1:>6.0f} → {t2:<6.0f} {b1/1024:>4.0f} → "
                  f"{b2/1024:<4.0f}{mark}")


if __name__ == "__main__":
    main()
