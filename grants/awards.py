"""The award after approval: the person reads its terms and accepts or declines it; only then does money move
and do follow-up visits count.

Visits are counted from the day the award is accepted, or from the first payment (a round setting), so a
business is never "overdue" for a visit before it has its grant. Moving the start keeps what happened: visits
done stay as they were, and the audit keeps the old start.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit, clock
from core.clock import add_months
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import Role, User
from core.notify import notify, path_for
from grants.models import GRANT_LIFECYCLE, FollowUpVisit, GrantApplication, GrantRound, PlannedTranche
from grants.rounds import GrantError

VISITS_START_LABELS = {"acceptance": _l("The day the person accepts the grant"),
                       "first_payment": _l("The day of the first payment")}


@dataclass(frozen=True)
class AwardTerms:
    """What the person agrees to, as shown to them before they answer."""
    amount_thb: int
    payments: list[PlannedTranche]
    visit_months: list[int]
    visits_start: str


def terms(application: GrantApplication) -> AwardTerms:
    payments = list(db.session.scalars(sa.select(PlannedTranche).where(
        PlannedTranche.application_id == application.id).order_by(PlannedTranche.position)))
    return AwardTerms(application.amount_awarded_thb or 0, payments, sorted(set(application.round.visit_months)),
                      application.round.visits_start)


def _answer(application: GrantApplication, by: User, event: str) -> None:
    owner = application.participant_id == by.id
    if not owner and not by.has_role(Role.STAFF, Role.ADMIN):
        raise GrantError(_l("Only the person or programme staff can answer for this grant."))
    GRANT_LIFECYCLE.apply(application, event, actor=by, action=f"grant_application.{event}",
                          detail={"in_person": not owner},
                          refusal=GrantError(_l("This grant is not waiting for an answer.")))
    application.award_answered_at = utcnow()
    application.award_recorded_by_id = None if owner else by.id


def accept(application: GrantApplication, by: User, today: date | None = None) -> None:
    """The person accepts the award (or staff record that they accepted in person)."""
    day = today or clock.today()
    _answer(application, by, "accept_award")
    if application.round.visits_start == "acceptance":
        start_visits(application, day)
    _tell_decider(application, "grant.award_accepted", by)
    db.session.flush()


def decline(application: GrantApplication, by: User) -> None:
    """The person says no to the award: its money goes back to the round; nothing else changes for them."""
    _answer(application, by, "decline_award")
    changed_rows(sa.update(GrantRound).where(GrantRound.id == application.round_id)
                 .values(committed_thb=GrantRound.committed_thb - (application.amount_awarded_thb or 0)))
    _tell_decider(application, "grant.award_declined", by)
    db.session.flush()


def _tell_decider(application: GrantApplication, kind: str, by: User) -> None:
    decider = db.session.get(User, application.decided_by_id) if application.decided_by_id else None
    # The decider who records the answer given in person already knows it.
    if decider is not None and decider.anonymised_at is None and decider.id != by.id:
        notify(decider, kind, link=path_for("grants_staff.application", application_id=application.id),
               number=application.id)


def start_visits(application: GrantApplication, start: date) -> list[FollowUpVisit]:
    """Visits at the round's months after `start`. Only once: a later call finds them there."""
    if application.visits_start_on is not None:
        return []
    application.visits_start_on = start
    visits = [FollowUpVisit(application_id=application.id, month=m, due_on=add_months(start, m))
              for m in sorted(set(application.round.visit_months))]
    db.session.add_all(visits)
    db.session.flush()
    return visits


def after_first_payment(application: GrantApplication, paid_on: date) -> None:
    if application.round.visits_start == "first_payment":
        start_visits(application, paid_on)


def move_start(application: GrantApplication, staff: User, start: date) -> None:
    """Count the visits not yet done from a new day (the business opened later, say). Visits done keep their
    record; the old start is kept in the audit."""
    if application.visits_start_on is None:
        raise GrantError(_l("The visits have not started yet."), "start")
    if start == application.visits_start_on:
        return
    done = {v.month: v for v in db.session.scalars(sa.select(FollowUpVisit).where(
        FollowUpVisit.application_id == application.id, FollowUpVisit.status == "done"))}
    done_days = {v.due_on for v in done.values()} | {v.done_on for v in done.values()}
    months = [m for m in sorted(set(application.round.visit_months)) if m not in done]
    moved = {m: add_months(start, m) for m in months}
    if done_days & set(moved.values()):
        raise GrantError(_l("A visit would fall on the day of a visit already made. Choose another day."), "start")
    overdue = db.session.scalar(sa.select(sa.func.count(FollowUpVisit.id)).where(
        FollowUpVisit.application_id == application.id, FollowUpVisit.status == "overdue"))
    audit.record("grant_application.move_visits", "grant_application", application.id, actor=staff,
                 detail={"from": application.visits_start_on.isoformat(), "to": start.isoformat(),
                         "overdue_before": overdue})
    db.session.execute(sa.delete(FollowUpVisit).where(FollowUpVisit.application_id == application.id,
                                                      FollowUpVisit.status != "done"))
    db.session.add_all(FollowUpVisit(application_id=application.id, month=m, due_on=day) for m, day in moved.items())
    application.visits_start_on = start
    db.session.flush()
