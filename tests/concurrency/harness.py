"""The concurrency harness (issue #26): find the POST routes that change money, stock, holds or messages from
the site itself, fire each ten times at once at a real multi-threaded server, and check what must hold after.

- A world (two enterprises with a manager each, counted stock, a card order paid through the Stripe fakes
  with a line of each enterprise, a pay-on-collection order, a customer with a cart) is built through the
  services and committed; its ids are the same each time it is rebuilt (the tables restart their ids).
- Discovery: every page a guest, the customer, both managers and staff can reach (tests/site_crawl.py), every
  POST form on them submitted once in process with values a person would type, each in a SAVEPOINT rolled
  back after, the watched tables' contents compared before and after.
- Bursts: for each discovered route, on a fresh world, the form fetched over HTTP as its person's page gives
  it and posted ten times at once (threads behind a barrier), with the same cookie; then ten mixed requests
  (refund by items, refund by amount, stock adjustment, checkout).
- Invariants after each burst: Stripe's refunds for an order's PaymentIntent add up to its refunded amount
  and never pass what was paid; stock equals its ledger and is never negative; unpaid holds within the
  limits per address and per session; no e-mail twice; no 5xx.
"""
from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import requests
import sqlalchemy as sa

from accounts import services as accounts
from accounts.passwords import hash_password
from core.extensions import db
from core.models import Role, User
from tests.conftest import PASSWORD, RolledBackDatabase, _empty_tables, sign_in
from tests.marketplace.stripe_fakes import API_KEY, event, signature
from tests.site_crawl import FoundForm, crawl, parse_page

# What "changes money, stock, holds or messages" means: a row of one of these tables changed.
WATCHED = ("orders", "order_lines", "refunds", "products", "product_variants", "stock_movements", "outbox_messages",
           "hold_slots")
CSRF_EXEMPT = {"shop.stripe_webhook"}  # signed by Stripe, not posted from a page
WHO = ("manager_a", "manager_b", "customer", "staff", "admin", "guest")  # whose form is fired when several have one
BURST = 10
UNPAID_HOLDS = ("pending_payment", "pay_on_collection")
ERROR_REFERENCE = re.compile(r"reference: ([0-9A-F]{8})")
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


# ---------------------------------------------------------------- the world

@dataclass
class World:
    logins: dict[str, str]  # who -> login name (all with tests.conftest.PASSWORD)
    paid_order: int  # by card, a line of each enterprise, shipped (so shipping money is in it)
    collection_order: int
    products: dict[str, int]
    variants: dict[str, int]  # each product's one variant: what carts and orders hold


def build_world(app, stripe_base: str) -> World:
    """From empty tables, through the services, committed. Deterministic: rebuilt, it has the same ids."""
    from marketplace import cart, checkout
    from marketplace.models import Enterprise, EnterpriseManager, Order, Product, ShippingRate
    from marketplace.stock import set_count

    _empty_tables(app)
    logins = {"manager_a": "manager-a@world.example", "manager_b": "manager-b@world.example",
              "customer": "buyer@world.example", "staff": "staff@world.example", "admin": "admin@world.example"}
    roles = {"manager_a": Role.MANAGER, "manager_b": Role.MANAGER, "customer": Role.CUSTOMER, "staff": Role.STAFF,
             "admin": Role.ADMIN}
    with app.app_context():
        ids = {}
        for who, login in logins.items():  # one password hash for all: argon2 is most of a world's time
            user = accounts.create_account(roles[who], who.replace("_", " ").title(), email=login, password=None)
            user.password_hash = _password_hash()
            ids[who] = user.id
        db.session.add_all([ShippingRate(zone=zone, max_weight_grams=5000, price_minor=8000)
                            for zone in ("bangkok_vicinity", "other_provinces")])
        products, variants = {}, {}
        for who, slug, name, price in (("manager_a", "coffee", "Coffee beans", 32000),
                                       ("manager_b", "weaving", "Woven bag", 45000)):
            enterprise = Enterprise(slug=slug, name=slug.title(), story="A programme shop.")
            db.session.add(enterprise)
            db.session.flush()
            db.session.add(EnterpriseManager(user_id=ids[who], enterprise_id=enterprise.id))
            product = Product(enterprise_id=enterprise.id, name=name, category="coffee" if slug == "coffee"
                              else "crafts", price_minor=price, weight_grams=250)
            db.session.add(product)
            db.session.flush()
            set_count(product.default_variant, None, 20, "stock at the start")
            products[slug], variants[slug] = product.id, product.default_variant.id
        db.session.commit()
        customer = db.session.get(User, ids["customer"])
        buyer = checkout.Buyer("Sam Buyer", logins["customer"], "081 000 0000", "shipping",
                               "12 Market Road, Chiang Mai 50000", "50")
        paid = checkout.place_order({variants["coffee"]: 2, variants["weaving"]: 1}, buyer, customer,
                                    use_stripe=True, locale="en")
        checkout.open_checkout(paid, "http://localhost/done", "http://localhost/cancelled")
        collection = checkout.place_order({variants["coffee"]: 1},
                                          checkout.Buyer("Sam Buyer", logins["customer"], "", "pickup", ""),
                                          customer, use_stripe=False)
        cart.to_database(customer, {variants["coffee"]: 1, variants["weaving"]: 1})
        db.session.commit()
        paid_id, collection_id, session_id = paid.id, collection.id, paid.stripe_session_id
    # The customer pays on Stripe's page; Stripe's signed webhook makes the order paid.
    session = requests.post(f"{stripe_base}/_test/pay/{session_id}", timeout=30).json()
    payload = event("checkout.session.completed", session)
    answer = app.test_client().post("/shop/stripe/webhook", data=payload, content_type="application/json",
                                    headers={"Stripe-Signature": signature(payload)})
    assert answer.status_code == 200 and answer.get_json()["applied"], answer.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Order, paid_id).status == "paid"
    return World(logins, paid_id, collection_id, products, variants)


@functools.cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


# ---------------------------------------------------------------- what a person types into a form

def _typed_value(name: str, kind: str, options: list[str]) -> str:
    """A value a person would type where the page left the field empty (or at 0)."""
    if re.fullmatch(r"refund-\d+", name):
        return "1"  # one of the line's items
    rules = {"amount_thb": "1.00", "change": "-1", "quantity": "1", "phone": "081 000 0000",
             "address": "12 Market Road, Chiang Mai 50000", "reason": "Harness: a price mistake",
             "note": "Harness: counted again", "line_id": "harness.line"}
    if name in rules:
        return rules[name]
    if kind == "email" or "email" in name:
        return "buyer@world.example"
    if kind == "password":
        return PASSWORD
    if kind == "date":
        # The programme's day (Bangkok), as the app checks "not in the past": from 17:00 UTC the server's own
        # date is yesterday there.
        return datetime.now(ZoneInfo("Asia/Bangkok")).date().isoformat()
    if kind == "number":
        return "1"
    if kind == "select":
        return next((o for o in options if o), "")
    return "Harness text"


def payload(form: FoundForm) -> dict[str, list]:
    """The form as the page gave it, with the empty fields filled and the first saving button pressed;
    checkboxes as they came, except 'the items came back' on a refund (so refunds move stock too)."""
    data: dict[str, list] = {}
    first_submit = next((f for f in form.fields if f.kind == "submit" and not f.helper), None)
    radios = set()
    for f in form.fields:
        if f.kind == "submit":
            if f is first_submit and f.name:
                data.setdefault(f.name, []).append(f.value)
        elif f.kind == "radio":
            if f.name not in radios:
                radios.add(f.name)
                group = [g for g in form.fields if g.name == f.name]
                data.setdefault(f.name, []).append(next((g for g in group if g.checked), group[0]).value)
        elif f.kind == "checkbox":
            if f.checked or f.name == "restock":
                data.setdefault(f.name, []).append(f.value or "y")
        elif f.kind == "file":
            continue
        elif f.kind == "hidden" or f.name.endswith("csrf_token"):
            data.setdefault(f.name, []).append(f.value)
        else:
            value = f.value if f.value.strip() not in ("", "0") else _typed_value(f.name, f.kind, f.options)
            data.setdefault(f.name, []).append(value)
    return data


def route_key(form: FoundForm) -> tuple[str, str]:
    """A route with its fixed words: the endpoint and the action with its numbers taken out."""
    return form.endpoint, re.sub(r"\d+", "N", urlsplit(form.action).path)


# ---------------------------------------------------------------- discovery, in process

def _fingerprint(connection, watched: tuple[str, ...] = WATCHED) -> dict[str, str]:
    """A hash of every row of each watched table: an UPDATE is seen as well as an INSERT or DELETE."""
    tables = {t.name: t for t in db.metadata.sorted_tables if t.name in watched}
    prints = {}
    for name, table in tables.items():
        rows = connection.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
        prints[name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return prints


@dataclass
class Found:
    form: FoundForm
    who: str
    status: int
    changed: set[str]


def _in_process_clients(app, world: World) -> dict:
    clients = {"guest": app.test_client()}
    for who, login in world.logins.items():
        client = app.test_client()
        assert sign_in(client, login).status_code == 302, who
        clients[who] = client
    return clients


def discover(app, stripe_base: str) -> tuple[World, list[Found], set[str]]:
    """Every POST form each person meets, posted once; returns which changed a watched table, and the POST
    endpoints of the URL map no page offered (for the report)."""
    world = build_world(app, stripe_base)
    clients = _in_process_clients(app, world)
    forms: dict[tuple, tuple[FoundForm, str]] = {}
    for who, client in sorted(clients.items(), key=lambda item: WHO.index(item[0])):
        for form in crawl(app, client, limit=100, per_endpoint=2).forms:
            if form.method == "post" and form.endpoint and form.endpoint not in CSRF_EXEMPT:
                # The same form at the same address is posted once, by the first person in WHO's order.
                forms.setdefault((form.endpoint, form.action, form.names()), (form, who))
    post_endpoints = {r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods} - CSRF_EXEMPT
    unreached = post_endpoints - {endpoint for endpoint, *_ in forms}
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    cookies = {who: c.get_cookie(cookie_name) for who, c in clients.items()}
    found = []
    with RolledBackDatabase(app) as database:
        for form, who in forms.values():
            savepoint = database.savepoint()
            try:
                before = _fingerprint(database.connection)
                response = clients[who].post(form.action, data=payload(form))
                after = _fingerprint(database.connection)
            finally:
                savepoint.rollback()
                kept = cookies[who]
                if kept is not None:  # sign-out and the like change the cookie: start again as before
                    clients[who].set_cookie(kept.key, kept.value, domain=kept.domain, path=kept.path)
            found.append(Found(form, who, response.status_code, {t for t in after if after[t] != before[t]}))
    return world, found, unreached


# ---------------------------------------------------------------- bursts, over HTTP

class Browser:
    """A person on the real server: their own cookies, the pages as the server gives them."""

    def __init__(self, base: str):
        self.base, self.http = base, requests.Session()

    def sign_in(self, login: str, password: str = PASSWORD, app=None) -> None:
        """With the password, and for an account with a second factor (the demo work accounts) with a code
        from its key, read through `app` (the in-process app on the same database)."""
        page = self.http.get(self.base + "/sign-in", timeout=30).text
        answer = self.http.post(self.base + "/sign-in", data={
            "csrf_token": CSRF.search(page).group(1), "login_name": login, "password": password},
            allow_redirects=False, timeout=30)
        assert answer.status_code == 302, (login, answer.status_code)
        if answer.headers["Location"].endswith("/sign-in/code"):
            from tests.conftest import current_code

            assert app is not None, f"{login} has a second factor: sign in with the app to read its key"
            page = self.http.get(self.base + "/sign-in/code", timeout=30).text
            answer = self.http.post(self.base + "/sign-in/code", data={
                "csrf_token": CSRF.search(page).group(1), "code": current_code(app, login)},
                allow_redirects=False, timeout=30)
            assert answer.status_code == 302 and not answer.headers["Location"].endswith("/sign-in/code"), (
                login, answer.status_code)

    def form_on(self, page: str, action: str, names: tuple[str, ...]) -> FoundForm:
        response = self.http.get(self.base + page, timeout=30)
        assert response.status_code == 200, (page, response.status_code)
        for form in parse_page(response.text).forms:
            if urlsplit(form.action or page).path == urlsplit(action).path and form.names() == names:
                form.action = action
                return form
        raise AssertionError(f"{page} no longer offers the form for {action}")


@dataclass
class Shot:
    label: str  # which form
    session: str  # whose cookie
    status: int | None
    location: str = ""
    error: str = ""  # no answer: why; a 5xx: the reference its error page gave


def fire(server_base: str, requests_to_send: list[tuple[str, str, dict, dict]]) -> list[Shot]:
    """All at once: one thread each, released together by a barrier. Each item: (label, session label,
    cookies, (action, data))."""
    barrier = threading.Barrier(len(requests_to_send))
    shots: list[Shot] = [None] * len(requests_to_send)  # type: ignore[list-item]

    def send(i, label, session, cookies, action_data):
        action, data = action_data
        barrier.wait()
        try:
            r = requests.post(server_base + action, data=data, cookies=cookies, allow_redirects=False, timeout=90)
            reference = ERROR_REFERENCE.search(r.text) if r.status_code >= 500 else None
            shots[i] = Shot(label, session, r.status_code, r.headers.get("Location", ""),
                            reference.group(1) if reference else "")
        except requests.RequestException as error:
            shots[i] = Shot(label, session, None, error=type(error).__name__)

    threads = [threading.Thread(target=send, args=(i, *item)) for i, item in enumerate(requests_to_send)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return shots


# ---------------------------------------------------------------- what must hold

def stripe_refunds(stripe_base: str, payment_intent: str) -> list[dict]:
    answer = requests.get(f"{stripe_base}/v1/refunds", params={"payment_intent": payment_intent, "limit": 100},
                          auth=(API_KEY, ""), timeout=30).json()
    return [r for r in answer["data"] if r.get("status") in ("succeeded", "pending")]


@dataclass
class Outcome:
    violations: list[str] = field(default_factory=list)
    reconciled: int = 0
    refunds_made: int = 0


def check(app, stripe_base: str, shots: list[Shot], orders_before: int, cause=lambda reference: "") -> Outcome:
    from marketplace.models import Order, ProductVariant, Refund
    from marketplace.refunds import reconcile as reconcile_refunds
    from marketplace.stock import discrepancies

    out = Outcome()
    failures: dict[tuple[str, str], int] = {}  # (what, why) -> how many
    for shot in shots:
        if shot.status is None:
            key = (f"no answer to {shot.label}", shot.error)
        elif shot.status >= 500:
            key = (f"{shot.status} answered to {shot.label}", cause(shot.error))
        else:
            continue
        failures[key] = failures.get(key, 0) + 1
    for (what, why), count in sorted(failures.items()):
        out.violations.append(f"{count} of {len(shots)}: {what}: {why}")
    with app.app_context():
        pending = db.session.scalar(sa.select(sa.func.count(Refund.id)).where(Refund.status == "pending"))
    before_job: dict[int, tuple[int, int]] = {}  # order -> Stripe's refunds (how many, how much) before the job
    if pending:
        out.reconciled = pending
        with app.app_context():
            for order_id, intent in db.session.execute(sa.select(Order.id, Order.stripe_payment_intent)
                                                       .where(Order.stripe_payment_intent.is_not(None))):
                made = stripe_refunds(stripe_base, intent)
                before_job[order_id] = len(made), sum(r["amount"] for r in made)
        try:
            with app.app_context():  # the job, as the scheduler runs it: it commits when it ends
                reconcile_refunds(older_than=timedelta(0))
        except Exception as error:  # noqa: BLE001 - a job that stops is a finding, not the end of the check
            out.violations.append(f"reconcile_refunds({pending} pending) stopped: {_one_line(error)}")
    with app.app_context():
        limits = app.config["SHOP_HOLDS_PER_ADDRESS"], app.config["SHOP_HOLDS_PER_SESSION"]
        for order in db.session.scalars(sa.select(Order).where(Order.stripe_payment_intent.is_not(None))):
            made = stripe_refunds(stripe_base, order.stripe_payment_intent)
            out.refunds_made += len(made)
            total = sum(r["amount"] for r in made)
            # The fake has no idempotent replay yet: a refund the job asks for again is made again there.
            count_before, sum_before = before_job.get(order.id, (len(made), total))
            by_job = (f" ({len(made) - count_before} of them, {total - sum_before}, made when reconcile_refunds "
                      f"asked again; {sum_before} before it)" if len(made) != count_before else "")
            if total != order.refunded_minor:
                out.violations.append(f"order {order.id}: Stripe refunded {total} in {len(made)} refunds{by_job}, "
                                      f"the order says {order.refunded_minor} refunded")
            if total > order.total_minor or order.refunded_minor > order.total_minor:
                out.violations.append(f"order {order.id}: refunded more than was paid (Stripe {total}{by_job}, "
                                      f"order {order.refunded_minor}, paid {order.total_minor})")
        left_pending = db.session.scalar(sa.select(sa.func.count(Refund.id)).where(Refund.status == "pending"))
        if left_pending:
            out.violations.append(f"{left_pending} refunds still pending after reconcile_refunds")
        for variant_id, stock, ledger in discrepancies():
            out.violations.append(f"variant {variant_id}: stock {stock} but its ledger sums to {ledger}")
        for variant_id, stock in db.session.execute(sa.select(ProductVariant.id, ProductVariant.stock)
                                                    .where(ProductVariant.stock < 0)):
            out.violations.append(f"variant {variant_id}: stock {stock} below 0")
        for _key, count in db.session.execute(
                sa.select(Order.hold_key, sa.func.count(Order.id)).where(
                    Order.hold_key.is_not(None), Order.status.in_(UNPAID_HOLDS), Order.stock_held)
                .group_by(Order.hold_key)):
            if count > limits[0]:
                out.violations.append(f"{count} unpaid orders hold stock from one address (limit {limits[0]})")
        # Per browser session: the new orders each session's checkouts were sent to.
        new_orders = db.session.execute(sa.select(Order.id, Order.token, Order.stripe_session_id, Order.status,
                                                  Order.stock_held).where(Order.id > orders_before)).all()
        by_session: dict[str, set[int]] = {}
        for shot in shots:
            for order_id, token, stripe_session, status, held in new_orders:
                if shot.location and ((stripe_session and stripe_session in shot.location)
                                      or shot.location.endswith(f"/shop/orders/{token}")):
                    if status in UNPAID_HOLDS and held:
                        by_session.setdefault(shot.session, set()).add(order_id)
        for session, held_orders in by_session.items():
            if len(held_orders) > limits[1]:
                out.violations.append(f"{len(held_orders)} unpaid orders hold stock from one browser session "
                                      f"({session}; limit {limits[1]})")
        from core.models import OutboxMessage
        for recipient, subject, count in db.session.execute(
                sa.select(OutboxMessage.recipient, OutboxMessage.subject, sa.func.count(OutboxMessage.id))
                .group_by(OutboxMessage.recipient, OutboxMessage.subject, OutboxMessage.body)
                .having(sa.func.count(OutboxMessage.id) > 1)):
            out.violations.append(f"the same e-mail {count} times to {recipient}: {subject!r}")
    return out


def _one_line(error: Exception) -> str:
    """The exception's class, and the database's own words when the database refused."""
    database = re.search(r"\(((?:sqlite3|psycopg)[\w.]*)\) ([^\n\[]+)", str(error))
    return type(error).__name__ + (f" after {database.group(1)}: {database.group(2).strip()[:120]}"
                                   if database else f": {str(error).splitlines()[0][:120]}")


def highest_order_id(app) -> int:
    from marketplace.models import Order

    with app.app_context():
        return db.session.scalar(sa.select(sa.func.max(Order.id))) or 0


# ---------------------------------------------------------------- the whole site: messages under bursts

# Issue #26's second part: the training, grants and people routes, whose state changes tell someone (an
# e-mail or SMS in the outbox, a notice on their pages). The shop world above has no records for them, so they
# are found on tests/site_world.py's programme instead (demo data and one record in each state a form needs).
MESSAGES = ("outbox_messages", "notices")
SITE_WATCHED = WATCHED + ("notices",)
# Whose form is posted when several people meet it: the first in this order. The accounts are
# tests.site_world's (the demo ones and the world's extra two), all with the demo password.
SITE_WHO = ("staff", "participant", "employer", "manager", "customer", "admin", "employer without an organisation",
            "reviewer with sent reviews", "café buying wholesale", "guest")


def site_logins() -> dict[str, str]:
    from tests.site_world import DEMO_LOGINS, WORLD_LOGINS

    return {**DEMO_LOGINS, **WORLD_LOGINS}


def build_site_world(app) -> None:
    """From empty tables: the demo programme with a record in each state, committed (the ids are the same
    each time it is rebuilt, as the tables restart their ids)."""
    from tests.site_world import build_world as build_programme

    _empty_tables(app)
    with app.app_context():
        build_programme()


def discover_site(app) -> tuple[list[Found], set[str], int]:
    """Every POST form any account meets on the site world, posted once in process in a SAVEPOINT rolled back
    after, with the watched tables and the notices compared before and after. Returns what each changed, the
    POST endpoints no page offered, and how many pages were read."""
    from tests.site_world import DEMO_PASSWORD

    build_site_world(app)
    clients = {"guest": app.test_client()}
    for who, login in site_logins().items():
        client = app.test_client()
        assert sign_in(client, login, DEMO_PASSWORD).status_code == 302, who
        clients[who] = client
    forms: dict[tuple, tuple[FoundForm, str]] = {}
    pages = 0
    for who, client in sorted(clients.items(), key=lambda item: SITE_WHO.index(item[0])):
        walk = crawl(app, client, limit=300, per_endpoint=3)
        pages += len(walk.pages)
        for form in walk.forms:
            if form.method == "post" and form.endpoint and form.endpoint not in CSRF_EXEMPT:
                forms.setdefault((form.endpoint, form.action, form.names()), (form, who))
    post_endpoints = {r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods} - CSRF_EXEMPT
    unreached = post_endpoints - {endpoint for endpoint, *_ in forms}
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    cookies = {who: c.get_cookie(cookie_name) for who, c in clients.items()}
    found = []
    with RolledBackDatabase(app) as database:
        for form, who in forms.values():
            savepoint = database.savepoint()
            try:
                before = _fingerprint(database.connection, SITE_WATCHED)
                response = clients[who].post(form.action, data=payload(form))
                after = _fingerprint(database.connection, SITE_WATCHED)
            finally:
                savepoint.rollback()
                kept = cookies[who]
                if kept is not None:
                    clients[who].set_cookie(kept.key, kept.value, domain=kept.domain, path=kept.path)
            found.append(Found(form, who, response.status_code, {t for t in after if after[t] != before[t]}))
    return found, unreached, pages


def message_routes(found: list[Found]) -> dict[tuple[str, str], Found]:
    """One form per route that wrote a message or a notice: the first person in SITE_WHO's order."""
    chosen: dict[tuple[str, str], Found] = {}
    for item in sorted(found, key=lambda i: SITE_WHO.index(i.who)):
        if item.changed & set(MESSAGES) and item.status < 500:
            chosen.setdefault(route_key(item.form), item)
    return chosen


def highest_message_ids(app) -> tuple[int, int]:
    from core.models import Notice, OutboxMessage

    with app.app_context():
        return (db.session.scalar(sa.select(sa.func.max(OutboxMessage.id))) or 0,
                db.session.scalar(sa.select(sa.func.max(Notice.id))) or 0)


@dataclass
class Told:
    violations: list[str] = field(default_factory=list)
    messages: int = 0  # written by the burst
    notices: int = 0


def check_messages(app, shots: list[Shot], before: tuple[int, int], cause=lambda reference: "") -> Told:
    """After ten identical requests: no 5xx, and no message (recipient, subject, body) nor notice (person,
    kind, values, link) written twice by them: ten requests for one state change tell about it once."""
    import json

    from core.models import Notice, OutboxMessage

    told = Told()
    failures: dict[tuple[str, str], int] = {}
    for shot in shots:
        if shot.status is None:
            key = (f"no answer to {shot.label}", shot.error)
        elif shot.status >= 500:
            key = (f"{shot.status} answered to {shot.label}", cause(shot.error))
        else:
            continue
        failures[key] = failures.get(key, 0) + 1
    for (what, why), count in sorted(failures.items()):
        told.violations.append(f"{count} of {len(shots)}: {what}: {why}")
    with app.app_context():
        messages = db.session.execute(sa.select(OutboxMessage.recipient, OutboxMessage.subject, OutboxMessage.body)
                                      .where(OutboxMessage.id > before[0])).all()
        notices = db.session.execute(sa.select(Notice.user_id, Notice.kind, Notice.params, Notice.link)
                                     .where(Notice.id > before[1])).all()
    told.messages, told.notices = len(messages), len(notices)
    for (recipient, subject, _body), count in sorted(Counter(tuple(m) for m in messages).items()):
        if count > 1:
            told.violations.append(f"the same message {count} times to {recipient}: {subject!r}")
    keyed = Counter((user, kind, json.dumps(params, sort_keys=True), link) for user, kind, params, link in notices)
    for (user, kind, params, _link), count in sorted(keyed.items()):
        if count > 1:
            told.violations.append(f"the same notice {count} times to user {user}: {kind} {params}")
    return told
