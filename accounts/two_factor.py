"""Two-step sign-in: after the password, a 6-digit code from an authenticator app (TOTP, RFC 6238) or one of ten
recovery codes. Work accounts (staff, shop managers, admins) must have it when TWO_FACTOR_REQUIRED_FOR_WORK_ACCOUNTS
is on; employers and customers may turn it on; participants are never asked and never offered it (a code app
on a shared or watched phone is a risk for them, not a protection).

The app's secret is sealed (AES-GCM under TWO_FACTOR_KEY, accounts.sealing) and never shown after enrolment. A
code is accepted one 30-second step either side of now, and only for a step later than the last one used, so a
code seen over a shoulder is worth nothing afterwards. Wrong codes of one account lock its second step for a
while, from every address (accounts.throttle), and each is audited (never the code itself).

Services flush; the unit of work commits."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
import segno
import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from accounts import enrolment_codes, sealing, throttle, trusted_browsers
from accounts.models import RecoveryCode, SecondFactor
from accounts.passwords import verify_password
from core import audit, notify
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import AuditEntry, Role, User
from core.refusal import Refusal
from core.security import derived_key
from core.unit_of_work import apart

MUST_HAVE = {Role.STAFF.value, Role.MANAGER.value, Role.ADMIN.value}
MAY_CHOOSE = {Role.EMPLOYER.value, Role.CUSTOMER.value}
STEP_SECONDS = 30
RECOVERY_CODES = 10
# No 0/O or 1/I/L: recovery codes are written on paper and typed back by hand.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class TwoFactorError(Refusal):
    """A refusal the person can read, naming the field."""


class WrongCode(TwoFactorError):
    """A wrong code or proof: counted, audited, and (at the limit) the lock told; the page says so and keeps
    those records, as a wrong password does."""


def may_use(user: User) -> bool:
    return user.role in MUST_HAVE or user.role in MAY_CHOOSE


def must_have(user: User) -> bool:
    return user.role in MUST_HAVE and bool(current_app.config["TWO_FACTOR_REQUIRED_FOR_WORK_ACCOUNTS"])


def factor_of(user: User) -> SecondFactor | None:
    if not may_use(user):
        return None  # never asked of participants, whatever a row might say
    return db.session.get(SecondFactor, user.id)


# --- the sealed secret ------------------------------------------------------------------------------------

def _key(purpose: str) -> bytes:
    # Recovery codes are hashed (HMAC), not sealed: this key stays drawn from SECRET_KEY.
    return derived_key(f"pathways-two-factor-{purpose}")


def seal(secret: str, user_id: int | None) -> str:
    return sealing.seal(secret, user_id)


def unseal(value: str | None, user_id: int | None) -> str | None:
    """The secret, or None for anything not sealed by this app, with its keys, for this account."""
    opened = sealing.unseal(value, user_id)
    return opened.secret if opened is not None else None


# --- enrolment ------------------------------------------------------------------------------------------------

def new_secret() -> str:
    return pyotp.random_base32()


def grouped(secret: str) -> str:
    """ABCD EFGH …: easier to read and type into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_code(user: User, secret: str) -> Markup:
    """The secret as a QR code an authenticator app scans, drawn on the server as inline SVG (no script)."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.login_name or str(user.id), issuer_name="Pathways")
    svg = segno.make(uri, error="m").svg_inline(scale=4, border=4, light="#fff", dark="#000",
                                                title=str(_l("QR code for your authenticator app")))
    # segno's own SVG of a URI we built (bandit's B704 and ruff's S704 ask for this word): no input in it.
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S704  # nosec B704


def _now_step() -> int:
    return int(time.time()) // STEP_SECONDS


def _matching_step(secret: str, code: str, after: int) -> int | None:
    if not _looks_like_app_code(code):
        return None  # compare_digest takes ASCII only: Thai or fullwidth digits are simply a wrong code
    totp = pyotp.TOTP(secret)
    now = _now_step()
    for step in (now - 1, now, now + 1):  # one step of clock drift either way
        if step > after and hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def _digits(code: str | None) -> str:
    return "".join((code or "").split()).replace("-", "")


def confirm_enrolment(user: User, secret: str, code: str, *, enrolment_code_id: int | None = None) -> list[str]:
    """The person typed a current code from the app that scanned `secret`: the factor is on. Returns the ten
    recovery codes, to be shown once. At a sign-in (not yet signed in), the enrolment code the person typed is
    spent here, once (accounts.enrolment_codes)."""
    if not may_use(user):
        raise TwoFactorError(_l("Two-step sign-in is not offered for this account."), "code")
    if db.session.get(SecondFactor, user.id) is not None:
        raise TwoFactorError(_l("Two-step sign-in is already on for your account."), "code")
    step = _matching_step(secret, _digits(code), after=0)
    if step is None:
        raise TwoFactorError(_l("That code is not right. Type the 6 digits your app shows now."), "code")
    if enrolment_code_id is not None and not enrolment_codes.spend(user, enrolment_code_id):
        raise TwoFactorError(_l("Your enrolment code was used or has expired. Ask a Pathways admin for a new one."),
                             "code")
    db.session.add(SecondFactor(user_id=user.id, secret_sealed=seal(secret, user.id), last_step=step))
    audit.record("account.two_factor_on", "user", user.id, actor=user)
    codes = _new_recovery_codes(user)
    db.session.flush()
    return codes


# --- recovery codes ---------------------------------------------------------------------------------------------

def _recovery_hash(user_id: int, code: str) -> str:
    cleaned = _digits(code).upper()
    return hmac.new(_key("recovery"), f"{user_id}:{cleaned}".encode(), hashlib.sha256).hexdigest()


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_recovery_hash(user.id, raw)))
    return codes


def renew_recovery_codes(user: User, proof: str | None) -> list[str]:
    """Ten new codes; the old ones stop working. Only with a fresh proof in the same form: a current code from
    the app, or the password (a session left open on a shared computer must not hand out new codes)."""
    if factor_of(user) is None:
        raise TwoFactorError(_l("Two-step sign-in is not on for your account."))
    _claim_or_refuse(user, "proof")
    typed = _digits(proof)
    right = _take_app_code(user, typed) if _looks_like_app_code(typed) else \
        bool(proof) and verify_password(user.password_hash, proof or "")
    if not right:
        wrong_code(user, "proof")
        raise WrongCode(_l("Type the code your app shows now, or your password."), "proof")
    # Two renewals at once (a double click) each deleted the codes they could see and added ten: on PostgreSQL
    # twenty worked. The second waits here for the first to commit, then replaces its ten. Taken before the
    # forgiving below, in the order an app-code proof takes them (its step was spent by an UPDATE of this row).
    db.session.execute(sa.update(SecondFactor).where(SecondFactor.user_id == user.id)
                       .values(user_id=SecondFactor.user_id).execution_options(synchronize_session=False))
    _forgive_with_request(user)
    codes = _new_recovery_codes(user)
    audit.record("account.recovery_codes_renewed", "user", user.id, actor=user)
    db.session.flush()
    return codes


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(sa.select(sa.func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


# --- the second step of signing in ----------------------------------------------------------------------------

def _looks_like_app_code(typed: str) -> bool:
    return typed.isascii() and typed.isdigit() and len(typed) == 6


def _take_app_code(user: User, typed: str) -> bool:
    """A current app code not used before, taken by one conditional UPDATE (of two requests racing with the
    same code, one passes). Nothing is written for a wrong code. A secret sealed the old way is sealed again."""
    factor = factor_of(user)
    opened = sealing.unseal(factor.secret_sealed, user.id) if factor is not None else None
    step = _matching_step(opened.secret, typed, after=factor.last_step) if opened and factor else None
    if opened is None or step is None:
        return False
    values: dict = {"last_step": step}
    if opened.stale:
        values["secret_sealed"] = seal(opened.secret, user.id)
    return changed_rows(sa.update(SecondFactor).where(SecondFactor.user_id == user.id, SecondFactor.last_step < step)
                        .values(**values).execution_options(synchronize_session=False)) == 1


def _take_recovery_code(user: User, typed: str) -> bool:
    unused = db.session.scalar(sa.select(RecoveryCode.id).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _recovery_hash(user.id, typed),
        RecoveryCode.used_at.is_(None)))
    if unused is None:
        return False  # looked up first: a wrong code writes nothing here (its failure is written apart)
    used = changed_rows(sa.update(RecoveryCode).where(RecoveryCode.id == unused, RecoveryCode.used_at.is_(None))
                        .values(used_at=utcnow()).execution_options(synchronize_session=False))
    if used:
        audit.record("account.recovery_code_used", "user", user.id, actor=user)
    return used == 1


def check_code(user: User, code: str | None) -> bool:
    """A current app code not used before, or an unused recovery code. Each is taken by one conditional UPDATE,
    so two requests racing with the same code cannot both pass."""
    typed = _digits(code)
    if factor_of(user) is None or not typed:
        return False
    return _take_app_code(user, typed) if _looks_like_app_code(typed) else _take_recovery_code(user, typed)


def locked_for(user: User) -> int:
    """Seconds until the account's second step opens again after too many wrong codes; 0 when open."""
    return throttle.second_step_locked_for(user.id)


def claim_try(user: User) -> int:
    """Count a try at the second step before its code is checked (accounts.throttle): 0 when it may go ahead,
    else the seconds to wait. Checked and then counted, wrong codes sent at once all passed the lock."""
    return throttle.second_step_claim(user.id)


def _locked_message(wait: int):
    return _l("Too many wrong codes for this account. Two-step sign-in is locked for %(n)d minutes.",
              n=(wait + 59) // 60)


def _claim_or_refuse(user: User, field: str) -> None:
    wait = claim_try(user)
    if wait:
        raise TwoFactorError(_locked_message(wait), field)


def _forgive_with_request(user: User) -> None:
    throttle.second_step_passed_with_request(user.id)


def wrong_code(user: User, where: str) -> bool:
    """A wrong code (or proof) for this account: counted, and audited, in a transaction of their own (a refused
    request is rolled back; these must stay), without the code. The one that reaches the limit locks the second
    step: audited, and the person is told. Returns whether it locked."""
    with apart() as connection:
        connection.execute(sa.insert(AuditEntry), [{
            "actor_id": user.id, "actor_role": user.role, "action": "account.second_step_failed",
            "record_type": "user", "record_id": str(user.id), "ip_address": audit.client_address(),
            "detail": {"where": where}}])
    locked = throttle.second_step_failed(user.id)
    if locked:
        audit.record("account.second_step_locked", "user", user.id, actor=user,
                     detail={"minutes": current_app.config["TWO_FACTOR_LOCK_MINUTES"]})
        notify.notify(user, "account.second_step_locked", link=notify.path_for("two_factor.security"))
    return locked


def passed(user: User) -> None:
    throttle.second_step_passed(user.id)


# --- turning it off, and an admin's reset -------------------------------------------------------------------------

def _remove(person: User) -> bool:
    # One conditional DELETE decides: of two admins (or a double click) at once, one removes; the other finds none.
    if changed_rows(sa.delete(SecondFactor).where(SecondFactor.user_id == person.id)
                    .execution_options(synchronize_session=False)) != 1:
        return False
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == person.id))
    trusted_browsers.forget_all(person)  # a browser trusted to skip the old factor skips no new one
    return True


def turn_off(user: User, code: str | None) -> None:
    """Employers and customers (and work accounts while it is not required) may turn it off, with a current
    code from the app or a recovery code."""
    if must_have(user):
        raise TwoFactorError(_l("Your work account needs two-step sign-in: it cannot be turned off."), "code")
    if factor_of(user) is None:
        raise TwoFactorError(_l("Two-step sign-in is not on for your account."), "code")
    _claim_or_refuse(user, "code")
    if not check_code(user, code):
        wrong_code(user, "turn_off")
        raise WrongCode(_l("That code is not right, or it was used already. Type the code your app shows now, or "
                           "an unused recovery code."), "code")
    _forgive_with_request(user)
    _remove(user)
    audit.record("account.two_factor_off", "user", user.id, actor=user)
    db.session.flush()


def reset(admin: User, person: User) -> str | None:
    """A lost phone: the factor, its recovery codes and trusted browsers go, every session ends, and the person
    is told. A work account that may be asked for a factor gets an enrolment code, returned to be shown once to
    the admin: with it, and only with it, the person sets up a new app at their next sign-in."""
    if not _remove(person):
        raise TwoFactorError(_l("This account has no second step to reset."))
    person.session_version += 1
    audit.record("account.two_factor_reset", "user", person.id, actor=admin)
    code = enrolment_codes.issue(person, admin) if person.role in enrolment_codes.FOR_ROLES and person.active \
        else None
    db.session.flush()
    notify.notify(person, "account.two_factor_reset", link=notify.path_for("two_factor.security"))
    return code


def forget_everything(user: User) -> None:
    """An anonymised person (a deletion, or their time was up): nothing of their sign-in stays."""
    db.session.execute(sa.delete(SecondFactor).where(SecondFactor.user_id == user.id))
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    trusted_browsers.forget_all(user)
    enrolment_codes.forget_all(user)
