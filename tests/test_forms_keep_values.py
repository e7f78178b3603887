"""Every form keeps what was typed and says where the problem is.

A sibling of the hostile-input crawl (tests/test_hostile_input.py): the forms come from the site itself, a crawl
of every page each role can open on the world of tests/site_world.py. Each form a person types or chooses in is
filled with values that look right, then ONE field is made wrong (longer than its limit, not a number, a day
that does not exist, not an e-mail address, a choice not made, or blanked), and sent. The page shown again (or
the page a small form on another page is sent back to) must:

(a) show every other value as it was sent: a text's value, a textarea's words, the chosen option, the ticked
    boxes and the chosen radio;
(b) mark the field at fault: aria-invalid="true" on it, or an error (class "error") tied to it (or to its
    fieldset) with aria-describedby; and an error summary, if the page has one, links to the field's id.

Each request runs in a SAVEPOINT that is rolled back, so every one starts from the same world.
"""
from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from PIL import Image

from tests.conftest import RolledBackDatabase
from tests.site_crawl import FormField, FoundForm, crawl
from tests.site_world import build_world
from tests.test_hostile_input import CSRF_EXEMPT, _clients, _cookie, _token

pytestmark = [pytest.mark.real_commits, pytest.mark.slow]  # it builds its own world in a rolled-back transaction

# Fields whose value is never shown again, on purpose: a password or a one-time code is typed again rather than
# kept in the page's HTML (and in the browser's cache); a browser never lets a page fill a file input; the CSRF
# token is the form's, not the person's.
NOT_SHOWN_AGAIN_KINDS = {"password", "file", "hidden", "submit"}  # hidden and submit: the page's, not typed
NOT_SHOWN_AGAIN_NAMES = {"csrf_token", "code", "recovery_code"}
# Forms whose refusal is a redirect that loses what was typed, by design (endpoint -> why). None: a small form
# on another page may answer a refusal with a redirect to that page, which then shows the values and the error
# (core.kept_input); that page is what this test reads. A form with only ticks, or only fields that may be left
# empty, has nothing a person can get wrong: it is listed in the summary printed, not here.
REDIRECTS_BY_DESIGN: dict[str, str] = {}
TEXT_KINDS = {"text", "search", "email", "tel", "url", "textarea"}
TODAY = date.today()


def _picture() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def _good_value(form_field: FormField) -> str:
    """A value a person might type into an empty field, by its kind and (for plain text) its name."""
    name, kind = form_field.name.lower(), form_field.kind
    if kind == "email" or "email" in name:
        return "somchai@example.org"
    if kind == "tel" or "phone" in name:
        return "081 234 5678"
    if kind == "url" or name.endswith("url"):
        return "https://example.org/page"
    if kind == "number" or form_field.numeric:
        return "1"
    if kind == "date" or name.endswith(("_on", "_date", "date")):
        return (TODAY + timedelta(days=20)).isoformat()
    if kind == "password":
        return "a long enough Passphrase 2026"
    if kind == "textarea":
        return "First line of words\r\nSecond line"
    return "Words typed here"


@dataclass
class Fault:
    name: str
    value: str | None  # None: the field is left out (a required choice not made)
    how: str
    certain: bool = True  # wrong whatever the form; a blanked field may be one that can be left empty


def faults(form: FoundForm) -> list[Fault]:
    """The ways to make one field of the form wrong, the most certain first."""
    found: list[Fault] = []
    typed = [f for f in form.fields if f.kind not in NOT_SHOWN_AGAIN_KINDS]
    for f in typed:
        if f.kind in TEXT_KINDS and f.maxlength:
            found.append(Fault(f.name, "ข้อความยาว " * (f.maxlength // 10 + 5), "longer than its limit"))
    for f in typed:
        if f.kind == "number" or f.numeric:
            found.append(Fault(f.name, "twelve", "not a number"))
        elif f.kind == "date":
            found.append(Fault(f.name, f"{TODAY.year + 1}-02-30", "a day that does not exist"))
        elif f.kind == "email":
            found.append(Fault(f.name, "not an address", "not an e-mail address"))
    # A choice the page did not offer is tampering, not a mistake a person can make (tests/test_hostile_input.py
    # sends those); a choice not made is one.
    for f in typed:
        if f.kind == "select" and "" in f.options[:1] and f.name not in {x.name for x in found}:
            found.append(Fault(f.name, "", "not chosen", certain=False))
        elif f.kind == "radio" and not f.checked and f.name not in {x.name for x in found} \
                and not any(x.checked for x in typed if x.name == f.name):
            found.append(Fault(f.name, None, "not chosen", certain=False))
    for f in typed:
        if f.kind in TEXT_KINDS:
            found.append(Fault(f.name, "", "blanked", certain=False))
    for f in form.fields:  # a password is never shown again, but its field must say what is wrong
        if f.kind == "password":
            found.append(Fault(f.name, "", "blanked", certain=False))
    return found


def filled(form: FoundForm, fault: Fault, token: str) -> tuple[dict[str, list], dict[str, list[str]]]:
    """What the browser sends (every field looks right but the fault), and what should be shown again."""
    data: dict[str, list] = {}
    expected: dict[str, list[str]] = {}
    first_submit = next((f for f in form.fields if f.kind == "submit" and not f.helper), None)
    seen_radios: set[str] = set()
    for f in form.fields:
        if f.name.endswith("csrf_token"):
            data[f.name] = [token]
            continue
        if f.kind == "submit":
            if f is first_submit:
                data.setdefault(f.name, []).append(f.value)
            continue
        if f.name == fault.name:
            if fault.value is not None and f.name not in data:
                data[f.name] = [fault.value]
            continue
        if f.kind == "file":
            data.setdefault(f.name, []).append((io.BytesIO(_picture()), "picture.png"))
            continue
        if f.kind == "hidden":
            data.setdefault(f.name, []).append(f.value)
            continue
        if f.kind == "radio":
            if f.name in seen_radios:
                continue
            seen_radios.add(f.name)
            group = [x for x in form.fields if x.name == f.name]
            chosen = next((x for x in group if x.checked), group[0]).value
            value = chosen
        elif f.kind == "checkbox":
            value = f.value or "y"  # every box ticked: one that was not must be shown ticked again
        elif f.kind == "select":
            value = f.value or next((o for o in f.options if o), "")
            if f.value == "" and not any(f.options):
                continue
        else:
            value = f.value or _good_value(f)
        data.setdefault(f.name, []).append(value)
        if f.kind not in NOT_SHOWN_AGAIN_KINDS and f.name not in NOT_SHOWN_AGAIN_NAMES:
            expected.setdefault(f.name, []).append(value)
    return data, expected


@dataclass
class Control:
    tag: str
    kind: str
    attrs: dict[str, str]
    fieldsets: list[dict[str, str]]  # the attributes of the fieldsets it sits in
    value: str = ""
    checked: bool = False
    selected: list[str] = field(default_factory=list)


class AnswerPage(HTMLParser):
    """The controls of a page shown again, the ids of its errors, and its error summary's links."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.controls: list[Control] = []
        self.ids: set[str] = set()
        self.error_ids: set[str] = set()
        self.summary_links: list[str] = []
        self._fieldsets: list[dict[str, str]] = []
        self._select: Control | None = None
        self._textarea: Control | None = None
        self._summary_depth: int | None = None
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: v if v is not None else "" for k, v in attrs}
        void = tag in ("input", "br", "img", "meta", "link", "hr", "source", "wbr")
        if not void:
            self._depth += 1
        if "id" in a:
            self.ids.add(a["id"])
            if "error" in a.get("class", "").split():
                self.error_ids.add(a["id"])
        classes = a.get("class", "").split()
        if self._summary_depth is None and not void and ("error-summary" in classes or "alert-error" in classes):
            self._summary_depth = self._depth
        if tag == "a" and self._summary_depth is not None and a.get("href", "").startswith("#"):
            self.summary_links.append(a["href"][1:])
        if tag == "fieldset":
            self._fieldsets.append(a)
        elif tag == "input" and a.get("name"):
            self.controls.append(Control("input", a.get("type", "text").lower(), a, list(self._fieldsets),
                                         a.get("value", ""), "checked" in a))
        elif tag == "textarea" and a.get("name"):
            self._textarea = Control("textarea", "textarea", a, list(self._fieldsets))
            self.controls.append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = Control("select", "select", a, list(self._fieldsets))
            self.controls.append(self._select)
        elif tag == "option" and self._select is not None and "selected" in a:
            self._select.selected.append(a.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if self._summary_depth == self._depth:
            self._summary_depth = None
        self._depth -= 1
        if tag == "fieldset" and self._fieldsets:
            self._fieldsets.pop()
        elif tag == "textarea" and self._textarea is not None:
            # An HTML parser drops the line break that follows <textarea> (WTForms writes one).
            self._textarea.value = re.sub(r"^\r?\n", "", self._textarea.value)
            self._textarea = None
        elif tag == "select":
            self._select = None

    def named(self, name: str) -> list[Control]:
        return [c for c in self.controls if c.attrs.get("name") == name]


def _same(a: str, b: str) -> bool:
    return " ".join(a.replace("\r\n", "\n").split()) == " ".join(b.replace("\r\n", "\n").split())


def shown_again(page: AnswerPage, expected: dict[str, list[str]]) -> list[str]:
    """The values sent that the page does not show again."""
    lost = []
    for name, values in expected.items():
        controls = page.named(name)
        if not controls:
            continue  # a page that asks the next thing (a step's own page) has no such field
        kinds = {c.kind for c in controls}
        if kinds & {"checkbox", "radio"}:
            shown = {c.attrs.get("value", "on") for c in controls if c.checked}
            missing = [v for v in values if v not in shown]
        elif kinds == {"select"}:
            shown = {v for c in controls for v in c.selected}
            missing = [v for v in values if v not in shown]
        else:
            shown_values = [c.value for c in controls]
            missing = [v for v in values if not any(_same(v, s) for s in shown_values)]
        if missing:
            seen = sorted(shown) if kinds & {"checkbox", "radio", "select"} else [s[:30] for s in shown_values]
            lost.append(f"{name}={missing[0][:30]!r} (shown: {seen})")
    return lost


def marked(page: AnswerPage, name: str) -> str | None:
    """Why the field at fault is not marked, or None when it is."""
    controls = page.named(name)
    if not controls:
        return "the field is not on the page shown again"
    for control in controls:
        if control.attrs.get("aria-invalid") == "true":
            break
        described = [control.attrs.get("aria-describedby", "")] + [
            fs.get("aria-describedby", "") for fs in control.fieldsets]
        if any(i in page.error_ids for d in described for i in d.split()):
            break
    else:
        return "neither aria-invalid nor an error tied to it by aria-describedby"
    ids = {c.attrs.get("id") for c in controls} | {fs.get("id") for c in controls for fs in c.fieldsets}
    if page.summary_links and not ids & set(page.summary_links):
        return f"the error summary links {page.summary_links}, not the field"
    return None


@pytest.fixture
def errors_answered(app):
    """A crash becomes the 500 page a person would see, so that every form's answer is counted."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    yield
    app.config["PROPAGATE_EXCEPTIONS"] = None


def _marks(page: AnswerPage) -> set[str]:
    """The errors a page shows: the ids of its error messages, and the names of the fields marked invalid."""
    return page.error_ids | {c.attrs["name"] for c in page.controls if c.attrs.get("aria-invalid") == "true"}


def _refused(response, page: AnswerPage) -> bool:
    html = response.get_data(as_text=True)
    return response.status_code in (200, 400, 422) and response.mimetype == "text/html" and bool(
        page.error_ids or 'aria-invalid="true"' in html or "alert-error" in html)


def test_every_form_keeps_what_was_typed_and_marks_the_field_at_fault(app, capsys, errors_answered):
    started = time.monotonic()
    problems: list[str] = []
    checked: list[str] = []
    compared = 0
    nothing_to_get_wrong: list[str] = []  # only ticks, or choices already made: no value a person can get wrong
    with RolledBackDatabase(app) as database:
        with app.app_context():
            build_world()
        clients = _clients(app)
        forms: dict[tuple, tuple] = {}
        for who, client in clients.items():
            for form in crawl(app, client).forms:
                typed = [f for f in form.fields if f.kind not in ("hidden", "submit")]
                if form.method == "post" and form.endpoint and form.endpoint not in CSRF_EXEMPT and typed:
                    forms.setdefault((form.endpoint, form.names()), (form, client, who))
        tokens = {who: _token(client) for who, client in clients.items()}
        cookies = {who: _cookie(app, client) for who, client in clients.items()}
        for form, client, who in forms.values():
            where = f"{form.endpoint} ({form.action}, {who})"
            refused_once, answers = False, []
            baseline: set[str] | None = None  # the errors of the form sent with no field made wrong
            for fault in [None, *faults(form)]:  # each, one at a time: a form may keep one field and lose another
                data, expected = filled(form, fault or Fault("", "", "none"), tokens[who])
                savepoint = database.savepoint()
                try:
                    response = client.post(form.action, data=data)
                    if response.status_code in (302, 303) and response.location.startswith("/"):
                        # A small form on another page is sent back there: what the person sees next.
                        response = client.get(response.location)
                    page = AnswerPage(response.get_data(as_text=True))
                    refused = _refused(response, page)
                    if fault is None:
                        baseline = _marks(page) if refused else set()
                        continue
                    answers.append(f"{fault.name} {fault.how}: {response.status_code} {response.request.path}")
                    # A blanked field counts when it is what the page now finds wrong (it may be one that can
                    # be left empty, and the form refused for the values this test made up elsewhere).
                    if not fault.certain and not (_marks(page) - (baseline or set())):
                        continue
                    if response.status_code >= 500:
                        problems.append(f"{where}: {fault.name} {fault.how}: answered {response.status_code}")
                    elif refused:
                        refused_once = True
                        lost = shown_again(page, {k: v for k, v in expected.items() if k != fault.name})
                        problems += [f"{where}: {fault.name} {fault.how}: not kept: {one}" for one in lost]
                        why = marked(page, fault.name)
                        if why:
                            problems.append(f"{where}: {fault.name} {fault.how}: not marked: {why}")
                        checked.append(f"{form.endpoint}:{fault.name}")
                        compared += len(expected) - (fault.name in expected)
                finally:
                    savepoint.rollback()
                    if cookies[who] is not None:
                        client.set_cookie(cookies[who].key, cookies[who].value, domain=cookies[who].domain,
                                          path=cookies[who].path)
            if not any(fault.certain for fault in faults(form)) and not refused_once:
                nothing_to_get_wrong.append(form.endpoint)  # only ticks, or fields that may be left empty
            elif not refused_once and form.endpoint not in REDIRECTS_BY_DESIGN:
                problems.append(f"{where}: no field made wrong was refused on the form's page (tried {answers[:4]})")
    with capsys.disabled():
        print(f"\nforms keep values: {len(forms)} forms, {len(checked)} refused and checked, "
              f"{compared} values compared, {time.monotonic() - started:.0f} s; "
              f"nothing a person can get wrong in {sorted(set(nothing_to_get_wrong))}")
    assert problems == [], "\n".join(sorted(problems))
