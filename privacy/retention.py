"""How long records are kept (PDPA: the privacy notice says how long), and the work of letting them go.

Periods are settings (core.config, RETENTION_*): a participant's record is anonymised RETENTION_PARTICIPANT_YEARS
after the later of their last activity and the closing of their case; "who opened my record" entries are deleted
after RETENTION_READ_LOG_YEARS; applications that ended refused, declined or withdrawn lose their free text
after RETENTION_ENDED_APPLICATION_YEARS. Impact snapshots are figures, not people: they are never touched.

The nightly job lists nothing by itself: what is due is computed when staff open "Records due for deletion",
where they confirm it in batches. With RETENTION_AUTOMATIC on, the job does the same work itself.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from core import audit
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import AuditEntry, Role, User
from core.pagination import Page, count_up_to, paginate
from core.refusal import Refusal
from privacy import services as privacy
from privacy.access_log import VIEW_ACTION


class RetentionError(Refusal):
    """A refusal about keeping or letting go of records."""


# --- activity ------------------------------------------------------------------------------------------------

_ACTIVITY: dict[type, str] = {}  # model -> attribute holding the participant's user id
_ACTIVITY_VIA: dict[type, tuple[str, type]] = {}  # model -> (attribute holding a parent's id, parent model)
# Written by jobs, not by anything the person or their caseworker did: a reminder sent is not activity.
_NOT_ACTIVITY = frozenset({"reminded_at", "updated_at"})


def register_activity(model: type, participant_attribute: str) -> None:
    _ACTIVITY[model] = participant_attribute


def register_activity_via(model: type, parent_attribute: str, parent: type) -> None:
    _ACTIVITY_VIA[model] = (parent_attribute, parent)


def activity_of(row: Any, session: Session) -> tuple[int | None, tuple[type, int] | None]:
    """What counts as a participant's activity, in this one place. A participant is active when:
    - they sign in (their account's last sign-in changes);
    - a row of a registered kind is made or changed for them (register_activity): today their training
      applications, pathway steps, placement check-ins and training profile (training), their grant applications
      and follow-up visits (grants); by them or by staff working on their case.
    Reminders sent by jobs (reminded_at), bookkeeping times (updated_at) and staff merely opening the record do
    not count. Marketplace orders are customers', not participants': they do not count.
    Returns the participant's id, or the (parent model, id) to look them up through."""
    model = type(row)
    state = sa.inspect(row)
    if model is User:
        if row.role == Role.PARTICIPANT.value and state.attrs.last_login_at.history.has_changes():
            return row.id, None
        return None, None
    if model not in _ACTIVITY and model not in _ACTIVITY_VIA:
        return None, None
    if row not in session.new and not any(attr.history.has_changes() for attr in state.attrs
                                          if attr.key not in _NOT_ACTIVITY):
        return None, None
    if model in _ACTIVITY:
        return getattr(row, _ACTIVITY[model]), None
    attribute, parent = _ACTIVITY_VIA[model]
    parent_id = getattr(row, attribute)
    return None, ((parent, parent_id) if parent_id is not None else None)


def note_activity(session: Session, flush_context: Any) -> None:
    """After every flush: one UPDATE brings the active participants' last_activity_at to now. Bulk statements
    (anonymising, jobs' sweeps) do not flush rows, so they are not mistaken for activity."""
    people: set[int] = set()
    parents: dict[type, set[int]] = {}
    for row in list(session.new) + list(session.dirty):
        person, via = activity_of(row, session)
        if person is not None:
            people.add(person)
        elif via is not None:
            parents.setdefault(via[0], set()).add(via[1])
    connection = session.connection()
    for parent, ids in parents.items():
        column = getattr(parent, _ACTIVITY[parent])
        people.update(connection.execute(sa.select(column).where(parent.id.in_(ids))).scalars())  # type: ignore[attr-defined]
    if not people:
        return
    now = utcnow()
    users = User.__table__
    connection.execute(sa.update(users).where(users.c.id.in_(people), users.c.role == Role.PARTICIPANT.value,
                                              users.c.anonymised_at.is_(None)).values(last_activity_at=now))
    for person in people:  # rows already loaded read the new value without another statement
        loaded = session.identity_map.get(sa.inspect(User).identity_key_from_primary_key((person,)))
        if loaded is not None:
            set_committed_value(loaded, "last_activity_at", now)


# --- cases ---------------------------------------------------------------------------------------------------

def close_case(person: User, staff: User) -> None:
    if person.case_closed_at is not None:
        raise RetentionError(_l("This case is already closed."))
    person.case_closed_at = utcnow()
    audit.record("participant.case_closed", "participant", person.id, actor=staff)
    db.session.flush()


def reopen_case(person: User, staff: User) -> None:
    if person.case_closed_at is None:
        raise RetentionError(_l("This case is open."))
    # Reopening is activity: else a case closed last month for someone quiet for years would be due at once.
    person.case_closed_at, person.last_activity_at = None, utcnow()
    audit.record("participant.case_reopened", "participant", person.id, actor=staff)
    db.session.flush()


# --- what is due ---------------------------------------------------------------------------------------------

def years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def _cutoff(setting: str) -> datetime:
    return years_before(utcnow(), int(current_app.config[setting]))


def _participants_due(cutoff: datetime) -> sa.Select:
    return sa.select(User).where(
        User.role == Role.PARTICIPANT.value, User.anonymised_at.is_(None),
        sa.func.coalesce(User.last_activity_at, User.created_at) < cutoff,
        sa.or_(User.case_closed_at.is_(None), User.case_closed_at < cutoff)).order_by(User.id)


def participants_due_page(number: int | None = None) -> Page:
    return paginate(_participants_due(_cutoff("RETENTION_PARTICIPANT_YEARS")), number=number)


def count_participants_due(_person: Any = None) -> int:
    """For the work home: participants whose time is up, counted as their list is (one statement)."""
    return count_up_to(_participants_due(_cutoff("RETENTION_PARTICIPANT_YEARS")))


def _read_entries_due(cutoff: datetime):
    return (AuditEntry.action == VIEW_ACTION, AuditEntry.at < cutoff)


@dataclass(frozen=True)
class EndedApplications:
    """A feature's applications that ended refused, declined or withdrawn: how many are due, and forgetting
    their free text (both given the time before which they ended)."""
    name: str
    title: Any
    count_due: Callable[[datetime], int]
    forget_due: Callable[[datetime], int]


_ENDED: dict[str, EndedApplications] = {}


def register_ended_applications(name: str, title: Any, count_due: Callable[[datetime], int],
                                forget_due: Callable[[datetime], int]) -> None:
    _ENDED[name] = EndedApplications(name, title, count_due, forget_due)


@dataclass(frozen=True)
class Due:
    read_entries: int
    applications: list[tuple[Any, int]]  # (title, how many)

    @property
    def anything(self) -> bool:
        return bool(self.read_entries or any(n for _, n in self.applications))


def other_records_due() -> Due:
    """Read entries and ended applications due: counts, a statement each."""
    read_cutoff = _cutoff("RETENTION_READ_LOG_YEARS")
    reads = db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(*_read_entries_due(read_cutoff))) or 0
    ended_cutoff = _cutoff("RETENTION_ENDED_APPLICATION_YEARS")
    return Due(reads, [(kind.title, kind.count_due(ended_cutoff)) for kind in _ENDED.values()])


# --- letting go ----------------------------------------------------------------------------------------------

def anonymise_participants(ids: Iterable[int], staff: User | None) -> int:
    """Anonymise those of these participants who are due, exactly as a confirmed deletion request does
    (privacy.services.anonymise_person); the others are left as they are. Returns how many."""
    wanted = {int(i) for i in ids}
    if not wanted:
        return 0
    cutoff = _cutoff("RETENTION_PARTICIPANT_YEARS")
    done = 0
    for person in db.session.scalars(_participants_due(cutoff).where(User.id.in_(wanted))).all():
        # Taken by one conditional UPDATE first: of two confirms at once (a double click, two staff), one
        # anonymises and audits; the other finds the person no longer due.
        if changed_rows(sa.update(User).where(User.id == person.id, User.anonymised_at.is_(None))
                        .values(anonymised_at=utcnow()).execution_options(synchronize_session=False)) != 1:
            continue
        privacy.anonymise_person(person)
        audit.record("privacy.retention_anonymised", "user", person.id, actor=staff,
                     detail={"automatic": staff is None})
        privacy.close_deletion_as_done(person, staff, "retention")
        done += 1
    db.session.flush()
    return done


def forget_other_records(staff: User | None) -> Due:
    """Delete the read entries due and blank the free text of ended applications due. Returns what went."""
    read_cutoff = _cutoff("RETENTION_READ_LOG_YEARS")
    deleted = db.session.execute(sa.delete(AuditEntry).where(*_read_entries_due(read_cutoff)))
    reads = deleted.rowcount or 0  # type: ignore[attr-defined]
    ended_cutoff = _cutoff("RETENTION_ENDED_APPLICATION_YEARS")
    applications = [(kind.title, kind.forget_due(ended_cutoff)) for kind in _ENDED.values()]
    done = Due(int(reads), applications)
    if done.anything:
        audit.record("privacy.retention_forgotten", "retention", None, actor=staff, detail={
            "read_entries": done.read_entries, "automatic": staff is None,
            **{kind: n for kind, (_, n) in zip(_ENDED, applications, strict=True)}})
    db.session.flush()
    return done


def nightly() -> str:
    """Scheduled: with RETENTION_AUTOMATIC on, let go of everything due; otherwise only say what is waiting for
    staff on "Records due for deletion"."""
    cutoff = _cutoff("RETENTION_PARTICIPANT_YEARS")
    if not current_app.config.get("RETENTION_AUTOMATIC"):
        waiting = db.session.scalar(sa.select(sa.func.count()).select_from(_participants_due(cutoff).subquery()))
        others = other_records_due()
        return f"due: {waiting} participants, {others.read_entries} read entries, " \
               f"{sum(n for _, n in others.applications)} ended applications (waiting for staff)"
    people = 0
    while batch := list(db.session.scalars(_participants_due(cutoff).with_only_columns(User.id).limit(200))):
        people += anonymise_participants(batch, None)
    done = forget_other_records(None)
    return f"anonymised {people} participants, deleted {done.read_entries} read entries, " \
           f"blanked {sum(n for _, n in done.applications)} ended applications"

