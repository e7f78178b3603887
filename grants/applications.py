"""Writing a grant application: drafts, budget lines with computed totals, submission, withdrawal."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit
from core.db import utcnow
from core.extensions import db
from core.models import User
from grants.models import (
    GRANT_LIFECYCLE,
    OPEN_GRANT_STATUSES,
    SUPPORT_KINDS,
    BudgetLine,
    GrantApplication,
    GrantRound,
)
from grants.rounds import RULE_LABELS, GrantError, unmet_rules

TEXT_FIELDS = ("business_idea", "location", "market", "competitors", "skills", "plan_six_months")
REQUIRED_TO_SUBMIT = ("business_idea", "location", "market", "skills", "plan_six_months")
LOCKED = ("submitted", "in_review", "approved", "declined", "withdrawn")
MAX_LINES = 30


@dataclass(frozen=True)
class LineInput:
    item: str
    quantity: int
    unit_cost_thb: int


def start_application(participant: User, grant_round: GrantRound, by: User, follows: int | None = None
                      ) -> GrantApplication:
    """One draft per person and round; asking again returns the same draft (a double click makes one record).
    The rule sees an open application sealed from `by` too (its pages stay closed to them)."""
    existing = db.session.scalar(sa.select(GrantApplication).where(
        GrantApplication.participant_id == participant.id, GrantApplication.round_id == grant_round.id,
        GrantApplication.status.in_(OPEN_GRANT_STATUSES)).execution_options(include_sealed=True))
    if existing:
        return existing
    application = GrantApplication(round_id=grant_round.id, participant_id=participant.id, created_by_id=by.id,
                                   follows_application_id=follows)
    db.session.add(application)
    db.session.flush()
    audit.record("grant_application.start", "grant_application", application.id, actor=by,
                 detail={"on_behalf": by.id != participant.id})
    db.session.flush()
    return application


def save_draft(application: GrantApplication, by: User, texts: dict[str, str], lines: list[LineInput],
               amount_requested_thb: int, own_contribution_thb: int, support_wanted: list[str]) -> None:
    if application.status in LOCKED:
        raise GrantError(_l("This application is sent and can no longer be changed."))
    if amount_requested_thb < 0 or own_contribution_thb < 0:
        raise GrantError(_l("Amounts cannot be negative."), "amount_requested_thb")
    if amount_requested_thb > application.round.max_per_grant_thb:
        raise GrantError(_l("The most this round gives is %(amount)s baht.",
                            amount=f"{application.round.max_per_grant_thb:,}"), "amount_requested_thb")
    if len(lines) > MAX_LINES:
        raise GrantError(_l("Use at most %(n)d budget lines.", n=MAX_LINES))
    for line in lines:
        if not line.item.strip() or not 0 < line.quantity <= 10_000 or not 0 <= line.unit_cost_thb <= 10_000_000:
            raise GrantError(_l("Each budget line needs an item, a quantity from 1 to 10,000 and a unit cost "
                                "from 0 to 10,000,000 baht."), "lines")
    for field in TEXT_FIELDS:
        setattr(application, field, (texts.get(field) or "").strip())
    application.support_wanted = [s for s in support_wanted if s in SUPPORT_KINDS]
    application.amount_requested_thb = amount_requested_thb
    application.own_contribution_thb = own_contribution_thb
    application.budget_lines = [BudgetLine(item=line.item.strip(), quantity=line.quantity,
                                           unit_cost_thb=line.unit_cost_thb) for line in lines]
    audit.record("grant_application.save", "grant_application", application.id, actor=by)
    db.session.flush()


def problems_before_submit(application: GrantApplication, today: date) -> list[str]:
    problems = []
    grant_round = application.round
    if not grant_round.opens_on <= today <= grant_round.closes_on:
        problems.append(str(_l("The round is not open.")))
    for rule in unmet_rules(grant_round, application.participant_id):
        problems.append(str(_l("Not yet met: %(rule)s.", rule=RULE_LABELS[rule])))
    for field in REQUIRED_TO_SUBMIT:
        if not getattr(application, field):
            problems.append(str(_l("Please fill in every part of the plan.")))
            break
    if not application.budget_lines:
        problems.append(str(_l("Add at least one budget line.")))
    if application.amount_requested_thb <= 0:
        problems.append(str(_l("Say how much you ask for.")))
    elif application.amount_requested_thb > application.budget_total_thb:
        problems.append(str(_l("You ask for more than the budget lines add up to.")))
    return problems


def submit(application: GrantApplication, by: User, today: date) -> None:
    """Check eligibility and completeness, then lock the text."""
    refused = GrantError(_l("This application is already sent."))
    if not GRANT_LIFECYCLE.allows(application.status, "submit"):
        raise refused
    problems = problems_before_submit(application, today)
    if problems:
        raise GrantError(" ".join(problems))
    resubmitted = application.status == "changes_requested"
    if resubmitted:
        application.review_cycle += 1  # reviewed again from the start; earlier reviews stay as history
    GRANT_LIFECYCLE.apply(application, "submit", actor=by, detail={"resubmitted": resubmitted}, refusal=refused)
    application.submitted_at = utcnow()
    application.criteria_version = application.round.criteria_version
    db.session.flush()


def withdraw(application: GrantApplication, participant: User) -> None:
    if application.participant_id != participant.id:
        raise GrantError(_l("This is not your application."))
    GRANT_LIFECYCLE.apply(application, "withdraw", actor=participant,
                          refusal=GrantError(_l("This application is already decided.")))
    db.session.flush()
