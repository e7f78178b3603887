"""Words for the audit log's action codes and record types that grants writes, declared in its `feature()`
(core.features merges every feature's into the code lists "audit_action" and "audit_record_type")."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTIONS = {
    "grant_round.translate": _l("Grant round named in another language"),
    "grant_round.create": _l("Grant round made"),
    "grant_round.criteria": _l("Review criteria changed"),
    "grant.eligibility_exception": _l("Eligibility rule waived"),
    "grant_application.start": _l("Grant application started"),
    "grant_application.save": _l("Grant application saved"),
    "grant_application.submit": _l("Grant application sent"),
    "grant_application.assign_reviewer": _l("Reviewer assigned"),
    "grant_application.withdraw": _l("Grant application withdrawn"),
    "grant_application.approve": _l("Grant approved"),
    "grant_application.changes": _l("Changes asked"),
    "grant_application.request_changes": _l("Changes asked"),
    "grant_application.decline": _l("Grant declined"),
    "grant_application.accept_award": _l("Grant accepted by the person"),
    "grant_application.decline_award": _l("Grant declined by the person"),
    "grant_application.move_visits": _l("Follow-up visits moved"),
    "grant_review.assign": _l("Reviewer assigned"),
    "grant_review.conflict_declared": _l("Conflict of interest declared"),
    "grant_review.declare_conflict": _l("Conflict of interest declared"),
    "grant_review.declare_no_conflict": _l("No conflict of interest declared"),
    "grant_review.submit": _l("Review sent"),
    "grant_tranche.pay": _l("Payment made"),
    "grants.tranche_plan": _l("Payment plan saved"),
    "grants.receipt_open": _l("Receipt opened"),
    "grants.export_named": _l("Grants exported with names"),
    "grant_visit.record": _l("Visit recorded"),
    "grant_visit.extra_check_in": _l("Owner's extra check-in recorded"),
    "grant_visit.reschedule": _l("Visit moved"),
    "grant_visit.move": _l("Visit moved"),
    "grant_visit.mark_overdue": _l("Visit marked missed"),
}
RECORD_TYPES = {
    "grant_round": _l("Grant round"),
    "grant_application": _l("Grant application"),
    "grant_review": _l("Review"),
    "grant_visit": _l("Visit"),
    "grants_portfolio": _l("Grants portfolio"),
}
