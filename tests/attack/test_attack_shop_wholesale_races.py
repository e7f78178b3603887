"""Wholesale at once, on the harness's real gunicorn (run on PostgreSQL too): a business's "Place order" on
invoice clicked several times at once; the overdue reminder job run by two runners at once."""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.attack.helpers import browser, flat, forms
from tests.concurrency.harness import ERROR_REFERENCE, build_world

pytestmark = pytest.mark.real_commits
TAX_ID = "0105550123451"


def _approved(app, world, cart_items):
    """The world's customer's café approved on invoice (30 days); the coffee enterprise's bank account given."""
    from core.models import User
    from marketplace import cart, wholesale
    from marketplace.models import EnterpriseManager

    with app.app_context():
        customer = db.session.scalar(sa.select(User).where(User.email == world.logins["customer"]))
        staff = db.session.scalar(sa.select(User).where(User.email == world.logins["staff"]))
        manager = db.session.scalar(sa.select(User).where(User.email == world.logins["manager_a"]))
        business = wholesale.apply(customer, wholesale.BusinessDetails(
            "Café Doi", TAX_ID, "00000", "12 Sukhumvit Road, Bangkok 10110", "Nok", "0812345678"))
        wholesale.approve(business, staff, 30, True)
        enterprise_id = db.session.get(EnterpriseManager, manager.id).enterprise_id
        wholesale.save_terms(manager, enterprise_id, 0, "KBank 123-4-56789-0")
        cart.to_database(customer, cart_items)
        db.session.commit()
        return customer.id


def _burst(calls):
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)

    def go(i, call):
        barrier.wait()
        r = call()
        ref = ERROR_REFERENCE.search(r.text) if r.status_code >= 500 else None
        answers[i] = (r.status_code, ref.group(1) if ref else "")
    threads = [threading.Thread(target=go, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return answers


def test_place_order_on_invoice_clicked_four_times_at_once_makes_one_order(shop_app, stripe_servers, server):
    """A card checkout is held to SHOP_HOLDS_PER_SESSION unpaid orders, but an order on invoice takes no hold
    place ('an approved business is trusted'), and the cart is emptied only after the order is written: four
    clicks of Place order (a double click, a slow page clicked again) each place an order on invoice, each
    taking the stock and each invoiced to the business."""
    from marketplace.models import Order

    world = build_world(shop_app, stripe_servers.base)
    customer_id = _approved(shop_app, world, {world.variants["coffee"]: 3})
    b = browser(server, world, "customer")
    form = forms(b, "/shop/business/checkout")["/shop/business/checkout"]
    data = flat(form, payment="invoice", delivery="pickup", name="Nok", email=world.logins["customer"])
    answers = _burst([lambda: b.http.post(b.base + "/shop/business/checkout", data=data, allow_redirects=False,
                                          timeout=90)] * 4)
    with shop_app.app_context():
        placed = db.session.scalars(sa.select(Order.id).where(Order.customer_id == customer_id,
                                                              Order.status == "invoiced")).all()
    print("\nanswers", answers, "invoiced orders", placed)
    assert all(status < 500 for status, _ref in answers), [server.cause(r) for s, r in answers if s >= 500]
    assert len(placed) == 1, f"one cart, four clicks: {len(placed)} orders on invoice"

