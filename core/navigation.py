"""Small helpers shared by views: safe redirects and rendering a service refusal next to its field."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import flash, request, url_for

from core import kept_input
from core.features import registries
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


def flash_refusal(error, form=None) -> None:
    """Say a service's refusal at the top of the next page, and undo what the request changed before it. With
    the form, what was typed comes back on that page and the refusal sits under its field (core.kept_input)."""
    refused()
    flash(error.message, "error")
    if form is not None:
        kept_input.keep(form, {error.field: [error.message]} if getattr(error, "field", None) else None)


def flash_form_errors(form) -> None:
    """For a form on a page the browser is sent back to (a redirect): each of its errors at the top, and what
    was typed with each error under its field on that page (core.kept_input)."""
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")
    kept_input.keep(form)


_MARK = 7_319_046_285_531_904_627  # a number that no other part of a built URL holds


def row_link(endpoint: str, key: str, **values: Any) -> Callable[[int], str]:
    """`url_for(endpoint, **{key: number}, **values)` for each row of a list, the route built once: a list of 50
    rows walked the routes 50 times for the same URL but for one number, ~15 us each (issue 35). The rows' own
    number goes where `url_for` put a marker; for a key of an `int` route part, written as `url_for` writes it."""
    built = url_for(endpoint, **{**values, key: _MARK})
    head, marker, tail = built.partition(str(_MARK))
    if not marker or str(_MARK) in tail:
        raise ValueError(f"{endpoint}: {key} is not one part of the URL")
    return lambda number: f"{head}{int(number)}{tail}"


def current_path() -> str:
    return request.full_path.rstrip("?") if request.query_string else request.path


# Navigation links by role, from the features' declarations (core.features); the base layout shows what fits
# the person.
def nav_links(role: str | None) -> list[tuple[str, object]]:
    who = role or "anonymous"
    seen, links = set(), []
    for roles, endpoint, label in registries().nav:
        if (roles is None or who in roles) and endpoint not in seen:
            seen.add(endpoint)
            links.append((endpoint, label))
    return links


def record_links() -> list[tuple[str, object]]:
    """Links shown on a participant's record for staff (features declare theirs: profile, grants...)."""
    return list(registries().record_links)
