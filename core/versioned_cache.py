"""Values computed from many rows, kept in each worker's memory until those rows change.

A named cache watches some models (`Feature.cache_watches`, core.features). Any change to them, through the ORM
or by a bulk UPDATE/DELETE/INSERT statement, gives the name a new random version in the `cache_versions` table,
in the same transaction as the change; a reader asks for the version (one small query) and rebuilds only when it
moved. So every worker sees a change as soon as it is committed, and no worker rebuilds on every request. Random
rather than counted: a change that is rolled back must never leave a version that a later, different change
reaches again.
"""
from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import sqlalchemy as sa
from flask import current_app, has_app_context
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import ORMExecuteState, Session

from core.extensions import db
from core.features import registries
from core.models import CacheVersion

_VALUES: dict[tuple[str, str, Hashable], tuple[int, Any]] = {}  # (database, name, part) -> (version, value)
_LOCK = threading.Lock()


def _bump(connection, names: set[str]) -> None:
    table = CacheVersion.__table__
    for name in sorted(names):
        new = secrets.randbits(62) + 1
        insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
        statement = insert(table).values(name=name, version=new)
        connection.execute(statement.on_conflict_do_update(index_elements=["name"], set_={"version": new}))


def bump_after_flush(session: Session, flush_context) -> None:
    if not has_app_context():
        return
    watched = registries().watched
    names: set[str] = set()
    for instance in (*session.new, *session.dirty, *session.deleted):
        names |= watched.get(type(instance), set())
    if names:
        _bump(session.connection(), names)


def bump_for_statement(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete or state.is_insert) or not has_app_context():
        return
    table = getattr(state.statement, "table", None)  # sa.update(Model) and sa.insert(Model.__table__) alike
    names = registries().watched_tables.get(getattr(table, "name", ""), set())
    if names:
        _bump(state.session.connection(), names)


def version(name: str) -> int:
    return db.session.scalar(sa.select(CacheVersion.version).where(CacheVersion.name == name)) or 0


_VERSION = sa.select(CacheVersion.version).where(CacheVersion.name == sa.bindparam("name"))
_VERSION_SQL = "SELECT version FROM cache_versions WHERE name = {}"


def version_apart(name: str) -> int:
    """The version read on a connection of its own, not through the request's session: for a request that reads
    nothing else (a kept page sent again, core.page_cache). Read before anything the page is made from, so what
    the page shows is never older than the version it is kept under."""
    bind = db.engine
    if isinstance(bind, sa.Connection):  # the tests' one connection, inside their outer transaction
        return bind.execute(_VERSION, {"name": name}).scalar() or 0
    return _read(_engine_apart(bind), name)


def _read(apart: sa.Engine, name: str, *, again: bool = True) -> int:
    """One statement on a pooled driver connection. SQLAlchemy's execution around it (compiling, keying,
    result objects) was 0.1 ms of a 0.13 ms read on PostgreSQL, on every kept page sent (issue 35)."""
    sql = _VERSION_SQL.format("?" if apart.dialect.paramstyle == "qmark" else "%s")
    connection = apart.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(sql, (name,))
            row = cursor.fetchone()
        finally:
            cursor.close()
    except apart.dialect.loaded_dbapi.Error as error:
        if not (again and apart.dialect.is_disconnect(error, connection.dbapi_connection, None)):
            raise
        # A server restart or a cut network ends every pooled connection, not only this one: all are dropped
        # (a new pool), and the version is read once more on a new connection.
        connection.invalidate(error)
        apart.dispose(close=False)
    else:
        return (row[0] if row else 0) or 0
    finally:
        connection.close()
    return _read(apart, name, again=False)


_APART: dict[tuple[int, sa.URL], sa.Engine] = {}  # (process, database) -> engine for version_apart


def _engine_apart(engine: sa.Engine) -> sa.Engine:
    """Autocommit, no ping before each use, nothing to roll back after: one round trip a read. Through the app's
    pool a read on PostgreSQL was three (the ping, the statement in a transaction, its rollback), 0.3-0.5 ms of a
    kept page's ~1 ms; through the request's ORM session more still (issue 35). A dropped connection is found by
    the read itself, which then runs once more on a new one. One per process: a forked worker makes its own."""
    if engine.url.database in (None, "", ":memory:"):  # a database only this engine's connections can see
        return engine
    key = (os.getpid(), engine.url)  # the URL itself: rendering it as text took a quarter of a read
    with _LOCK:
        apart = _APART.get(key)
        if apart is None:
            options = apart_options(current_app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
            apart = _APART[key] = sa.create_engine(engine.url, **options)
    return apart


def apart_options(app_options: Mapping[str, Any]) -> dict[str, Any]:
    """The app's engine options (an operator's connect_args: TLS files, timeouts, application_name…) with
    what makes a read one round trip. Each process keeps its own connection for these reads (one more per
    thread that reads at the same moment)."""
    return {**app_options, "isolation_level": "AUTOCOMMIT", "pool_pre_ping": False, "pool_reset_on_return": None}


def cached(name: str, build: Callable[[], Any], part: Hashable = None) -> Any:
    """The value for `name` (and `part` of it, such as one enterprise's figures), rebuilt only when a watched
    model changed since it was built. Keep values free of ORM objects: they outlive the session."""
    key = (str(db.session.get_bind().engine.url), name, part)
    current = version(name)
    with _LOCK:
        held = _VALUES.get(key)
    if held is not None and held[0] == current:
        return held[1]
    value = build()
    with _LOCK:
        _VALUES[key] = (current, value)
    return value
