"""Words for stored codes, in the reader's language: a page never shows a raw code.

Each feature declares its lists of codes (`Feature.code_lists`, core.features: `{"grant_status": {...}}`);
`code_label(kind, code)` and the template filter `label` read them. A person's own data is shown through the
same words: each field of a data section says what it holds (`Field(label, kind)`), and `readable(field, value)`
writes the value as a person reads it — lists as words, yes or no, dates the reader's way, money with its unit.

Each reader has their own wording. What describes a participant's data or action is written for the
participant ("My skills", "You said yes"); staff, reviewers and employers read the same thing said of the
participant ("Skills", "Said yes"). A field gives its words for others in `about`; a code list worded for the
participant has a twin with the same codes, declared under `about_kind(kind)` ("application_status.about"), and
`code_label(kind, code, about=True)` (the filter: `code|label(kind, about=True)`) reads the twin.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import Flask
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from markupsafe import Markup

from core.features import registries
from core.models import Role

ROLE_LABELS = {
    Role.PARTICIPANT.value: _l("Participant"),
    Role.STAFF.value: _l("Programme staff"),
    Role.MANAGER.value: _l("Shop manager"),
    Role.EMPLOYER.value: _l("Employer"),
    Role.CUSTOMER.value: _l("Customer"),
    Role.ADMIN.value: _l("Admin"),
}
def code_kinds() -> dict[str, Mapping[Any, Any]]:
    """The lists of codes: roles, then the platform's and the features' (core.features: `Feature.code_lists`)."""
    return {"role": ROLE_LABELS, **registries().code_lists}


def about_kind(kind: str) -> str:
    """The name of the twin of a code list: the same codes said of the participant to someone else."""
    return f"{kind}.about"


def code_label(kind: str, code: Any, about: bool = False) -> str:
    """The words for `code`; an unknown code is shown as it is rather than lost. about: the reader is not the
    person the code describes (staff, a reviewer, an employer), so the list's twin is read where it has one."""
    if code is None or code == "":
        return "—"
    lists = registries().code_lists
    if kind == "role":
        labels: Mapping[Any, Any] = ROLE_LABELS
    else:
        labels = lists.get(about_kind(kind), lists[kind]) if about else lists[kind]
    return str(labels[code]) if code in labels else str(code)


def labels_once(labels: Mapping[Any, Any]) -> Callable[[Any], Any]:
    """`labels.get(code, code)` for one page, each code's words translated once: a list of 50 rows translated
    the same few statuses 50 times (issue 35). Written as before: a translated label as it writes itself (as
    markup, unescaped), an unknown code as it is (escaped). One per page (a context processor), never kept
    longer: the reader's language is the page's."""
    seen: dict[Any, Any] = {}

    def label(code: Any) -> Any:
        found = seen.get(code, seen)
        if found is seen:
            found = labels.get(code, code)
            # our own words, which the lazy string already gave the page as markup
            found = seen[code] = Markup(found.__html__()) if isinstance(found, LazyString) else found  # noqa: S704  # nosec B704
        return found
    return label


def role_label(code: str | None) -> str:
    return code_label("role", code)


@dataclass(frozen=True)
class Field:
    """One field of a person's data: its name for people and how to write its value.

    kind: None (text as stored), "yes_no", "date", "moment" (a stored time), "number", "baht", "satang"
    (money in hundredths), "hour", or the name of a code list; "list:<codes>" for a list of codes,
    "levels:<codes>:<levels>" for a map of codes to levels."""
    label: Any
    kind: str | None = None
    about: Any = None  # the label as someone else reads it, where `label` speaks as the person ("My skills")

    def label_for(self, own: bool) -> Any:
        """The label for the person themself (own) or for anyone else reading about them."""
        return self.label if own or self.about is None else self.about


def readable(field: Field, value: Any, own: bool = True) -> str:
    from core.i18n import day_on_page, moment_on_page  # format_day and format_moment, once a request each

    kind = field.kind
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if kind == "yes_no":
        return str(_l("Yes")) if value else str(_l("No"))
    if kind == "moment" and isinstance(value, datetime):
        return moment_on_page(value)
    if kind in ("date", "moment") and isinstance(value, date):
        return day_on_page(value)
    if kind == "number":
        return format_decimal(value)
    if kind == "baht":
        return str(_l("%(amount)s baht", amount=format_decimal(value)))
    if kind == "satang":
        return str(_l("%(amount)s baht", amount=format_decimal(value / 100)))
    if kind == "hour":
        return f"{int(value):02d}:00"
    if kind and kind.startswith("list:"):
        return ", ".join(code_label(kind[5:], item, about=not own) for item in value)
    if kind and kind.startswith("levels:"):
        _prefix, codes, levels = kind.split(":")
        return "; ".join(f"{code_label(codes, code, about=not own)}: {code_label(levels, level, about=not own)}"
                         for code, level in value.items())
    if kind:
        return code_label(kind, value, about=not own)
    return str(value)


def init_app(app: Flask) -> None:
    app.jinja_env.filters["role_label"] = role_label
    app.jinja_env.filters["label"] = lambda code, kind, about=False: code_label(kind, code, about)
