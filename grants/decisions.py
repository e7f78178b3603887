"""Decisions by staff who did not review: approve (never over the round's budget), ask for changes, decline.
The person then accepts or declines the award (grants.awards); visits start from that answer, not from here."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import Role, User
from core.notify import notify, path_for
from grants.models import GRANT_LIFECYCLE, GrantApplication, GrantRound, ReviewAssignment
from grants.reviews import MIN_REVIEWERS, summary
from grants.rounds import GrantError
from training.public import home_province

DECISION_EVENTS = {"approve": "approve", "changes": "request_changes", "decline": "decline"}  # choice -> event
DECISIONS = tuple(DECISION_EVENTS)


def reserve_budget(round_id: int, amount: int) -> bool:
    """One statement: it succeeds only while the round has that much left. Two approvals at once cannot both
    take the last of the budget; the CHECK constraint backs it up."""
    result = changed_rows(sa.update(GrantRound).where(
        GrantRound.id == round_id, GrantRound.committed_thb + amount <= GrantRound.budget_thb)
        .values(committed_thb=GrantRound.committed_thb + amount))
    return result == 1


def decide(application: GrantApplication, staff: User, decision: str, reason: str,
           amount_thb: int | None = None) -> None:
    if decision not in DECISIONS:
        raise GrantError(_l("Unknown decision."))
    if not staff.has_role(Role.STAFF, Role.ADMIN):
        raise GrantError(_l("Only programme staff decide."))
    reviewed = db.session.scalar(sa.select(sa.func.count(ReviewAssignment.id)).where(
        ReviewAssignment.application_id == application.id, ReviewAssignment.reviewer_id == staff.id))
    if reviewed:
        raise GrantError(_l("Someone who reviewed this application cannot also decide on it."))
    refused = GrantError(_l("This application is not waiting for a decision."))
    if not GRANT_LIFECYCLE.allows(application.status, DECISION_EVENTS[decision]):
        raise refused
    if len(summary(application).per_reviewer) < MIN_REVIEWERS:
        raise GrantError(_l("Wait for at least two reviews."))
    if len(reason.strip()) < 10:
        raise GrantError(_l("Write the reason for the applicant in plain words."), "reason")
    if decision == "approve":
        amount = application.amount_requested_thb if amount_thb is None else amount_thb
        if not 0 < amount <= application.amount_requested_thb:
            raise GrantError(_l("The amount must be more than 0 and not more than was asked."), "amount_thb")
        if amount > application.round.max_per_grant_thb:
            raise GrantError(_l("The amount is over this round's maximum."), "amount_thb")
        # Nothing of the decision is changed before the budget is taken: an approval that loses the last of it
        # to another at the same moment has nothing to undo.
        if not reserve_budget(application.round_id, amount):
            raise GrantError(_l("The round's budget does not have that much left. Nothing was approved."),
                             "amount_thb")
        application.amount_awarded_thb = amount
        # Where the business is counted in the impact figures, for good: where the person lives now.
        application.province_code = home_province(application.participant_id)
    application.decision_reason = reason.strip()
    application.decided_by_id = staff.id
    application.decided_at = utcnow()
    GRANT_LIFECYCLE.apply(application, DECISION_EVENTS[decision], actor=staff, action=f"grant_application.{decision}",
                          detail={"amount": application.amount_awarded_thb}, refusal=refused)
    if decision == "approve":
        notify(application.participant, "grant.approved",
               link=path_for("grants.application", application_id=application.id), amount=f"{amount:,}")
    elif decision == "changes":  # the next step is hers
        notify(application.participant, "grant.changes_requested",
               link=path_for("grants.application", application_id=application.id))
    db.session.flush()
