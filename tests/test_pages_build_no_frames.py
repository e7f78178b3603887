"""pandas stays out of the pages (#35): only the two reports and the exports build a DataFrame.

Every page each account can reach (a visitor, each demo account, the world's extra accounts) is opened on a
world with something in every state, with each worker cache emptied before each account's walk, so that every
cache a page reads is rebuilt during the walk. Each `pandas.DataFrame(...)` built meanwhile is counted against
the endpoint of the request that built it (counted, not replaced: the real constructor still runs).
"""
from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import pandas as pd
import pytest
from flask import has_request_context, request

from core import versioned_cache
from tests.conftest import RolledBackDatabase, sign_in
from tests.site_crawl import crawl
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, WORLD_LOGINS, build_world

pytestmark = [pytest.mark.real_commits, pytest.mark.slow]  # it builds its own world in a rolled-back transaction

# Where pandas belongs: the two report pages and the files exported from them and from the order list and
# one's own data. The crawl does not follow .csv/.xlsx links, so of the exports only /me/data.csv (a route
# without arguments) is opened; the others are named so that the list says what is allowed.
ALLOWED = {
    "grants_staff.report", "grants_staff.report_export",     # the grants portfolio and its file
    "shop_manager.report", "shop_manager.report_export",     # the shop's sales and its file
    "shop_manager.orders_export",                            # the order list as a file
    "privacy.my_data_csv",                                   # one's own data as CSV
}


def test_only_the_reports_and_exports_build_dataframes(app, monkeypatch, capsys):
    built: Counter[str] = Counter()
    real_init = pd.DataFrame.__init__

    def counted(frame, *args, **kwargs):
        built[request.endpoint if has_request_context() else "(outside a request)"] += 1
        real_init(frame, *args, **kwargs)

    opened: set[str] = set()
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
        monkeypatch.setattr(pd.DataFrame, "__init__", counted)
        adapter = app.url_map.bind("localhost")
        for who, login in {"visitor": None, **DEMO_LOGINS, **WORLD_LOGINS}.items():
            monkeypatch.setattr(versioned_cache, "_VALUES", {})  # cold: this walk rebuilds every cache it reads
            client = app.test_client()
            if login:
                assert sign_in(client, login, DEMO_PASSWORD).status_code == 302, who
            walked = crawl(app, client, limit=300, per_endpoint=2)
            opened |= {adapter.match(urlsplit(url).path, method="GET")[0] for url in [*walked.pages, *walked.files]}
    with capsys.disabled():
        print(f"\nDataFrames built: {dict(sorted(built.items()))} over {len(opened)} endpoints")
    # The pages that used to build frames were opened (their caches rebuilt), and the counter does count.
    assert {"training.opportunities", "training.my_matches", "training_staff.course"} <= opened
    assert built["grants_staff.report"] > 0 and built["shop_manager.report"] > 0 and built["privacy.my_data_csv"] > 0
    assert {endpoint: n for endpoint, n in built.items() if endpoint not in ALLOWED} == {}
