"""Break: staff's "Keep the payment" is accepted while their "Give all the money back" for the same order is
still waiting for Stripe. The order becomes paid with all its money reserved for a refund, the manager packs
and ships it, then Stripe's answer refunds everything, marks the shipped lines refunded and puts their stock
back on the shelf: the buyer has the goods and all the money, and the stock counts goods that left."""
from __future__ import annotations

import threading

import pytest
import requests

from core.extensions import db
from tests.attack.helpers import attention_order, browser, cookies, flat, forms, order_row
from tests.concurrency.harness import build_world
from tests.marketplace.stripe_fakes import Fault

pytestmark = pytest.mark.real_commits


# A shipping order leaves with a carrier and its tracking number (marketplace.fulfilment.ship_parcel).
PARCEL = {"carrier": "flash", "tracking_number": "TH0123456789"}


def test_keep_the_payment_is_refused_while_all_of_it_is_being_given_back(shop_app, stripe_servers, server):
    from marketplace.models import Product
    world = build_world(shop_app, stripe_servers.base)
    order_id = attention_order(shop_app, stripe_servers.base, world)  # 2 coffee + 1 bag, payment off by 1 baht
    coffee = world.products["coffee"]
    fake = stripe_servers.refunds
    fake.reset()
    staff, manager = browser(server, world, "staff"), browser(server, world, "manager_a")
    found = forms(staff, "/manage/shop/attention")
    give, keep = found[f"/manage/shop/attention/{order_id}/give-back"], found[f"/manage/shop/attention/{order_id}/keep"]

    fake.inject(Fault.HOLD, times=None)  # Stripe is slow to answer the give-back
    gave = []
    worker = threading.Thread(target=lambda: gave.append(requests.post(
        server.base + give.action, data=flat(give), cookies=cookies(staff), allow_redirects=False, timeout=120)))
    worker.start()
    assert fake.wait_until_held(1, 30)
    staff.http.post(server.base + keep.action, data=flat(keep), allow_redirects=False, timeout=60)
    after_keep = order_row(shop_app, order_id)
    for step in ("packed", "ship"):  # the manager sees a paid order and sends the coffee (a shipping order)
        step_form = forms(manager, f"/manage/shop/orders/{order_id}").get(f"/manage/shop/orders/{order_id}/{step}")
        if step_form:
            sent = flat(step_form, **(PARCEL if step == "ship" else {}))
            manager.http.post(server.base + step_form.action, data=sent, allow_redirects=False, timeout=60)
    shipped = [line for line in order_row(shop_app, order_id)["lines"] if line[3] == "shipped"]
    fake.clear_faults()
    fake.release()
    worker.join(120)
    end = order_row(shop_app, order_id)
    with shop_app.app_context():
        stock = db.session.get(Product, coffee).stock
    print(f"\nafter keep: {after_keep}\nshipped while the refund waited: {shipped}\nend: {end}\ncoffee stock {stock} "
          f"(20 at the start, 2 in the paid order 1, 1 in the collection order, 2 in this order)")
    assert after_keep["status"] == "payment_needs_attention", "kept while all of it was being given back"
    assert not (shipped and end["refunded"] == end["total"]), "goods shipped and all the money given back"


def test_keep_the_payment_is_refused_while_the_give_back_is_pending_after_a_lost_answer(
        shop_app, stripe_servers, server):
    """The same with a longer window: Stripe made the refund but its answer was lost (pending until the job)."""
    from datetime import timedelta

    from marketplace.refunds import reconcile
    world = build_world(shop_app, stripe_servers.base)
    order_id = attention_order(shop_app, stripe_servers.base, world)
    fake = stripe_servers.refunds
    fake.reset()
    staff, manager = browser(server, world, "staff"), browser(server, world, "manager_a")
    found = forms(staff, "/manage/shop/attention")
    give, keep = found[f"/manage/shop/attention/{order_id}/give-back"], found[f"/manage/shop/attention/{order_id}/keep"]
    fake.inject(Fault.FAIL_AFTER, times=None)  # made at Stripe; every answer, retries too, a 500
    staff.http.post(server.base + give.action, data=flat(give), allow_redirects=False, timeout=120)
    fake.clear_faults()
    pending = order_row(shop_app, order_id)
    staff.http.post(server.base + keep.action, data=flat(keep), allow_redirects=False, timeout=60)
    after_keep = order_row(shop_app, order_id)
    for step in ("packed", "ship"):
        step_form = forms(manager, f"/manage/shop/orders/{order_id}").get(f"/manage/shop/orders/{order_id}/{step}")
        if step_form:
            sent = flat(step_form, **(PARCEL if step == "ship" else {}))
            manager.http.post(server.base + step_form.action, data=sent, allow_redirects=False, timeout=60)
    shipped = [line for line in order_row(shop_app, order_id)["lines"] if line[3] == "shipped"]
    with shop_app.app_context():
        reconcile(older_than=timedelta(0))  # the job, ten minutes later
    end = order_row(shop_app, order_id)
    print(f"\npending: {pending}\nafter keep: {after_keep}\nshipped: {shipped}\nend: {end}")
    assert after_keep["status"] == "payment_needs_attention", "kept while all of it was being given back"
    assert not (shipped and end["refunded"] == end["total"]), "goods shipped and all the money given back"
