"""The programme's clock: its days are Bangkok days (BABEL_DEFAULT_TIMEZONE), not the server's."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_ZONE = "Asia/Bangkok"


def zone() -> ZoneInfo:
    name = current_app.config.get("BABEL_DEFAULT_TIMEZONE") if has_app_context() else None
    return ZoneInfo(name or DEFAULT_ZONE)


def now() -> datetime:
    return datetime.now(zone())


def today() -> date:
    return now().date()
