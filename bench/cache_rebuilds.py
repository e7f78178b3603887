"""Benchmark: the two caches the opportunities and matches pages read, rebuilt and reused, on seeded data.

Times, in one process on one database: the matches page's ranking for the demo participant with the worker's
caches emptied first (the opportunities cache is rebuilt: every open course and post read and encoded) and
with them kept; and the opportunities list (first and a far page) with the listings cache rebuilt and kept.
Best of a few runs each. Prints figures; asserts nothing.

Run: DATABASE_URL=sqlite:////tmp/pathways-load-1000.sqlite3 .venv/bin/python bench/cache_rebuilds.py [--units 1000]
A database that already holds the units (bench/load.sh builds one) is reused; otherwise the demo and the units
of bench/seed.py are added first.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.seed import PER_UNIT, seed  # noqa: E402
from tests.site_world import DEMO_LOGINS  # noqa: E402


def best_ms(action, repeat: int, cold) -> float:
    best = float("inf")
    for _ in range(repeat):
        if cold is not None:
            cold()
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def _prepare(app, units: int) -> None:
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from core.commands import seed_demo
    from core.extensions import db
    from training.models import Course

    with app.app_context():
        upgrade()
        seed_demo(if_empty=True)
        have = db.session.scalar(sa.select(sa.func.count(Course.id)).where(Course.title.like("Seed course %")))
        if have < units * PER_UNIT["courses"]:
            seed(units - have // PER_UNIT["courses"])
        db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import sqlalchemy as sa

    from app import create_app
    from core import versioned_cache
    from core.extensions import db
    from core.models import User
    from training import listings, recommendations
    from training.models import Profile

    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/rebuilds.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    _prepare(app, args.units)
    with app.test_request_context():
        profile = db.session.scalar(sa.select(Profile).join(User, User.id == Profile.user_id)
                                    .where(User.email == DEMO_LOGINS["participant"]))
        matches = recommendations.matches_for(profile)
        listed, total = listings.search()
        print(f"{args.units:,} units: {total:,} listings; {len(matches)} matches shown to the demo participant")
        print(f"{'what':<40} {'rebuilt ms':>11} {'kept ms':>9}")
        for label, action in (("matches page ranking", lambda: recommendations.matches_for(profile)),
                              ("opportunities list, page 1", lambda: listings.search()),
                              ("opportunities list, page 400", lambda: listings.search(page=400))):
            rebuilt = best_ms(action, max(1, args.repeat // 2), cold=versioned_cache._VALUES.clear)
            kept = best_ms(action, args.repeat, cold=None)
            print(f"{label:<40} {rebuilt:>11.1f} {kept:>9.1f}")


if __name__ == "__main__":
    main()
