"""The audit log: one call adds an entry to the current transaction; the caller's service commits."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy.orm import joinedload

from core import clock
from core.extensions import db
from core.models import AuditEntry, User
from core.pagination import count_up_to


def client_address() -> str | None:
    return request.remote_addr if has_request_context() else None


def record(action: str, record_type: str, record_id: Any = None, *, actor: User | None = None,
           detail: dict | None = None) -> AuditEntry:
    """Add an audit entry to the session (no commit: it lands with the change it describes)."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    entry = AuditEntry(
        actor_id=actor.id if actor else None,
        actor_role=actor.role if actor else None,
        action=action,
        record_type=record_type,
        record_id=None if record_id is None else str(record_id),
        ip_address=client_address(),
        detail=detail,
    )
    db.session.add(entry)
    return entry


PAGE_SIZE = 50


def search(*, action: str | None = None, record_type: str | None = None, actor: str | None = None,
           since=None, until=None, page: int = 1) -> tuple[list[AuditEntry], int]:
    """Entries newest first, filtered; `since`/`until` are dates of the programme's clock, both inclusive."""
    zone = clock.zone()
    query = sa.select(AuditEntry)
    if action:
        query = query.where(AuditEntry.action.startswith(action.strip(), autoescape=True))
    if record_type:
        query = query.where(AuditEntry.record_type == record_type.strip())
    if actor:
        name = actor.strip().lower()
        query = query.join(User, AuditEntry.actor_id == User.id).where(
            sa.or_(User.username == name, User.email == name))
    if since:
        query = query.where(AuditEntry.at >= datetime.combine(since, time.min, zone))
    if until:
        query = query.where(AuditEntry.at < datetime.combine(until + timedelta(days=1), time.min, zone))
    total = count_up_to(query, page, PAGE_SIZE)
    rows = db.session.scalars(query.options(joinedload(AuditEntry.actor))
                              .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                              .limit(PAGE_SIZE).offset(max(page - 1, 0) * PAGE_SIZE)).all()
    return list(rows), total
