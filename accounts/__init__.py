"""Accounts and people: signing in, registering, passwords, remembered devices, the sign-in throttle, account
mail, the admin's account pages, enrolling participants, and people's contact details."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from core.models import Role


def init_app(app: Flask) -> None:
    import accounts.models  # noqa: F401 - its tables join the metadata (create_all, migrations)
    from accounts import admin_views, auth_views, people_views, privacy_data, services, throttle
    from accounts.demo import seed_demo_accounts
    from core.commands import register_demo_accounts
    from core.extensions import login_manager
    from core.navigation import register_nav
    from core.scheduler import register_job

    login_manager.user_loader(services.load_user_from_session)
    for blueprint in (auth_views.bp, people_views.bp, admin_views.bp):
        app.register_blueprint(blueprint)
    register_nav("people.participants", _l("Participants"), roles=[Role.STAFF, Role.ADMIN])
    register_nav("people.deletion_requests", _l("Deletion requests"), roles=[Role.STAFF, Role.ADMIN])
    register_nav("people.retention_due", _l("Records due for deletion"), roles=[Role.STAFF, Role.ADMIN])
    register_nav("admin.audit_log", _l("Audit log"), roles=[Role.ADMIN])
    register_nav("admin.accounts_list", _l("Accounts"), roles=[Role.ADMIN])
    register_nav("people.my_messages", _l("Messages"), roles=[Role.PARTICIPANT])
    register_nav("people.my_contact", _l("How to reach me"), roles=[Role.PARTICIPANT])
    register_nav("people.my_data", _l("My information"),
                 roles=[Role.PARTICIPANT, Role.CUSTOMER, Role.EMPLOYER, Role.MANAGER, Role.STAFF, Role.ADMIN])
    privacy_data.register(app)
    _register_notices()
    register_demo_accounts(seed_demo_accounts)
    register_job("core.purge_sign_in_counters", throttle.purge_old_counters, "interval", minutes=10)
    # Two-step sign-in (accounts.two_factor): its pages and the notice of an admin's reset.
    from accounts import two_factor_views
    app.register_blueprint(two_factor_views.bp)
    register_kind_two_factor_reset()
    register_job("core.forget_unconfirmed_registrations", services.forget_unconfirmed_registrations,
                 "cron", hour=3, minute=30)


def _register_notices() -> None:
    from core.notify import register_kind

    register_kind("contact.proposed", _l("Please check your contact details"),
                  _l("Programme staff suggest a change to your contact details. It changes only if you say yes."))


def register_kind_two_factor_reset() -> None:
    from core.notify import register_kind

    register_kind("account.two_factor_reset", _l("Your two-step sign-in was reset"),
                  _l("A Pathways admin reset the second step of your sign-in. Set it up again when you next sign "
                     "in. If you did not ask for this, tell the programme's admin at once."), to_participant=False)
