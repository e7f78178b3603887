"""Accounts and people: signing in, registering, passwords, remembered devices, the sign-in throttle, account
mail, the admin's account pages, enrolling participants, and people's contact details."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from core.features import Feature, Job, Nav, NoticeKind
from core.models import Role


def feature() -> Feature:
    import accounts.models  # noqa: F401 - its tables join the metadata (create_all, migrations)
    from accounts import (
        admin_views,
        auth_views,
        enrolment_codes,
        people_views,
        privacy_data,
        services,
        throttle,
        trusted_browsers,
        two_factor_views,
    )
    from accounts.demo import seed_demo_accounts

    everyone_signed_in = [Role.PARTICIPANT, Role.CUSTOMER, Role.EMPLOYER, Role.MANAGER, Role.STAFF, Role.ADMIN]
    return Feature(
        "accounts",
        setup=_load_users,
        blueprints=(auth_views.bp, people_views.bp, admin_views.bp, two_factor_views.bp),
        nav=(Nav("people.participants", _l("Participants"), roles=[Role.STAFF, Role.ADMIN]),
             Nav("people.deletion_requests", _l("Deletion requests"), roles=[Role.STAFF, Role.ADMIN]),
             Nav("people.retention_due", _l("Records due for deletion"), roles=[Role.STAFF, Role.ADMIN]),
             Nav("admin.audit_log", _l("Audit log"), roles=[Role.ADMIN]),
             Nav("admin.accounts_list", _l("Accounts"), roles=[Role.ADMIN]),
             Nav("people.my_messages", _l("Messages"), roles=[Role.PARTICIPANT]),
             Nav("people.my_contact", _l("How to reach me"), roles=[Role.PARTICIPANT]),
             Nav("people.my_data", _l("My information"), roles=everyone_signed_in)),
        code_lists=privacy_data.code_lists(),
        data_sections=privacy_data.sections(),
        participant_data=privacy_data.PARTICIPANT_DATA,
        notice_kinds={"contact.proposed": NoticeKind(
            _l("Please check your contact details"),
            _l("Programme staff suggest a change to your contact details. It changes only if you say yes.")),
            # An admin reset the second step of a work account's sign-in (accounts.two_factor).
            "account.two_factor_reset": NoticeKind(
                _l("Your two-step sign-in was reset"),
                _l("A Pathways admin reset the second step of your sign-in. Set it up again when you next sign "
                   "in. If you did not ask for this, tell the programme's admin at once."), to_participant=False),
            # Too many wrong codes at the second step of a work account's sign-in, after a right password.
            "account.second_step_locked": NoticeKind(
                _l("Wrong sign-in codes were typed for your account"),
                _l("Someone typed your password and then several wrong codes at the second step of signing in, so "
                   "two-step sign-in is locked for a while. If it was not you, change your password at once and "
                   "tell the programme's admin."), to_participant=False)},
        demo_accounts=seed_demo_accounts,
        jobs=(Job("core.purge_sign_in_counters", throttle.purge_old_counters, "interval", {"minutes": 10}),
              Job("core.forget_unconfirmed_registrations", services.forget_unconfirmed_registrations, "cron",
                  {"hour": 3, "minute": 30}),
              Job("accounts.purge_expired_trusted_browsers", trusted_browsers.purge_expired, "cron",
                  {"hour": 3, "minute": 40})),
        cli=(enrolment_codes.enrolment_code_command,),
        migrations="accounts/migrations",
    )


def _load_users(app: Flask) -> None:
    from accounts import services
    from core.extensions import login_manager

    login_manager.user_loader(services.load_user_from_session)
