"""What grants sets up when the app starts that fits no field of its declaration: the reviewers' seal, and
what privacy's retention counts as a participant's activity and which ended applications' words it lets go."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def setup(app: Flask) -> None:
    from grants import privacy_data
    from grants.models import FollowUpVisit, GrantApplication
    from privacy import retention

    _seal_from_reviewers()
    # Retention (privacy.retention): what counts as a participant's activity, and ended applications' words.
    retention.register_activity(GrantApplication, "participant_id")
    retention.register_activity_via(FollowUpVisit, "application_id", GrantApplication)
    retention.register_ended_applications("grant_applications", _l("Grant applications"),
                                          privacy_data.count_ended_due, privacy_data.forget_ended_due)


def _seal_from_reviewers() -> None:
    # A grant application and everything under it are sealed from a reviewer until they declare no conflict of
    # interest, and for good after a conflict: left out of every query they make (grants.sealing).
    from core.models import Notice
    from grants import sealing
    from grants.models import BudgetLine, FollowUpVisit, GrantApplication, PlannedTranche, RiskFlag, Tranche
    from grants.reviews import notice_not_about, sealed_application_ids
    sealing.register(sealed_application_ids, {
        GrantApplication: "id", BudgetLine: "application_id", Tranche: "application_id",
        PlannedTranche: "application_id", FollowUpVisit: "application_id", RiskFlag: "application_id",
        Notice: notice_not_about})  # "Your grant of ... baht is approved", on the person's record
