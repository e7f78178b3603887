"""The programme's clock: its days are Bangkok days (PROGRAMME_TIMEZONE), not the server's.

Every rule that asks "what day is it" (due dates, overdue, ages, daily jobs, reports, file names) asks here;
tests move it with time_machine like any clock."""
from __future__ import annotations

import calendar
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


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 -> 28 Feb)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def month_in_zone(column, dialect: str):
    """SQL for the programme's month ("2026-11") of a stored UTC time, so reports group in the database.
    PostgreSQL converts with the zone itself; SQLite shifts by the zone's offset now (exact for zones
    without summer time, such as every zone of the Mekong region)."""
    import sqlalchemy as sa

    if dialect == "postgresql":
        return sa.func.to_char(sa.func.timezone(str(zone()), column), "YYYY-MM")
    offset = now().utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    return sa.func.strftime("%Y-%m", column, f"{minutes:+d} minutes")
