"""Who saw which participant's data: recorded by design, not by each view remembering to.

Features declare the models that hold a participant's data and how to find whose it is. During a request,
every such row the ORM loads for anyone but the participant themself is noted; when the response is ready, one
audit entry per participant shown is written ("participant.view", with the page), unless the same person
already has one for that participant from the last READ_LOG_MINUTES (10) minutes. So a list of twenty people
writes twenty entries, a new staff page is covered the day it is added, and an export that reads plain
columns calls `shown()` itself. A page that re-shows a form with errors (the request's changes are rolled
back) still records what it showed.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, has_request_context, request
from flask_login import current_user

from core.db import utcnow
from core.extensions import db
from core.features import registries
from core.models import AuditEntry, Role, User
from core.unit_of_work import apart

VIEW_ACTION = "participant.view"


def _viewer() -> Any:
    if not has_request_context() or not current_user or not current_user.is_authenticated:
        return None
    return current_user


def _notes() -> dict[str, set]:
    # Called for each row loaded: `g` read once, not through its proxy three times (issue 35).
    found = g._get_current_object().__dict__.get("participant_data_shown")
    if found is None:
        found = g.participant_data_shown = {"ids": set(), "via": set(), "withheld": set()}
    return found


def note_loaded(target: Any) -> None:
    """A row the ORM loaded or refreshed during a request (core.orm_events): note whose data it is, if it is a
    participant's (the models declared as `Feature.participant_data`, and participants' accounts)."""
    model = type(target)
    if model is User:
        if target.__dict__.get("role") != Role.PARTICIPANT.value:
            return
        _notes()["ids"].add(target.__dict__.get("id"))
        return
    found = registries()
    if model in found.participant_data:
        _notes()["ids"].add(target.__dict__.get(found.participant_data[model]))
    elif model in found.participant_data_via:
        attribute, parent = found.participant_data_via[model]
        _notes()["via"].add((parent, target.__dict__.get(attribute)))


def shown(participant_ids: Iterable[int]) -> None:
    """Note participants whose data a response shows without loading their rows (an export of columns)."""
    if has_request_context():
        _notes()["ids"].update(participant_ids)


def withheld(participant_ids: Iterable[int]) -> None:
    """Rows a page loaded but deliberately did not show (an application sealed from its reviewer)."""
    if has_request_context():
        _notes()["withheld"].update(participant_ids)


def _participants_shown() -> set[int]:
    notes = g.get("participant_data_shown")
    if not notes:
        return set()
    ids = {i for i in notes["ids"] if i is not None}
    by_parent: dict[type, set[int]] = {}
    for parent, parent_id in notes["via"]:
        if parent_id is not None:
            by_parent.setdefault(parent, set()).add(parent_id)
    for parent, parent_ids in by_parent.items():
        column = getattr(parent, registries().participant_data[parent])
        parent_id = parent.id  # type: ignore[attr-defined]
        ids.update(db.session.scalars(sa.select(column).where(parent_id.in_(parent_ids))).all())
    return ids - notes["withheld"]


def _record(response: Response) -> Response:
    viewer = _viewer()
    if viewer is None or not 200 <= response.status_code < 300:  # a redirect or an error shows nothing
        g.pop("participant_data_shown", None)
        return response
    ids = _participants_shown() - {viewer.id}
    g.pop("participant_data_shown", None)
    if not ids:
        return response
    ids -= _seen_lately(viewer.id, ids)
    if not ids:
        return response
    rows = [{"actor_id": viewer.id, "actor_role": viewer.role, "action": VIEW_ACTION,
             "record_type": "participant", "record_id": str(pid), "ip_address": request.remote_addr,
             "detail": {"page": request.endpoint}} for pid in sorted(ids)]
    if g.get("refused"):
        # The request's own changes are rolled back; what it showed was still seen.
        with apart() as connection:
            connection.execute(sa.insert(AuditEntry), rows)
    else:
        db.session.execute(sa.insert(AuditEntry), rows)
    return response


def _seen_lately(viewer_id: int, ids: set[int]) -> set[int]:
    """Participants this person already has an entry for within the last few minutes (a list paged through,
    a page reloaded): one entry says as much, and the log stays readable. One statement for the page."""
    window = current_app.config.get("READ_LOG_MINUTES", 10)
    if not window:
        return set()
    since = utcnow() - timedelta(minutes=window)
    return {int(r or 0) for r in db.session.scalars(sa.select(AuditEntry.record_id).where(
        AuditEntry.actor_id == viewer_id, AuditEntry.action == VIEW_ACTION, AuditEntry.record_type == "participant",
        AuditEntry.record_id.in_([str(i) for i in ids]), AuditEntry.at >= since))}


def init_app(app: Flask) -> None:
    # Registered after the unit of work, so it runs before it: the entries go into the request's commit.
    app.after_request(_record)
