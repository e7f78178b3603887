"""Accounts and people: signing in, registering, passwords, remembered devices, the sign-in throttle, account
mail, the admin's account pages, enrolling participants, and people's contact details."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.features import Feature, Job, Nav, ToDo
from core.models import Role


def feature() -> Feature:
    import accounts.models  # noqa: F401 - its tables join the metadata (create_all, migrations)
    from accounts import (
        admin_views,
        audit_labels,
        auth_views,
        contact_steps,
        drafts,
        enrolment_codes,
        notices,
        people_views,
        privacy_data,
        services,
        startup,
        throttle,
        trusted_browsers,
        two_factor_views,
    )
    from accounts.demo import seed_demo_accounts
    from core.notify import unread_count
    from privacy.retention import count_participants_due
    from privacy.services import count_pending_deletions

    return Feature(
        "accounts",
        setup=startup.setup,
        blueprints=(auth_views.bp, people_views.bp, admin_views.bp, two_factor_views.bp),
        nav=(Nav("people.participants", _l("Participants"), roles=[Role.STAFF, Role.ADMIN]),
             Nav("admin.audit_log", _l("Audit log"), roles=[Role.ADMIN]),
             Nav("admin.accounts_list", _l("Accounts"), roles=[Role.ADMIN]),
             Nav("people.my_messages", _l("Messages"), roles=[Role.PARTICIPANT]),
             Nav("people.my_contact", _l("How to reach me"), roles=[Role.PARTICIPANT])),
        # Deletion requests and records due for deletion wait on the work home (their lists are this package's).
        # Every work role's messages start its list: their menu has no "Messages" (the participant's has).
        to_do=(ToDo("people.my_messages", _l("New messages"), unread_count,
                    [Role.STAFF, Role.ADMIN, Role.EMPLOYER, Role.MANAGER]),
               ToDo("people.deletion_requests", _l("Deletion requests"), count_pending_deletions,
                    [Role.STAFF, Role.ADMIN]),
               ToDo("people.retention_due", _l("People whose records are due for deletion"), count_participants_due,
                    [Role.STAFF, Role.ADMIN])),
        code_lists=privacy_data.code_lists(),
        data_sections=privacy_data.sections(),
        participant_data=privacy_data.PARTICIPANT_DATA,
        notice_kinds=notices.NOTICE_KINDS,
        demo_accounts=seed_demo_accounts,
        jobs=(Job("core.purge_sign_in_counters", throttle.purge_old_counters, "interval", {"minutes": 10}),
              Job("core.forget_unconfirmed_registrations", services.forget_unconfirmed_registrations, "cron",
                  {"hour": 3, "minute": 30}),
              Job("accounts.purge_expired_trusted_browsers", trusted_browsers.purge_expired, "cron",
                  {"hour": 3, "minute": 40}),
              Job("accounts.purge_expired_drafts", drafts.purge_expired, "cron", {"hour": 3, "minute": 50})),
        cli=(enrolment_codes.enrolment_code_command,),
        audit_actions=audit_labels.ACTIONS,
        audit_record_types=audit_labels.RECORD_TYPES,
        provides={"draft_forms": (contact_steps.draft_forms,)},
        migrations="accounts/migrations",
    )
