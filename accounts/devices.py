"""Remembered devices: a browser where someone chose "keep me signed in" skips their account's growing
sign-in delay (accounts.throttle). The cookie holds random ids; each is a row here, stored as its sha256, so the
server can take it back: quick exit and sign-out forget the device they happen on, a new password (or set-up
code) and a disabled account forget every device, and people forget any of theirs on their devices page.

Services flush; the unit of work commits."""
from __future__ import annotations

import hashlib
import re
import secrets

import sqlalchemy as sa

from accounts.models import RememberedDevice
from core import audit
from core.db import utcnow
from core.extensions import db
from core.models import User

# One browser may be remembered for a few accounts (a family phone); the cookie keeps the newest ones.
MAX_PER_BROWSER = 5
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tokens_from_cookie(value: str | None) -> list[str]:
    """The ids a cookie holds, well-formed ones only (anything else counts as nothing)."""
    return [token for token in (value or "").split(".") if _TOKEN.match(token)][:MAX_PER_BROWSER]


def cookie_value(tokens: list[str]) -> str:
    return ".".join(tokens[:MAX_PER_BROWSER])


def describe(user_agent: str | None) -> str:
    """A few words that let a person tell their devices apart; nothing more is kept of the browser."""
    agent = user_agent or ""
    system = next((name for key, name in (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"),
                                          ("Windows", "Windows"), ("Mac OS", "Mac"), ("CrOS", "ChromeOS"),
                                          ("Linux", "Linux")) if key in agent), "")
    browser = next((name for key, name in (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("SamsungBrowser", "Samsung"),
                                           ("Chrome/", "Chrome"), ("Safari/", "Safari")) if key in agent), "")
    return " · ".join(part for part in (browser, system) if part)[:80]


def remember(user: User, user_agent: str | None) -> str:
    """A new remembered device for this account; returns the id for the cookie (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    db.session.add(RememberedDevice(user_id=user.id, token_hash=token_hash(token), label=describe(user_agent)))
    db.session.flush()
    return token


def _rows_for(tokens: list[str]):
    return sa.select(RememberedDevice).where(RememberedDevice.token_hash.in_([token_hash(t) for t in tokens]))


def trusted_for(login_name: str | None, tokens: list[str]) -> bool:
    """Does one of this browser's ids belong to the account signing in by this name? One query, the same for
    an unknown name as for a known one without a device."""
    name = (login_name or "").strip().lower()
    if not tokens or not name:
        return False
    row = db.session.scalar(_rows_for(tokens).join(User, User.id == RememberedDevice.user_id)
                            .where(sa.or_(User.username == name, User.email == name)).limit(1))
    if row is None:
        return False
    row.last_used_at = utcnow()
    return True


def mine(user: User, tokens: list[str]) -> list[str]:
    """Which of this browser's ids are remembered for this account."""
    hashes = {token_hash(t): t for t in tokens}
    if not hashes:
        return []
    found = db.session.scalars(sa.select(RememberedDevice.token_hash).where(
        RememberedDevice.user_id == user.id, RememberedDevice.token_hash.in_(list(hashes)))).all()
    return [hashes[h] for h in found]


def forget_browser(tokens: list[str], user: User | None = None) -> None:
    """Quick exit (every account on this browser) or sign-out (only the account signing out)."""
    if not tokens:
        return
    query = sa.delete(RememberedDevice).where(RememberedDevice.token_hash.in_([token_hash(t) for t in tokens]))
    if user is not None:
        query = query.where(RememberedDevice.user_id == user.id)
    db.session.execute(query)
    db.session.flush()


def forget_all(user: User) -> None:
    """A new password, a set-up code used, a disabled account: no browser keeps skipping the delay."""
    db.session.execute(sa.delete(RememberedDevice).where(RememberedDevice.user_id == user.id))
    db.session.flush()


def listed(user: User) -> list[RememberedDevice]:
    return list(db.session.scalars(sa.select(RememberedDevice).where(RememberedDevice.user_id == user.id)
                                   .order_by(RememberedDevice.last_used_at.desc(), RememberedDevice.id.desc())))


def forget_one(user: User, device_id: int) -> bool:
    """From the devices page: only the person's own devices; False when there is no such device (any more)."""
    device = db.session.scalar(sa.select(RememberedDevice).where(RememberedDevice.id == device_id,
                                                                 RememberedDevice.user_id == user.id))
    if device is None:
        return False
    db.session.delete(device)
    audit.record("account.device_forgotten", "user", user.id, actor=user)
    db.session.flush()
    return True
