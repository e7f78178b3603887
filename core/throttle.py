"""Sign-in throttling kept in the database, so it holds across every web worker.

Failures are counted per account and per client address over the last minute. An account's failures never
count against another account.
"""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import LoginFailure

WINDOW = timedelta(minutes=1)


def account_key(login_name: str) -> str:
    return "account:" + login_name.strip().lower()


def address_key(address: str | None) -> str:
    return "address:" + (address or "unknown")


def _limit() -> int:
    return current_app.config["LOGIN_FAILURES_PER_MINUTE"]


def seconds_to_wait(*keys: str) -> int:
    """0 when a sign-in may be tried now; otherwise how long until the oldest counted failure expires."""
    since = utcnow() - WINDOW
    wait = 0
    for key in keys:
        times = db.session.scalars(
            sa.select(LoginFailure.at).where(LoginFailure.key == key, LoginFailure.at > since)
            .order_by(LoginFailure.at.desc()).limit(_limit())
        ).all()
        if len(times) >= _limit():
            oldest = times[-1]
            wait = max(wait, int((oldest + WINDOW - utcnow()).total_seconds()) + 1)
    return wait


def add_failure(*keys: str) -> None:
    """Written in a transaction of its own: the refused request is rolled back, its failure must count."""
    rows = [{"key": key, "at": utcnow()} for key in keys]
    bind = db.session.get_bind()
    if isinstance(bind, sa.Engine):
        with bind.begin() as connection:
            connection.execute(sa.insert(LoginFailure), rows)
    else:  # a test that runs everything inside one outer transaction on one connection
        db.session.execute(sa.insert(LoginFailure), rows)


def clear(key: str) -> None:
    db.session.execute(sa.delete(LoginFailure).where(LoginFailure.key == key))


def purge_old_failures() -> int:
    """Scheduled: forget failures older than the window. Returns how many rows went."""
    result = changed_rows(sa.delete(LoginFailure).where(LoginFailure.at < utcnow() - WINDOW))
    return result
