"""Account services: create people, sign in, set-up codes, password changes, ending sessions.

Each function that changes something flushes, with its audit entry in the same transaction; the unit of work
commits.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.util import identity_key

from accounts import devices, throttle, trusted_browsers
from accounts.models import SecondFactor, SetupCode
from accounts.passwords import hash_password, password_problem, verify_password
from core import audit, hooks
from core.db import utcnow
from core.extensions import changed_rows, db
from core.features import registries
from core.models import Role, User
from core.numbers import record_id, whole_number
from core.refusal import Refusal
from core.unit_of_work import savepoint

SETUP_CODE_LIFETIME = timedelta(days=7)
# No 0/O or 1/I/L: codes are read aloud and copied by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class AccountError(Refusal):
    """A refusal with a message the person can read."""


@dataclass(frozen=True)
class SignInResult:
    user: User | None = None
    wait_seconds: int = 0
    # The right password for a registration that still waits for its link: answered like a wrong password,
    # and the link is mailed to the address again (see `remind_to_confirm`).
    unconfirmed: User | None = None


def normalise(login_name: str | None) -> str | None:
    cleaned = (login_name or "").strip().lower()
    return cleaned or None


def find_by_login_name(login_name: str) -> User | None:
    name = normalise(login_name)
    if not name:
        return None
    return db.session.scalar(sa.select(User).where(sa.or_(User.username == name, User.email == name)))


def check_unique(username: str | None, email: str | None, exclude_id: int | None = None) -> None:
    for field, value in (("username", username), ("email", email)):
        if not value:
            continue
        # A username may not be someone else's e-mail either: sign-in accepts both in one box.
        query = sa.select(User.id).where(sa.or_(User.username == value, User.email == value))
        if exclude_id is not None:
            query = query.where(User.id != exclude_id)
        if db.session.scalar(query) is not None:
            raise AccountError(_l("This name is already taken. Please choose another."), field)


def change_details(user: User, fields: tuple[str, ...], changes: dict[str, str | None]) -> list[str]:
    """Set the given fields of an account from `changes`, as one rule for staff and admins: sign-in names
    normalised and unique, a name never emptied, no account left without a way to sign in. Returns the names
    of the fields that changed (the caller audits them, names only)."""
    changed = []
    for field in fields:
        if field not in changes:
            continue
        value = changes[field] or None
        if field in ("username", "email"):
            value = normalise(value)
            if value and value != getattr(user, field):
                check_unique(value if field == "username" else None, value if field == "email" else None,
                             exclude_id=user.id)
        if field == "display_name":
            value = (value or "").strip() or user.display_name
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed.append(field)
    if not user.username and not user.email:
        raise AccountError(_l("Give a username or an e-mail address."), "username")
    return changed


def create_account(role: Role, display_name: str, *, username: str | None = None, email: str | None = None,
                   password: str | None = None, created_by: User | None = None, locale: str | None = None,
                   phone: str | None = None) -> User:
    username, email = normalise(username), normalise(email)
    if not username and not email:
        raise AccountError(_l("Give a username or an e-mail address."), "username")
    if username and "@" in username:
        raise AccountError(_l("A username cannot contain @."), "username")
    check_unique(username, email)
    if password is not None:
        problem = password_problem(password)
        if problem:
            raise AccountError(problem, "password")
    user = User(role=role.value, display_name=display_name.strip(), username=username, email=email,
                password_hash=hash_password(password) if password else None, locale=locale, phone=phone,
                created_by_id=created_by.id if created_by else None)
    db.session.add(user)
    db.session.flush()
    audit.record("account.create", "user", user.id, actor=created_by, detail={"role": role.value})
    return user


def sign_in(login_name: str, password: str, address: str | None, *, trusted_device: bool = False) -> SignInResult:
    """Check a password under the throttle. An unknown name costs the same work as a wrong password and gets
    the same answer, so the page does not tell who has an account."""
    limits = throttle.sign_in_limits(login_name, address, trusted_device=trusted_device)
    wait = throttle.claim(limits)
    if wait:
        return SignInResult(wait_seconds=wait)
    user = find_by_login_name(login_name)
    right = verify_password(user.password_hash if user is not None else None, password)
    if user is None or not right or not user.is_active:
        return SignInResult()
    if user.awaiting_confirmation:
        # Whoever registers an address chooses its password, so "waiting for your link" would tell them the
        # address had no account before. It answers, and counts, as a wrong password; the mailbox hears.
        return SignInResult(unconfirmed=user)
    if user.role == Role.PARTICIPANT.value or db.session.get(SecondFactor, user.id) is None:
        # With a second step to come, failures are forgiven only once it is passed (accounts.two_factor).
        throttle.succeeded(limits)
    return SignInResult(user=user)


def signed_in(user: User) -> None:
    """The person is signed in now: the password, and the second step or its set-up if any, are done. Only
    then is it a sign-in, in the audit log and as the last one (a password alone is not)."""
    user.last_login_at = utcnow()
    audit.record("account.sign_in", "user", user.id, actor=user)
    db.session.flush()


def end_sessions(user: User, reason: str = "sign_out") -> None:
    """Every session cookie issued before this stops working."""
    user.session_version += 1
    audit.record(f"account.{reason}", "user", user.id, actor=user)
    db.session.flush()


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not verify_password(user.password_hash, current_password):
        raise AccountError(_l("Your current password is not right."), "current_password")
    problem = password_problem(new_password)
    if problem:
        raise AccountError(problem, "new_password")
    user.password_hash = hash_password(new_password)
    user.session_version += 1
    devices.forget_all(user)  # whoever learnt the old password may have ticked "keep me signed in"
    trusted_browsers.forget_all(user)  # ... or "trust this browser"
    audit.record("account.password_change", "user", user.id, actor=user)
    db.session.flush()


def code_hash(code: str) -> str:
    cleaned = code.replace("-", "").replace(" ", "").upper()
    return hashlib.sha256(cleaned.encode()).hexdigest()


def new_code() -> str:
    """A one-time code to read out or hand over: ten letters and digits that cannot be mistaken for each other,
    in two groups (set-up codes, enrolment codes)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def issue_setup_code(user: User, issued_by: User) -> str:
    """A new one-time code (older unused ones stop working). Only its hash is stored."""
    db.session.execute(sa.delete(SetupCode).where(SetupCode.user_id == user.id, SetupCode.used_at.is_(None)))
    code = new_code()
    db.session.add(SetupCode(user_id=user.id, code_hash=code_hash(code), created_by_id=issued_by.id,
                             expires_at=utcnow() + SETUP_CODE_LIFETIME))
    audit.record("account.setup_code_issued", "user", user.id, actor=issued_by)
    db.session.flush()
    return code


def redeem_setup_code(login_name: str, code: str, new_password: str, address: str | None) -> User:
    limits = throttle.sign_in_limits(login_name, address)
    if throttle.claim(limits):
        raise AccountError(_l("Too many tries. Please wait a minute and try again."), "code")
    user = find_by_login_name(login_name)
    setup = None
    if user is not None:
        setup = db.session.scalar(sa.select(SetupCode).where(
            SetupCode.user_id == user.id, SetupCode.code_hash == code_hash(code),
            SetupCode.used_at.is_(None), SetupCode.expires_at > utcnow()))
    if user is None or setup is None or not user.is_active:
        raise AccountError(_l("This name and code do not match, or the code has expired. "
                              "Ask programme staff for a new code."), "code")
    throttle.succeeded(limits)
    problem = password_problem(new_password)
    if problem:
        raise AccountError(problem, "new_password")
    # Spent by one conditional UPDATE: of two uses at once, one sets the password (for a work account, the code
    # also opens the set-up of its second step: accounts.auth_views).
    if changed_rows(sa.update(SetupCode).where(SetupCode.id == setup.id, SetupCode.used_at.is_(None))
                    .values(used_at=utcnow()).execution_options(synchronize_session=False)) != 1:
        raise AccountError(_l("This name and code do not match, or the code has expired. "
                              "Ask programme staff for a new code."), "code")
    user.password_hash = hash_password(new_password)
    user.session_version += 1
    devices.forget_all(user)
    trusted_browsers.forget_all(user)
    audit.record("account.setup_code_used", "user", user.id, actor=user)
    db.session.flush()
    return user


# With the account's consents: every page of a participant asks whether they have read the privacy notice
# (privacy.views.notice_first), which loaded them by a statement of their own (issue 35).
_USER_BY_ID = sa.select(User).options(joinedload(User.consents)).where(User.id == sa.bindparam("user_id"))


def load_user_from_session(token: str) -> User | None:
    """Flask-Login's loader: the stored id carries the session version it was issued with."""
    raw_id, _, raw_version = token.partition(":")
    user_id, version = record_id(raw_id), whole_number(raw_version)
    if user_id is None or version is None:
        return None
    # No seal applies to accounts; saying so keeps the seals (grants.sealing) from asking who the viewer is
    # while the viewer is being loaded, which loaded the same account a second time on every request.
    if db.session.identity_map.get(identity_key(User, user_id)) is not None:
        user = db.session.get(User, user_id, execution_options={"include_sealed": True})
    else:  # every request's first statement: one built once (session.get builds its own each time; issue 35)
        user = db.session.execute(_USER_BY_ID, {"user_id": user_id},
                                  execution_options={"include_sealed": True}).unique().scalar_one_or_none()
    if user is None or user.session_version != version or not user.is_active:
        return None
    return user


# Features that keep something for a visitor (the shop's cart) take it over at sign-in.
def run_sign_in_hooks(user: User, guest_session: dict) -> None:
    """Each declared hook (`Feature.sign_in_hooks`) with what the session held before it was renewed."""
    for hook in registries().sign_in_hooks:
        hook(user, guest_session)


# --- registration by customers themselves --------------------------------------------------------------

CONFIRMATION_LIFETIME = timedelta(days=2)


def _confirmation_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="pathways-confirm-email")


def _fingerprint(user: User) -> str:
    # Ties a link to the password chosen with it: a later registration of the same address voids older links.
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def confirmation_token(user: User) -> str:
    return _confirmation_serializer().dumps({"u": user.id, "p": _fingerprint(user)})


def register_customer(display_name: str, email: str, password: str, *, locale: str | None,
                      send_confirmation, send_already_registered, send_already_waiting) -> None:
    """A shop customer's own account (see `register_self`)."""
    register_self(Role.CUSTOMER, display_name, email, password, locale=locale, send_confirmation=send_confirmation,
                  send_already_registered=send_already_registered, send_already_waiting=send_already_waiting)


def register_self(role: Role, display_name: str, email: str, password: str, *, locale: str | None,
                  send_confirmation, send_already_registered, send_already_waiting,
                  phone: str | None = None) -> User | None:
    """Same work and same answer for every address, and nothing that sign-in can tell apart. A new address
    gets an account that waits for the link sent to it. An address whose account waits already keeps the
    name and password chosen first (else whoever registers last would choose the owner's password); an
    address with an account keeps it as it is: both get a mail saying so. `send_*` are called with the
    user to write the mail (accounts.mail). Returns the new account, or None when the address had one (the
    caller must answer the same either way, and may add to a new account only)."""
    problem = password_problem(password)
    if problem:
        raise AccountError(problem, "password")
    email = normalise(email) or ""
    password_hash = hash_password(password)  # hashed on every path: an existing address costs the same
    existing = find_by_login_name(email)
    if existing is not None:
        if existing.awaiting_confirmation:
            audit.record("account.register_again", "user", existing.id, actor=None)
            send_already_waiting(existing)
        else:
            send_already_registered(existing)
        return None
    user = User(role=role.value, display_name=display_name.strip(), email=email, phone=phone,
                awaiting_confirmation=True, locale=locale, password_hash=password_hash)
    try:
        with savepoint():
            db.session.add(user)
            db.session.flush()
    except sa.exc.IntegrityError:
        # The same address registered by another request at the same moment: that one is the first.
        first = find_by_login_name(email)
        if first is not None:
            audit.record("account.register_again", "user", first.id, actor=None)
            send_already_waiting(first)
        return None
    audit.record("account.register", "user", user.id, actor=None, detail={"role": role.value})
    send_confirmation(user)
    return user


def remind_to_confirm(user: User, send_confirmation) -> None:
    """Someone signed in with the right password to an account that waits for its link: mail the link again,
    a few times an hour at most, and only to the address (the answer on the page says nothing)."""
    if user.email and not throttle.claim(throttle.confirmation_reminder_limits(user.email)):
        send_confirmation(user, send_now=False)


def cancellation_token(user: User) -> str:
    return _cancel_serializer().dumps({"u": user.id, "p": _fingerprint(user)})


def _cancel_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="pathways-cancel-registration")


def cancel_registration(token: str) -> None:
    """The address's owner removes a registration that waits for its link and that they did not make (or
    whose password they forgot), so they can register again. Only the mailbox has the token."""
    try:
        data = _cancel_serializer().loads(token, max_age=int(CONFIRMATION_LIFETIME.total_seconds() * 2))
    except BadSignature:
        data = None
    user = db.session.get(User, record_id(str(data.get("u", ""))) or 0) if isinstance(data, dict) else None
    if user is None or not user.awaiting_confirmation or data.get("p") != _fingerprint(user):
        raise AccountError(_l("This link does not work any more. Please register again to get a new one."))
    audit.record("account.registration_cancelled", "user", user.id, actor=None)
    db.session.delete(user)
    db.session.flush()


def confirm_email(token: str) -> User:
    refusal = AccountError(_l("This link does not work any more. Please register again to get a new one."))
    try:
        data = _confirmation_serializer().loads(token, max_age=int(CONFIRMATION_LIFETIME.total_seconds()))
    except BadSignature:
        raise refusal from None
    user = db.session.get(User, record_id(str(data.get("u", ""))) or 0) if isinstance(data, dict) else None
    if user is None or not user.awaiting_confirmation or data.get("p") != _fingerprint(user):
        raise refusal
    user.awaiting_confirmation = False
    audit.record("account.email_confirmed", "user", user.id, actor=user)
    db.session.flush()
    # What another feature does once an address is confirmed (training: an employer that registered itself
    # joins staff's list of employers to verify).
    hooks.collect("email_confirmed", user)
    return user


def forget_unconfirmed_registrations() -> int:
    """Scheduled: registrations never confirmed are removed after the link has expired."""
    stale = db.session.scalars(sa.select(User).where(
        User.awaiting_confirmation.is_(True), User.created_at < utcnow() - CONFIRMATION_LIFETIME * 2)).all()
    for user in stale:
        db.session.delete(user)
    db.session.flush()
    return len(stale)
