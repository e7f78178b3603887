"""Statements per page stay constant as data grows: no page runs a query per row.

Every page each account can reach is opened on a programme of one unit of seeded data (bench/seed.py) on top
of the test world, then again after nine more units (ten times the people, courses, posts, grant applications,
reviews, visits, orders and audit rows). A page whose number of SQL statements changes between the two has a
query per row somewhere (an N+1); a page above the ceiling does too much work on any data; a page over 60 KB
on the larger data, or one that grows by more than a page of a list filling up, shows a list that is not cut
into pages.
"""
from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from bench.seed import seed
from tests.conftest import RolledBackDatabase, sign_in
from tests.site_crawl import crawl
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, WORLD_LOGINS, build_world

pytestmark = [pytest.mark.real_commits, pytest.mark.slow]  # it builds its own world in a rolled-back transaction

MAX_PAGE_BYTES = 60 * 1024  # every list is cut into pages: no page grows with the data
MAX_GROWTH_BYTES = 12 * 1024  # a page of a list filling up; a list that is not cut grows by far more
CEILING = 30  # statements on any one page (the staff grant application page, with its forms, needs 26)
COUNTED = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", re.I)


class StatementCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        if COUNTED.match(statement):
            self.count += 1


@contextmanager
def counting():
    counter = StatementCounter()
    sa.event.listen(sa.engine.Engine, "before_cursor_execute", counter)
    try:
        yield counter
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", counter)


def _measure(app, clients, urls_by_who, sizes=None) -> dict[tuple[str, str], int]:
    counts = {}
    for who, urls in urls_by_who.items():
        for url in urls:
            clients[who].get(url)  # the steady state: a worker's caches are rebuilt once after a change
            with counting() as counter:
                response = clients[who].get(url)
            if response.status_code == 200:
                counts[(who, url)] = counter.count
                if sizes is not None:
                    sizes[(who, url)] = len(response.get_data())
    return counts


def test_statements_per_page_do_not_grow_with_the_data(app, capsys, monkeypatch):
    # Every opening writes its read entries: with the once-in-ten-minutes rule, whether a page inserts them
    # depends on what the crawl opened before, not on the data.
    monkeypatch.setitem(app.config, "READ_LOG_MINUTES", 0)
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
            seed(1, tag="small")
            from core.extensions import db
            db.session.commit()
        clients, urls_by_who = {}, {}
        for who, login in {"visitor": None, **DEMO_LOGINS, **WORLD_LOGINS}.items():
            client = app.test_client()
            if login:
                assert sign_in(client, login, DEMO_PASSWORD).status_code == 302
            clients[who] = client
            urls_by_who[who] = list(crawl(app, client, limit=200, per_endpoint=2).pages)
        small_sizes: dict[tuple[str, str], int] = {}
        small = _measure(app, clients, urls_by_who, small_sizes)
        with app.app_context():
            seed(9, tag="large")
            from core.extensions import db
            db.session.commit()
        sizes: dict[tuple[str, str], int] = {}
        large = _measure(app, clients, urls_by_who, sizes)
    # The work homes (one statement per line of waiting work) and the lists they lead to are measured for
    # every work role: a line whose count ran a query per row would show here.
    for who in ("staff", "admin", "employer", "manager", "reviewer with sent reviews"):
        assert (who, "/my-work") in small and (who, "/my-work") in large, who
    assert any(url.startswith("/staff/grants/waiting/") for who, url in large if who == "staff")
    grew = {key: (small[key], large[key]) for key in small if key in large and large[key] != small[key]}
    heavy = {key: count for key, count in large.items() if count > CEILING}
    with capsys.disabled():
        print(f"\nstatements per page: {len(small)} pages; most {max(large.values())}; "
              f"grew on {len(grew)}, over {CEILING} on {len(heavy)}")
    problems = [f"{who} {url}: {a} -> {b} statements with ten times the data" for (who, url), (a, b) in grew.items()]
    problems += [f"{who} {url}: {n} statements (ceiling {CEILING})" for (who, url), n in heavy.items()]
    problems += [f"{who} {url}: {n // 1024} KB of HTML with ten times the data"
                 for (who, url), n in sizes.items() if n > MAX_PAGE_BYTES]
    problems += [f"{who} {url}: {small_sizes[(who, url)] // 1024} -> {n // 1024} KB with ten times the data"
                 for (who, url), n in sizes.items()
                 if (who, url) in small_sizes and n - small_sizes[(who, url)] > MAX_GROWTH_BYTES]
    assert problems == [], "\n".join(sorted(problems))
