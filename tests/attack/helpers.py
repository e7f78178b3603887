"""Small helpers: a person's browser on the real server, the forms of a page, what the fake made."""
from __future__ import annotations

import threading
from urllib.parse import urlsplit

import requests
import sqlalchemy as sa

from core.extensions import db
from tests.concurrency.harness import Browser, payload, stripe_refunds
from tests.marketplace.stripe_fakes import event, signature
from tests.site_crawl import parse_page


def browser(server, world, who):
    b = Browser(server.base)
    b.sign_in(world.logins[who])
    return b


def forms(b, page):
    html = b.http.get(b.base + page, timeout=30).text
    return {urlsplit(f.action or page).path: f for f in parse_page(html).forms if f.method == "post"}


def flat(form, **over):
    data = {k: v[0] for k, v in payload(form).items()}
    data.update(over)
    return data


def cookies(b):
    return requests.utils.dict_from_cookiejar(b.http.cookies)


def order_row(app, order_id):
    from marketplace.models import Order
    with app.app_context():
        o = db.session.get(Order, order_id)
        return {"status": o.status, "total": o.total_minor, "refunded": o.refunded_minor,
                "reserved": o.refund_reserved_minor, "pi": o.stripe_payment_intent,
                "lines": [(line.id, line.quantity, line.refunded_quantity, line.status) for line in o.lines]}


def stripe_total(base, pi):
    made = stripe_refunds(base, pi)
    return len(made), sum(r["amount"] for r in made)


def refunds_table(app):
    from marketplace.models import Refund
    with app.app_context():
        return db.session.execute(sa.select(Refund.id, Refund.order_id, Refund.amount_minor, Refund.status,
                                            Refund.idempotency_key)).all()


def attention_order(shop_app, base, world):
    """A second card order whose signed payment does not match it: 'payment needs attention'."""
    from core.models import User
    from marketplace import checkout
    from marketplace.models import Order
    with shop_app.app_context():
        customer = db.session.scalar(sa.select(User).where(User.email == world.logins["customer"]))
        buyer = checkout.Buyer("Sam Buyer", world.logins["customer"], "", "pickup", "")
        order = checkout.place_order({world.variants["coffee"]: 2, world.variants["weaving"]: 1}, buyer, customer,
                                     use_stripe=True, locale="en")
        checkout.open_checkout(order, "http://localhost/done", "http://localhost/cancelled")
        db.session.commit()
        order_id, sid = order.id, order.stripe_session_id
    session = requests.post(f"{base}/_test/pay/{sid}", timeout=30).json()
    payload = event("checkout.session.completed", {**session, "amount_total": session["amount_total"] - 100})
    answer = shop_app.test_client().post("/shop/stripe/webhook", data=payload, content_type="application/json",
                                         headers={"Stripe-Signature": signature(payload)})
    assert answer.status_code == 200
    with shop_app.app_context():
        assert db.session.get(Order, order_id).status == "payment_needs_attention"
    return order_id


def at_once(calls, timeout: float = 120) -> list:
    """Each call in a thread of its own, released together at a barrier; their answers (or the exception each
    raised), in the calls' order."""
    barrier = threading.Barrier(len(calls))
    answers: list = [None] * len(calls)

    def go(i, call):
        barrier.wait(10)
        try:
            answers[i] = call()
        except Exception as error:  # noqa: BLE001 - reported by the caller's assertions
            answers[i] = error
    threads = [threading.Thread(target=go, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return answers
