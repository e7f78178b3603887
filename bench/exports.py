"""Benchmark: time and peak Python memory of the longest exports (the managers' orders and sales lines, CSV
and XLSX) as the number of orders grows. Prints figures; asserts nothing. A streaming export keeps its peak
flat while the file grows; one built whole in memory grows with it.

Run: .venv/bin/python bench/exports.py [--units 20 100]   (100 orders a unit)
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.seed import PER_UNIT, seed  # noqa: E402
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[20, 100])
    args = parser.parse_args()
    from flask_migrate import upgrade

    from app import create_app
    from core.commands import seed_demo
    from core.extensions import db
    from tests.conftest import sign_in

    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/exports.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                      "LOGIN_FAILURES_PER_MINUTE": 10**6, "LOGIN_FAILURES_PER_ADDRESS": 10**6})
    with app.app_context():
        upgrade()
        seed_demo()
        db.session.commit()
    client = app.test_client()
    sign_in(client, DEMO_LOGINS["manager"], DEMO_PASSWORD)
    print(f"{'orders':>8} {'export':>8} {'format':>6} {'seconds':>8} {'peak MB':>8} {'file MB':>8}")
    done = 0
    for units in sorted(args.units):
        with app.app_context():
            seed(units - done, tag=f"u{units}")
            db.session.commit()
        done = units
        for (export, fmt) in [(e, f) for e in ("orders", "report") for f in ("csv", "xlsx")]:
            tracemalloc.start()
            started = time.perf_counter()
            response = client.get(f"/manage/shop/{export}.{fmt}")
            body = response.get_data()
            elapsed = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            # The body itself is counted in the peak (the test client reads it whole); a server sends it in blocks.
            peak_mb, file_mb = (peak - len(body)) / 2**20, len(body) / 2**20
            print(f"{units * PER_UNIT['orders']:>8,} {export:>8} {fmt:>6} {elapsed:>8.2f} {peak_mb:>8.1f} "
                  f"{file_mb:>8.1f}")


if __name__ == "__main__":
    main()
