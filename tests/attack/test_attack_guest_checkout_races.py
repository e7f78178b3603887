"""A guest's card checkout sent several times at once (a double click on a slow phone), on the harness's real
gunicorn with the Stripe fake (run on PostgreSQL too through tests/with_postgres.sh): the guest's cart lives in
the session cookie, so "one cart, one order" (cart.take_out, checkout.just_placed) is for signed-in customers
only."""
from __future__ import annotations

import threading

import pytest
import requests
import sqlalchemy as sa

from core.extensions import db
from tests.attack.helpers import flat, forms
from tests.concurrency.harness import Browser, build_world, highest_order_id

pytestmark = pytest.mark.real_commits


def test_a_guest_cart_sent_twice_at_once_makes_one_order(shop_app, stripe_servers, server):
    """A guest puts a coffee in their cart and presses "Place order" twice (the page was slow). Each submit reads
    the same cart from the cookie and places an order of its own, each with its own Stripe page, each holding
    a coffee for half an hour (so others cannot buy it). The browser follows one of them; the other page was
    opened in another tab, or is reached again from "Back": the guest pays both and is charged twice for one
    cart. The signed-in customer's double click makes one order since today; the guest's still makes two."""
    from marketplace.models import Order, ProductVariant

    world = build_world(shop_app, stripe_servers.base)
    before = highest_order_id(shop_app)
    coffee = world.variants["coffee"]
    with shop_app.app_context():
        stock_before = db.session.get(ProductVariant, coffee).stock
    guest = Browser(server.base)
    page = forms(guest, f"/shop/products/{world.products['coffee']}")
    add = page["/shop/cart/add"]
    assert guest.http.post(guest.base + "/shop/cart/add", data=flat(add, quantity="1"), allow_redirects=False,
                           timeout=30).status_code in (302, 303)
    form = forms(guest, "/shop/checkout")["/shop/checkout"]
    data = flat(form, delivery="pickup", name="Guest Buyer", email="guest@world.example")
    barrier = threading.Barrier(2)
    answers: list = []

    def submit():
        barrier.wait(10)
        answers.append(guest.http.post(guest.base + "/shop/checkout", data=data, allow_redirects=False, timeout=90))
    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert [a.status_code for a in answers] == [303, 303], [a.status_code for a in answers]
    with shop_app.app_context():
        placed = db.session.execute(sa.select(Order.id, Order.stripe_session_id).where(Order.id > before)).all()
        held = stock_before - db.session.get(ProductVariant, coffee).stock
    # The guest pays every Stripe page they were given (two tabs, or "Back").
    paid = [requests.post(f"{stripe_servers.base}/_test/pay/{sid}", timeout=30).status_code for _id, sid in placed]
    assert len(placed) == 1, f"one cart, two submits: {len(placed)} orders, {held} coffees held, pages paid {paid}"
    assert held == 1
