"""Training applications that ended not offered, declined or withdrawn: their message goes a year after
(privacy.retention)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from core.extensions import db
from training.models import Application

ENDED = ("declined", "withdrawn", "not_offered")


def _ended_due(cutoff: datetime):
    return Application.status.in_(ENDED), Application.updated_at < cutoff, Application.message != ""


def count_ended_due(cutoff: datetime) -> int:
    return db.session.scalar(sa.select(sa.func.count(Application.id)).where(*_ended_due(cutoff))) or 0


def forget_ended_due(cutoff: datetime) -> int:
    # A bulk statement: updated_at stays (it tells when the application ended), and no activity is noted.
    result = db.session.execute(sa.update(Application).where(*_ended_due(cutoff))
                                .values(message="", updated_at=Application.updated_at))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
