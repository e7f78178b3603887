"""Small helpers shared by views: safe redirects and rendering a service refusal next to its field."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, request, url_for

from core.unit_of_work import refused


def safe_next(target: str | None, fallback_endpoint: str = "site.home") -> str:
    """Only same-site paths: an open redirect would let a fake page borrow our address. A control character
    (a line break) is dropped with the rest: it cannot go in a Location header, and browsers strip some of
    them, so "/<tab>/evil.example" would leave the site."""
    if target and not any(ord(char) < 32 or 127 <= ord(char) < 160 for char in target):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//") \
                and "\\" not in target:
            return target
    return url_for(fallback_endpoint)


def show_error_on(form, error) -> None:
    """Put a service's refusal under the field it is about (or at the top of the form), and undo what the
    request changed before it was refused: nothing of a refused request is committed."""
    refused()
    field = getattr(form, error.field, None) if getattr(error, "field", None) else None
    if field is not None:
        field.errors = list(field.errors) + [error.message]
    else:
        form.form_errors.append(error.message)


def flash_refusal(error) -> None:
    """Say a service's refusal at the top of the next page, and undo what the request changed before it."""
    refused()
    flash(error.message, "error")


def flash_form_errors(form) -> None:
    """For a form on a page the browser is sent back to (a redirect): each of its errors at the top."""
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")


def current_path() -> str:
    return request.full_path.rstrip("?") if request.query_string else request.path


# Navigation links by role. Features add theirs at start-up; the base layout shows what fits the person.
_NAV: list[tuple[frozenset[str] | None, str, object]] = []


def register_nav(endpoint: str, label, roles=None, after: str | None = None) -> None:
    """roles=None: everyone; "anonymous" is a role name for people not signed in. `after`: the endpoint this
    link follows (for a package that starts after others but whose link belongs higher up)."""
    link = (frozenset(r.value if hasattr(r, "value") else r for r in roles) if roles else None, endpoint, label)
    endpoints = [e for _roles, e, _label in _NAV]
    if after in endpoints:
        _NAV.insert(endpoints.index(after) + 1, link)
    else:
        _NAV.append(link)


def nav_links(role: str | None) -> list[tuple[str, object]]:
    who = role or "anonymous"
    seen, links = set(), []
    for roles, endpoint, label in _NAV:
        if (roles is None or who in roles) and endpoint not in seen:
            seen.add(endpoint)
            links.append((endpoint, label))
    return links


# Links shown on a participant's record for staff (features add theirs: profile, pathway, grants...).
_RECORD_LINKS: list[tuple[str, object]] = []


def register_record_link(endpoint: str, label) -> None:
    """The endpoint takes `participant_id`."""
    if endpoint not in [e for e, _label in _RECORD_LINKS]:
        _RECORD_LINKS.append((endpoint, label))


def record_links() -> list[tuple[str, object]]:
    return list(_RECORD_LINKS)
