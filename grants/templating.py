"""Plain-language labels for grant statuses, shown to applicants, reviewers and staff."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from core.labels import labels_once
from grants.disbursement import CONDITIONS
from grants.forms import RECOMMENDATION_LABELS

GRANT_STATUS = {
    "draft": _l("Draft: not sent yet"), "submitted": _l("Sent, waiting for reviewers"),
    "in_review": _l("Being reviewed"), "changes_requested": _l("Changes asked: please revise and send again"),
    "approved": _l("Approved: please read the terms and answer"),
    "accepted": _l("Grant accepted"), "award_declined": _l("You said no to this grant"),
    "declined": _l("Not funded this time"), "withdrawn": _l("Withdrawn"),
}
# The same, as reviewers and staff read it (core.labels: the list's twin).
GRANT_STATUS_ABOUT = {**GRANT_STATUS, "changes_requested": _l("Changes asked: waiting for the applicant to send again"),
                      "approved": _l("Approved: waiting for the applicant's answer"),
                      "award_declined": _l("The applicant said no to this grant")}
VISIT_STATUS = {"scheduled": _l("Planned"), "done": _l("Done"), "overdue": _l("Missed")}
REVIEW_STATUS = {"assigned": _l("To do"), "conflict": _l("Conflict of interest declared"), "submitted": _l("Sent")}


def init_app(app: Flask) -> None:
    @app.context_processor
    def grants_helpers():
        status, status_about = labels_once(GRANT_STATUS), labels_once(GRANT_STATUS_ABOUT)  # once per page
        return {
            "grant_status": lambda code, about=False: (status_about if about else status)(code),
            "visit_status": lambda code: VISIT_STATUS.get(code, code),
            "review_status": lambda code: REVIEW_STATUS.get(code, code),
            "tranche_condition": lambda code: CONDITIONS.get(code, code),
            "recommendation_label": lambda code: RECOMMENDATION_LABELS.get(code, code or "—"),
        }
