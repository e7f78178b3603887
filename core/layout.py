"""What every page needs: the signed-in person, navigation for their role, languages and the quick exit."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user

from core.features import Nav, registries
from core.models import Role
from core.navigation import current_path, nav_links, row_link

# Work roles do not get the quick-exit button: it is for people who may be watched while they use the site.
NO_QUICK_EXIT = {Role.STAFF.value, Role.ADMIN.value, Role.EMPLOYER.value, Role.MANAGER.value}


def init_login(login_manager: LoginManager, app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"


def _layout_context() -> dict:
    role = current_user.role if current_user.is_authenticated else None
    return {
        "nav_links": nav_links(role),
        "languages": current_app.config["LANGUAGES"],
        "current_locale": str(get_locale() or "en"),
        # The two forms of every page are written by hand in base.html: building WTForms objects for a
        # token and a hidden field cost a quarter of a simple page's time.
        "current_path": current_path(),
        "show_quick_exit": role not in NO_QUICK_EXIT,
        "Role": Role,
    }


@lru_cache(maxsize=512)
def _content_hash(folder: str, filename: str) -> str | None:
    try:
        return hashlib.sha256(Path(folder, filename).read_bytes()).hexdigest()[:12]
    except OSError:
        return None


def _static_version(endpoint: str, values: dict) -> None:
    """Every link to a static file carries a hash of its content (`?v=…`), so the file can be cached for a
    year and a changed file is fetched at once."""
    if endpoint == "static" and "filename" in values and "v" not in values:
        version = _content_hash(current_app.static_folder or "", values["filename"])
        if version:
            values["v"] = version


def init_app(app: Flask) -> None:
    from core import compression

    app.url_defaults(_static_version)
    compression.init_app(app)  # the static files compressed; pages never (BREACH: see core/compression.py)
    app.context_processor(_layout_context)
    app.add_template_global(row_link)
    registries(app).add_nav(Nav("site.home", _l("Home")))
    # The work home replaces a row of links to lists (what waits there): one entry for the work roles.
    registries(app).add_nav(Nav("site.my_work", _l("My work"), roles=sorted(NO_QUICK_EXIT)))
