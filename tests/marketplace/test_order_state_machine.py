"""The shop's money and stock under any interleaving (issue #26): a Hypothesis state machine places orders
(by card or pay on collection) over two enterprises' few items, pays them through the fake's hosted page and a
signed webhook (twice, or after they expired), expires them, refunds items and amounts as the managers, makes
Stripe fail the next refund, runs the reconciling job, counts stock again, marks cash taken and cancels lines.
Each step is its own unit of work, as a request or a job is; a refusal is an allowed answer, anything else fails.

After every step the books are read back from the database and the fake Stripe: stock is never below 0 and is
the sum of its ledger, no order or line gives back more than it brought in, the refunds on record are the
order's figures, an order holds the stock of every item it has not given back, and Stripe never moved more than
was paid nor other than what is refunded or reserved here. Once the job has run with no fault waiting, nothing
is reserved and Stripe moved exactly what is recorded as refunded."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
import requests
import sqlalchemy as sa
import time_machine
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)

from accounts import services as accounts
from core.db import utcnow
from core.extensions import db
from core.models import Role, User
from core.refusal import Refusal
from marketplace import checkout, fulfilment, refunds, stock
from marketplace.models import (
    Enterprise,
    EnterpriseManager,
    Order,
    Product,
    ProductVariant,
    Refund,
    ShippingRate,
    StockMovement,
)
from tests.conftest import _empty_tables
from tests.marketplace.stripe_fakes import Fault, event, signature

pytestmark = pytest.mark.real_commits  # the Stripe app has its own engine: every step commits for real

WEBHOOK = "/shop/stripe/webhook"
REFUSED = object()  # what a step that was refused returns
# Two enterprises, three products, a handful of each: orders run out of stock within a few steps.
ENTERPRISES = ("coffee", "sewing")
MANAGERS = st.sampled_from(["its first seller", "its last seller", "another enterprise"])  # of an order
PRODUCTS = {"beans": ("coffee", 32000, 4), "mug": ("coffee", 12500, 3), "bag": ("sewing", 45000, 3)}
FAULTS = {"refused": {"fault": Fault.REFUSE},  # 402: a definite no
          "answer lost": {"fault": Fault.FAIL_AFTER, "should_retry": False},  # made, but the answer is a 500
          "rate limited": {"fault": Fault.RATE_LIMIT}}  # 429: nothing made
SETTINGS = settings(max_examples=25, stateful_step_count=15, deadline=None)


@dataclass
class Form:
    """A manager's refund form as shown once: sending it again is a double click (the same intent)."""
    order_id: int
    manager: str  # one of MANAGERS
    kind: str  # items / amount
    quantities: tuple[int, ...] = ()
    restock: bool = False
    amount: int | str = 0  # an amount, or "the rest" (worked out when first sent, then kept)
    intent: str = ""


class ShopMachine(RuleBasedStateMachine):
    app = fake = checkout_fake = None  # set by the test: the Stripe app and the fakes

    orders = Bundle("orders")
    paid = Bundle("paid")  # orders paid at some point (by card or in cash): where refunds can go through
    forms = Bundle("forms")

    def __init__(self):
        super().__init__()
        self.client = self.app.test_client()
        self.placed = self.refunds_asked = False  # the jobs have nothing to do before (steps not spent on them)
        with self.app.app_context():
            db.session.add_all([ShippingRate(zone=zone, max_weight_grams=2000, price_minor=8000)
                                for zone in ("bangkok_vicinity", "other_provinces")])
            self.managers, enterprise_ids = {}, {}
            for slug in ENTERPRISES:
                manager = accounts.create_account(Role.MANAGER, f"{slug} manager", username=f"{slug}-manager")
                enterprise = Enterprise(slug=slug, name=slug.title(), story="A programme shop.")
                db.session.add(enterprise)
                db.session.flush()
                db.session.add(EnterpriseManager(user_id=manager.id, enterprise_id=enterprise.id))
                self.managers[slug], enterprise_ids[slug] = manager.id, enterprise.id
            self.enterprises = {enterprise_id: slug for slug, enterprise_id in enterprise_ids.items()}
            self.products = {}
            for name, (slug, price, count) in PRODUCTS.items():
                product = Product(enterprise_id=enterprise_ids[slug], name=name, category="coffee",
                                  price_minor=price, weight_grams=250)
                db.session.add(product)
                db.session.flush()
                stock.set_count(product.default_variant, None, count, "test stock")
                self.products[name] = product.default_variant.id  # what carts, orders and the ledger hold

    def teardown(self):
        _empty_tables(self.app)
        self.fake.reset()
        self.checkout_fake.sessions.clear()
        self.checkout_fake.by_idempotency.clear()

    # --- one unit of work each ---------------------------------------------------------------------------
    def _work(self, action):
        """As a request or a job: committed when it ends, rolled back when refused (a Refusal is allowed)."""
        try:
            with self.app.app_context():
                return action()
        except Refusal:
            return REFUSED

    def _as_manager(self, order_id: int, who: str, action):
        def act():
            order = db.session.get(Order, order_id)
            sellers = sorted({line.enterprise_id for line in order.lines})
            strangers = sorted(set(self.enterprises) - set(sellers)) or sellers
            enterprise = {"its first seller": sellers[0], "its last seller": sellers[-1],
                          "another enterprise": strangers[0]}[who]
            return action(order, db.session.get(User, self.managers[self.enterprises[enterprise]]))
        return self._work(act)

    def _session(self, order_id: int) -> dict | None:
        with self.app.app_context():
            session_id = db.session.get(Order, order_id).stripe_session_id
        return self.checkout_fake.sessions.get(session_id) if session_id else None

    def _deliver(self, payload: bytes) -> None:
        answer = self.client.post(WEBHOOK, data=payload, content_type="application/json",
                                  headers={"Stripe-Signature": signature(payload)})
        assert answer.status_code == 200, answer.get_data(as_text=True)

    # --- buying ------------------------------------------------------------------------------------------
    ITEMS = st.dictionaries(st.sampled_from(sorted(PRODUCTS)), st.integers(1, 2), min_size=1, max_size=3)

    def _place(self, items: dict[str, int], by_card: bool, shipped: bool):
        def act():
            buyer = checkout.Buyer("Sam", "sam@example.org", "", "shipping" if shipped else "pickup",
                                   "12 Moo 3, Mae Rim, Chiang Mai 50180" if shipped else "", "50" if shipped else "")
            order = checkout.place_order({self.products[name]: n for name, n in items.items()}, buyer, None,
                                         use_stripe=by_card)
            if by_card:
                checkout.open_checkout(order, "http://shop.test/paid", "http://shop.test/cancelled")
            return order.id
        placed = self._work(act)
        self.placed = self.placed or placed is not REFUSED
        return placed

    def _pay(self, order_id: int, delivered: str = "once") -> bool:
        """The buyer pays on the hosted page; Stripe tells us, perhaps more than once. True when now paid."""
        session = self._session(order_id)
        if session is None:
            return False  # pay on collection
        if session["payment_status"] != "paid":
            requests.post(f"{self.checkout_fake.base}/_test/pay/{session['id']}", timeout=30).raise_for_status()
        payload = event("checkout.session.completed", session)
        self._deliver(payload)
        if delivered != "once":
            self._deliver(payload if delivered == "the same event twice" else
                          event("checkout.session.completed", session))
        with self.app.app_context():
            return db.session.get(Order, order_id).status == "paid"

    @rule(target=orders, items=ITEMS, by_card=st.booleans(), shipped=st.booleans())
    def place_order(self, items, by_card, shipped):
        placed = self._place(items, by_card, shipped)
        return multiple() if placed is REFUSED else placed

    @rule(targets=(orders, paid), items=ITEMS, shipped=st.booleans())
    def buy_by_card(self, items, shipped):
        """Placed and paid straight away, as most card orders are."""
        placed = self._place(items, True, shipped)
        return multiple() if placed is REFUSED or not self._pay(placed) else placed

    @rule(target=paid, order=orders, delivered=st.sampled_from(["once", "the same event twice", "two events"]))
    def pay(self, order, delivered):
        return order if self._pay(order, delivered) else multiple()

    @rule(order=orders)
    def session_expires(self, order):
        """Stripe's `checkout.session.expired` for a session nobody paid."""
        session = self._session(order)
        if session is not None and session["payment_status"] != "paid":
            self._deliver(event("checkout.session.expired", {**session, "status": "expired"}))

    @precondition(lambda self: self.placed)
    @rule(later=st.sampled_from([timedelta(minutes=36), timedelta(hours=73)]))
    def expiry_job(self, later):
        """The scheduled job some time from now: card checkouts gone stale, or collection holds ended too."""
        with time_machine.travel(utcnow() + later):
            self._work(checkout.expire_stale_orders)

    # --- the managers ------------------------------------------------------------------------------------
    def _send(self, form: Form):
        self.refunds_asked = True

        def act(order: Order, manager: User):
            own = [line for line in order.lines if line.enterprise_id == fulfilment.enterprise_of(manager)]
            if form.kind == "items":
                quantities = {line.id: n for line, n in zip(own, form.quantities, strict=False)}
                return fulfilment.refund_lines(order, manager, quantities, form.restock, form.intent)
            if form.amount == "the rest":  # all that is left of this enterprise's part, as the form shows it
                sole = len(own) == len(order.lines)
                left = sum(line.total_minor - line.refunded_minor - line.reserved_minor for line in own)
                shipping = order.total_minor - order.refunded_minor - order.refund_reserved_minor - sum(
                    line.total_minor - line.refunded_minor - line.reserved_minor for line in order.lines)
                form.amount = max(1, min(left + (shipping if sole else 0),
                                         order.total_minor - order.refunded_minor - order.refund_reserved_minor))
            return fulfilment.refund_amount(order, manager, form.amount, "Goodwill", form.intent)
        return self._as_manager(form.order_id, form.manager, act)

    @rule(target=forms, order=paid, manager=MANAGERS,
          quantities=st.tuples(st.integers(1, 2), st.integers(0, 2)), restock=st.booleans(),
          fault=st.sampled_from(sorted(FAULTS)) | st.none())
    def refund_items(self, order, manager, quantities, restock, fault):
        form = Form(order, manager, "items", quantities, restock, intent=refunds.new_intent())
        self._inject(fault)
        self._send(form)
        return form

    @rule(target=forms, order=paid, manager=MANAGERS,
          amount=st.integers(1, 60000) | st.just("the rest"), fault=st.sampled_from(sorted(FAULTS)) | st.none())
    def refund_amount(self, order, manager, amount, fault):
        form = Form(order, manager, "amount", amount=amount, intent=refunds.new_intent())
        self._inject(fault)
        self._send(form)
        return form

    @rule(form=forms)
    def send_the_form_again(self, form):
        self._send(form)

    @rule(order=st.one_of(paid, orders), manager=MANAGERS)
    def cancel_lines(self, order, manager):
        self._as_manager(order, manager, fulfilment.cancel_lines)

    @rule(order=st.one_of(paid, orders), manager=MANAGERS,
          step=st.sampled_from(["packed", "shipped", "ready_for_pickup", "completed"]))
    def move_lines(self, order, manager, step):
        def move(o, m):  # a shipping order's parcel leaves with a carrier and its tracking number
            if step == "shipped" and o.delivery == "shipping":
                return fulfilment.ship_parcel(o, m, "flash", "TH01234567890")
            return fulfilment.move_lines(o, m, step)
        self._as_manager(order, manager, move)

    @rule(target=paid, order=orders, manager=MANAGERS)
    def cash_taken(self, order, manager):
        done = self._as_manager(order, manager, fulfilment.mark_paid_on_collection)
        return multiple() if done is REFUSED else order

    @rule(product=st.sampled_from(sorted(PRODUCTS)), change=st.integers(-3, 3).filter(bool))
    def adjust_stock(self, product, change):
        def act():
            item = db.session.get(ProductVariant, self.products[product])
            stock.adjust(item, db.session.get(User, self.managers[PRODUCTS[product][0]]), change, "Counted again")
        self._work(act)

    # --- Stripe misbehaving, and the job that settles it -----------------------------------------------------
    def _inject(self, fault: str | None) -> None:
        if fault is not None and len(self.fake.rules) < 2:
            self.fake.inject(**FAULTS[fault])

    @rule(fault=st.sampled_from(sorted(FAULTS)))
    def next_refund_fails(self, fault):
        """Whichever refund call comes next meets the fault: a manager's, the job's, or a late payment's."""
        self._inject(fault)

    @precondition(lambda self: self.refunds_asked)
    @rule()
    def reconcile(self):
        no_fault_waiting = not self.fake.rules
        self._work(lambda: refunds.reconcile(older_than=timedelta(0)))
        if no_fault_waiting:
            self._assert_all_settled()

    @precondition(lambda self: self.refunds_asked and not self.fake.rules)
    @rule()
    def reconcile_a_day_later(self):
        """Past Stripe's 24 hours its keys are forgotten: the job must find a refund made, not make another."""
        self.fake.forget_keys()
        with time_machine.travel(utcnow() + timedelta(hours=25)):
            self._work(lambda: refunds.reconcile(older_than=timedelta(0)))
        self._assert_all_settled()

    def _assert_all_settled(self):
        with self.app.app_context():
            for order in db.session.scalars(sa.select(Order)):
                pending = db.session.scalars(sa.select(Refund.id).where(Refund.order_id == order.id,
                                                                       Refund.status == "pending")).all()
                assert (pending, order.refund_reserved_minor) == ([], 0), f"order {order.id} still reserved"
                assert all((line.reserved_quantity, line.reserved_minor) == (0, 0) for line in order.lines)
                if order.payment_method != "stripe":
                    continue  # cash given back by hand
                moved = self.fake.refunded_total(order.stripe_payment_intent) if order.stripe_payment_intent else 0
                assert moved == order.refunded_minor, f"order {order.id}: Stripe moved {moved}, recorded " \
                                                      f"{order.refunded_minor}"

    # --- the books, after every step ---------------------------------------------------------------------
    @invariant()
    def books_balance(self):
        with self.app.app_context():
            assert stock.discrepancies() == []
            assert db.session.scalar(sa.select(sa.func.min(ProductVariant.stock))) >= 0
            taken = {(order_id, variant_id): -total for order_id, variant_id, total in db.session.execute(
                sa.select(StockMovement.order_id, StockMovement.variant_id, sa.func.sum(StockMovement.change))
                .where(StockMovement.order_id.is_not(None))
                .group_by(StockMovement.order_id, StockMovement.variant_id))}
            for order in db.session.scalars(sa.select(Order)):
                self._order_balances(order, taken)

    def _order_balances(self, order: Order, taken: dict) -> None:
        where = f"order {order.id} ({order.status}, {order.payment_method})"
        assert order.refunded_minor >= 0 and order.refund_reserved_minor >= 0, where
        assert order.refunded_minor + order.refund_reserved_minor <= order.total_minor, where
        states = dict(db.session.execute(sa.select(Refund.status, sa.func.sum(Refund.amount_minor))
                                         .where(Refund.order_id == order.id).group_by(Refund.status)).all())
        assert (order.refunded_minor, order.refund_reserved_minor) == (states.get("succeeded", 0),
                                                                      states.get("pending", 0)), where
        for line in order.lines:
            assert line.refunded_quantity + line.reserved_quantity <= line.quantity, where
            assert line.refunded_minor + line.reserved_minor <= line.unit_price_minor * line.quantity, where
            held = taken.get((order.id, line.variant_id), 0)
            assert 0 <= held <= line.quantity, f"{where}: holds {held} of line {line.id}"
            if order.stock_held:  # every item not given back is still set aside for this order
                assert held >= line.quantity - line.refunded_quantity, f"{where}: holds {held} of line {line.id}"
            if order.status in ("expired", "payment_failed"):
                assert held == 0, f"{where}: holds {held} of line {line.id}"
        assert sum(line.refunded_minor for line in order.lines) <= order.refunded_minor, where
        assert sum(line.reserved_minor for line in order.lines) <= order.refund_reserved_minor, where
        if order.payment_method != "stripe":
            return
        session = self.checkout_fake.sessions.get(order.stripe_session_id or "")
        paid = session["amount_total"] if session and session["payment_status"] == "paid" else 0
        moved = self.fake.refunded_total(order.stripe_payment_intent) if order.stripe_payment_intent else 0
        assert moved <= paid, f"{where}: Stripe gave back {moved} of {paid} paid"
        # Stripe moved what is refunded here, and at most what is still reserved on top (an answer not heard).
        assert order.refunded_minor <= moved <= order.refunded_minor + order.refund_reserved_minor, \
            f"{where}: Stripe moved {moved}, recorded {order.refunded_minor} + {order.refund_reserved_minor} reserved"


def test_money_and_stock_balance_under_any_interleaving(stripe_app, stripe_servers, refund_fake):
    machine = type("OrderMachine", (ShopMachine,), {"app": stripe_app, "fake": refund_fake,
                                                    "checkout_fake": stripe_servers})
    run_state_machine_as_test(machine, settings=SETTINGS)
