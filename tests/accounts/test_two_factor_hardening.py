"""What an outside review of two-step sign-in found, each held by a test: the first set-up needs an enrolment
code from an admin (M3); wrong codes lock one account's second step from any address (M1); a sign-in is audited
only once it is whole, and wrong codes are audited (M2); new recovery codes need a fresh proof (M4); turning it
off, trusted browsers, anonymising, and the AES-GCM seal that still opens the old one."""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from datetime import timedelta

import pyotp
import pytest
import sqlalchemy as sa
import time_machine

from accounts import enrolment_codes, sealing, trusted_browsers, two_factor
from accounts import services as accounts
from accounts.models import (
    EnrolmentCode,
    RecoveryCode,
    RememberedDevice,
    SecondFactor,
    SetupCode,
    TrustedBrowser,
)
from core.db import utcnow
from core.extensions import db
from core.models import AuditEntry, Notice, Role, User
from privacy.models import DeletionRequest
from tests.conftest import current_code, enrol_second_factor, post_form, sign_in

ENROL = "/account/two-step/set-up"
CODE_PAGE = "/sign-in/code"
CODE_SHOWN = re.compile(r'class="code">([A-Z0-9]{5}-[A-Z0-9]{5})<')


@pytest.fixture
def required(app, monkeypatch):
    monkeypatch.setitem(app.config, "TWO_FACTOR_REQUIRED_FOR_WORK_ACCOUNTS", True)


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0


def _audits(app, action: str, uid: int) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action,
                                                                   AuditEntry.record_id == str(uid))))


def _enrolled(app, people, role=Role.STAFF) -> tuple[int, str, str]:
    uid = people.make(role)
    return uid, people.login_name(uid), enrol_second_factor(app, uid)


def _admin_client(app, people):
    uid, name, _ = _enrolled(app, people, Role.ADMIN)
    client = app.test_client()
    assert sign_in(client, name).headers["Location"] == "/my-work"
    return client


def _signed_in(client) -> bool:
    return "Sign out" in client.get("/account/password").get_data(as_text=True)


def _wrong(secret: str) -> str:
    totp = pyotp.TOTP(secret)
    near = {totp.at(time.time() + drift) for drift in (-30, 0, 30)}
    return next(code for code in ("123456", "654321", "111111", "222222") if code not in near)


def _secret_on(page: str) -> str:
    return re.search(r'<code class="secret" lang="en">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")


# --- M3: the first set-up needs an enrolment code ------------------------------------------------------------

def test_a_password_alone_reaches_only_the_page_that_asks_for_an_enrolment_code(app, people, required):
    uid = people.make(Role.STAFF)
    name = people.login_name(uid)
    attacker = app.test_client()
    assert sign_in(attacker, name, second_step=False).headers["Location"].endswith(ENROL)
    page = attacker.get(ENROL).get_data(as_text=True)
    assert "enrolment code from a Pathways admin" in page and '<svg role="img"' not in page
    assert 'class="secret"' not in page  # no key to scan: nothing to enrol with
    assert not _signed_in(attacker)
    assert attacker.get("/staff/participants").status_code == 302
    # A code from the attacker's own app, posted straight to the set-up form, turns nothing on.
    own = pyotp.random_base32()
    post_form(attacker, ENROL, {"code": pyotp.TOTP(own).now()})
    assert _count(app, SecondFactor, SecondFactor.user_id == uid) == 0
    assert not _audits(app, "account.sign_in", uid)


def test_an_admin_given_enrolment_code_sets_up_once_and_signs_in(app, people, required):
    uid = people.make(Role.STAFF)
    name = people.login_name(uid)
    admin = _admin_client(app, people)
    account_page = admin.get(f"/admin/accounts/{uid}").get_data(as_text=True)
    assert f"/admin/accounts/{uid}/enrolment-code" in account_page
    code = CODE_SHOWN.search(post_form(admin, f"/admin/accounts/{uid}/enrolment-code").get_data(as_text=True))[1]
    with app.app_context():
        stored = db.session.scalar(sa.select(EnrolmentCode).where(EnrolmentCode.user_id == uid))
        assert code not in stored.code_hash and stored.used_at is None
        assert stored.expires_at - utcnow() > timedelta(days=6)
    assert len(_audits(app, "account.enrolment_code_issued", uid)) == 1

    person = app.test_client()
    sign_in(person, name, second_step=False)
    assert post_form(person, ENROL, {"enrolment_code": code.lower()}).status_code == 302  # typed by hand
    secret = _secret_on(person.get(ENROL).get_data(as_text=True))
    done = post_form(person, ENROL, {"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200 and "Two-step sign-in is on." in done.get_data(as_text=True)
    assert _signed_in(person) and len(_audits(app, "account.sign_in", uid)) == 1
    with app.app_context():
        assert db.session.scalar(sa.select(EnrolmentCode.used_at).where(EnrolmentCode.user_id == uid)) is not None

    # The same code again (after a reset by a second admin, say) is spent: it enrols nobody.
    with app.app_context():
        db.session.execute(sa.delete(SecondFactor).where(SecondFactor.user_id == uid))
        db.session.commit()
    again = app.test_client()
    sign_in(again, name, second_step=False)
    refused = post_form(again, ENROL, {"enrolment_code": code})
    assert refused.status_code == 200 and "Ask a Pathways admin for a new one" in refused.get_data(as_text=True)


def test_an_enrolment_code_expires(app, people, required):
    uid = people.make(Role.STAFF)
    with app.app_context():
        code = enrolment_codes.issue(db.session.get(User, uid), None)
        db.session.commit()
    client = app.test_client()
    with time_machine.travel(time.time() + 8 * 86400, tick=False):
        sign_in(client, people.login_name(uid), second_step=False)
        refused = post_form(client, ENROL, {"enrolment_code": code})
    assert "has expired" in refused.get_data(as_text=True)


def test_wrong_enrolment_codes_are_throttled_like_passwords(app, people, required):
    uid = people.make(Role.STAFF)
    name = people.login_name(uid)
    client = app.test_client()
    sign_in(client, name, second_step=False)
    answers = [post_form(client, ENROL, {"enrolment_code": "AAAAA-AAAAA"}).get_data(as_text=True)
               for _ in range(app.config["LOGIN_FAILURES_PER_MINUTE"] + 1)]
    assert "Too many tries" in answers[-1], re.findall(r'class="error"[^<]*<', answers[-1])
    # ... and the right code waits too while the limit holds.
    with app.app_context():
        right = enrolment_codes.issue(db.session.get(User, uid), None)
        db.session.commit()
    assert "Too many tries" in post_form(client, ENROL, {"enrolment_code": right}).get_data(as_text=True)


def test_a_set_up_code_for_a_new_work_account_is_its_enrolment_code(app, people, required):
    admin = _admin_client(app, people)
    made = post_form(admin, "/admin/accounts/new", {"role": "staff", "display_name": "New Staff",
                                                   "username": "new.staff", "email": "", "phone": "", "locale": ""})
    setup_code = CODE_SHOWN.search(made.get_data(as_text=True))[1]
    person = app.test_client()
    chosen = post_form(person, "/account/set-up", {"login_name": "new.staff", "code": setup_code,
                                                   "new_password": "a long new phrase"})
    assert chosen.headers["Location"].endswith(ENROL)
    page = person.get(ENROL).get_data(as_text=True)
    assert not _signed_in(person)
    post_form(person, ENROL, {"code": pyotp.TOTP(_secret_on(page)).now()})
    assert _signed_in(person)


def test_the_first_admin_gets_an_enrolment_code_from_the_command_line(app, people, required):
    uid = people.make(Role.ADMIN)
    name = people.login_name(uid)
    result = app.test_cli_runner().invoke(args=["enrolment-code", name])
    assert result.exit_code == 0, result.output
    code = re.search(r"([A-Z0-9]{5}-[A-Z0-9]{5})", result.output)[1]
    client = app.test_client()
    sign_in(client, name, second_step=False)
    assert post_form(client, ENROL, {"enrolment_code": code}).status_code == 302
    assert 'class="secret"' in client.get(ENROL).get_data(as_text=True)
    assert app.test_cli_runner().invoke(args=["enrolment-code", "nobody-here"]).exit_code != 0


def test_an_admin_reset_shows_an_enrolment_code_once(app, people, required):
    uid, name, _ = _enrolled(app, people)
    admin = _admin_client(app, people)
    code = CODE_SHOWN.search(post_form(admin, f"/admin/accounts/{uid}/two-step-reset").get_data(as_text=True))[1]
    assert code not in admin.get(f"/admin/accounts/{uid}").get_data(as_text=True)
    person = app.test_client()
    sign_in(person, name, second_step=False)
    assert 'class="secret"' not in person.get(ENROL).get_data(as_text=True)
    post_form(person, ENROL, {"enrolment_code": code})
    assert 'class="secret"' in person.get(ENROL).get_data(as_text=True)


def test_the_demo_work_accounts_are_enrolled_and_need_no_code(app, required):
    from core.commands import DEMO_PASSWORD, seed_demo

    with app.app_context():
        seed_demo()
        db.session.commit()
    client = app.test_client()
    assert sign_in(client, "staff@demo.pathways", DEMO_PASSWORD).headers["Location"] == "/my-work"


# --- M1: wrong codes lock one account's second step, from any address -----------------------------------------

@pytest.fixture
def generous_throttle(app, monkeypatch):
    """The address and account limits out of the way: what stops the guessing here is the new lock alone."""
    monkeypatch.setitem(app.config, "LOGIN_FAILURES_PER_MINUTE", 1000)
    monkeypatch.setitem(app.config, "LOGIN_FREE_FAILURES_PER_ACCOUNT", 1000)


def test_five_wrong_codes_from_five_addresses_lock_the_second_step(app, people, generous_throttle):
    uid, name, secret = _enrolled(app, people)
    limit = app.config["TWO_FACTOR_MAX_FAILURES"]
    for number in range(limit):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"203.0.113.{number + 1}"
        sign_in(client, name, second_step=False)
        answer = post_form(client, CODE_PAGE, {"code": _wrong(secret)})
    assert answer.status_code == 429 and "locked" in answer.get_data(as_text=True)
    # The right code now, from yet another address, is not even checked.
    late = app.test_client()
    late.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    sign_in(late, name, second_step=False)
    refused = post_form(late, CODE_PAGE, {"code": current_code(app, name)})
    assert refused.status_code == 429 and not _signed_in(late)
    failed = _audits(app, "account.second_step_failed", uid)
    assert len(failed) == limit and all(_wrong(secret) not in str(entry.detail) for entry in failed)
    assert len(_audits(app, "account.second_step_locked", uid)) == 1
    with app.app_context():
        assert db.session.scalars(sa.select(Notice.kind).where(Notice.user_id == uid)).all() == \
            ["account.second_step_locked"]
    # Once the lock is over, the right code works.
    with time_machine.travel(time.time() + app.config["TWO_FACTOR_LOCK_MINUTES"] * 60 + 5, tick=False):
        after = app.test_client()
        sign_in(after, name, second_step=False)
        assert post_form(after, CODE_PAGE, {"code": current_code(app, name)}).status_code == 302


def test_wrong_recovery_codes_count_towards_the_lock_too(app, people, generous_throttle):
    uid, name, secret = _enrolled(app, people)
    client = app.test_client()
    sign_in(client, name, second_step=False)
    for _ in range(app.config["TWO_FACTOR_MAX_FAILURES"]):
        post_form(client, CODE_PAGE, {"code": "ABCDE-FGHJK"})
    with app.app_context():
        assert two_factor.locked_for(db.session.get(User, uid)) > 0


def test_wrong_codes_spread_out_do_not_lock(app, people, generous_throttle):
    uid, name, secret = _enrolled(app, people)
    window = app.config["TWO_FACTOR_FAILURE_WINDOW_MINUTES"] * 60
    start = time.time()
    for number in range(app.config["TWO_FACTOR_MAX_FAILURES"]):
        with time_machine.travel(start + number * (window // 2 + 5), tick=False):
            client = app.test_client()
            sign_in(client, name, second_step=False)
            post_form(client, CODE_PAGE, {"code": _wrong(secret)})
    assert not _audits(app, "account.second_step_locked", uid)


def _user(app, uid: int) -> User:
    with app.app_context():
        user = db.session.get(User, uid)
        db.session.expunge(user)
        return user


# --- M2: a sign-in is audited once it is whole ------------------------------------------------------------------

def test_the_password_alone_is_not_audited_as_a_sign_in(app, people):
    uid, name, secret = _enrolled(app, people)
    client = app.test_client()
    sign_in(client, name, second_step=False)
    assert not _audits(app, "account.sign_in", uid)
    assert _user(app, uid).last_login_at is None
    post_form(client, CODE_PAGE, {"code": _wrong(secret)})
    failed = _audits(app, "account.second_step_failed", uid)
    assert len(failed) == 1 and failed[0].detail == {"where": "sign_in"}
    post_form(client, CODE_PAGE, {"code": current_code(app, name)})
    assert len(_audits(app, "account.sign_in", uid)) == 1 and _user(app, uid).last_login_at is not None


# --- M4: new recovery codes need a fresh proof ---------------------------------------------------------------------

def _recovery_hashes(app, uid: int) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(sa.select(RecoveryCode.code_hash).where(RecoveryCode.user_id == uid)))


def test_new_recovery_codes_need_a_current_code_or_the_password(app, people):
    uid, name, secret = _enrolled(app, people)
    client = app.test_client()
    sign_in(client, name)
    before = _recovery_hashes(app, uid)
    for proof in ({}, {"renew-proof": "not my password"}, {"renew-proof": _wrong(secret)}):
        refused = post_form(client, "/account/security/recovery-codes", proof)
        assert refused.status_code == 200 and "<li><code>" not in refused.get_data(as_text=True)
        assert _recovery_hashes(app, uid) == before
    assert len(_audits(app, "account.second_step_failed", uid)) == 2  # the two wrong proofs
    by_app = post_form(client, "/account/security/recovery-codes", {"renew-proof": current_code(app, name)})
    assert len(re.findall(r"<li><code>", by_app.get_data(as_text=True))) == 10
    assert _recovery_hashes(app, uid).isdisjoint(before)


# --- turning it off ------------------------------------------------------------------------------------------------

def test_an_employer_turns_it_off_with_a_fresh_code_and_its_browsers_are_forgotten(app, people):
    uid, name, secret = _enrolled(app, people, Role.EMPLOYER)
    client = app.test_client()
    sign_in(client, name, second_step=False)
    post_form(client, CODE_PAGE, {"code": current_code(app, name), "trust": "y"})
    assert _count(app, TrustedBrowser, TrustedBrowser.user_id == uid) == 1
    assert "/account/security/turn-off" in client.get("/account/security").get_data(as_text=True)
    refused = post_form(client, "/account/security/turn-off", {"off-code": _wrong(secret)})
    assert refused.status_code == 200 and _count(app, SecondFactor, SecondFactor.user_id == uid) == 1
    assert post_form(client, "/account/security/turn-off", {"off-code": current_code(app, name)}).status_code == 302
    assert _count(app, SecondFactor, SecondFactor.user_id == uid) == 0
    assert _count(app, RecoveryCode, RecoveryCode.user_id == uid) == 0
    assert _count(app, TrustedBrowser, TrustedBrowser.user_id == uid) == 0
    assert len(_audits(app, "account.two_factor_off", uid)) == 1


def test_a_work_account_cannot_turn_it_off_while_it_is_required(app, people, required):
    uid, name, secret = _enrolled(app, people)
    client = app.test_client()
    sign_in(client, name)
    assert "/account/security/turn-off" not in client.get("/account/security").get_data(as_text=True)
    post_form(client, "/account/security/turn-off", {"off-code": current_code(app, name)})
    assert _count(app, SecondFactor, SecondFactor.user_id == uid) == 1


# --- trusted browsers -------------------------------------------------------------------------------------------------

def test_quick_exit_forgets_this_browsers_trust(app, people):
    uid, name, secret = _enrolled(app, people)
    laptop = app.test_client()
    sign_in(laptop, name, second_step=False)
    post_form(laptop, CODE_PAGE, {"code": current_code(app, name), "trust": "y"})
    assert _count(app, TrustedBrowser, TrustedBrowser.user_id == uid) == 1
    cookie = laptop.get_cookie("pathways_trusted").value
    laptop.get("/leave")
    assert _count(app, TrustedBrowser, TrustedBrowser.user_id == uid) == 0
    assert laptop.get_cookie("pathways_trusted") is None
    laptop.set_cookie("pathways_trusted", cookie)  # a copy kept from before is worth nothing
    assert sign_in(laptop, name, second_step=False).headers["Location"].endswith(CODE_PAGE)


def test_the_trusted_browser_cookie_follows_session_cookie_secure(app, people, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    uid, name, secret = _enrolled(app, people)
    laptop = app.test_client()
    sign_in(laptop, name, second_step=False)
    answer = post_form(laptop, CODE_PAGE, {"code": current_code(app, name), "trust": "y"})
    header = next(h for h in answer.headers.getlist("Set-Cookie") if h.startswith("pathways_trusted="))
    assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header


def test_expired_trusted_browsers_are_purged_by_a_nightly_job(app, people):
    from core import scheduler

    uid, name, secret = _enrolled(app, people)
    with app.app_context():
        user = db.session.get(User, uid)
        trusted_browsers.trust(user, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
        trusted_browsers.trust(user, "Mozilla/5.0 (Linux; Android 10) Mobile")
        old = min(db.session.scalars(sa.select(TrustedBrowser.id).where(TrustedBrowser.user_id == uid)))
        db.session.execute(sa.update(TrustedBrowser).where(TrustedBrowser.id == old)
                           .values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
    job = next(j for j in scheduler.registered_jobs(app) if j.id == "accounts.purge_expired_trusted_browsers")
    assert job.trigger == "cron"
    assert scheduler.run_job(app, job) == 1
    with app.app_context():
        assert db.session.scalars(sa.select(TrustedBrowser.id).where(TrustedBrowser.user_id == uid)).all() == \
            [old + 1]


# --- anonymising ------------------------------------------------------------------------------------------------------

def _sign_in_rows(app, uid: int) -> dict[str, int]:
    return {model.__tablename__: _count(app, model, model.user_id == uid)
            for model in (SecondFactor, RecoveryCode, TrustedBrowser, RememberedDevice, SetupCode, EnrolmentCode)}


def test_a_deletion_removes_every_sign_in_secret(app, people, signed_in):
    from accounts import devices
    from privacy import services as privacy

    uid, name, secret = _enrolled(app, people, Role.EMPLOYER)
    staff_id = people.make(Role.STAFF)
    with app.app_context():
        user, staff = db.session.get(User, uid), db.session.get(User, staff_id)
        trusted_browsers.trust(user, "Laptop")
        devices.remember(user, "Phone")
        accounts.issue_setup_code(user, staff)
        request = privacy.request_deletion(user)
        db.session.commit()
        assert all(_sign_in_rows(app, uid)[t] for t in ("second_factors", "recovery_codes", "trusted_browsers",
                                                         "remembered_devices", "setup_codes"))
        privacy.confirm_deletion(request.id, staff)
        db.session.commit()
    assert set(_sign_in_rows(app, uid).values()) == {0}


def test_anonymising_a_work_account_removes_its_enrolment_codes(app, people):
    from privacy import services as privacy

    uid = people.make(Role.STAFF)
    with app.app_context():
        user = db.session.get(User, uid)
        enrolment_codes.issue(user, None)
        db.session.commit()
        privacy.anonymise_person(user)
        db.session.commit()
    assert _sign_in_rows(app, uid)["enrolment_codes"] == 0


def test_retention_closes_a_deletion_request_still_waiting(app, people):
    from privacy import retention
    from privacy import services as privacy

    uid = people.make(Role.PARTICIPANT)
    with app.app_context():
        person = db.session.get(User, uid)
        waiting = privacy.request_deletion(person)
        person.last_activity_at = utcnow() - timedelta(days=365 * 4)
        db.session.commit()
        assert retention.anonymise_participants([uid], None) == 1
        db.session.commit()
        closed = db.session.get(DeletionRequest, waiting.id)
        assert closed.status == "completed" and closed.decided_at is not None
    done = _audits(app, "privacy.deletion_confirmed", uid)
    assert len(done) == 1 and done[0].detail == {"by": "retention"}


# --- the seal ------------------------------------------------------------------------------------------------------

def _legacy_seal(secret_key: str, secret: str) -> str:
    """The seal used before AES-GCM, as it was written (an HMAC-SHA256 stream and tag keyed from SECRET_KEY)."""
    def key(purpose: str) -> bytes:
        return hmac.new(secret_key.encode(), b"pathways-two-factor-" + purpose.encode(), hashlib.sha256).digest()

    nonce, data = secrets.token_bytes(16), secret.encode()
    stream = b"".join(hmac.new(key("seal"), nonce + n.to_bytes(4, "big"), hashlib.sha256).digest()
                      for n in range(len(data) // 32 + 1))[:len(data)]
    sealed = bytes(a ^ b for a, b in zip(data, stream, strict=True))
    tag = hmac.new(key("tag"), nonce + sealed, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(nonce + sealed + tag).decode()


def test_secrets_are_sealed_with_aes_gcm_bound_to_their_account(app, ctx):
    secret = pyotp.random_base32()
    value = two_factor.seal(secret, 7)
    assert value.startswith("v2.") and secret not in value
    assert two_factor.unseal(value, 7) == secret
    assert two_factor.unseal(value, 8) is None  # copied onto another account's row, it does not open
    tampered = value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]
    assert two_factor.unseal(tampered, 7) is None


def test_a_secret_sealed_the_old_way_still_signs_in_and_is_sealed_again(app, people):
    uid = people.make(Role.STAFF)
    secret = pyotp.random_base32()
    with app.app_context():
        db.session.add(SecondFactor(user_id=uid, secret_sealed=_legacy_seal(app.config["SECRET_KEY"], secret)))
        db.session.commit()
    name = people.login_name(uid)
    client = app.test_client()
    sign_in(client, name, second_step=False)
    assert post_form(client, CODE_PAGE, {"code": pyotp.TOTP(secret).now()}).status_code == 302
    with app.app_context():
        stored = db.session.get(SecondFactor, uid).secret_sealed
        assert stored.startswith("v2.") and two_factor.unseal(stored, uid) == secret


def test_two_factor_key_seals_and_values_under_secret_key_still_open(app, ctx, monkeypatch):
    secret = pyotp.random_base32()
    before = two_factor.seal(secret, 3)  # no TWO_FACTOR_KEY: a key derived from SECRET_KEY
    monkeypatch.setitem(app.config, "TWO_FACTOR_KEY", "a long random text only the operator has")
    opened = sealing.unseal(before, 3)
    assert opened is not None and opened.secret == secret and opened.stale
    after = two_factor.seal(secret, 3)
    assert sealing.unseal(after, 3) == sealing.Opened(secret, stale=False)
    monkeypatch.setitem(app.config, "SECRET_KEY", "a new secret key")
    assert two_factor.unseal(after, 3) == secret  # under TWO_FACTOR_KEY, a new SECRET_KEY loses nothing


def test_anonymising_leaves_no_sign_in_counter_naming_the_person(app, people):
    """Found by the outside review of #30: the throttle's counters are keyed by the login name (an e-mail
    address, often) and the second step's by the account; they stayed after anonymising, until the nightly purge."""
    from accounts.models import SignInCounter
    from privacy import services as privacy

    uid, name, secret = _enrolled(app, people, Role.EMPLOYER)
    client = app.test_client()
    post_form(client, "/sign-in", {"login_name": name, "password": "not the password"})
    sign_in(client, name, second_step=False)
    post_form(client, CODE_PAGE, {"code": _wrong(secret)})
    with app.app_context():
        keys = list(db.session.scalars(sa.select(SignInCounter.key)))
    assert any(key.endswith(name.lower()) for key in keys) and f"second-step:{uid}" in keys
    with app.app_context():
        privacy.anonymise_person(db.session.get(User, uid))
        db.session.commit()
        keys = list(db.session.scalars(sa.select(SignInCounter.key)))
    assert not [key for key in keys if name.lower() in key or key == f"second-step:{uid}"]
