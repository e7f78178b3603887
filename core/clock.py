"""The programme's clock: its days are Bangkok days (PROGRAMME_TIMEZONE), not the server's.

Every rule that asks "what day is it" (due dates, overdue, ages, daily jobs, reports, file names) asks here;
tests move it with time_machine like any clock."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app, has_app_context

DEFAULT_ZONE = "Asia/Bangkok"


def zone(app: Flask | None = None) -> ZoneInfo:
    """The programme's time zone (PROGRAMME_TIMEZONE, default Asia/Bangkok)."""
    app = app or (current_app if has_app_context() else None)
    return ZoneInfo((app.config.get("BABEL_DEFAULT_TIMEZONE") if app else None) or DEFAULT_ZONE)


def now() -> datetime:
    return datetime.now(zone())


def today() -> date:
    return now().date()
