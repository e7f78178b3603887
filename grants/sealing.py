"""Rows sealed from some of the people who could otherwise read them, left out of their queries by design.

A feature registers a seal: a function that gives, for a viewer's user id, a subquery of the keys sealed from
that viewer, and the models that hold those keys (with the column that holds it). While a request runs for a
signed-in person, every ORM SELECT of the session gets SQLAlchemy's `with_loader_criteria` for each such model
(it follows the statement into its joins and relationship loads, and `session.get` finds nothing): a list
simply lacks the rows, a page about one of them answers 404, and a page added later is covered the day it is
added. (A grant application and everything under it, for a reviewer who has not declared "no conflict".)

What the session does not see applies the seal itself: a query of plain columns run on a connection (pandas'
`read_sql`) adds `visible(model)` to its WHERE, and a value cached across requests keys on `fingerprint()`.
Jobs and commands have no viewer and see everything. A statement that must see sealed rows says so with
`.execution_options(include_sealed=True)`: a rule that counts or finds every row (one open application per
person and round), or a page that shows harmless parts of one (the round of an application its reviewer must
answer about; select those columns or other models). A sealed row such a statement loads stays in the
session until the request ends, so the page must not show it.

Keep a seal's subquery cheap: built on tables (not models, so it is not filtered itself), one indexed lookup
on the viewer's id, no work per row.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from flask import g, has_request_context
from flask_login import current_user
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm.util import LoaderCriteriaOption

from core.extensions import db

INCLUDE_SEALED = "include_sealed"


@dataclass(frozen=True)
class Seal:
    sealed_keys: Callable[[int], sa.Select]  # viewer id -> SELECT of the sealed keys
    # model -> the attribute holding the key, or a function of the keys' SELECT giving the condition a visible
    # row meets (a row that names the key in another form: a message's link to the record)
    models: dict[type, str | Callable[[sa.Select], sa.ColumnElement[bool]]]


_SEALS: list[Seal] = []


def register(sealed_keys: Callable[[int], sa.Select],
             models: dict[type, str | Callable[[sa.Select], sa.ColumnElement[bool]]]) -> None:
    if not any(s.sealed_keys is sealed_keys for s in _SEALS):
        _SEALS.append(Seal(sealed_keys, dict(models)))
        _options.cache_clear()


def viewer_id() -> int | None:
    """The signed-in person of this request; None in jobs, commands and for visitors (they see everything
    the pages let them see)."""
    if not has_request_context() or g.get("_sealing_viewer_lookup"):
        return None  # the query that loads the viewer themself
    user = g.get("_login_user")  # flask_login's own place for it, once loaded (the proxy is slow per query)
    if user is not None:
        return user.id if user.is_authenticated else None
    g._sealing_viewer_lookup = True
    try:
        return current_user.id if current_user and current_user.is_authenticated else None
    finally:
        g._sealing_viewer_lookup = False


def _condition(seal: Seal, model: type, viewer: int) -> sa.ColumnElement[bool]:
    key = seal.models[model]
    if callable(key):
        return key(seal.sealed_keys(viewer))
    return getattr(model, key).not_in(seal.sealed_keys(viewer))


def visible(model: type) -> sa.ColumnElement[bool]:
    """The WHERE condition a column query of `model` outside the session needs (always true without a viewer)."""
    viewer = viewer_id()
    conditions = [_condition(seal, model, viewer) for seal in _SEALS if model in seal.models] if viewer else []
    return sa.and_(sa.true(), *conditions)


def fingerprint() -> tuple:
    """What is sealed from this viewer (one query per seal): the key of a value cached across viewers."""
    viewer = viewer_id()
    if viewer is None:
        return ()
    return tuple(tuple(sorted(db.session.scalars(seal.sealed_keys(viewer)))) for seal in _SEALS)


def filter_statement(state: ORMExecuteState) -> None:
    """Before each ORM statement (core.orm_events; declared as `Feature.statement_hooks`)."""
    # A relationship load gets them too: its parent may come from a statement that included sealed rows.
    if (not state.is_select or state.is_column_load or state.execution_options.get(INCLUDE_SEALED)
            or not _SEALS):
        return
    viewer = viewer_id()
    if viewer is None:
        return
    state.statement = state.statement.options(*_options(viewer))


class _SealCriteria(LoaderCriteriaOption):
    """`with_loader_criteria` whose part of a statement's cache key is worked out once per viewer's option.

    SQLAlchemy keys every statement it runs by walking it whole, these options too: seven criteria with a
    subquery each, some 0.15 ms on every ORM statement of a signed-in request, more than the rest of a plain
    statement's key (issue 35). An option is built once per viewer and never changes, so its key, and the bound
    values its criteria hold (the viewer's id, in the order a walk meets them), are the same each time: kept
    and given back. The values still go into each statement's parameters, so a statement compiled for one
    viewer and reused for another reads the other's id (tests/grants/test_sealing_cache_key.py)."""

    __slots__ = ("_sealed_key",)
    _traverse_internals = LoaderCriteriaOption._traverse_internals  # the first walk: SQLAlchemy's own

    def _gen_cache_key(self, anon_map: Any, bindparams: list) -> Any:
        kept = getattr(self, "_sealed_key", None)
        if kept is None:
            own: list = []
            kept = (super()._gen_cache_key(type(anon_map)(), own), tuple(own))
            self._sealed_key = kept
        bindparams.extend(kept[1])
        return kept[0]


@lru_cache(maxsize=1024)
def _options(viewer: int) -> tuple:
    """A viewer's criteria, built once (they hold nothing but the viewer's id; what is sealed is read by the
    subquery each time, so they never go stale)."""
    return tuple(_SealCriteria(model, _condition(seal, model, viewer), include_aliases=True)
                 for seal in _SEALS for model in seal.models)
