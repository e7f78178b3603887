"""Two-step sign-in: after the password, a 6-digit code from an authenticator app (TOTP, RFC 6238) or one of ten
recovery codes. Work accounts (staff, shop managers, admins) must have it when TWO_FACTOR_REQUIRED_FOR_WORK_ACCOUNTS
is on; employers and customers may turn it on; participants are never asked and never offered it (a code app
on a shared or watched phone is a risk for them, not a protection).

The app's secret is sealed with a key drawn from SECRET_KEY (a new SECRET_KEY means every factor must be reset
by an admin) and never shown after enrolment. A code is accepted one 30-second step either side of now, and
only for a step later than the last one used, so a code seen over a shoulder is worth nothing afterwards.

Services flush; the unit of work commits."""
from __future__ import annotations

import base64
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

from accounts import trusted_browsers
from accounts.models import RecoveryCode, SecondFactor
from core import audit, notify
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import Role, User
from core.refusal import Refusal

MUST_HAVE = {Role.STAFF.value, Role.MANAGER.value, Role.ADMIN.value}
MAY_CHOOSE = {Role.EMPLOYER.value, Role.CUSTOMER.value}
STEP_SECONDS = 30
RECOVERY_CODES = 10
# No 0/O or 1/I/L: recovery codes are written on paper and typed back by hand.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class TwoFactorError(Refusal):
    """A refusal the person can read, naming the field."""


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
    return hmac.new(current_app.config["SECRET_KEY"].encode(), b"pathways-two-factor-" + purpose.encode(),
                    hashlib.sha256).digest()


def _stream(nonce: bytes, length: int) -> bytes:
    # HMAC-SHA256 as a pseudo-random function in counter mode: the standard library has no block cipher.
    blocks = (hmac.new(_key("seal"), nonce + n.to_bytes(4, "big"), hashlib.sha256).digest()
              for n in range(length // 32 + 1))
    return b"".join(blocks)[:length]


def seal(secret: str) -> str:
    nonce = secrets.token_bytes(16)
    data = secret.encode()
    sealed = bytes(a ^ b for a, b in zip(data, _stream(nonce, len(data)), strict=True))
    tag = hmac.new(_key("tag"), nonce + sealed, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(nonce + sealed + tag).decode()


def unseal(value: str | None) -> str | None:
    """The secret, or None for anything not sealed by this app with this SECRET_KEY."""
    try:
        raw = base64.urlsafe_b64decode((value or "").encode())
    except (ValueError, TypeError):
        return None
    nonce, sealed, tag = raw[:16], raw[16:-16], raw[-16:]
    if len(raw) < 33 or not hmac.compare_digest(tag, hmac.new(_key("tag"), nonce + sealed,
                                                              hashlib.sha256).digest()[:16]):
        return None
    return bytes(a ^ b for a, b in zip(sealed, _stream(nonce, len(sealed)), strict=True)).decode()


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
    totp = pyotp.TOTP(secret)
    now = _now_step()
    for step in (now - 1, now, now + 1):  # one step of clock drift either way
        if step > after and hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def _digits(code: str | None) -> str:
    return "".join((code or "").split()).replace("-", "")


def confirm_enrolment(user: User, secret: str, code: str) -> list[str]:
    """The person typed a current code from the app that scanned `secret`: the factor is on. Returns the ten
    recovery codes, to be shown once."""
    if not may_use(user):
        raise TwoFactorError(_l("Two-step sign-in is not offered for this account."), "code")
    if db.session.get(SecondFactor, user.id) is not None:
        raise TwoFactorError(_l("Two-step sign-in is already on for your account."), "code")
    step = _matching_step(secret, _digits(code), after=0)
    if step is None:
        raise TwoFactorError(_l("That code is not right. Type the 6 digits your app shows now."), "code")
    db.session.add(SecondFactor(user_id=user.id, secret_sealed=seal(secret), last_step=step))
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


def renew_recovery_codes(user: User) -> list[str]:
    """Ten new codes; the old ones stop working."""
    if factor_of(user) is None:
        raise TwoFactorError(_l("Two-step sign-in is not on for your account."))
    codes = _new_recovery_codes(user)
    audit.record("account.recovery_codes_renewed", "user", user.id, actor=user)
    db.session.flush()
    return codes


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(sa.select(sa.func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


# --- the second step of signing in ----------------------------------------------------------------------------

def check_code(user: User, code: str | None) -> bool:
    """A current app code not used before, or an unused recovery code. Each is taken by one conditional UPDATE,
    so two requests racing with the same code cannot both pass."""
    factor = factor_of(user)
    typed = _digits(code)
    if factor is None or not typed:
        return False
    if typed.isascii() and typed.isdigit() and len(typed) == 6:
        secret = unseal(factor.secret_sealed)
        step = _matching_step(secret, typed, after=factor.last_step) if secret else None
        return step is not None and changed_rows(
            sa.update(SecondFactor).where(SecondFactor.user_id == user.id, SecondFactor.last_step < step)
            .values(last_step=step).execution_options(synchronize_session=False)) == 1
    used = changed_rows(sa.update(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _recovery_hash(user.id, typed),
        RecoveryCode.used_at.is_(None)).values(used_at=utcnow()).execution_options(synchronize_session=False))
    if used:
        audit.record("account.recovery_code_used", "user", user.id, actor=user)
    return used == 1


# --- an admin's reset ---------------------------------------------------------------------------------------------

def reset(admin: User, person: User) -> None:
    """A lost phone: the factor, its recovery codes and trusted browsers go, every session ends, and the person
    is told. A work account that must have a factor enrols again at its next sign-in."""
    # One conditional DELETE decides: of two admins (or a double click) resetting at once, one resets and
    # tells the person; the other finds nothing left to reset.
    if changed_rows(sa.delete(SecondFactor).where(SecondFactor.user_id == person.id)
                    .execution_options(synchronize_session=False)) != 1:
        raise TwoFactorError(_l("This account has no second step to reset."))
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == person.id))
    trusted_browsers.forget_all(person)
    person.session_version += 1
    audit.record("account.two_factor_reset", "user", person.id, actor=admin)
    db.session.flush()
    notify.notify(person, "account.two_factor_reset", link=notify.path_for("two_factor.security"))
