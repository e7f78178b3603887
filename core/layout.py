"""What every page needs: the signed-in person, navigation for their role, languages and the quick exit."""
from __future__ import annotations

from flask import Flask, current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user

from core import accounts
from core.forms import ButtonForm, LanguageForm
from core.models import Role
from core.navigation import current_path, nav_links, register_nav

# Work roles do not get the quick-exit button: it is for people who may be watched while they use the site.
NO_QUICK_EXIT = {Role.STAFF.value, Role.ADMIN.value, Role.EMPLOYER.value, Role.MANAGER.value}


def init_login(login_manager: LoginManager, app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(accounts.load_user_from_session)


def _layout_context() -> dict:
    role = current_user.role if current_user.is_authenticated else None
    return {
        "nav_links": nav_links(role),
        "languages": current_app.config["LANGUAGES"],
        "current_locale": str(get_locale() or "en"),
        "language_form": LanguageForm(formdata=None, next=current_path()),
        "sign_out_form": ButtonForm(formdata=None),
        "show_quick_exit": role not in NO_QUICK_EXIT,
        "Role": Role,
    }


def init_app(app: Flask) -> None:
    app.context_processor(_layout_context)
    register_nav("site.home", _l("Home"))
    register_nav("people.participants", _l("Participants"), roles=[Role.STAFF, Role.ADMIN])
    register_nav("people.deletion_requests", _l("Deletion requests"), roles=[Role.STAFF, Role.ADMIN])
    register_nav("admin.audit_log", _l("Audit log"), roles=[Role.ADMIN])
    register_nav("admin.accounts_list", _l("Accounts"), roles=[Role.ADMIN])
    register_nav("people.my_data", _l("My information"),
                 roles=[Role.PARTICIPANT, Role.CUSTOMER, Role.EMPLOYER, Role.MANAGER, Role.STAFF, Role.ADMIN])
