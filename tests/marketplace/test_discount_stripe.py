"""Discount codes with Stripe Checkout (issue #34, point 2), through the real `stripe` library and the local
fakes: the order's lines and the Checkout Session's line amounts are equal to the satang, the payment matches,
a refund gives back what was paid for the lines, and an expired session gives its use back."""
from __future__ import annotations

import pytest
import requests
import sqlalchemy as sa

from core.extensions import db
from core.models import Role, User
from marketplace import discounts
from marketplace.discounts import NewCode
from marketplace.models import DiscountCode, Order
from tests.conftest import post_form, sign_in
from tests.marketplace.refund_forms import post_refund
from tests.marketplace.stripe_fakes import API_KEY, event, signature

pytestmark = pytest.mark.real_commits  # a second app with Stripe keys and its own engine

WEBHOOK = "/shop/stripe/webhook"


def _deliver(client, payload):
    return client.post(WEBHOOK, data=payload, content_type="application/json",
                       headers={"Stripe-Signature": signature(payload)})


def _code(app, people, new: NewCode) -> None:
    staff_id = people.make(Role.STAFF, "Staff")
    with app.app_context():
        discounts.create(db.session.get(User, staff_id), new)
        db.session.commit()


def _order(app) -> Order:
    with app.app_context():
        order = db.session.scalar(sa.select(Order))
        order.lines  # noqa: B018 - loaded before the session ends
        db.session.expunge_all()
        return order


def _uses(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(DiscountCode.uses))


def _buy_with_code(client, items: dict[int, str], code: str, delivery="pickup"):
    for product_id, quantity in items.items():
        post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": quantity})
    applied = post_form(client, "/shop/cart/code", {"code": code, "apply_code": "Apply code"})
    assert applied.status_code == 302
    return post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": delivery,
                                                "address": "12 Nimman Road, Chiang Mai 50200", "province": "50"})


def test_the_order_and_the_checkout_session_agree_to_the_satang_and_a_refund_gives_back_what_was_paid(
        stripe_app, stripe_servers, shop, people):
    enterprise_id, manager_id = shop.enterprise()
    beans = shop.product(enterprise_id, name="Beans", price=33333, stock=10)
    drip = shop.product(enterprise_id, name="Drip bags", price=19999, stock=10)
    _code(stripe_app, people, NewCode("SAVE15", "percent", 15, enterprise_id, max_uses=10))
    client = stripe_app.test_client()
    response = _buy_with_code(client, {beans: "3", drip: "2"}, "save15", delivery="shipping")
    assert response.status_code == 303
    order = _order(stripe_app)
    by_name = {line.name: line for line in order.lines}
    # 15% of 333.33 is 49.9995 and of 199.99 is 29.9985: rounded down per unit to 49.99 and 29.99
    assert (by_name["Beans"].unit_price_minor, by_name["Beans"].unit_discount_minor) == (28334, 4999)
    assert (by_name["Drip bags"].unit_price_minor, by_name["Drip bags"].unit_discount_minor) == (17000, 2999)
    assert order.discount_minor == 3 * 4999 + 2 * 2999
    sent = stripe_servers.created[-1]["params"]["line_items"]
    sent_lines = {item["price_data"]["product_data"]["name"]: (int(item["price_data"]["unit_amount"]),
                                                               int(item["quantity"])) for item in sent}
    assert sent_lines == {"Beans": (28334, 3), "Drip bags": (17000, 2),
                          "Shipping: Other provinces": (order.shipping_minor, 1)}
    session = stripe_servers.sessions[order.stripe_session_id]
    assert session["amount_total"] == order.total_minor == 3 * 28334 + 2 * 17000 + order.shipping_minor
    paid = requests.post(f"{stripe_servers.base}/_test/pay/{order.stripe_session_id}").json()
    _deliver(client, event("checkout.session.completed", paid))
    assert _order(stripe_app).status == "paid" and _uses(stripe_app) == 1  # the amounts matched

    manager = stripe_app.test_client()
    sign_in(manager, people.login_name(manager_id))
    page = manager.get(f"/manage/shop/orders/{order.id}").get_data(as_text=True)
    assert "a refund gives back 283.34 ฿ each" in page and "Discount code SAVE15" in page
    post_refund(manager, order.id, {f"refund-{by_name['Beans'].id}": "1", "restock": "y"})
    after = _order(stripe_app)
    assert after.refunded_minor == 28334  # what was paid for that bag, not its price before the discount
    refunds = requests.get(f"{stripe_servers.base}/v1/refunds", auth=(API_KEY, "")).json()["data"]
    assert [r["amount"] for r in refunds if r["payment_intent"] == paid["payment_intent"]] == [28334]
    buyer_page = client.get(f"/shop/orders/{order.token}").get_data(as_text=True)
    assert "Discount (code SAVE15)" in buyer_page and "Refunded" in buyer_page and "283.34" in buyer_page
    assert "A refund gives back the prices you paid, after the discount." in buyer_page


def test_an_expired_session_gives_its_use_back_and_a_late_payment_counts_it_again(stripe_app, stripe_servers,
                                                                                    shop, people):
    enterprise_id, _ = shop.enterprise()
    beans = shop.product(enterprise_id, price=32000, stock=10)
    _code(stripe_app, people, NewCode("ONE", "amount", 5000, None, min_order_minor=30000, max_uses=1))
    client = stripe_app.test_client()
    _buy_with_code(client, {beans: "1"}, "one")
    order = _order(stripe_app)
    assert (order.total_minor, _uses(stripe_app)) == (27000, 1)
    session = stripe_servers.sessions[order.stripe_session_id]
    _deliver(client, event("checkout.session.expired", {**session, "status": "expired"}))
    assert (_order(stripe_app).status, _uses(stripe_app)) == ("expired", 0)
    paid = requests.post(f"{stripe_servers.base}/_test/pay/{order.stripe_session_id}").json()
    _deliver(client, event("checkout.session.completed", paid))  # the money came after all
    after = _order(stripe_app)
    assert (after.status, after.total_minor, _uses(stripe_app)) == ("paid", 27000, 1)
