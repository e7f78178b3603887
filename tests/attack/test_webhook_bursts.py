"""The webhook is not in the harness's bursts (it is CSRF-exempt): fire it ten at once, and mixed.

Break on PostgreSQL (`bash tests/with_postgres.sh ...`; SQLite passes): checkout.session.completed events of
one payment under different event ids, or completed and expired of one session, sent at once: one of them
meets the order already moved by another and the state machine's refusal escapes apply_event as a 500
(webhooks.py _mark_paid's ORDER_LIFECYCLE.apply "pay", and the "expire" move). Stripe retries a 500, so the
effect is applied once, but a well-formed signed event is answered 5xx."""
from __future__ import annotations

import threading

import pytest
import requests
import sqlalchemy as sa

from core.extensions import db
from tests.attack.helpers import browser, flat, forms, order_row
from tests.concurrency.harness import ERROR_REFERENCE, build_world, check, highest_order_id
from tests.marketplace.stripe_fakes import event, signature

pytestmark = pytest.mark.real_commits


def _new_card_order(shop_app, world, items):
    from core.models import User
    from marketplace import checkout
    limit = shop_app.config["SHOP_MAX_PER_PRODUCT"]
    # "every coffee left" is more than the shop's per-item limit, which checkout.place_order now enforces
    shop_app.config["SHOP_MAX_PER_PRODUCT"] = max(limit, *items.values())
    try:
        with shop_app.app_context():
            customer = db.session.scalar(sa.select(User).where(User.email == world.logins["customer"]))
            order = checkout.place_order(items, checkout.Buyer("Sam", world.logins["customer"], "", "pickup", ""),
                                         customer, use_stripe=True, locale="en")
            checkout.open_checkout(order, "http://localhost/d", "http://localhost/c")
            db.session.commit()
            return order.id, order.stripe_session_id
    finally:
        shop_app.config["SHOP_MAX_PER_PRODUCT"] = limit


def _burst(base, bodies):
    barrier = threading.Barrier(len(bodies))
    answers = [None] * len(bodies)

    def go(i, body):
        barrier.wait()
        r = requests.post(f"{base}/shop/stripe/webhook", data=body, timeout=60,
                          headers={"Stripe-Signature": signature(body), "Content-Type": "application/json"})
        ref = ERROR_REFERENCE.search(r.text) if r.status_code >= 500 else None
        answers[i] = (r.status_code, ref.group(1) if ref else r.text.strip()[:60])
    threads = [threading.Thread(target=go, args=(i, b)) for i, b in enumerate(bodies)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)
    return answers


def _outbox(shop_app):
    from core.models import OutboxMessage
    with shop_app.app_context():
        return db.session.execute(sa.select(OutboxMessage.recipient, OutboxMessage.subject)
                                  .order_by(OutboxMessage.id)).all()


def test_the_same_payment_event_ten_times_at_once_and_under_ten_ids(shop_app, stripe_servers, server):
    world = build_world(shop_app, stripe_servers.base)
    coffee = world.variants["coffee"]
    first, sid1 = _new_card_order(shop_app, world, {coffee: 2})
    second, sid2 = _new_card_order(shop_app, world, {coffee: 1})
    paid1 = requests.post(f"{stripe_servers.base}/_test/pay/{sid1}", timeout=30).json()
    paid2 = requests.post(f"{stripe_servers.base}/_test/pay/{sid2}", timeout=30).json()
    same = event("checkout.session.completed", paid1)
    bodies = [same] * 5 + [event("checkout.session.completed", paid2) for _ in range(5)]  # 5 ids, one payment
    mails_before = len(_outbox(shop_app))
    answers = _burst(server.base, bodies)
    out = check(shop_app, stripe_servers.base, [], highest_order_id(shop_app), server.cause)
    mails = _outbox(shop_app)[mails_before:]
    print("\nanswers", answers, "\norders", order_row(shop_app, first)["status"], order_row(shop_app, second)["status"],
          "\nmails", mails, out.violations)
    causes = [server.cause(a[1]) for a in answers if a[0] >= 500]
    if causes:
        log = server.log.read_text(errors="replace")
        for ref in [a[1] for a in answers if a[0] >= 500]:
            at = log.find(ref)
            print("LOG", ref, " | ".join(x.strip() for x in log[at:at + 3500].splitlines())[-600:])
    print("causes of 5xx:", causes)
    assert all(a[0] < 500 for a in answers), causes
    assert out.violations == []


def test_paid_and_expired_at_once_with_a_checkout_for_the_last_units(shop_app, stripe_servers, server):
    from marketplace.models import Product
    from marketplace.stock import discrepancies
    world = build_world(shop_app, stripe_servers.base)
    coffee = world.products["coffee"]
    with shop_app.app_context():
        left = db.session.get(Product, coffee).stock
    order_id, sid = _new_card_order(shop_app, world, {world.variants["coffee"]: left})  # holds every coffee left
    paid = requests.post(f"{stripe_servers.base}/_test/pay/{sid}", timeout=30).json()
    bodies = [event("checkout.session.expired", {**paid, "status": "expired", "payment_status": "unpaid"}),
              event("checkout.session.completed", paid)] * 3
    # A manager counting the shelf at the same moment: -1 adjustments.
    a = browser(server, world, "manager_a")
    stock_form = forms(a, f"/manage/shop/products/{coffee}/edit")[f"/manage/shop/products/{coffee}/stock"]
    adjust = []

    def count():
        for _ in range(3):
            adjust.append(a.http.post(server.base + stock_form.action, data=flat(stock_form, change="-1", note="n"),
                                      allow_redirects=False, timeout=60).status_code)
    t = threading.Thread(target=count)
    t.start()
    answers = _burst(server.base, bodies)
    t.join()
    out = check(shop_app, stripe_servers.base, [], highest_order_id(shop_app), server.cause)
    with shop_app.app_context():
        stock = db.session.get(Product, coffee).stock
        gaps = discrepancies()
    row = order_row(shop_app, order_id)
    print("\nleft", left, "answers", answers, "adjust", adjust, "order", row, "stock", stock, gaps, out.violations,
          "stripe refunds", stripe_servers.refunds.refunded_total(row["pi"]))
    assert stock >= 0 and gaps == [] and out.violations == []
    causes = [server.cause(a[1]) for a in answers if a[0] >= 500]
    if causes:
        log = server.log.read_text(errors="replace")
        for ref in [a[1] for a in answers if a[0] >= 500]:
            at = log.find(ref)
            print("LOG", ref, " | ".join(x.strip() for x in log[at:at + 3500].splitlines())[-600:])
    print("causes of 5xx:", causes)
    assert all(a[0] < 500 for a in answers), causes
