"""What every page needs: the signed-in person, navigation for their role, languages and the quick exit."""
from __future__ import annotations

import hashlib
import re
import secrets
from functools import lru_cache
from pathlib import Path

from flask import Flask, current_app, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user
from jinja2 import Template, pass_context
from jinja2.runtime import Context, Macro
from markupsafe import Markup, escape

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
    user = current_user._get_current_object()  # type: ignore[attr-defined]
    role = user.role if user.is_authenticated else None
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


# --- the parts of every page that are the same for everyone of a role and language ---------------------------

# Stand-ins for a person's own values while a part is written to be kept: random, so that nothing else on a page
# holds them, and made only of letters and digits, which HTML escaping leaves as they are.
_SLOTS = {slot: f"slot{secrets.token_hex(12)}" for slot in ("name", "token", "back", "languages_href")}
_SLOT_PATTERN = re.compile("|".join(_SLOTS.values()))
_KEPT_PARTS_AT_MOST = 1_000  # roles x languages x menu entries x hosts; past that, all are written again


@pass_context
def page_part(context: Context, part: str, macro: Macro) -> Markup:
    """A part of base.html (the links in <head>, the header and its menu, the footer), written once for each
    role, language, host and prefix (and, for the menu, which of its links is the current page) and kept for
    the worker's life: it changes only with a deploy. The header holds four values of the person's own, which
    the macro takes as arguments: it is written with stand-ins, replaced on each page. A visitor's header is
    written each time (their pages are kept whole: core.page_cache), and asks for no form token."""
    user = current_user._get_current_object()  # type: ignore[attr-defined]  # once: the proxy costs ~40 calls
    signed_in = user.is_authenticated
    back = context.get("language_next") or current_path()
    if part == "top" and not signed_in:
        return macro(None, None, back, url_for("site.languages", next=current_path()))
    here = request.endpoint
    marked = here if any(endpoint == here for endpoint, _label in context["nav_links"]) else None
    key = (part, signed_in and user.role, str(get_locale() or "en"), marked, request.script_root,
           request.host)
    kept = current_app.extensions.setdefault("pathways_page_parts", {})
    written = kept.get(key)
    if written is None:
        if len(kept) >= _KEPT_PARTS_AT_MOST:
            kept.clear()
        written = kept[key] = str(macro(*_SLOTS.values()) if part == "top" else macro())
    if part != "top":
        return Markup(written)  # noqa: S704  # nosec B704 - written by the template, escaped there
    globals_, filters = current_app.jinja_env.globals, current_app.jinja_env.filters
    own = {_SLOTS["name"]: filters["theirs"](user.display_name),
           _SLOTS["token"]: escape(globals_["csrf_token"]()), _SLOTS["back"]: escape(back),
           _SLOTS["languages_href"]: escape(url_for("site.languages", next=current_path()))}
    return Markup(_SLOT_PATTERN.sub(lambda found: own[found.group()], written))  # noqa: S704  # nosec B704


class _Template(Template):
    """Jinja's template, with its check for `{% from ... import ... %}` made in C. Jinja compares the importing
    page's globals with the imported template's (a set minus a mapping's keys, one Python call per global:
    ~150 calls for each import on every page, issue 35); the answer is the same: when the imported template has
    every global of the page, its module is the one Jinja keeps."""

    def _get_default_module(self, ctx=None):  # type: ignore[no-untyped-def]
        if ctx is not None and ctx.globals_keys.issubset(self.globals):
            ctx = None
        return super()._get_default_module(ctx)


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

    app.jinja_env.template_class = _Template
    app.url_defaults(_static_version)
    compression.init_app(app)  # the static files compressed; pages never (BREACH: see core/compression.py)
    app.context_processor(_layout_context)
    app.add_template_global(row_link)
    app.add_template_global(page_part)
    registries(app).add_nav(Nav("site.home", _l("Home")))
    # The work home replaces a row of links to lists (what waits there): one entry for the work roles.
    registries(app).add_nav(Nav("site.my_work", _l("My work"), roles=sorted(NO_QUICK_EXIT)))
