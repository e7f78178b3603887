"""Words for the audit log's action codes and record types that privacy writes, declared in its `feature()`
(core.features merges every feature's into the code lists "audit_action" and "audit_record_type")."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTIONS = {
    "participant.view": _l("Participant's record opened"),
    "participant.case_closed": _l("Participant's case closed"),
    "participant.case_reopened": _l("Participant's case reopened"),
    "privacy.retention_anonymised": _l("Record anonymised: its time was up"),
    "privacy.retention_forgotten": _l("Old entries and ended applications' words removed"),
    "consent.give": _l("Agreement given"),
    "consent.withdraw": _l("Agreement withdrawn"),
    "privacy.deletion_requested": _l("Deletion asked for"),
    "privacy.deletion_confirmed": _l("Deletion done"),
    "privacy.deletion_cancelled": _l("Deletion request cancelled"),
    "deletion_request.confirm": _l("Deletion done"),
    "deletion_request.cancel": _l("Deletion request cancelled"),
}
RECORD_TYPES = {
    "deletion_request": _l("Deletion request"),
    "retention": _l("Records kept for a time"),
    "consent": _l("Agreement"),
}
