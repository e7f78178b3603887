"""Follow-up after a hire: check-ins 3, 6 and 12 months after a person starts a job or apprenticeship.

The study of 252 survivors found that follow-up is what keeps people in work, and that problems with
employers surface months later. A problem answer (a fee asked, documents kept, hours, pay) opens a report on
the employer's post for staff, without hiding the post: the person still works there, and a post taken down
the day after a check-in would tell the employer who spoke. Staff follow each one up and offer the person help.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from core import audit, clock
from core.clock import add_months
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import Role, User
from core.notify import notify, path_for
from core.pagination import Page, paginate
from training.employer_models import PostReport, WorkPost
from training.models import (
    CHECK_IN_LIFECYCLE,
    CHECK_IN_MONTHS,
    CHECK_IN_PROBLEMS,
    Application,
    PlacementCheckIn,
)
from training.refusals import PathwayError

MISSED_AFTER = timedelta(days=30)
PROBLEM_LABELS = {
    "fee": _l("I was asked to pay a fee or a deposit"),
    "documents": _l("My passport or ID card is kept by someone else"),
    "hours": _l("The hours are longer than agreed, or I cannot take days off"),
    "pay": _l("I am paid less, or later, than promised"),
    "other": _l("Another problem"),
}
# The same problems as staff read them (core.labels: the list's twin).
PROBLEM_ABOUT = {
    "fee": _l("Was asked to pay a fee or a deposit"),
    "documents": _l("Their passport or ID card is kept by someone else"),
    "hours": _l("The hours are longer than agreed, or they cannot take days off"),
    "pay": _l("Paid less, or later, than promised"),
    "other": _l("Another problem"),
}
REPORT_REASON = {"fee": "fee", "documents": "documents", "pay": "pay", "hours": "not_as_described",
                 "other": "other"}  # check-in problem -> the reason of the report on the post
# Free help the person can call at any time (Thailand): shown with every problem answer.
HELPLINES = ((_l("Social assistance hotline, any time, free"), "1300"),
             (_l("Labour protection hotline, free"), "1546"))


def schedule(application: Application, started_on: date) -> list[PlacementCheckIn]:
    """Check-ins at 3, 6 and 12 months after the work started. Only once per hire."""
    if db.session.scalar(sa.select(PlacementCheckIn.id).where(PlacementCheckIn.application_id == application.id)):
        return []
    rows = [PlacementCheckIn(application_id=application.id, participant_id=application.participant_id, month=m,
                             started_on=started_on, due_on=add_months(started_on, m)) for m in CHECK_IN_MONTHS]
    db.session.add_all(rows)
    db.session.flush()
    return rows


@dataclass(frozen=True)
class CheckInAnswer:
    still_working: bool | None
    paid_as_promised: bool | None = None
    problems: tuple[str, ...] = ()
    note: str = ""
    wants_help: bool = False


def answer(check_in: PlacementCheckIn, by: User, today: date, given: CheckInAnswer) -> PostReport | None:
    """The person's answer, or staff recording a call. Returns the report opened on the post, if any."""
    owner = check_in.participant_id == by.id
    if not owner and not by.has_role(Role.STAFF, Role.ADMIN):
        raise PathwayError(_l("Only the person or programme staff can answer this check-in."))
    if check_in.due_on > today:  # a 12-month answer in the first week would count a year's work not yet done
        raise PathwayError(_l("This check-in is not open yet. We will ask you when it is time."))
    if any(p not in CHECK_IN_PROBLEMS for p in given.problems):
        raise PathwayError(_l("Unknown problem."), "problems")
    if given.problems == ("other",) and not given.note.strip():
        raise PathwayError(_l("Tell us in a few words what the problem is."), "note")
    CHECK_IN_LIFECYCLE.apply(check_in, "answer", actor=by, action="check_in.answer",
                             audit_as=("participant", check_in.participant_id), detail={"via": "self" if owner
                                                                                       else "call"},
                             refusal=PathwayError(_l("This check-in is already answered.")))
    check_in.answered_on, check_in.answered_by_id, check_in.via = today, by.id, "self" if owner else "call"
    check_in.still_working, check_in.paid_as_promised = given.still_working, given.paid_as_promised
    check_in.problems = [p for p in CHECK_IN_PROBLEMS if p in given.problems]
    check_in.note, check_in.wants_help = given.note.strip(), given.wants_help
    check_in.needs_follow_up = bool(check_in.problems or given.wants_help or given.paid_as_promised is False)
    report = _report(check_in) if check_in.problems else None
    db.session.flush()
    return report


def _report(check_in: PlacementCheckIn) -> PostReport | None:
    application = check_in.application
    if application.post_id is None:
        return None
    report = PostReport(post_id=application.post_id, reporter_id=check_in.participant_id,
                        reason_code=REPORT_REASON[check_in.problems[0]], reason=check_in.note,
                        application_id=application.id)
    db.session.add(report)
    db.session.flush()
    check_in.report_id = report.id
    audit.record("check_in.report", "work_post", application.post_id, actor=None,
                 detail={"problems": check_in.problems, "check_in": check_in.id})
    return report


def follow_up(check_in: PlacementCheckIn, staff: User, upheld: bool | None) -> None:
    """Staff followed a problem up. `upheld` decides the report on the post: an upheld report counts on the
    employer's record; None leaves it open (staff still finding out)."""
    if not check_in.needs_follow_up:
        raise PathwayError(_l("This check-in needs no follow-up."))
    check_in.needs_follow_up, check_in.followed_up_at, check_in.followed_up_by_id = False, utcnow(), staff.id
    report = db.session.get(PostReport, check_in.report_id) if check_in.report_id else None
    if report is not None and upheld is not None and report.resolved_at is None:
        report.upheld, report.resolved_at, report.resolved_by_id = upheld, utcnow(), staff.id
    audit.record("check_in.follow_up", "participant", check_in.participant_id, actor=staff,
                 detail={"check_in": check_in.id, "upheld": upheld})
    db.session.flush()


def run_daily(today: date | None = None) -> dict[str, int]:
    """Tell each person once when a check-in is due; mark check-ins missed a month after. Safe to run twice."""
    day = today or clock.today()
    due = list(db.session.scalars(sa.select(PlacementCheckIn).where(
        PlacementCheckIn.status == "scheduled", PlacementCheckIn.due_on <= day,
        PlacementCheckIn.reminded_at.is_(None)).options(joinedload(PlacementCheckIn.participant))))
    for check_in in due:
        check_in.reminded_at = utcnow()
        if check_in.participant.anonymised_at is None:
            notify(check_in.participant, "check_in.due",
                   link=path_for("training.check_in", check_in_id=check_in.id), months=check_in.month)
    missed = changed_rows(sa.update(PlacementCheckIn).where(
        PlacementCheckIn.status.in_(CHECK_IN_LIFECYCLE.sources("miss")),
        PlacementCheckIn.due_on < day - MISSED_AFTER).values(status=CHECK_IN_LIFECYCLE.target("miss")))
    db.session.flush()
    return {"reminded": len(due), "missed": missed}


def open_for(participant_id: int, today: date) -> list[PlacementCheckIn]:
    """The person's check-ins that are due now (or missed and still welcome), oldest first."""
    return list(db.session.scalars(sa.select(PlacementCheckIn).where(
        PlacementCheckIn.participant_id == participant_id, PlacementCheckIn.status.in_(("scheduled", "missed")),
        PlacementCheckIn.due_on <= today).order_by(PlacementCheckIn.due_on)))


def to_follow_up() -> sa.Select:
    """Answers that need staff: a problem, unpaid work or a wish for help."""
    return (sa.select(PlacementCheckIn).where(PlacementCheckIn.needs_follow_up)
            .options(joinedload(PlacementCheckIn.participant),
                     joinedload(PlacementCheckIn.application).joinedload(Application.post)
                     .joinedload(WorkPost.organisation))
            .order_by(PlacementCheckIn.due_on, PlacementCheckIn.id))


def needing_follow_up(number: int | None = None) -> Page:
    return paginate(to_follow_up(), size=30, param="check_ins_page", number=number)


def unanswered(today: date) -> sa.Select:
    """Check-ins due with no answer (or missed): staff call the person."""
    return (sa.select(PlacementCheckIn).where(PlacementCheckIn.status.in_(("scheduled", "missed")),
                                              PlacementCheckIn.due_on <= today)
            .options(joinedload(PlacementCheckIn.participant))
            .order_by(PlacementCheckIn.due_on, PlacementCheckIn.id))
