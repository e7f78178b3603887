"""Signed webhook bodies of every wrong shape, sent to the real webhook address with Stripe's signature scheme:
each is answered 400 (or 200 where Stripe may leave a field out), never with a server error, and a refused
body changes nothing in the database."""
from __future__ import annotations

import copy
import json
import logging
import uuid

import pytest
import sqlalchemy as sa

from core.extensions import db
from marketplace import checkout
from marketplace.models import Order, Product, StripeEvent
from tests.conftest import make_app
from tests.marketplace.stripe_fakes import API_KEY, WEBHOOK_SECRET, signature

pytestmark = pytest.mark.real_commits  # an app with Stripe keys and its own engine

WEBHOOK = "/shop/stripe/webhook"
MISSING = object()
REPLACEMENTS = {"null": None, "list": [], "list of text": ["x"], "text": "text", "number": 7, "decimal": 7.5,
                "true": True, "object": {}, "object with a key": {"id": "x"}, "missing": MISSING}
CHECKOUT_TYPES = ("checkout.session.completed", "checkout.session.async_payment_succeeded",
                  "checkout.session.async_payment_failed", "checkout.session.expired")
OBJECT = ("data", "object")
# What Stripe may send in each field we read (its API reference): the replacements that still fit.
OPTIONAL_TEXT = {"text", "null", "missing"}
FITS = {
    ("id",): {"text"}, ("type",): {"text"}, ("data",): set(), OBJECT: {"object with a key"},  # {"id": "x"}
    (*OBJECT, "id"): {"text"},
    (*OBJECT, "metadata"): {"null", "object", "object with a key"},  # "missing" added below
    (*OBJECT, "metadata", "order_id"): {"text", "missing"},
    (*OBJECT, "client_reference_id"): OPTIONAL_TEXT, (*OBJECT, "payment_status"): OPTIONAL_TEXT,
    (*OBJECT, "payment_intent"): OPTIONAL_TEXT, (*OBJECT, "status"): OPTIONAL_TEXT,
    (*OBJECT, "currency"): {"null", "missing"},  # three letters: "text" is too long
    (*OBJECT, "amount_total"): {"number", "null", "missing"},
}
FITS[(*OBJECT, "metadata")] |= {"missing"}
EDGES = {  # one field each, at the edge of what fits
    "an empty id": (("id",), ""), "an id too long to store": (("id",), "e" * 256),
    "a NUL in the id": (("id",), "evt_\x00"), "a type too long to store": (("type",), "t" * 81),
    "an empty type": (("type",), ""), "a NUL in the payment intent": ((*OBJECT, "payment_intent"), "pi_\x00"),
    "a negative amount": ((*OBJECT, "amount_total"), -1),
    "an amount past 64 bits": ((*OBJECT, "amount_total"), 2 ** 64),
    "a four-letter currency": ((*OBJECT, "currency"), "thbx"),
    "a NUL in metadata": ((*OBJECT, "metadata"), {"a\x00": "1"}),
}
WHOLE_BODIES = {"an array": b"[]", "an array of an event": b'[{"id": "evt_1"}]', "a string": b'"evt_1"',
                "a number": b"7", "null": b"null", "true": b"true", "not JSON": b"{", "not UTF-8": b"\xff\xfe",
                "nested past Python's limit": b"[" * 100_000 + b"]" * 100_000}


@pytest.fixture
def keyed_app(app):
    """The test database, with Stripe keys (no Stripe server is needed: nothing here calls out)."""
    return make_app(app.config["TEST_TMP_DIR"], STRIPE_SECRET_KEY=API_KEY, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
                    STRIPE_API_BASE="http://127.0.0.1:9")


class World:
    """A product with plenty of stock, and one order waiting for its payment; a new order once one was used."""

    def __init__(self, app, shop):
        self.app = app
        self.counted = _fingerprint_statement()
        enterprise_id, _ = shop.enterprise()
        self.product_id = shop.variant(shop.product(enterprise_id, stock=100_000))  # what an order holds
        self.new_order()

    def new_order(self) -> None:
        with self.app.app_context():
            order = checkout.place_order({self.product_id: 1}, checkout.Buyer("Sam", "sam@example.org", "", "pickup",
                                                                              ""), None, use_stripe=True)
            order.stripe_session_id = f"cs_test_{uuid.uuid4().hex}"
            db.session.commit()
            self.order_id, self.session_id, self.total = order.id, order.stripe_session_id, order.total_minor

    def event(self, kind: str) -> dict:
        if kind.startswith("checkout."):
            thing = {"id": self.session_id, "object": "checkout.session", "status": "complete",
                     "metadata": {"order_id": str(self.order_id)}, "client_reference_id": str(self.order_id),
                     "payment_status": "paid", "payment_intent": "pi_test_1", "amount_total": self.total,
                     "currency": "thb"}
        elif kind == "refund.failed":
            thing = {"id": "re_test_1", "object": "refund", "status": "failed", "payment_intent": "pi_test_1",
                     "metadata": {}, "currency": "thb", "amount": 100}
        else:  # a type we do not read: its object is not looked into
            thing = {"id": "cus_test_1", "object": "customer", "metadata": {}, "currency": "thb"}
        return {"id": f"evt_{uuid.uuid4().hex}", "object": "event", "type": kind, "api_version": "2026-10-28",
                "data": {"object": thing}}

    def state(self):
        """Every table's row count and highest id, and every order and product as it is."""
        with self.app.app_context():
            connection = db.session.connection()
            return (connection.execute(self.counted).all(),
                    connection.execute(sa.select(Order.__table__).order_by(Order.id)).all(),
                    connection.execute(sa.select(Product.__table__).order_by(Product.id)).all())

    def stored(self, event_id) -> bool:
        if not _usable(event_id):
            return False  # an id the database could not even hold
        with self.app.app_context():
            return db.session.get(StripeEvent, event_id) is not None


def _usable(event_id) -> bool:
    return isinstance(event_id, str) and 0 < len(event_id) <= 255 and "\x00" not in event_id


def _fingerprint_statement():
    """tests.conftest.table_fingerprint's one statement, built once: it is run after each of some 800 bodies."""
    selects = []
    for table in db.metadata.sorted_tables:
        key = list(table.primary_key.columns)
        highest = sa.func.max(key[0]) if len(key) == 1 and isinstance(key[0].type, sa.Integer) else sa.null()
        selects.append(sa.select(sa.literal(table.name), sa.func.count(), sa.cast(highest, sa.BigInteger))
                       .select_from(table))
    return sa.union_all(*selects)


def _replace(body: dict, path: tuple, value) -> dict:
    changed = copy.deepcopy(body)
    parent = changed
    for key in path[:-1]:
        parent = parent[key]
    if value is MISSING:
        parent.pop(path[-1], None)
    else:
        parent[path[-1]] = value
    return changed


def _post(client, payload: bytes):
    return client.post(WEBHOOK, data=payload, content_type="application/json",
                       headers={"Stripe-Signature": signature(payload)})


def _cases(world: World):
    """(name, signed body, expected answer) for each field we read, in each kind of event, replaced by each
    kind of value or left out; then the edge values; then whole bodies that are no event at all."""
    for kind in (*CHECKOUT_TYPES, "refund.failed", "customer.created"):
        for path, fits in FITS.items():
            if kind == "customer.created" and path[:2] == OBJECT:
                fits = set(REPLACEMENTS) if len(path) > 2 else {"object", "object with a key"}
            for name, value in REPLACEMENTS.items():
                yield f"{kind}: {'.'.join(path)} {name}", _replace(world.event(kind), path, value), \
                    200 if name in fits else 400
    for name, (path, value) in EDGES.items():
        yield name, _replace(world.event("checkout.session.completed"), path, value), 400
    for name, payload in WHOLE_BODIES.items():
        yield name, payload, 400


@pytest.mark.slow  # every malformed body of the table, each posted signed
def test_every_malformed_signed_body_is_refused_and_changes_nothing(keyed_app, shop, caplog):
    world, wrong = World(keyed_app, shop), []
    client = keyed_app.test_client()
    before = world.state()
    for name, body, expected in _cases(world):
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="marketplace.views"):
            response = _post(client, payload)
        event_id = body.get("id") if isinstance(body, dict) else None
        after = world.state()
        if response.status_code != expected:
            wrong.append(f"{name}: {response.status_code}, not {expected}")
        elif expected == 400:
            if after != before or world.stored(event_id):
                wrong.append(f"{name}: refused, yet the database changed")
            if _usable(event_id) and repr(event_id) not in caplog.text:
                wrong.append(f"{name}: the event id is not in the log")
        elif not world.stored(event_id):
            wrong.append(f"{name}: answered 200, yet the event is not kept as seen")
        if after != before:
            world.new_order()  # this one may be used (paid, expired…): the next case starts afresh
            after = world.state()
        before = after
    assert not wrong, "\n".join(wrong)


def test_fields_stripe_may_leave_out_still_apply(keyed_app, shop):
    """A paid session with no metadata, no client reference from metadata alone, and no payment intent: paid."""
    world = World(keyed_app, shop)
    client = keyed_app.test_client()
    event = world.event("checkout.session.completed")
    for field in ("client_reference_id", "payment_intent", "status"):
        event["data"]["object"].pop(field)
    assert _post(client, json.dumps(event).encode()).get_json() == {"received": True, "applied": True}
    with keyed_app.app_context():
        assert db.session.get(Order, world.order_id).status == "paid"
    unread = world.event("customer.created")
    unread["data"]["object"] = {"available": [{"amount": 1}]}  # a balance: no id, nothing we read
    assert _post(client, json.dumps(unread).encode()).status_code == 200
    assert world.stored(unread["id"])
