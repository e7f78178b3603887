"""Privacy: the privacy notice and consent, "My information" (see, download, ask to delete), and the access
log behind "who opened my record". Features declare what they store about a person (data sections)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.features import Feature, Job, Nav
from core.models import Role


def feature() -> Feature:
    import privacy.models  # noqa: F401 - its table joins the metadata (create_all, migrations)
    from privacy import access_log, audit_labels, retention, services, views
    from privacy.demo import give_demo_consent

    everyone_signed_in = [Role.PARTICIPANT, Role.CUSTOMER, Role.EMPLOYER, Role.MANAGER, Role.STAFF, Role.ADMIN]
    return Feature(
        "privacy",
        blueprints=(views.bp,),
        nav=(Nav("privacy.my_data", _l("My information"), roles=everyone_signed_in),),
        code_lists=services.OWN_CODE_LISTS,
        data_sections=services.own_sections(),
        seeders=(give_demo_consent,),
        row_loaded=(access_log.note_loaded,),
        # How long records are kept: the nightly count (or removal) and the activity hook.
        jobs=(Job("privacy.retention", retention.nightly, "cron", {"hour": 3, "minute": 15}),),
        flush_hooks=(retention.note_activity,),
        audit_actions=audit_labels.ACTIONS,
        audit_record_types=audit_labels.RECORD_TYPES,
    )
