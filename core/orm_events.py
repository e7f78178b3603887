"""Every SQLAlchemy event listener of the app, set in one place by `listen()` (at the start of create_app).

They are set on classes (Engine, Session, a model), so once per process; the functions they call live with
what they serve, and those that belong to a feature are reached through the current app's registries
(core.features), never imported here. What runs when:

- connect (each new database connection): core.db.sqlite_pragmas (foreign keys, WAL, busy timeout on SQLite);
- do_orm_execute (each ORM statement, before it runs), in this order:
  core.unit_of_work.note_statement_writes (a bulk or text statement marks the unit of work as written),
  core.versioned_cache.bump_for_statement (a bulk statement on a watched table gives its caches a new version),
  each feature's `statement_hooks` (grants.sealing.filter_statement: rows sealed from a reviewer left out);
- after_flush: core.unit_of_work.note_writes, then core.versioned_cache.bump_after_flush (a change to a
  watched model gives its caches a new version, in the same transaction), then each feature's `flush_hooks`
  (privacy.retention.note_activity: a participant's new or changed rows move their last activity to now);
- after_commit: core.unit_of_work.run_after_commit (the side effects registered with `after_commit()`, and
  queue the work registered with `then()`);
- after_soft_rollback: core.unit_of_work.forget_after_commit (the outermost transaction rolled back: forget both);
- load, refresh (a row of a participant's account or of a model declared as `participant_data` is read, during
  a request): each feature's `row_loaded` hook (privacy.access_log.note_loaded: "who opened my record").
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask, has_app_context, has_request_context
from sqlalchemy.engine import Engine
from sqlalchemy.orm import ORMExecuteState, Session

from core import unit_of_work, versioned_cache
from core.db import sqlite_pragmas
from core.features import registries
from core.models import User


def _statement_hooks(state: ORMExecuteState) -> None:
    if has_app_context():
        for hook in registries().statement_hooks:
            hook(state)


def _flush_hooks(session: Session, flush_context: Any) -> None:
    if has_app_context():
        for hook in registries().flush_hooks:
            hook(session, flush_context)


def _row_loaded(target: Any, context: Any) -> None:
    if has_request_context():
        for hook in registries().row_loaded:
            hook(target)


def _row_refreshed(target: Any, context: Any, attrs: Any) -> None:
    _row_loaded(target, context)


def _once(target: Any, name: str, function: Any) -> None:
    if not sa.event.contains(target, name, function):
        sa.event.listen(target, name, function)


def listen_to_loads(model: type) -> None:
    """Loads of `model` call the `row_loaded` hooks (a model declared as participant data)."""
    _once(model, "load", _row_loaded)
    _once(model, "refresh", _row_refreshed)


def listen_to_participant_data(app: Flask) -> None:
    """After the features are installed: loads of each model they declared as participant data."""
    found = registries(app)
    for model in (*found.participant_data, *found.participant_data_via):
        listen_to_loads(model)


def listen() -> None:
    """Set every listener (once per process; calling it again changes nothing)."""
    _once(Engine, "connect", sqlite_pragmas)
    _once(Session, "do_orm_execute", unit_of_work.note_statement_writes)
    _once(Session, "do_orm_execute", versioned_cache.bump_for_statement)
    _once(Session, "do_orm_execute", _statement_hooks)
    _once(Session, "after_flush", unit_of_work.note_writes)
    _once(Session, "after_flush", versioned_cache.bump_after_flush)
    _once(Session, "after_flush", _flush_hooks)
    _once(Session, "after_commit", unit_of_work.run_after_commit)
    _once(Session, "after_soft_rollback", unit_of_work.forget_after_commit)
    listen_to_loads(User)  # a participant's own account is their data too (privacy.access_log)
