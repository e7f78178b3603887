"""Who may open which page, session limits, and the protective headers on every response.

Sign-in is required by default: a view is open to strangers only when marked `@public`, and limited to some
roles with `@roles_required(...)`. One `before_request` guard enforces both, so a view cannot forget them.
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Flask, abort, current_app, flash, g, redirect, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from core.models import Role


def derived_key(purpose: str) -> bytes:
    """A key for one purpose, drawn from SECRET_KEY (HMAC-SHA256 of the purpose's name): one place, so no
    feature keys its own hash with the raw secret that also signs the session."""
    return hmac.new(current_app.config["SECRET_KEY"].encode(), purpose.encode(), hashlib.sha256).digest()


CSP = ("default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'; img-src 'self' data:")


def public(view: Callable) -> Callable:
    view.public = True
    return view


def cacheable(view: Callable) -> Callable:
    """A file the same for everyone (a product picture): the browser may keep it."""
    view.cacheable = True
    return view


def roles_required(*roles: Role) -> Callable[[Callable], Callable]:
    def mark(view: Callable) -> Callable:
        view.allowed_roles = frozenset(role.value for role in roles)
        return view
    return mark


def view_rules(endpoint: str | None) -> tuple[bool, frozenset[str] | None]:
    """(is public, allowed roles or None for any signed-in person) for an endpoint."""
    if endpoint is None or endpoint == "static" or endpoint.endswith(".static"):
        return True, None
    view = current_app.view_functions.get(endpoint)
    return bool(getattr(view, "public", False)), getattr(view, "allowed_roles", None)


class PerRequestSecureSessionInterface(SecureCookieSessionInterface):
    """Mark the session cookie Secure whenever the request itself came over HTTPS. The cookie's serializer is
    made once for each set of keys, not twice a request (~90 calls; issue 35): it holds nothing but the keys."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure

    def get_signing_serializer(self, app: Flask):  # type: ignore[no-untyped-def]
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        kept = app.extensions.get("pathways_session_serializer")
        if kept is None or kept[0] != keys:
            kept = app.extensions["pathways_session_serializer"] = (keys, super().get_signing_serializer(app))
        return kept[1]


def _now_ts() -> float:
    return datetime.now(UTC).timestamp()


# Roles that may keep a session on their own device. Work accounts open other people's records: their
# sessions always end with the browser and after the idle limit.
MAY_KEEP_SIGNED_IN = {Role.PARTICIPANT.value, Role.CUSTOMER.value, Role.EMPLOYER.value}


def start_session(keep: bool = False) -> None:
    """Called at sign-in, after `session.clear()`: the clock for idle and absolute limits starts now. The
    cookie ends with the browser (a shared phone) unless the person asked to stay signed in on this device."""
    session.permanent = keep
    if keep:
        session["kept"] = True
    session["login_at"] = session["seen_at"] = _now_ts()


def _session_expired() -> bool:
    config = current_app.config
    now = _now_ts()
    login_at = session.get("login_at", 0)
    seen_at = session.get("seen_at", 0)
    if session.get("kept"):
        absolute = idle = timedelta(days=config["KEEP_SIGNED_IN_DAYS"])
    else:
        absolute = timedelta(hours=config["SESSION_ABSOLUTE_HOURS"])
        idle = timedelta(minutes=config["SESSION_IDLE_MINUTES"])
    return now - login_at > absolute.total_seconds() or now - seen_at > idle.total_seconds()


def guard_request():
    is_public, allowed = view_rules(request.endpoint)
    user = current_user._get_current_object()  # type: ignore[attr-defined]  # the proxy, read once
    if user.is_authenticated:
        if _session_expired():
            logout_user()
            session.clear()
            flash(_("You were signed out after a while without activity. Please sign in again."), "info")
            if not is_public:
                return redirect(url_for("auth.login"))
        elif _now_ts() - session.get("seen_at", 0) > 30:
            session["seen_at"] = _now_ts()  # rewritten at most every 30 s, not on every request
    if is_public:
        return None
    if not user.is_authenticated:  # (a session just ended has returned above)
        return current_app.login_manager.unauthorized()
    if allowed is not None and user.role not in allowed:
        abort(403)
    return None


def content_security_policy() -> str:
    """The policy; with Stripe on, forms may also lead to the hosted Checkout page (a redirect after POST)."""
    origin = current_app.config.get("STRIPE_CHECKOUT_ORIGIN")
    if current_app.config.get("STRIPE_SECRET_KEY") and origin:
        return CSP.replace("form-action 'self'", f"form-action 'self' {origin}")
    return CSP


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy())
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"
    headers["Permissions-Policy"] = "geolocation=(), camera=(), microphone=()"
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    # No page is kept by the browser or any proxy: on a shared phone, Back or the cache must not show what
    # someone read (a guest's order page has a name and address without any sign-in). Only the static files
    # (CSS, script, fonts, product pictures) are cached.
    if not _is_static(request.endpoint) or g.get("keep_private"):
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    return response


def _is_static(endpoint: str | None) -> bool:
    if endpoint is None:
        return False
    view = current_app.view_functions.get(endpoint)
    return endpoint == "static" or endpoint.endswith(".static") or bool(getattr(view, "cacheable", False))


def init_app(app: Flask) -> None:
    app.session_interface = PerRequestSecureSessionInterface()
    app.before_request(guard_request)
    app.after_request(set_security_headers)


def keep_private() -> None:
    """This response holds personal data: the browser must not store it, whoever is signed in."""
    g.keep_private = True
