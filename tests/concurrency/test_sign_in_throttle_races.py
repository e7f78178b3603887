"""The sign-in throttle on a real multi-threaded server: the owner's right password and an attacker's wrong
ones at once, from the same few addresses, never give a 500 (found from outside, issue #30's throttle).

A try's claim locks its rows in the order address, pair, account; a right password used to delete the pair and
account rows first and give the try back to the address row last. A claim and a success from the same address
then each waited for a row the other held, and PostgreSQL failed one of them: anyone who knew a login name could
turn its owner's right password into an error page from the same café wifi. Both now take the rows in one order."""
from __future__ import annotations

import re
import threading

import pytest
import requests

from accounts import services as accounts
from core.extensions import db
from core.models import Role
from tests.concurrency.conftest import gunicorn_running
from tests.conftest import PASSWORD, _empty_tables, make_app

CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
# Limits high enough that every try is checked (none refused with 429): the rows are contended, not closed.
SETTINGS = {"TRUST_PROXY": True, "LOGIN_FREE_FAILURES_PER_ACCOUNT": 100000, "LOGIN_FAILURES_PER_MINUTE": 100000,
            "LOGIN_FAILURES_PER_ADDRESS": 100000, "TESTING": False, "PROPAGATE_EXCEPTIONS": False}
BURST, ROUNDS = 24, 3
pytestmark = [pytest.mark.slow, pytest.mark.real_commits]


@pytest.fixture(scope="module")
def throttle_server(app, tmp_path_factory):
    log = tmp_path_factory.mktemp("gunicorn-throttle") / "server.log"
    settings = {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                "TEST_TMP_DIR": str(app.config["TEST_TMP_DIR"]), **SETTINGS}
    with gunicorn_running(settings, log, workers=2, threads=8) as (base, _process):
        yield base, log


def test_right_and_wrong_passwords_at_once_from_the_same_addresses_never_give_a_500(app, throttle_server):
    base, log = throttle_server
    local = make_app(app.config["TEST_TMP_DIR"], SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                     **SETTINGS)
    _empty_tables(local)
    login = "owner@throttle.example"
    with local.app_context():
        accounts.create_account(Role.CUSTOMER, "Owner", email=login, password=PASSWORD)  # no second step
        db.session.commit()

    page = requests.get(base + "/sign-in")
    token, cookies = CSRF.search(page.text).group(1), page.cookies.get_dict()
    statuses: list[int] = []

    def attempt(n: int, barrier: threading.Barrier) -> None:
        right = n % 2 == 0
        barrier.wait()
        response = requests.post(base + "/sign-in", data={"csrf_token": token, "login_name": login,
                                                          "password": PASSWORD if right else "wrong password!"},
                                 cookies=cookies, headers={"X-Forwarded-For": f"198.51.100.{n % 3 + 1}"},
                                 allow_redirects=False, timeout=60)
        statuses.append(response.status_code)

    for _ in range(ROUNDS):
        barrier = threading.Barrier(BURST)
        threads = [threading.Thread(target=attempt, args=(n, barrier)) for n in range(BURST)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    _empty_tables(local)
    failures = [s for s in statuses if s >= 500]
    causes = sorted(set(re.findall(r"(?:psycopg|sqlite3)\.\w+\.?\w*\) [^\n]{0,80}", log.read_text(errors="replace"))))
    assert not failures, f"{len(failures)} of {len(statuses)} tries answered {set(failures)}: {causes[:3]}"
