"""Refunds give back at most what is left — of the order, and of the manager's own lines — settle every
pending refund on its own, end "payment needs attention" through staff, and tell the buyer. Each test here was
a defect of issue #26 (numbered as there)."""
from __future__ import annotations

from datetime import timedelta

import pytest
import requests
import sqlalchemy as sa

from core.db import utcnow
from core.extensions import db
from core.models import OutboxMessage, Role
from marketplace import refunds
from marketplace.models import Order, OrderLine, Product, Refund
from tests.conftest import make_app, post_form, sign_in
from tests.marketplace.conftest import variant_of
from tests.marketplace.refund_forms import intent_of, post_refund
from tests.marketplace.stripe_fakes import API_KEY, WEBHOOK_SECRET, event, free_port, signature

pytestmark = pytest.mark.real_commits  # a second app with Stripe keys and its own engine


def _deliver(client, payload):
    return client.post("/shop/stripe/webhook", data=payload, content_type="application/json",
                       headers={"Stripe-Signature": signature(payload)})


def _buy_and_pay(stripe_app, stripe_servers, items: dict[int, str], *, amount_total=None, locale=None) -> dict:
    client = stripe_app.test_client()
    if locale:
        post_form(client, "/language", {"language": locale, "next": "/shop/"})
    for product_id, quantity in items.items():
        post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": quantity})
    post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "shipping",
                                         "address": "12 Nimman Road, Chiang Mai 50200", "province": "50"})
    with stripe_app.app_context():
        order = db.session.scalar(sa.select(Order).order_by(Order.id.desc()))
        session_id = order.stripe_session_id
    paid = requests.post(f"{stripe_servers.base}/_test/pay/{session_id}").json()
    if amount_total is not None:
        paid = {**paid, "amount_total": amount_total}
    assert _deliver(client, event("checkout.session.completed", paid)).status_code == 200
    return paid


def _order(app, order_id=None) -> Order:
    with app.app_context():
        order = db.session.get(Order, order_id) if order_id else db.session.scalar(sa.select(Order)
                                                                                   .order_by(Order.id.desc()))
        order.lines  # noqa: B018 - loaded before the session closes
        db.session.expunge_all()
        return order


def _refunds_at_stripe(stripe_servers, payment_intent) -> list[int]:
    made = requests.get(f"{stripe_servers.base}/v1/refunds", auth=(API_KEY, "")).json()["data"]
    return sorted(r["amount"] for r in made if r["payment_intent"] == payment_intent)


def _signed_in(app, shop, user_id):
    client = app.test_client()
    sign_in(client, shop.people.login_name(user_id))
    return client


def test_2_items_after_an_amount_ask_only_what_is_left(stripe_app, stripe_servers, shop):
    """720 paid (2 × 320 + 80 shipping), 600 given back by amount: one item then asks 40 (what is left of the
    lines' money), the last item the shipping — never 320 more."""
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=5)
    paid = _buy_and_pay(stripe_app, stripe_servers, {product_id: "2"})
    order = _order(stripe_app)
    assert order.total_minor == 72000
    manager = _signed_in(stripe_app, shop, manager_id)
    post_refund(manager, order.id, {"amount_thb": "600.00", "reason": "Price mistake"}, "refund-amount")
    line_id = order.lines[0].id
    post_refund(manager, order.id, {f"refund-{line_id}": "1"})
    assert _refunds_at_stripe(stripe_servers, paid["payment_intent"]) == [4000, 60000]
    post_refund(manager, order.id, {f"refund-{line_id}": "1"})
    after = _order(stripe_app, order.id)
    assert _refunds_at_stripe(stripe_servers, paid["payment_intent"]) == [4000, 8000, 60000]
    assert (after.status, after.refunded_minor, after.refund_reserved_minor) == ("refunded", 72000, 0)


def test_3_an_amount_is_capped_at_the_managers_own_lines(stripe_app, stripe_servers, shop):
    """Coffee 320 and another enterprise's bracelet 450 in one order: the coffee manager gives back at most
    320 — the bracelet still waits to be packed — and the shipping goes back only with the last item."""
    coffee, coffee_manager = shop.enterprise()
    jewellery, _ = shop.enterprise(slug="jewellery")
    beans = shop.product(coffee, price=32000, stock=5)
    bracelet = shop.product(jewellery, name="Bracelet", price=45000, stock=5, category="jewellery")
    paid = _buy_and_pay(stripe_app, stripe_servers, {beans: "1", bracelet: "1"})
    order = _order(stripe_app)
    manager = _signed_in(stripe_app, shop, coffee_manager)
    page = post_refund(manager, order.id, {"amount_thb": "770.00", "reason": "Everything"}, "refund-amount",
                       follow_redirects=True).get_data(as_text=True)
    assert "at most 320.00 baht" in page
    assert _refunds_at_stripe(stripe_servers, paid["payment_intent"]) == []
    post_refund(manager, order.id, {"amount_thb": "320.00", "reason": "Beans were stale"}, "refund-amount")
    page = post_refund(manager, order.id, {"amount_thb": "0.01", "reason": "More"}, "refund-amount",
                       follow_redirects=True).get_data(as_text=True)
    assert "at most 0.00 baht" in page
    assert _refunds_at_stripe(stripe_servers, paid["payment_intent"]) == [32000]
    with stripe_app.app_context():
        lines = {line.enterprise_id: line for line in db.session.get(Order, order.id).lines}
        assert (lines[jewellery].status, lines[jewellery].refunded_minor) == ("open", 0)
        assert (lines[coffee].refunded_minor, db.session.get(Order, order.id).refunded_minor) == (32000, 32000)


def test_3_the_same_intent_twice_is_one_refund(stripe_app, stripe_servers, shop):
    """A double click sends the same form twice: one refund at Stripe; the second answer says it was made."""
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=5)
    paid = _buy_and_pay(stripe_app, stripe_servers, {product_id: "2"})
    order = _order(stripe_app)
    manager = _signed_in(stripe_app, shop, manager_id)
    intent = intent_of(manager, order.id, "refund-amount")
    for _ in range(2):
        page = post_refund(manager, order.id, {"amount_thb": "100.00", "reason": "Late"}, "refund-amount",
                           intent=intent, follow_redirects=True).get_data(as_text=True)
    assert "already made" in page
    assert _refunds_at_stripe(stripe_servers, paid["payment_intent"]) == [10000]
    assert _order(stripe_app, order.id).refunded_minor == 10000


def test_5_one_refund_that_cannot_be_settled_does_not_hold_up_the_others(app, stripe_app, stripe_servers, shop):
    """The job settles each pending refund in a transaction of its own: a broken one is logged and skipped."""
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, price=20000, stock=5)
    _buy_and_pay(stripe_app, stripe_servers, {product_id: "2"})
    first = _order(stripe_app)
    paid = _buy_and_pay(stripe_app, stripe_servers, {product_id: "1"})
    second = _order(stripe_app)
    unreachable = make_app(app.config["TEST_TMP_DIR"], STRIPE_SECRET_KEY=API_KEY, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
                           STRIPE_API_BASE=f"http://127.0.0.1:{free_port()}", STRIPE_MAX_RETRIES=0)
    manager = _signed_in(unreachable, shop, manager_id)
    post_refund(manager, second.id, {f"refund-{second.lines[0].id}": "1"})  # no answer: pending, reserved
    with stripe_app.app_context():  # a pending refund that reserved nothing (written by hand): cannot settle
        db.session.add(Refund(order_id=first.id, amount_minor=20000, idempotency_key="refund-broken-by-hand",
                              lines={str(first.lines[0].id): 1}, created_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
    with stripe_app.app_context():
        assert refunds.reconcile(older_than=timedelta(0)) == 1
    with stripe_app.app_context():
        states = dict(db.session.execute(sa.select(Refund.order_id, Refund.status)).all())
    assert states == {first.id: "pending", second.id: "succeeded"}
    assert _order(stripe_app, second.id).refunded_minor == 20000 + 8000  # the last item: shipping too
    assert _refunds_at_stripe(stripe_servers, paid["payment_intent"]) == [28000]


def test_5_staff_give_back_a_payment_that_needs_attention_and_its_stock_comes_back(stripe_app, stripe_servers,
                                                                                      shop, people):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=5)
    paid = _buy_and_pay(stripe_app, stripe_servers, {product_id: "2"}, amount_total=100)  # does not match
    order = _order(stripe_app)
    assert (order.status, shop.stock(product_id)) == ("payment_needs_attention", 3)
    staff = _signed_in(stripe_app, shop, people.make(Role.STAFF))
    page = staff.get("/manage/shop/attention").get_data(as_text=True)
    assert f"Order {order.id}" in page
    intent = next(v for v in page.split('name="intent" value="')[1:]).split('"')[0]
    for _ in range(2):  # sent twice: still one refund
        post_form(staff, f"/manage/shop/attention/{order.id}/give-back", {"intent": intent})
    after = _order(stripe_app, order.id)
    assert (after.status, after.refunded_minor, after.stock_held) == ("refunded", order.total_minor, False)
    assert _refunds_at_stripe(stripe_servers, paid["payment_intent"]) == [order.total_minor]
    assert shop.stock(product_id) == 5
    assert f"Order {order.id}" not in staff.get("/manage/shop/attention").get_data(as_text=True)
    with stripe_app.app_context():
        from marketplace import stock
        assert stock.discrepancies() == []


def test_5_staff_keep_a_payment_they_checked(stripe_app, stripe_servers, shop, people):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=5)
    _buy_and_pay(stripe_app, stripe_servers, {product_id: "2"}, amount_total=100)
    order = _order(stripe_app)
    staff = _signed_in(stripe_app, shop, people.make(Role.STAFF))
    manager_page = staff.get("/manage/shop/attention")
    assert manager_page.status_code == 200
    post_form(staff, f"/manage/shop/attention/{order.id}/keep", {})
    after = _order(stripe_app, order.id)
    assert (after.status, after.stock_held, shop.stock(product_id)) == ("paid", True, 3)
    again = post_form(staff, f"/manage/shop/attention/{order.id}/keep", {}, follow_redirects=True)
    assert "not waiting for a check" in again.get_data(as_text=True)


def test_10_the_buyer_is_told_of_every_refund_in_their_language(stripe_app, stripe_servers, shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=5)
    _buy_and_pay(stripe_app, stripe_servers, {product_id: "2"}, locale="th")
    order = _order(stripe_app)
    manager = _signed_in(stripe_app, shop, manager_id)
    post_refund(manager, order.id, {"amount_thb": "100.00", "reason": "Late"}, "refund-amount")
    post_refund(manager, order.id, {f"refund-{order.lines[0].id}": "1"})
    with stripe_app.app_context():
        told = [m.subject for m in db.session.scalars(sa.select(OutboxMessage).where(
            OutboxMessage.recipient == "sam@example.org").order_by(OutboxMessage.id))]
    returned = [subject for subject in told if f"{order.id}" in subject and "คืนเงิน" in subject]
    assert len(returned) == 2, told


def test_the_order_and_line_checks_hold_whatever_the_code_does(stripe_app, stripe_servers, shop):
    """The CHECK constraints are the last word: refunded + reserved never passes what was paid."""
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=5)
    _buy_and_pay(stripe_app, stripe_servers, {product_id: "1"})
    order = _order(stripe_app)
    with stripe_app.app_context():
        for statement in (sa.update(Order).where(Order.id == order.id).values(refund_reserved_minor=order.total_minor,
                                                                              refunded_minor=1),
                          sa.update(OrderLine).where(OrderLine.order_id == order.id).values(reserved_quantity=1,
                                                                                            refunded_quantity=1),
                          sa.update(OrderLine).where(OrderLine.order_id == order.id).values(reserved_minor=32000,
                                                                                            refunded_minor=1)):
            with pytest.raises(sa.exc.IntegrityError):
                db.session.execute(statement)
                db.session.flush()
            db.session.rollback()
        assert db.session.get(Product, product_id).stock == 4


def test_a_line_cancelled_before_payment_leaves_the_order_and_cannot_be_refunded_later(app, shop):
    """Two enterprises, paid on collection: one cancels its line before the buyer pays. The buyer then owes
    only the other line, and the cancelling enterprise cannot later give back money it never took (found by
    the state-machine test's author)."""
    from core.models import User
    from marketplace import checkout, fulfilment

    coffee, coffee_manager = shop.enterprise()
    jewellery, jewellery_manager = shop.enterprise(slug="jewellery")
    beans = shop.product(coffee, price=32000, stock=5)
    bracelet = shop.product(jewellery, name="Bracelet", price=45000, stock=5, category="jewellery")
    buyer = checkout.Buyer("Sam", "sam@example.org", "", "pickup", "")
    with app.app_context():
        order = checkout.place_order({variant_of(beans): 1, variant_of(bracelet): 1}, buyer, None, use_stripe=False)
        order_id = order.id
    with app.app_context():
        order = db.session.get(Order, order_id)
        fulfilment.cancel_lines(order, db.session.get(User, coffee_manager))
    with app.app_context():
        order = db.session.get(Order, order_id)
        assert (order.status, order.total_minor, order.refunded_minor) == ("pay_on_collection", 45000, 0)
        fulfilment.mark_paid_on_collection(order, db.session.get(User, jewellery_manager))
    with app.app_context():
        order = db.session.get(Order, order_id)
        with pytest.raises(refunds.ShopError, match="at most 0.00"):
            fulfilment.refund_amount(order, db.session.get(User, coffee_manager), 100, "Goodwill")
        assert shop.stock(beans) == 5
