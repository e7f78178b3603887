"""Account deletion while the customer has card orders: a paid order not sent yet, and a checkout being placed
at that very moment. The harness's world and real gunicorn with the Stripe fake (run on PostgreSQL too through
tests/with_postgres.sh)."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import requests
import sqlalchemy as sa

from core.extensions import db
from tests.attack.helpers import browser, flat, forms, order_row, stripe_total
from tests.concurrency.harness import build_world, highest_order_id

pytestmark = pytest.mark.real_commits


def _ask_deletion(shop_app, world) -> int:
    from core.models import User
    from privacy import services as privacy

    with shop_app.app_context():
        customer = db.session.scalar(sa.select(User).where(User.email == world.logins["customer"]))
        request_id = privacy.request_deletion(customer).id
        db.session.commit()
        return request_id


def _confirm(staff, request_id: int):
    form = forms(staff, "/staff/deletion-requests")[f"/staff/deletion-requests/{request_id}/confirm"]
    return staff.http.post(f"{staff.base}/staff/deletion-requests/{request_id}/confirm", data=flat(form),
                           allow_redirects=False, timeout=90)


def test_a_paid_card_order_not_sent_is_given_back_when_the_account_is_deleted(shop_app, stripe_servers, server):
    """The customer paid a card order to be shipped (the world's paid order: two bags of coffee and a woven bag
    to 12 Market Road) and asked for their account to be deleted before it left. Staff confirm: the order's
    name, e-mail, phone and address are erased, and it stays "paid" with every line still to pack. The managers
    are left with a paid order they cannot send to anybody, and the customer's 1,170 baht is kept with nothing
    delivered. The deletion gives back the undelivered deliveries of a subscription (`_give_back_undelivered`)
    but not an ordinary card order: the same harm, reached by the same customer with one click less. (It is
    also how the race with Stripe's webhook ends when the payment's event is applied just before the deletion:
    the paid-after-cancel rule only covers a payment that arrives after.)"""
    from marketplace import refunds

    world = build_world(shop_app, stripe_servers.base)
    before = order_row(shop_app, world.paid_order)
    assert before["status"] == "paid" and all(status == "open" for *_ids, status in before["lines"])
    request_id = _ask_deletion(shop_app, world)
    staff = browser(server, world, "staff")
    answer = _confirm(staff, request_id)
    assert answer.status_code == 302
    told = staff.http.get(staff.base + "/staff/deletion-requests", timeout=30).text
    assert "refunded in full and cancelled" in told and "Stripe confirms): 1." in told  # staff hear of it
    with shop_app.app_context():
        refunds.reconcile(older_than=timedelta(0))  # the refund job, as the scheduler runs it
    after = order_row(shop_app, world.paid_order)
    with shop_app.app_context():
        from marketplace.models import Order
        order = db.session.get(Order, world.paid_order)
        erased = (order.name, order.address, order.email)
    assert erased == ("—", "", "")  # the deletion did erase where to send it
    given_back = stripe_total(stripe_servers.base, before["pi"])[1]
    assert after["status"] == "refunded" and given_back == before["total"], (
        f"order {world.paid_order} {after['status']} with nobody to send it to; {given_back} of {before['total']} "
        f"satang given back")


def test_a_checkout_placed_while_the_account_is_deleted_is_not_paid_for_nothing(shop_app, stripe_servers, server):
    """The customer presses "Place order" (their saved cart: a coffee and a woven bag, to ship) while staff
    confirm their deletion; Stripe is slow to open the Checkout Session. On PostgreSQL the checkout's order is
    not committed yet when the deletion looks for the customer's orders waiting on Stripe's page, so the
    deletion neither cancels it nor expires its session; its name and address are erased afterwards, and the
    checkout commits it still "waiting for payment", its page open. The customer (whose browser was sent
    there) pays: the webhook finds a payable order, makes it paid and keeps the 850 baht, with no name or
    address to send it to, and its stock taken. The deletion's own rule (a payment for an order it cancelled is
    given back) never applies, since it never cancelled this one. On SQLite the one writer at a time makes the
    deletion wait for the checkout's commit, and it then cancels the order as it should."""
    from marketplace import refunds
    from marketplace.models import Order, ProductVariant
    from tests.marketplace.stripe_fakes import event, signature

    world = build_world(shop_app, stripe_servers.base)
    request_id = _ask_deletion(shop_app, world)
    before = highest_order_id(shop_app)
    with shop_app.app_context():
        stock_before = dict(db.session.execute(sa.select(ProductVariant.id, ProductVariant.stock)).all())
        for line in db.session.get(Order, world.paid_order).lines:  # the paid order not sent: given back too
            stock_before[line.variant_id] += line.quantity
    customer = browser(server, world, "customer")
    staff = browser(server, world, "staff")
    form = forms(customer, "/shop/checkout")["/shop/checkout"]
    data = flat(form, delivery="shipping", address="12 Market Road, Chiang Mai 50000", province="50",
                phone="081 000 0000")

    # Stripe answers the new Checkout Session only when the test lets it (a slow Stripe).
    fake_app = stripe_servers.server.app
    create = fake_app.view_functions["create"]
    asked, go_on = threading.Event(), threading.Event()

    def slow_create():
        asked.set()
        go_on.wait(60)
        return create()
    fake_app.view_functions["create"] = slow_create
    answers: dict = {}
    try:
        paying = threading.Thread(target=lambda: answers.update(pay=customer.http.post(
            customer.base + "/shop/checkout", data=data, allow_redirects=False, timeout=90)))
        paying.start()
        assert asked.wait(30), "the checkout never asked Stripe"
        deleting = threading.Thread(target=lambda: answers.update(delete=_confirm(staff, request_id)))
        deleting.start()
        deleting.join(3)  # PostgreSQL: done by now; SQLite: waiting for the checkout's write lock
        go_on.set()
        paying.join(90)
        deleting.join(90)
    finally:
        go_on.set()
        fake_app.view_functions["create"] = create
    assert answers["delete"].status_code == 302, answers["delete"].status_code
    assert answers["pay"].status_code in (302, 303), answers["pay"].status_code
    with shop_app.app_context():
        (placed,) = db.session.scalars(sa.select(Order).where(Order.id > before)).all()
        order_id, session_id, total = placed.id, placed.stripe_session_id, placed.total_minor
    # The customer pays on the page they were sent to, if it still takes a payment; Stripe's signed event.
    paid = requests.post(f"{stripe_servers.base}/_test/pay/{session_id}", timeout=30)
    if paid.status_code == 200:
        payload = event("checkout.session.completed", paid.json())
        assert shop_app.test_client().post("/shop/stripe/webhook", data=payload, content_type="application/json",
                                           headers={"Stripe-Signature": signature(payload)}).status_code == 200
    with shop_app.app_context():
        refunds.reconcile(older_than=timedelta(0))
    after = order_row(shop_app, order_id)
    with shop_app.app_context():
        order = db.session.get(Order, order_id)
        where = (order.name, order.address, order.email)
        stock_after = dict(db.session.execute(sa.select(ProductVariant.id, ProductVariant.stock)).all())
    given_back = stripe_total(stripe_servers.base, after["pi"])[1] if after["pi"] else 0
    charged = total if paid.status_code == 200 else 0
    print("\norder", after["status"], where, "charged", charged, "given back", given_back)
    assert given_back == charged, (f"order {order_id} {after['status']} for {where}: {charged} satang charged, "
                                   f"{given_back} given back")
    assert after["status"] != "paid" and stock_after == stock_before
