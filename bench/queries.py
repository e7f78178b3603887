"""Benchmark: SQL statements and time per page, on small and large data, and how the database plans them.
Prints figures; asserts nothing.

Builds a fresh SQLite database (or uses DATABASE_URL), seeds the demo plus `--small` units of bench/seed.py,
opens every page each demo account can reach, then adds units up to `--large` and opens the same pages again.
On the large data every SELECT a page ran is EXPLAINed: a full scan of a table of more than --scan-rows rows is
printed under the page (SQLite `SCAN t` without an index, PostgreSQL `Seq Scan on t`); searches show whether
they went through the trigram index.

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


def _measure(client, urls, selects=None):
    counts = {}
    statements: list[tuple[str, object]] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    for url in urls:
        statements.clear()
        sa.event.listen(sa.engine.Engine, "before_cursor_execute", count)
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", count)
        counts[url] = (len(statements), elapsed * 1000, len(response.get_data()))
        if selects is not None:
            selects[url] = [(text, params) for text, params in statements if text.lstrip().upper().startswith(
                ("SELECT", "WITH"))]
    return counts


def _table_sizes(engine) -> dict[str, int]:
    with engine.connect() as conn:
        names = sa.inspect(conn).get_table_names()
        return {name: conn.execute(sa.text(f'SELECT count(*) FROM "{name}"')).scalar_one() for name in names}


def full_scans(engine, statements, sizes: dict[str, int], min_rows: int) -> list[str]:
    """The big tables a page's statements read whole, as each database's planner means to run them."""
    found = []
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        for text, params in statements:
            prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
            try:
                plan = [str(row[-1]) for row in conn.exec_driver_sql(prefix + text, params)]
            except sa.exc.DBAPIError:
                conn.rollback()
                continue
            for line in plan:
                words = line.replace("Parallel ", "").split()
                if sqlite and words[:1] == ["SCAN"] and "INDEX" not in words and len(words) >= 2:
                    table = words[1]
                elif not sqlite and "Seq Scan on" in line:
                    table = line.split("Seq Scan on", 1)[1].split()[0]
                else:
                    continue
                if sizes.get(table, 0) > min_rows:
                    found.append(f"{table} ({sizes[table]:,} rows): {' '.join(text.split())[:110]}")
    return sorted(set(found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1)
    parser.add_argument("--large", type=int, default=10)
    parser.add_argument("--scan-rows", type=int, default=2_000, help="report full scans of tables bigger")
    args = parser.parse_args()
    from flask_migrate import upgrade

    from app import create_app
    from core.commands import seed_demo
    from core.extensions import db
    from core.scheduler import optimize_database

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
        optimize_database()  # what the nightly job does: the planner's statistics
        db.session.commit()
    selects: dict[str, dict] = {who: {} for who in accounts}
    large = {who: _measure(_client(app, login), pages[who], selects[who]) for who, login in accounts.items()}
    with app.app_context():
        sizes = _table_sizes(db.engine)
        scans = {(who, page): full_scans(db.engine, statements, sizes, args.scan_rows)
                 for who in accounts for page, statements in selects[who].items()}
    print(f"{'account':<12} {'page':<48} {'statements':>12} {'ms':>15} {'KB':>11}")
    print(f"{'':<12} {'':<48} {f'{args.small}u → {args.large}u':>12}")
    for who in accounts:
        for page in pages[who]:
            (s1, t1, b1), (s2, t2, b2) = small[who][page], large[who][page]
            mark = "  GREW" if s2 != s1 else ""
            print(f"{who:<12} {page[:48]:<48} {s1:>5} → {s2:<5} {t1:>6.0f} → {t2:<6.0f} {b1/1024:>4.0f} → "
                  f"{b2/1024:<4.0f}{mark}")
            for scan in scans[(who, page)]:
                print(f"{'':<14}full scan of {scan}")
    pages_with_scans = sum(1 for found in scans.values() if found)
    print(f"\n{pages_with_scans} of {len(scans)} pages read a table of more than {args.scan_rows:,} rows whole")


if __name__ == "__main__":
    main()
