"""Hostile values in every form of the site, for every role that can reach it.

The forms come from the site itself: a crawl of every page each demo role can open (tests/site_crawl.py) on a
programme with something in every state (tests/site_world.py). Every POST route of the URL map must be met
on some page, so a new route is covered without anyone listing it. Each form gets one request per category
with every field a person types into made hostile at once (choices keep what the page offered, as a browser
sends them). Each request runs in a SAVEPOINT that is rolled back, so every one starts from the same world.

A request passes when: no answer is 5xx; a wrong CSRF token is a 400; a submission that is refused (any
answer but a redirect) changed nothing in the database (row count and highest id of every table); a form that
has fields of the kind a category attacks never stores that value; and a form shown again names its error
beside a field, in the page's language (Thai here).
"""
from __future__ import annotations

import io
import re
import time

import pytest
import sqlalchemy as sa

from tests.conftest import RolledBackDatabase, TableWatch, sign_in
from tests.site_crawl import FoundForm, crawl
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, SECOND_STEP_LOGIN, WORLD_LOGINS, build_world

pytestmark = [pytest.mark.real_commits, pytest.mark.slow]  # it builds its own world in a rolled-back transaction

CSRF_EXEMPT = {"shop.stripe_webhook"}  # signed by Stripe instead; tests/marketplace sends it bad bodies
# Offered only while Stripe is configured, which the crawl's app is not: tests/marketplace/test_subscriptions.py
# sends it the same hostile values with Stripe keys.
NEEDS_STRIPE = {"subscriptions.subscribe"}
TEXT_KINDS = {"text", "textarea", "email", "password", "search", "tel", "url", "hidden"}
TYPED_KINDS = TEXT_KINDS | {"number", "date"}
THAI = re.compile(r"[\u0E00-\u0E7F]")
FIELD_ERROR = re.compile(r'<p class="error" id="([^"]+)-error">(.*?)</p>', re.S)
# A refused sign-in is still counted: that is the throttle doing its work, not a change the form made.
COUNTED_ON_REFUSAL = {"sign_in_counters"}

SCRIPTS = "มาลี ၁၂ ဒေါ်အေး 😀 ស្រី ນາງ Nguyễn"
CATEGORIES = {  # category -> the value for every typed field (None: built per field)
    "over_limit_crlf": None,
    "control_characters": "a\x00b\x07c\u202edcba",
    "thai_burmese_emoji": SCRIPTS,
    "negative": "-5",
    "huge": "99999999999999999999",
    "nan": "NaN",
    "overflow": "1e309",
    "unicode_digits": "²³",
    "impossible_date": "2024-02-30",
    "zero_date": "0000-00-00",
    "missing_fields": None,
    "repeated_fields": None,
    "wrong_csrf": None,
}
# Categories whose value no field of these kinds may accept: a form that has such a field must refuse.
ATTACKS = {"over_limit_crlf": TEXT_KINDS, "control_characters": TEXT_KINDS,
           "huge": {"number"}, "nan": {"number"}, "overflow": {"number"}, "unicode_digits": {"number"},
           "impossible_date": {"date"}, "zero_date": {"date"}}


def _long_text(field) -> str:
    """Longer than the field's limit as a browser counts (a line break is one character), with CRLF."""
    line = "ข้อความยาว long text\r\n"
    wanted = (field.maxlength or 20_000) + 25
    return (line * (wanted // (len(line) - 1) + 1))


def _page_value(form: FoundForm, field) -> str | None:
    if field.kind in ("checkbox", "radio"):
        return field.value if field.checked else None
    return field.value


def _only_reads_recorded(connection, baseline) -> bool:
    """Only entries a refused request must leave: what it showed, and a wrong second-step code (counted and
    audited like a wrong password, accounts.two_factor)."""
    from core.models import AuditEntry
    from privacy.access_log import VIEW_ACTION

    return not connection.execute(sa.select(sa.func.count()).select_from(AuditEntry).where(
        AuditEntry.id > (baseline["audit_entries"][1] or 0),
        AuditEntry.action.not_in([VIEW_ACTION, "account.second_step_failed"]))).scalar()


def payload(form: FoundForm, category: str, token: str) -> dict:
    data: dict[str, list] = {}
    # The button a person presses to save, not one that only fills a list in (districts, courses).
    first_submit = next((f for f in form.fields if f.kind == "submit" and not f.helper), None)
    radios_seen = set()
    for field in form.fields:
        if field.name.endswith("csrf_token"):
            data.setdefault(field.name, []).append("wrong-token" if category == "wrong_csrf" else token)
            continue
        if category == "missing_fields":
            continue
        if field.kind == "submit":
            if field is first_submit:
                data.setdefault(field.name, []).append(field.value)
            continue
        if field.kind == "radio":
            if field.name in radios_seen:
                continue
            group = [f for f in form.fields if f.name == field.name]
            chosen = next((f for f in group if f.checked), group[0])
            radios_seen.add(field.name)
            data.setdefault(field.name, []).append(chosen.value)
            continue
        value = _page_value(form, field)
        if field.kind == "file":
            if category not in ("wrong_csrf",):
                data.setdefault(field.name, []).append((io.BytesIO(b"not a picture\x00" * 50), "picture.png"))
            continue
        if field.kind in TYPED_KINDS and category not in ("repeated_fields", "wrong_csrf"):
            value = _long_text(field) if category == "over_limit_crlf" else CATEGORIES[category]
        if value is None:
            continue
        data.setdefault(field.name, []).append(value)
        if category == "repeated_fields":
            data[field.name].append(SCRIPTS)
    return data


def _clients(app) -> dict:
    """A client per demo account and per extra account of the world, in Thai; keyed by who they are."""
    clients = {"visitor": app.test_client()}
    for who, login in {**DEMO_LOGINS, **WORLD_LOGINS}.items():
        client = app.test_client()
        assert sign_in(client, login, DEMO_PASSWORD).status_code == 302, who
        clients[who] = client
    halfway = clients["between password and code"] = app.test_client()
    assert sign_in(halfway, SECOND_STEP_LOGIN, DEMO_PASSWORD, second_step=False).status_code == 302
    for client in clients.values():
        token = _token(client)
        client.post("/language", data={"csrf_token": token, "language": "th", "next": "/"})
    return clients


def _token(client) -> str:
    html = client.get("/").get_data(as_text=True)
    if 'name="csrf_token"' not in html:  # a visitor's pages carry no form but the sign-in's (core.page_cache)
        html = client.get("/sign-in").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _cookie(app, client):
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"])


def _check(form: FoundForm, category: str, response, changed: set[str]) -> list[str]:
    where = f"{form.endpoint} ({form.action}) [{category}]"
    status, html = response.status_code, response.get_data(as_text=True)
    problems = []
    if status >= 500:
        return [f"{where}: answered {status}"]
    if category == "wrong_csrf" and status != 400:
        problems.append(f"{where}: a wrong CSRF token answered {status}, not 400")
    errors = FIELD_ERROR.findall(html) if response.mimetype == "text/html" else []
    # Refused: an error status, or the page shown again with errors (a 200 without errors is an answer, such
    # as the page that shows a new set-up code once).
    refused = status >= 400 or (status == 200 and (errors or "alert-error" in html))
    kinds = {f.kind for f in form.fields if not f.name.endswith("csrf_token")}
    attacked = kinds & ATTACKS.get(category, set())
    if (refused or attacked) and changed:
        problems.append(f"{where}: answered {status} but changed {sorted(changed)}")
    # A tampered hidden field (which row of the cart?) may leave no field to put the error beside: then an
    # error for the whole form is the honest answer.
    placed = errors or ("hidden" in attacked and "alert-error" in html)
    if status == 200 and attacked - {"hidden"} and not placed:
        problems.append(f"{where}: shown again without an error beside a field")
    untranslated = [text for _id, text in errors if not THAI.search(text)]
    if untranslated:
        problems.append(f"{where}: errors not in Thai: {untranslated[:2]}")
    return problems


@pytest.fixture
def errors_answered(app):
    """A crash becomes the 500 page a person would see, so that every form's answer is counted."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    yield
    app.config["PROPAGATE_EXCEPTIONS"] = None


def test_hostile_values_in_every_form_change_nothing_and_never_fail(app, capsys, errors_answered):
    started = time.monotonic()
    problems: list[str] = []
    with RolledBackDatabase(app) as database:
        with app.app_context():
            build_world()
        clients = _clients(app)
        forms: dict[tuple, tuple] = {}
        for who, client in clients.items():
            for form in crawl(app, client).forms:
                if form.method == "post" and form.endpoint and form.endpoint not in CSRF_EXEMPT:
                    forms.setdefault((form.endpoint, who, form.names()), (form, client, who))
        post_routes = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
        missing = sorted(post_routes - CSRF_EXEMPT - NEEDS_STRIPE - {endpoint for endpoint, _role, _names in forms})
        watch = TableWatch(database.connection)
        baseline = watch.baseline
        tokens = {who: _token(client) for who, client in clients.items()}
        cookies = {who: _cookie(app, client) for who, client in clients.items()}
        requests = 0
        for form, client, who in forms.values():
            for category in CATEGORIES:
                savepoint = database.savepoint()
                watch.start()
                try:
                    response = client.post(form.action, data=payload(form, category, tokens[who]))
                    changed = watch.changed() - COUNTED_ON_REFUSAL
                    if "audit_entries" in changed and _only_reads_recorded(database.connection, baseline):
                        changed.discard("audit_entries")  # a page re-shown with errors: what it showed was seen
                    problems += _check(form, category, response, changed)
                finally:
                    savepoint.rollback()
                    if cookies[who] is not None:  # sign-out and sign-in change the cookie: start again
                        client.set_cookie(cookies[who].key, cookies[who].value, domain=cookies[who].domain,
                                          path=cookies[who].path)
                requests += 1
    with capsys.disabled():
        print(f"\nhostile input: {len(post_routes - CSRF_EXEMPT)} POST routes, {len(forms)} forms "
              f"(route x account x fields), {requests} requests in {time.monotonic() - started:.0f} s")
    assert missing == [], f"POST routes that no page of the crawl offers a form for: {missing}"
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("value", ["²", "99999999", "-1", "1e309", "NaN", "๓x"])
def test_cart_quantity_is_one_parser(value, ctx):
    from marketplace.cart import ShopError, parse_quantity

    with pytest.raises(ShopError):
        parse_quantity(value)
