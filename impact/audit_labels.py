"""Words for the audit log's action codes and record types that impact writes, declared in its `feature()`
(core.features merges every feature's into the code lists "audit_action" and "audit_record_type")."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTIONS = {
    "impact.internal_report": _l("Internal figures of the donor report opened"),
    "impact.refreeze": _l("A finished year of the programme figures computed again"),
}
RECORD_TYPES = {
    "impact_snapshot": _l("Programme figures"),
    "impact_year": _l("Programme figures of a year"),
}
