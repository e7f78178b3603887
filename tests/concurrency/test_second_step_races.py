"""Races the outside review of #30 found, on a real multi-threaded server: wrong codes at the second step racing
its lock (the lock was read before a code was checked and written after, so many wrong codes sent at once, from
as many addresses as a botnet or one IPv6 network has, were all checked before the first of them locked it), and
ten retention confirms at once (each anonymised and audited the same person)."""
from __future__ import annotations

import re
import threading

import pytest
import requests
import sqlalchemy as sa

from accounts import services as accounts
from accounts import two_factor
from accounts.models import SecondFactor
from core.extensions import db
from core.models import AuditEntry, Role, User
from tests.concurrency.conftest import gunicorn_running
from tests.conftest import PASSWORD, _empty_tables, make_app

BURST = 16
LOGS: dict = {}  # the server's log, by its address: what a 500 was
MAX_FAILURES = 3
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
# The sign-in throttle (per address, per account) is lifted: the lock must hold on its own, "from every address".
SETTINGS = {"TRUST_PROXY": True, "TWO_FACTOR_MAX_FAILURES": MAX_FAILURES, "LOGIN_FREE_FAILURES_PER_ACCOUNT": 1000,
            "LOGIN_FAILURES_PER_MINUTE": 1000, "LOGIN_FAILURES_PER_ADDRESS": 1000,
            "TESTING": False, "PROPAGATE_EXCEPTIONS": False}


@pytest.fixture(scope="module")
def lock_server(app, tmp_path_factory):
    log = tmp_path_factory.mktemp("gunicorn-lock") / "server.log"
    settings = {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                "TEST_TMP_DIR": str(app.config["TEST_TMP_DIR"]), **SETTINGS}
    with gunicorn_running(settings, log, workers=2, threads=8) as (base, _process):
        LOGS[base] = log
        yield base


def _customer_with_second_factor(app, login: str):
    """An empty database with one customer whose second step is on: the local app, the id and the app's key."""
    local = make_app(app.config["TEST_TMP_DIR"], SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                     **SETTINGS)
    _empty_tables(local)
    with local.app_context():
        user = accounts.create_account(Role.CUSTOMER, "Buyer", email=login, password=PASSWORD)
        secret = two_factor.new_secret()
        db.session.add(SecondFactor(user_id=user.id, secret_sealed=two_factor.seal(secret, user.id), last_step=0))
        db.session.commit()
        return local, user.id, secret


def test_wrong_codes_at_once_never_pass_the_lock(app, lock_server):
    login = "buyer@lock.example"
    local, user_id, secret = _customer_with_second_factor(app, login)

    browser = requests.Session()
    page = browser.get(lock_server + "/sign-in").text
    answer = browser.post(lock_server + "/sign-in", data={"csrf_token": CSRF.search(page).group(1),
                                                          "login_name": login, "password": PASSWORD},
                          allow_redirects=False)
    assert answer.headers["Location"].endswith("/sign-in/code")
    token = CSRF.search(browser.get(lock_server + "/sign-in/code").text).group(1)
    cookies = browser.cookies.get_dict()

    barrier = threading.Barrier(BURST)
    statuses: list[int] = []

    def wrong_code(n: int) -> None:
        barrier.wait()
        response = requests.post(lock_server + "/sign-in/code", data={"csrf_token": token, "code": "000000"},
                                 cookies=cookies, headers={"X-Forwarded-For": f"2001:db8::{n + 1:x}"},
                                 allow_redirects=False, timeout=60)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=wrong_code, args=(n,)) for n in range(BURST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert 500 not in statuses
    with local.app_context():
        checked = db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
            AuditEntry.action == "account.second_step_failed", AuditEntry.record_id == str(user_id)))
    # Each wrong code checked is audited: no more may be checked than the lock allows.
    assert checked <= MAX_FAILURES, f"{checked} wrong codes checked at once; the lock allows {MAX_FAILURES}"


def _errors(base: str) -> str:
    text = LOGS[base].read_text(errors="replace")
    return text[-6000:]  # the tracebacks of any 500, for the assertion message


def _signed_in_browser(base: str, login: str) -> requests.Session:
    browser = requests.Session()
    page = browser.get(base + "/sign-in").text
    answer = browser.post(base + "/sign-in", data={"csrf_token": CSRF.search(page).group(1), "login_name": login,
                                                   "password": PASSWORD}, allow_redirects=False)
    assert answer.status_code == 302 and answer.headers["Location"] == "/my-work", answer.status_code
    return browser


def test_ten_retention_confirms_at_once_anonymise_each_person_once(app, lock_server):
    """Ten clicks on "anonymise" for the same due record (a double-clicking member of staff, two of them at
    once): one anonymisation, one audit entry, one closed deletion request."""
    from datetime import UTC, datetime

    from privacy.models import DeletionRequest

    local = make_app(app.config["TEST_TMP_DIR"], SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                     **SETTINGS)
    _empty_tables(local)
    with local.app_context():
        accounts.create_account(Role.STAFF, "Staff", email="staff@retention.example", password=PASSWORD)
        person = accounts.create_account(Role.PARTICIPANT, "Old record", username="old-record", password=PASSWORD)
        db.session.flush()
        db.session.add(DeletionRequest(user_id=person.id))
        db.session.commit()
        db.session.execute(sa.update(User).where(User.id == person.id).values(
            created_at=datetime(2000, 1, 1, tzinfo=UTC), last_activity_at=None))
        db.session.commit()
        person_id = person.id

    browser = _signed_in_browser(lock_server, "staff@retention.example")
    page = browser.get(lock_server + "/staff/retention").text
    assert f'value="{person_id}"' in page
    token = CSRF.search(page).group(1)
    cookies = browser.cookies.get_dict()
    barrier = threading.Barrier(10)
    statuses: list[int] = []

    def confirm() -> None:
        barrier.wait()
        statuses.append(requests.post(lock_server + "/staff/retention/participants",
                                      data={"csrf_token": token, "ids": str(person_id)}, cookies=cookies,
                                      allow_redirects=False, timeout=60).status_code)

    threads = [threading.Thread(target=confirm) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(set(statuses)) == [302], statuses
    with local.app_context():
        def entries(action: str) -> int:
            return db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
                AuditEntry.action == action, AuditEntry.record_id == str(person_id))) or 0
        assert entries("privacy.retention_anonymised") == 1
        assert entries("privacy.deletion_confirmed") == 1
        assert db.session.get(User, person_id).anonymised_at is not None


def test_one_set_up_code_used_at_once_sets_one_password(app, lock_server):
    """A new work account's set-up code counts as its enrolment code: sent eight times at once (a double click,
    or someone who saw the code racing its owner), it must still be used once: one password set, one sign-in
    (with two-step required, one set-up of the second step opened), not eight."""
    local = make_app(app.config["TEST_TMP_DIR"], SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                     **SETTINGS)
    _empty_tables(local)
    with local.app_context():
        admin = accounts.create_account(Role.ADMIN, "Admin", email="admin@setup.example", password=PASSWORD)
        person = accounts.create_account(Role.STAFF, "New staff", email="new@setup.example")
        code = accounts.issue_setup_code(person, admin)
        db.session.commit()
        person_id = person.id

    browser = requests.Session()
    token = CSRF.search(browser.get(lock_server + "/account/set-up").text).group(1)
    cookies = browser.cookies.get_dict()
    barrier = threading.Barrier(8)
    answers: list[tuple[int, str]] = []

    def redeem(n: int) -> None:
        barrier.wait()
        response = requests.post(lock_server + "/account/set-up", cookies=cookies, allow_redirects=False,
                                 headers={"X-Forwarded-For": f"2001:db8::{n + 1:x}"}, timeout=60,
                                 data={"csrf_token": token, "login_name": "new@setup.example", "code": code,
                                       "new_password": f"a new long password {n}",
                                       "confirm_password": f"a new long password {n}"})
        answers.append((response.status_code, response.headers.get("Location", "")))

    threads = [threading.Thread(target=redeem, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all(status in (200, 302) for status, _ in answers), (answers, _errors(lock_server))
    assert sum(1 for status, _ in answers if status == 302) == 1, answers
    with local.app_context():
        used = db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
            AuditEntry.action == "account.setup_code_used", AuditEntry.record_id == str(person_id)))
    assert used == 1


def test_new_recovery_codes_asked_for_at_once_leave_ten(app, lock_server):
    """"Make new recovery codes" clicked several times at once with the password as proof: each request deleted
    the codes it could see and added ten, so on PostgreSQL twenty worked now and then (CI found it). The
    renewals now wait on each other at the account's second factor: ten work afterwards."""
    import pyotp

    login = "codes@renew.example"
    local, user_id, secret = _customer_with_second_factor(app, login)

    browser = requests.Session()
    page = browser.get(lock_server + "/sign-in").text
    browser.post(lock_server + "/sign-in", data={"csrf_token": CSRF.search(page).group(1), "login_name": login,
                                                 "password": PASSWORD}, allow_redirects=False)
    page = browser.get(lock_server + "/sign-in/code").text
    answer = browser.post(lock_server + "/sign-in/code", allow_redirects=False,
                          data={"csrf_token": CSRF.search(page).group(1), "code": pyotp.TOTP(secret).now()})
    assert answer.status_code == 302 and answer.headers["Location"] == "/", answer.status_code
    token = CSRF.search(browser.get(lock_server + "/account/security").text).group(1)
    cookies = browser.cookies.get_dict()
    barrier = threading.Barrier(MAX_FAILURES)
    shown: list[int] = []

    def renew() -> None:
        barrier.wait()
        response = requests.post(lock_server + "/account/security/recovery-codes", cookies=cookies, timeout=60,
                                 data={"csrf_token": token, "renew-proof": PASSWORD})
        assert response.status_code == 200, _errors(lock_server)
        shown.append(len(re.findall(r"\b[A-Z0-9]{5}-[A-Z0-9]{5}\b", response.text)))

    threads = [threading.Thread(target=renew) for _ in range(MAX_FAILURES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(shown) == MAX_FAILURES and max(shown) == 10, shown
    with local.app_context():
        assert two_factor.recovery_codes_left(db.session.get(User, user_id)) == 10
