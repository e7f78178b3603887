"""Follow-up of funded businesses: the visit schedule, visit records, and the daily check for risks.

The daily job is idempotent: a second run on the same day finds nothing new to mark or flag.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from core import clock
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import User
from core.notify import notify, path_for
from core.pagination import Page, paginate
from grants.models import (
    BUSINESS_STATUSES,
    EXTRA_CHECK_IN_MONTH,
    OUTCOME_AREAS,
    SUPPORT_KINDS,
    VISIT_LIFECYCLE,
    FollowUpVisit,
    GrantApplication,
    RiskFlag,
)
from grants.rounds import GrantError
from privacy import access_log

OVERDUE_AFTER = timedelta(days=7)
RISK_REASONS = {
    "missed_visits": _l("Two visits missed."),
    "struggling": _l("The business said it is struggling."),
    "closed": _l("The business has closed."),
    "revenue_falling": _l("Revenue fell at two visits in a row."),
}


def reschedule(visit: FollowUpVisit, staff: User, due_on: date) -> None:
    if due_on != visit.due_on and db.session.scalar(sa.select(FollowUpVisit.id).where(
            FollowUpVisit.application_id == visit.application_id, FollowUpVisit.due_on == due_on)):
        raise GrantError(_l("This business already has a visit on that day."), "due_on")
    VISIT_LIFECYCLE.apply(visit, "move", actor=staff, action="grant_visit.reschedule",
                          audit_as=("grant_application", visit.application_id),
                          refusal=GrantError(_l("A visit that happened cannot be moved.")))
    visit.due_on = due_on
    db.session.flush()


def record_visit(visit: FollowUpVisit, by: User, on: date, kind: str, business_status: str | None,
                 revenue_thb: int | None = None, costs_thb: int | None = None, people_working: int | None = None,
                 going_well: str = "", challenges: str = "", support_needed=(), referral: str = "",
                 self_ratings: dict | None = None, action: str = "grant_visit.record") -> None:
    if on > clock.today():
        raise GrantError(_l("The date cannot be in the future."), "done_on")
    if kind not in ("visit", "phone", "self_check_in"):
        raise GrantError(_l("Unknown kind of follow-up."), "kind")
    if business_status is not None and business_status not in BUSINESS_STATUSES:
        raise GrantError(_l("Unknown business status."), "business_status")
    for number, field in ((revenue_thb, "revenue_thb"), (costs_thb, "costs_thb"), (people_working, "people_working")):
        if number is not None and number < 0:
            raise GrantError(_l("Numbers cannot be negative."), field)
    ratings = {k: int(v) for k, v in (self_ratings or {}).items() if k in OUTCOME_AREAS and v}
    if any(not 1 <= v <= 5 for v in ratings.values()):
        raise GrantError(_l("Ratings go from 1 to 5."), "self_ratings")
    VISIT_LIFECYCLE.apply(visit, "record", actor=by, action=action,
                          audit_as=("grant_application", visit.application_id))
    visit.done_on, visit.kind, visit.recorded_by_id = on, kind, by.id
    visit.business_status, visit.revenue_thb, visit.costs_thb = business_status, revenue_thb, costs_thb
    visit.people_working, visit.going_well, visit.challenges = people_working, going_well.strip(), challenges.strip()
    visit.support_needed = [s for s in support_needed if s in SUPPORT_KINDS]
    visit.referral, visit.self_ratings = referral.strip(), ratings
    db.session.flush()


def _risk_reasons(visits: list[FollowUpVisit]) -> set[str]:
    reasons = set()
    if sum(1 for v in visits if v.status == "overdue") >= 2:
        reasons.add("missed_visits")
    done = sorted((v for v in visits if v.status == "done"), key=lambda v: (v.done_on, v.id))
    if done and done[-1].business_status in ("struggling", "closed"):
        reasons.add(done[-1].business_status)
    revenues = [v.revenue_thb for v in done if v.revenue_thb is not None]
    if len(revenues) >= 3 and revenues[-3] > revenues[-2] > revenues[-1]:
        reasons.add("revenue_falling")
    return reasons


REMIND_BEFORE = timedelta(days=3)


def counts_as_visit(visit: FollowUpVisit, on: date) -> bool:
    """The owner's own check-in stands for a planned visit from REMIND_BEFORE ahead of its day (when they are
    told it is coming) onwards; sent earlier, it is an extra check-in and the visit stays planned."""
    return on >= visit.due_on - REMIND_BEFORE


def self_check_in(visit: FollowUpVisit, owner: User, on: date, business_status: str | None,
                  **answers: Any) -> FollowUpVisit:
    """The owner tells how the business is going. Near or past the visit's day it is that visit, done;
    earlier it is recorded as an extra check-in on its own day (EXTRA_CHECK_IN_MONTH), which staff read like
    any other, and the visit stays planned. Returns the record written."""
    if visit.application.participant_id != owner.id:
        raise GrantError(_l("This is not your business."))
    if counts_as_visit(visit, on):
        record_visit(visit, owner, on, "self_check_in", business_status, **answers)
        return visit
    # One record a business and day: a second extra check-in that day corrects the first, and one sent on the
    # day another visit is planned is that visit.
    extra = db.session.scalar(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == visit.application_id,
                                                             FollowUpVisit.due_on == on))
    if extra is not None and extra.month != EXTRA_CHECK_IN_MONTH and extra.status == "done":
        raise GrantError(_l("A visit was already recorded today. Thank you: nothing more is needed today."))
    if extra is None:
        extra = FollowUpVisit(application_id=visit.application_id, month=EXTRA_CHECK_IN_MONTH, due_on=on)
        db.session.add(extra)
        db.session.flush()
    record_visit(extra, owner, on, "self_check_in", business_status,
                 action="grant_visit.extra_check_in" if extra.month == EXTRA_CHECK_IN_MONTH else "grant_visit.record",
                 **answers)
    return extra


def remind_visits(today: date) -> int:
    """Tell each business owner once, three days ahead, that a visit is coming (and that they may check in
    themselves instead)."""
    coming = list(db.session.scalars(sa.select(FollowUpVisit).where(
        FollowUpVisit.status == "scheduled", FollowUpVisit.reminded_at.is_(None), FollowUpVisit.due_on >= today,
        FollowUpVisit.due_on <= today + REMIND_BEFORE)
        .options(joinedload(FollowUpVisit.application).joinedload(GrantApplication.participant))))
    for visit in coming:
        visit.reminded_at = utcnow()
        owner = visit.application.participant
        if owner.anonymised_at is None:
            notify(owner, "grant.visit_soon", link=path_for("grants.application", application_id=visit.application_id),
                   date=visit.due_on)
    return len(coming)


def run_daily(today: date) -> dict[str, int]:
    """Remind owners of visits coming, mark visits overdue 7 days past due, then raise (or close) risk flags.
    Safe to run twice."""
    reminded = remind_visits(today)
    marked = changed_rows(sa.update(FollowUpVisit).where(
        FollowUpVisit.status.in_(VISIT_LIFECYCLE.sources("mark_overdue")), FollowUpVisit.due_on < today - OVERDUE_AFTER)
        .values(status=VISIT_LIFECYCLE.target("mark_overdue")))
    raised = resolved = 0
    approved = db.session.scalars(sa.select(GrantApplication).where(GrantApplication.status == "accepted")).all()
    for application in approved:
        visits = db.session.scalars(sa.select(FollowUpVisit).where(
            FollowUpVisit.application_id == application.id)).all()
        wanted = _risk_reasons(list(visits))
        open_flags = {f.reason: f for f in db.session.scalars(sa.select(RiskFlag).where(
            RiskFlag.application_id == application.id, RiskFlag.resolved_at.is_(None)))}
        for reason in wanted - set(open_flags):
            db.session.add(RiskFlag(application_id=application.id, reason=reason, raised_on=today))
            raised += 1
        for reason in set(open_flags) - wanted:
            open_flags[reason].resolved_at = utcnow()
            resolved += 1
    db.session.flush()
    return {"overdue": marked, "raised": raised, "resolved": resolved, "reminded": reminded}


BOARD_PAGE = 30


def _with_owner() -> Any:
    return joinedload(FollowUpVisit.application).joinedload(GrantApplication.participant)


def _due(today: date) -> tuple[sa.ColumnElement[bool], ...]:
    return (FollowUpVisit.status == "scheduled", FollowUpVisit.due_on >= today - OVERDUE_AFTER,
            FollowUpVisit.due_on <= today + timedelta(days=7))


_OVERDUE = FollowUpVisit.status == "overdue"
_BY_DAY = (FollowUpVisit.due_on, FollowUpVisit.id)


def visits_due(today: date) -> sa.Select:
    """Visits due within a week (and those a few days late that the daily job has not marked overdue yet)."""
    return sa.select(FollowUpVisit).where(*_due(today)).options(_with_owner()).order_by(*_BY_DAY)


def overdue_visits() -> sa.Select:
    return sa.select(FollowUpVisit).where(_OVERDUE).options(_with_owner()).order_by(*_BY_DAY)


def _owned(model: Any, *columns: Any) -> sa.Select:
    """Plain rows of a visit or a risk flag: the columns the board shows, and the id and name of the business's
    owner. Whole rows of the visit, its application and the owner's account, made into objects, were most of
    the board's time for the three values it shows (issue 35). The seals (grants.sealing) apply as to objects.
    Outer joins, as the objects' joined loading wrote them: they keep the visit or flag the table SQLite walks
    first (joined inner, it took the applications first for the flags: 6 ms, not 0.04). The rows are the same:
    every visit and flag has its application and owner, and each is sealed itself as its application is."""
    return (sa.select(*columns, GrantApplication.participant_id, User.display_name.label("owner_name"))
            .select_from(model).outerjoin(GrantApplication, GrantApplication.id == model.application_id)
            .outerjoin(User, User.id == GrantApplication.participant_id))


def monitoring_board(today: date) -> dict[str, Page]:
    """For staff: visits due this week, overdue visits, open risk flags; each a page at a time of plain rows
    (`_owned`), with the business's owner read in the same statement, and counted on the model alone."""
    visit = (FollowUpVisit.id, FollowUpVisit.due_on)
    open_flag, by_raising = RiskFlag.resolved_at.is_(None), (RiskFlag.raised_on, RiskFlag.id)
    board = {
        "due": paginate(_owned(FollowUpVisit, *visit).where(*_due(today)).order_by(*_BY_DAY),
                        size=BOARD_PAGE, param="due_page", scalars=False, counted=visits_due(today)),
        "overdue": paginate(_owned(FollowUpVisit, *visit).where(_OVERDUE).order_by(*_BY_DAY),
                            size=BOARD_PAGE, param="overdue_page", scalars=False, counted=overdue_visits()),
        "flags": paginate(_owned(RiskFlag, RiskFlag.application_id, RiskFlag.reason, RiskFlag.raised_on)
                          .where(open_flag).order_by(*by_raising), size=BOARD_PAGE, param="flags_page",
                          scalars=False, counted=sa.select(RiskFlag).where(open_flag).order_by(*by_raising))}
    # Read as columns, the owners are noted as shown here (privacy.access_log), as their loaded rows were.
    access_log.shown({row.participant_id for listed in board.values() for row in listed.rows})
    return board
