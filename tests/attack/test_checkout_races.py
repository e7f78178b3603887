"""The card checkout sent ten times at once from one customer's cart (a double click, a slow page clicked
again, a phone and a laptop), on the harness's real gunicorn with the Stripe fake (run on PostgreSQL too
through tests/with_postgres.sh): one cart makes one order, and every submit lands on that order's payment
page."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.attack.helpers import at_once, browser, flat, forms
from tests.concurrency.harness import ERROR_REFERENCE, build_world, check, highest_order_id

pytestmark = pytest.mark.real_commits


def _burst(calls):
    """The calls at once: each answer's status, where it sends the browser, and a 500's error reference."""
    answers = []
    for r in at_once(calls):
        ref = ERROR_REFERENCE.search(r.text) if r.status_code >= 500 else None
        answers.append((r.status_code, r.headers.get("Location", ""), ref.group(1) if ref else ""))
    return answers


def test_the_card_checkout_sent_ten_times_at_once_from_one_cart_makes_one_order(shop_app, stripe_servers, server):
    """The cart was emptied only after the order and its Checkout Session were made: each submit placed an
    order of its own, up to the unpaid-order limit (two per session here), each holding the cart's stock. Now
    the cart's rows are taken out of it first, in the order's transaction (checkout.place_order's claim, as the
    business checkout does): one submit places the order, the others find the rows gone and are sent to the
    same order's Stripe page."""
    from core.models import User
    from marketplace.models import Order, ProductVariant

    world = build_world(shop_app, stripe_servers.base)  # the customer's saved cart: a coffee and a woven bag
    with shop_app.app_context():
        customer_id = db.session.scalar(sa.select(User.id).where(User.email == world.logins["customer"]))
        stock_before = dict(db.session.execute(sa.select(ProductVariant.id, ProductVariant.stock)).all())
    before = highest_order_id(shop_app)
    b = browser(server, world, "customer")
    form = forms(b, "/shop/checkout")["/shop/checkout"]
    data = flat(form, delivery="pickup", name="Sam Buyer", email=world.logins["customer"])
    answers = _burst([lambda: b.http.post(b.base + "/shop/checkout", data=data, allow_redirects=False,
                                          timeout=90)] * 10)
    out = check(shop_app, stripe_servers.base, [], before, server.cause)
    with shop_app.app_context():
        placed = db.session.execute(sa.select(Order.id, Order.status, Order.stripe_session_id).where(
            Order.id > before, Order.customer_id == customer_id)).all()
        stock_after = dict(db.session.execute(sa.select(ProductVariant.id, ProductVariant.stock)).all())
    print("\nanswers", [(s, urlsplit(loc).path) for s, loc, _r in answers], "\norders", placed, out.violations)
    assert all(status < 500 for status, _loc, _ref in answers), \
        [server.cause(ref) for status, _loc, ref in answers if status >= 500]
    assert len(placed) == 1, f"one cart, ten submits: {len(placed)} orders"
    [(_order_id, status, session_id)] = placed
    assert status == "pending_payment" and session_id
    hosted = {loc for _s, loc, _r in answers}
    assert [s for s, _loc, _r in answers] == [303] * 10 and len(hosted) == 1 and session_id in hosted.pop()
    assert {v: stock_before[v] - stock_after[v] for v in stock_before} == \
        {world.variants["coffee"]: 1, world.variants["weaving"]: 1}
    assert out.violations == []
