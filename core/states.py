"""Life cycles: a record's states as an enum and its allowed transitions as one table beside the model.

`Lifecycle.apply(record, event, actor=…)` is the one way a status changes: it looks the (state, event) pair
up in the table, refuses anything else with a clear message and without changing anything, sets the new
state and writes the audit row. For a stored record the move is one conditional UPDATE (`WHERE status =` the
state the decision was made from), so two workers answering the same record at once cannot both move it: the
second finds no row in that state any more and is refused. Every life cycle registers itself, so a test walks
every (state, event) pair of every one, and the database's CHECK constraint is built from the same enum.
"""
from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import set_committed_value

from core.refusal import Refusal


class TransitionRefused(Refusal):
    """This step does not follow from where the record is."""


class Lifecycle:
    def __init__(self, name: str, states: type[enum.StrEnum], table: Mapping[tuple[enum.StrEnum, str], enum.StrEnum],
                 *, record_type: str, refusal: type[Refusal] = TransitionRefused, message=None):
        unknown = {pair for pair in table if pair[0] not in states} | {v for v in table.values() if v not in states}
        if unknown:
            raise ValueError(f"{name}: states not in {states.__name__}: {unknown}")
        self.name, self.states, self.table = name, states, dict(table)
        self.record_type, self.refusal = record_type, refusal
        self.message = message or _l("That step does not follow from where this record is.")
        _LIFECYCLES[name] = self

    @property
    def events(self) -> list[str]:
        return sorted({event for _state, event in self.table})

    def check_constraint(self, column: str = "status") -> str:
        return f"{column} IN ({', '.join(repr(s.value) for s in self.states)})"

    def sources(self, event: str) -> list[str]:
        """The states `event` may start from (for a set-based UPDATE that moves many records at once)."""
        return [state.value for state, name in self.table if name == event]

    def target(self, event: str) -> str:
        targets = {new for (_state, name), new in self.table.items() if name == event}
        if len(targets) != 1:
            raise ValueError(f"{self.name}: {event} leads to {len(targets)} states")
        return targets.pop().value

    def allows(self, state: str, event: str) -> bool:
        return state in self.states.__members__.values() and (self.states(state), event) in self.table

    def next_state(self, state: str, event: str) -> enum.StrEnum:
        try:
            return self.table[(self.states(state), event)]
        except (KeyError, ValueError):
            raise self.refusal(self.message) from None

    def apply(self, record: Any, event: str, *, actor=None, detail: dict | None = None, action: str | None = None,
              audit_as: tuple[str, Any] | None = None, refusal: Refusal | None = None) -> enum.StrEnum:
        """Move `record` by `event` and write the audit row (`action`, about `audit_as` = (record type, id) or
        the record itself); or raise `refusal` (or the life cycle's own) without changing anything."""
        from core import audit  # core.audit reads core.models, which defines life cycles with this module

        if not self.allows(record.status, event):
            raise refusal or self.refusal(self.message)
        new = self.table[(self.states(record.status), event)]
        if not _move_stored(record, record.status, new.value):
            raise refusal or self.refusal(self.message)
        record_type, record_id = audit_as or (self.record_type, getattr(record, "id", None))
        audit.record(action or f"{self.record_type}.{event}", record_type, record_id, actor=actor, detail=detail)
        return new


def _move_stored(record: Any, seen: str, new: str) -> bool:
    """Set the status; for a row already in the database, only while it is still `seen` there. The row lock
    the UPDATE takes holds a concurrent mover until this transaction ends, and then its WHERE no longer
    matches."""
    from core.extensions import changed_rows

    state = sa.inspect(record, raiseerr=False)
    if state is None or not state.persistent:
        record.status = new  # not stored yet (or a plain object): nothing else can hold it
        return True
    model = type(record)
    keys = [model.__mapper__.get_property_by_column(c).key for c in model.__mapper__.primary_key]
    moved = changed_rows(sa.update(model)
                         .where(*(getattr(model, k) == v for k, v in zip(keys, state.identity, strict=True)),
                                model.status == seen)
                         .values(status=new).execution_options(synchronize_session=False))
    if moved != 1:
        state.session.refresh(record, ["status"])  # show the state another worker left, not the stale one
        return False
    set_committed_value(record, "status", new)
    return True


_LIFECYCLES: dict[str, Lifecycle] = {}


def lifecycles() -> dict[str, Lifecycle]:
    return dict(_LIFECYCLES)
