"""What the grants side keeps about a person, for their own download and for anonymising."""
from __future__ import annotations

from functools import partial

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core.extensions import db
from core.features import ParticipantData
from core.file_store import store
from core.labels import Field
from core.models import User
from core.unit_of_work import after_commit
from grants import disbursement, sealing
from grants.models import (
    BudgetLine,
    EligibilityException,
    FollowUpVisit,
    GrantApplication,
    PlannedTranche,
    ReviewAssignment,
    RiskFlag,
    Tranche,
)
from grants.reviews import sealed_application_ids
from privacy.services import DataSection

FIELDS = {
    "round": Field(_l("Grant round")), "status": Field(_l("Where it stands"), "grant_status"),
    "business_idea": Field(_l("Your business idea"), about=_l("Business idea")),
    "location": Field(_l("Where the business is")),
    "amount_requested_thb": Field(_l("Amount asked for"), "baht"),
    "amount_awarded_thb": Field(_l("Grant"), "baht"), "paid_thb": Field(_l("Paid so far"), "baht"),
    "decision_reason": Field(_l("Why")), "submitted_at": Field(_l("Sent on"), "moment"),
}

# The tables that hold a participant's data (privacy.access_log): the application, and what hangs from it.
PARTICIPANT_DATA = (ParticipantData(GrantApplication, "participant_id"),
                    ParticipantData(EligibilityException, "participant_id"),
                    *(ParticipantData(model, "application_id", via=GrantApplication) for model in (
                        BudgetLine, ReviewAssignment, Tranche, PlannedTranche, FollowUpVisit, RiskFlag)))


def sections() -> list[DataSection]:
    return [DataSection("grant_applications", _l("Your grant applications"), export_grants, anonymise_grants,
                        about_title=_l("Grant applications"),
                        fields=FIELDS, sealed_note=sealed_note)]


def sealed_note():
    """On every participant's record, for staff with an application sealed from them: the same words whoever
    the person is, so the record does not tell whose application it is."""
    viewer = sealing.viewer_id()
    if viewer is None or db.session.scalar(sealed_application_ids(viewer).limit(1)) is None:
        return None
    return _l("Hidden: any grant application you review is not shown to you here.")


def export_grants(user: User) -> list[dict]:
    rows = db.session.scalars(sa.select(GrantApplication).where(GrantApplication.participant_id == user.id)).all()
    return [{"round": a.round.name, "status": a.status, "business_idea": a.business_idea, "location": a.location,
             "amount_requested_thb": a.amount_requested_thb, "amount_awarded_thb": a.amount_awarded_thb,
             "paid_thb": a.paid_thb, "decision_reason": a.decision_reason, "submitted_at": a.submitted_at}
            for a in rows]


def anonymise_grants(user: User) -> None:
    """Amounts and visit figures stay for the portfolio report; words that describe the person go."""
    # Every application, also those sealed from the staff member confirming (a reviewer with a conflict): the
    # seal hides what they may read, never what a deletion or retention must remove.
    ids = list(db.session.scalars(sa.select(GrantApplication.id).where(GrantApplication.participant_id == user.id)
                                  .execution_options(include_sealed=True)))
    if not ids:
        return
    db.session.execute(sa.update(GrantApplication).where(GrantApplication.id.in_(ids)).values(
        business_idea="", location="", market="", competitors="", skills="", plan_six_months="", decision_reason=""))
    db.session.execute(sa.update(FollowUpVisit).where(FollowUpVisit.application_id.in_(ids)).values(
        going_well="", challenges="", referral="", self_ratings={}))
    # Receipts are photos of what was bought, often with the person's name: they go with the person (the
    # tranche's amount, kind and date stay as the accounting record), the files once the change is committed.
    names = [name for name in db.session.scalars(sa.select(Tranche.receipt_path).where(
        Tranche.application_id.in_(ids), Tranche.receipt_path.is_not(None))) if name]
    if names:
        db.session.execute(sa.update(Tranche).where(Tranche.application_id.in_(ids)).values(receipt_path=None))
        files = store()
        for name in names:
            after_commit(partial(files.delete, disbursement.receipt_key(name)))


# Applications that ended without a grant: their words go a year after (privacy.retention), the figures stay.
_ENDED = ("declined", "withdrawn", "award_declined")
_WORDS = ("business_idea", "location", "market", "competitors", "skills", "plan_six_months", "decision_reason")


def _ended_due(cutoff):
    ended_at = sa.func.coalesce(GrantApplication.decided_at, GrantApplication.award_answered_at,
                                GrantApplication.submitted_at, GrantApplication.created_at)
    return (GrantApplication.status.in_(_ENDED), ended_at < cutoff,
            sa.or_(*[getattr(GrantApplication, name) != "" for name in _WORDS]))


def count_ended_due(cutoff) -> int:
    return db.session.scalar(sa.select(sa.func.count(GrantApplication.id)).where(*_ended_due(cutoff))
                             .execution_options(include_sealed=True)) or 0


def forget_ended_due(cutoff) -> int:
    result = db.session.execute(sa.update(GrantApplication).where(*_ended_due(cutoff))
                                .values(**dict.fromkeys(_WORDS, "")))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
