"""Words for stored codes, in the reader's language: a page never shows a raw code."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from core.models import Role

ROLE_LABELS = {
    Role.PARTICIPANT.value: _l("Participant"),
    Role.STAFF.value: _l("Programme staff"),
    Role.MANAGER.value: _l("Shop manager"),
    Role.EMPLOYER.value: _l("Employer"),
    Role.CUSTOMER.value: _l("Customer"),
    Role.ADMIN.value: _l("Admin"),
}


def role_label(code: str | None) -> str:
    return str(ROLE_LABELS.get(code or "", code or "—"))


def init_app(app: Flask) -> None:
    app.jinja_env.filters["role_label"] = role_label
