"""Browsers trusted for 30 days at the second step of signing in: there, the password is enough. The cookie
holds random ids (one per account trusted on that browser); each is a row here, stored as its sha256, so the
server can take it back: "forget" on the security page, a new password, a reset of the second factor.

Kept apart from accounts.devices on purpose: those are participants' "keep me signed in" devices, which skip
the throttle's delay, and forgetting one must never touch the other.

Services flush; the unit of work commits."""
from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, request

from accounts import devices
from accounts.models import TrustedBrowser
from core import audit
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import User

COOKIE = "pathways_trusted"


def tokens_from_cookie(value: str | None) -> list[str]:
    return devices.tokens_from_cookie(value)  # the same well-formed random ids, the same few per browser


def cookie_value(tokens: list[str]) -> str:
    return devices.cookie_value(tokens)


def set_cookie(response, tokens: list[str]) -> None:
    """HttpOnly, SameSite=Lax, and Secure whenever the session cookie is (SESSION_COOKIE_SECURE, as behind a
    proxy that ends HTTPS) or the request came over HTTPS."""
    if not tokens:
        response.delete_cookie(COOKIE)
        return
    secure = bool(current_app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure
    response.set_cookie(COOKIE, cookie_value(tokens), httponly=True, samesite="Lax", secure=secure,
                        max_age=days() * 86400)


def days() -> int:
    return int(current_app.config["TRUST_BROWSER_DAYS"])


def trust(user: User, user_agent: str | None) -> str:
    """A new trusted browser for this account; returns the id for the cookie (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    db.session.add(TrustedBrowser(user_id=user.id, token_hash=devices.token_hash(token),
                                  label=devices.describe(user_agent), expires_at=utcnow() + timedelta(days=days())))
    audit.record("account.browser_trusted", "user", user.id, actor=user)
    db.session.flush()
    return token


def trusted(user: User, tokens: list[str]) -> bool:
    """Is one of this browser's ids trusted, and not expired, for this account?"""
    if not tokens:
        return False
    return db.session.scalar(sa.select(TrustedBrowser.id).where(
        TrustedBrowser.user_id == user.id, TrustedBrowser.expires_at > utcnow(),
        TrustedBrowser.token_hash.in_([devices.token_hash(t) for t in tokens])).limit(1)) is not None


def listed(user: User) -> list[TrustedBrowser]:
    return list(db.session.scalars(sa.select(TrustedBrowser).where(
        TrustedBrowser.user_id == user.id, TrustedBrowser.expires_at > utcnow())
        .order_by(TrustedBrowser.created_at.desc(), TrustedBrowser.id.desc())))


def forget_one(user: User, browser_id: int) -> bool:
    """Only the person's own browsers; False when there is no such browser (any more)."""
    browser = db.session.scalar(sa.select(TrustedBrowser).where(TrustedBrowser.id == browser_id,
                                                                TrustedBrowser.user_id == user.id))
    if browser is None:
        return False
    db.session.delete(browser)
    audit.record("account.browser_forgotten", "user", user.id, actor=user)
    db.session.flush()
    return True


def forget_browser(tokens: list[str]) -> int:
    """The quick exit: this browser is trusted for no account any more (a saved copy of its cookie is worth
    nothing). Returns how many rows went."""
    if not tokens:
        return 0
    return changed_rows(sa.delete(TrustedBrowser).where(
        TrustedBrowser.token_hash.in_([devices.token_hash(t) for t in tokens]))
        .execution_options(synchronize_session=False))


def purge_expired() -> int:
    """Scheduled, nightly: rows whose 30 days are over trust nothing; they go."""
    return changed_rows(sa.delete(TrustedBrowser).where(TrustedBrowser.expires_at <= utcnow())
                        .execution_options(synchronize_session=False))


def forget_all(user: User) -> None:
    """A new password, a second factor reset or turned off, an anonymised person: no browser skips the code."""
    db.session.execute(sa.delete(TrustedBrowser).where(TrustedBrowser.user_id == user.id))
    db.session.flush()
