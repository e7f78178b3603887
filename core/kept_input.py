"""What was typed in a form refused by a redirect, shown again on the page the browser is sent back to.

Small forms that sit on another page (a stock change on a product's page, a refund on an order's page) answer a
refusal with a redirect to that page. Without this, the page came back empty with the error at the top only:
what was typed was lost and no field said where the problem was. `keep(form)` holds the values and the errors
of the refused form in the session for exactly the next page; when that page builds the same form class
(core.forms.Form), the form takes them back, so the field macro marks the field at fault and shows the rest.

Never kept: passwords, one-time codes, files (a browser never lets a page fill them), the CSRF token, and what a
form class names in `fresh_each_page` (a refund's intent, minted anew for each page shown). The
session is a signed cookie: values are cut to what fits (MAX_BYTES), and a value longer than MAX_VALUE (the
field at fault, most often) is not kept at all.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

from flask import Flask, Response, request, session
from werkzeug.datastructures import MultiDict

KEY = "_kept_form"
MAX_BYTES = 2500  # of the whole cookie's share: a session cookie has 4 KB in all
MAX_VALUE = 500  # characters of one value
NOT_KEPT = {"PasswordField", "FileField", "MultipleFileField", "CSRFTokenField", "SubmitField"}
NOT_KEPT_NAMES = {"code", "recovery_code"}  # one-time codes are typed again, like a password


def form_key(form) -> str:
    return f"{type(form).__module__}.{type(form).__qualname__}:{form._prefix}"


def keep(form, errors: dict[str, list[str]] | None = None) -> None:
    """Keep what the request sent to `form`, and its errors (with `errors` for a service's refusal, by field
    name without the form's prefix), for the page the browser is sent to next."""
    fresh = set(getattr(form, "fresh_each_page", ()))
    hidden = {f.name for f in form if f.type in NOT_KEPT or f.short_name in NOT_KEPT_NAMES | fresh}
    data = {name: [value for value in request.form.getlist(name) if len(value) <= MAX_VALUE]
            for name in request.form if name not in hidden and name.startswith(form._prefix)}
    marked = {f.name: [str(message) for message in f.errors] for f in form
              if f.errors and isinstance(f.errors, (list, tuple)) and all(isinstance(m, str) for m in f.errors)}
    for short_name, messages in (errors or {}).items():
        field = form._fields.get(short_name)  # else an input the template writes itself (refund-<line id>)
        marked.setdefault(field.name if field is not None else short_name, []).extend(
            str(message) for message in messages)
    kept = {"form": form_key(form), "action": request.path, "data": data, "errors": marked}
    while len(json.dumps(kept, ensure_ascii=False).encode()) > MAX_BYTES and data:
        data.pop(max(data, key=lambda name: sum(len(v) for v in data[name])))  # the longest goes first
    session[KEY] = kept


def take(form, **built_with) -> bool:
    """Called by every form as it is built for a page: fill it with what was kept for it, if anything. What the
    page built it with (`obj`, `data`, field values) stays for the fields not kept (a fresh refund intent)."""
    kept = session.get(KEY)
    if request.method != "GET" or not kept or kept.get("form") != form_key(form) \
            or kept.get("path") != request.path:
        return False
    session.pop(KEY)
    sent = MultiDict([(name, value) for name, values in kept["data"].items() for value in values])
    form.process(formdata=sent, **{k: v for k, v in built_with.items() if k not in ("prefix", "meta", "formdata")})
    # For a page with one form of a class per row (a step for each applicant), which row was sent, and the
    # values of inputs a template writes itself (a product's option choices).
    form.kept_action, form.kept_data, form.kept_errors = kept["action"], sent, kept["errors"]
    for field in form:
        if field.name in kept["errors"]:
            field.errors = list(kept["errors"][field.name])
    return True


def _after(response: Response) -> Response:
    """Kept for the page a refusal redirects to, and for no other: anything not taken by then is dropped."""
    kept = session.get(KEY)
    if kept is None:
        return response
    if "path" not in kept and response.status_code in (301, 302, 303, 307, 308) and response.location:
        kept["path"] = urlsplit(response.location).path
        session[KEY] = kept
    else:
        session.pop(KEY)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_after)
