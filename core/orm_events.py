"""Every SQLAlchemy event listener of the app, in one place. They are set on classes (Session, Engine, a model),
so once per process; what they do reads the current app (core.features: its registries).

What runs when:
- load, refresh (a row of a participant-data model is read, during a request): each feature's `row_loaded`
  hook (privacy.access_log.note_loaded: "who opened my record").
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import has_request_context

from core.features import registries
from core.models import User


def _row_loaded(target: Any, context: Any) -> None:
    if has_request_context():
        for hook in registries().row_loaded:
            hook(target)


def _row_refreshed(target: Any, context: Any, attrs: Any) -> None:
    _row_loaded(target, context)


def listen_to_loads(model: type) -> None:
    """Loads of `model` call the `row_loaded` hooks (a model declared as participant data; set once)."""
    if not sa.event.contains(model, "load", _row_loaded):
        sa.event.listen(model, "load", _row_loaded)
        sa.event.listen(model, "refresh", _row_refreshed)


def listen() -> None:
    """Set every listener (once per process; again is harmless)."""
    listen_to_loads(User)  # a participant's own account is their data too (privacy.access_log)
