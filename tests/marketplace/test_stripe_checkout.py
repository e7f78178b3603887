"""Stripe Checkout end to end with the real `stripe` library against local servers, and signed webhooks."""
import time
from datetime import timedelta

import pytest
import requests
import sqlalchemy as sa
import time_machine

from core.db import utcnow
from core.extensions import db
from core.models import AuditEntry
from marketplace import checkout
from marketplace.models import Order, Product, StripeEvent
from tests.conftest import post_form, sign_in
from tests.marketplace.refund_forms import post_refund
from tests.marketplace.stripe_fakes import API_KEY, event, signature

pytestmark = pytest.mark.real_commits  # a second app with Stripe keys and its own engine

WEBHOOK = "/shop/stripe/webhook"


def _buy(client, product_id, quantity="2"):
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": quantity})
    return post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup"})


def _order(app):
    with app.app_context():
        order = db.session.scalar(sa.select(Order))
        db.session.expunge_all()
        return order


def _pay_on_hosted_page(stripe_servers, order) -> dict:
    """The customer pays on Stripe's page (the local fake): the completed session comes back."""
    return requests.post(f"{stripe_servers.base}/_test/pay/{order.stripe_session_id}").json()


def _deliver(client, payload, header=None):
    return client.post(WEBHOOK, data=payload, content_type="application/json",
                       headers={"Stripe-Signature": header or signature(payload)})


def test_full_paid_checkout(stripe_app, stripe_servers, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=5)
    client = stripe_app.test_client()
    response = _buy(client, product_id)
    order = _order(stripe_app)
    assert response.status_code == 303 and response.headers["Location"] == stripe_servers.sessions[
        order.stripe_session_id]["url"]
    sent = stripe_servers.created[-1]
    assert sent["idempotency_key"] == f"checkout-{order.token}"
    assert sent["params"]["line_items"][0]["price_data"]["unit_amount"] == "32000"
    assert sent["params"]["metadata"]["order_id"] == str(order.id)
    assert sent["params"]["client_reference_id"] == str(order.id)
    assert abs(int(sent["params"]["expires_at"]) - (time.time() + 30 * 60)) < 120
    assert order.status == "pending_payment" and shop.stock(product_id) == 3  # held while paying
    paid = _pay_on_hosted_page(stripe_servers, order)
    assert _deliver(client, event("checkout.session.completed", paid)).status_code == 200
    order = _order(stripe_app)
    assert (order.status, order.stripe_payment_intent) == ("paid", paid["payment_intent"])
    page = client.get(f"/shop/orders/{order.token}").get_data(as_text=True)
    assert "Paid" in page


def test_reaching_the_success_page_without_paying_changes_nothing(stripe_app, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id)
    client = stripe_app.test_client()
    _buy(client, product_id)
    order = _order(stripe_app)
    page = client.get(f"/shop/orders/{order.token}?from=checkout").get_data(as_text=True)
    assert "waiting for Stripe to confirm" in page
    assert _order(stripe_app).status == "pending_payment"


@pytest.mark.parametrize("tamper", ["wrong secret", "changed body", "stale", "no header"])
def test_bad_signatures_are_refused_and_change_nothing(stripe_app, stripe_servers, shop, tamper):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id)
    client = stripe_app.test_client()
    _buy(client, product_id)
    order = _order(stripe_app)
    paid = _pay_on_hosted_page(stripe_servers, order)
    payload = event("checkout.session.completed", paid)
    header = {"wrong secret": signature(payload, "whsec_not_ours"), "changed body": signature(payload),
              "stale": signature(payload, timestamp=int(time.time()) - 301), "no header": ""}[tamper]
    body = payload.replace(b'"paid"', b'"paid" ') if tamper == "changed body" else payload
    response = client.post(WEBHOOK, data=body, content_type="application/json",
                           headers={"Stripe-Signature": header})
    assert response.status_code == 400, (body[:300], response.get_json())
    assert _order(stripe_app).status == "pending_payment"
    with stripe_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StripeEvent)) == 0


def test_the_same_event_three_times_applies_once(stripe_app, stripe_servers, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id)
    client = stripe_app.test_client()
    _buy(client, product_id)
    order = _order(stripe_app)
    paid = _pay_on_hosted_page(stripe_servers, order)
    payload = event("checkout.session.completed", paid, event_id="evt_same")
    answers = [_deliver(client, payload).get_json()["applied"] for _ in range(3)]
    assert answers == [True, False, False]
    with stripe_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(AuditEntry.action == "order.paid")) == 1


def test_expiry_releases_stock_and_a_late_completed_event_still_counts(stripe_app, stripe_servers, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=4)
    client = stripe_app.test_client()
    _buy(client, product_id, "3")
    order = _order(stripe_app)
    session = stripe_servers.sessions[order.stripe_session_id]
    _deliver(client, event("checkout.session.expired", {**session, "status": "expired"}))
    assert (_order(stripe_app).status, shop.stock(product_id)) == ("expired", 4)
    paid = _pay_on_hosted_page(stripe_servers, order)
    _deliver(client, event("checkout.session.completed", paid))  # out of order: the money came after all
    assert (_order(stripe_app).status, shop.stock(product_id)) == ("paid", 1)


def test_completed_then_expired_stays_paid(stripe_app, stripe_servers, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=4)
    client = stripe_app.test_client()
    _buy(client, product_id, "1")
    order = _order(stripe_app)
    paid = _pay_on_hosted_page(stripe_servers, order)
    _deliver(client, event("checkout.session.completed", paid))
    _deliver(client, event("checkout.session.expired", {**paid, "status": "expired"}))
    assert (_order(stripe_app).status, shop.stock(product_id)) == ("paid", 3)


def test_async_promptpay_success_and_failure(stripe_app, stripe_servers, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5)
    client = stripe_app.test_client()
    _buy(client, product_id, "1")
    order = _order(stripe_app)
    session = stripe_servers.sessions[order.stripe_session_id]
    _deliver(client, event("checkout.session.completed", {**session, "status": "complete"}))  # unpaid yet
    assert _order(stripe_app).status == "pending_payment"
    _deliver(client, event("checkout.session.async_payment_failed", session))
    assert (_order(stripe_app).status, shop.stock(product_id)) == ("payment_failed", 5)


def test_the_scheduled_job_expires_what_the_webhook_missed(stripe_app, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=2)
    _buy(stripe_app.test_client(), product_id, "2")
    assert shop.stock(product_id) == 0
    with stripe_app.app_context():
        with time_machine.travel(utcnow() + timedelta(minutes=36)):
            assert checkout.expire_stale_orders() == 1
            assert checkout.expire_stale_orders() == 0
    assert (_order(stripe_app).status, shop.stock(product_id)) == ("expired", 2)


def test_price_changed_between_cart_and_checkout_is_charged_at_the_database_price(stripe_app, stripe_servers, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, price=30000)
    client = stripe_app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
    with stripe_app.app_context():
        db.session.get(Product, product_id).default_variant.price_minor = 35000
        db.session.commit()
    post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup",
                                         "price": "100"})  # a price from the browser is simply ignored
    assert stripe_servers.created[-1]["params"]["line_items"][0]["price_data"]["unit_amount"] == "35000"
    assert _order(stripe_app).total_minor == 35000


def test_partial_refund_through_stripe_returns_stock_only_for_returned_items(stripe_app, stripe_servers, shop):
    order, manager, line_id, paid = _paid_order_and_manager(stripe_app, stripe_servers, shop)
    with stripe_app.app_context():
        product_id = db.session.get(Order, order.id).lines[0].product_id
    post_refund(manager, order.id, {f"refund-{line_id}": "1"})
    order = _order(stripe_app)
    assert order.refunded_minor == 20000 and shop.stock(product_id) == 3  # not returned: not restocked
    refunds = requests.get(f"{stripe_servers.base}/v1/refunds", auth=(API_KEY, "")).json()["data"]
    assert [r["amount"] for r in refunds if r["payment_intent"] == paid["payment_intent"]] == [20000]
    post_refund(manager, order.id, {f"refund-{line_id}": "1", "restock": "y"})
    order = _order(stripe_app)
    assert (order.status, order.refunded_minor, shop.stock(product_id)) == ("refunded", 40000, 4)


def test_when_stripe_cannot_be_reached_nothing_is_held_and_the_cart_stays(app, shop):
    from tests.conftest import make_app
    from tests.marketplace.stripe_fakes import WEBHOOK_SECRET, free_port
    unreachable = make_app(app.config["TEST_TMP_DIR"], STRIPE_SECRET_KEY=API_KEY, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
                           STRIPE_API_BASE=f"http://127.0.0.1:{free_port()}")
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=3)
    client = unreachable.test_client()
    response = _buy(client, product_id, "2")
    assert "Card payment is not available right now. Nothing was charged" in response.get_data(as_text=True)
    # The refused checkout is rolled back whole: no order is kept and no stock is held.
    assert _order(unreachable) is None and shop.stock(product_id) == 3
    with client.session_transaction() as session:
        assert session["cart"] == {str(product_id): 2}


def _paid_order_and_manager(stripe_app, stripe_servers, shop, price=20000):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, price=price, stock=5)
    client = stripe_app.test_client()
    _buy(client, product_id, "2")
    order = _order(stripe_app)
    paid = _pay_on_hosted_page(stripe_servers, order)
    _deliver(client, event("checkout.session.completed", paid))
    manager = stripe_app.test_client()
    sign_in(manager, shop.people.login_name(manager_id))
    with stripe_app.app_context():
        line_id = db.session.scalar(sa.select(Order)).lines[0].id
    return order, manager, line_id, paid


def _refunds(app):
    from marketplace.models import Refund
    with app.app_context():
        rows = [(r.status, r.amount_minor, r.stripe_refund_id is not None) for r in
                db.session.scalars(sa.select(Refund).order_by(Refund.id))]
        return rows


def test_every_refund_is_recorded_with_stripes_answer(stripe_app, stripe_servers, shop):
    order, manager, line_id, _paid = _paid_order_and_manager(stripe_app, stripe_servers, shop)
    post_refund(manager, order.id, {f"refund-{line_id}": "1"})
    assert _refunds(stripe_app) == [("succeeded", 20000, True)]


def test_a_refund_stripe_refuses_changes_nothing_but_its_own_record(stripe_app, stripe_servers, shop):
    """A definite no (here 404: Stripe knows no such payment) fails the refund and gives its reservation up."""
    order, manager, line_id, _paid = _paid_order_and_manager(stripe_app, stripe_servers, shop)
    with stripe_app.app_context():
        kept = db.session.get(Order, order.id).stripe_payment_intent
        db.session.execute(sa.update(Order).where(Order.id == order.id).values(stripe_payment_intent="pi_unknown"))
        db.session.commit()
    response = post_refund(manager, order.id, {f"refund-{line_id}": "1"}, follow_redirects=True)
    assert "Stripe did not accept the refund. Nothing was changed." in response.get_data(as_text=True)
    after = _order(stripe_app)
    assert (after.status, after.refunded_minor, after.refund_reserved_minor) == ("paid", 0, 0)
    assert _refunds(stripe_app) == [("failed", 20000, False)]
    with stripe_app.app_context():
        db.session.execute(sa.update(Order).where(Order.id == order.id).values(stripe_payment_intent=kept))
        db.session.commit()
    # Asked again from a fresh page: a new refund with a key of its own, and it goes through.
    post_refund(manager, order.id, {f"refund-{line_id}": "1"})
    assert _refunds(stripe_app) == [("failed", 20000, False), ("succeeded", 20000, True)]
    assert _order(stripe_app).refunded_minor == 20000


def test_a_refund_stripe_never_answered_stays_pending_and_the_job_settles_it_once(app, stripe_app, stripe_servers,
                                                                                   shop):
    """No answer (here: Stripe cannot be reached) is not a no: the money stays reserved, the manager is not
    told "nothing was changed", the same form sent again is the same refund, and the job settles it with the
    same idempotency key — one refund at Stripe."""
    from core import scheduler
    from marketplace import refunds
    from tests.conftest import make_app
    from tests.marketplace.refund_forms import intent_of
    from tests.marketplace.stripe_fakes import WEBHOOK_SECRET, free_port

    order, manager, line_id, paid = _paid_order_and_manager(stripe_app, stripe_servers, shop)
    unreachable = make_app(app.config["TEST_TMP_DIR"], STRIPE_SECRET_KEY=API_KEY, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
                           STRIPE_API_BASE=f"http://127.0.0.1:{free_port()}", STRIPE_MAX_RETRIES=0)
    manager_there = unreachable.test_client()
    sign_in(manager_there, shop.people.login_name(_manager_id(stripe_app, order)))
    intent = intent_of(manager_there, order.id)
    for _ in range(2):  # a double click
        page = post_refund(manager_there, order.id, {f"refund-{line_id}": "1"}, intent=intent,
                           follow_redirects=True).get_data(as_text=True)
        assert "Stripe has not answered yet" in page and "Nothing was changed" not in page
    after = _order(stripe_app)
    assert (after.status, after.refunded_minor, after.refund_reserved_minor) == ("paid", 0, 20000)
    assert _refunds(stripe_app) == [("pending", 20000, False)]
    with stripe_app.app_context():  # what is reserved cannot be asked for again from another page
        line = db.session.get(Order, order.id).lines[0]
        assert (line.reserved_quantity, line.reserved_minor) == (1, 20000)
    with time_machine.travel(utcnow() + timedelta(minutes=30)):  # the job takes refunds pending for 10 minutes
        for _ in range(2):
            scheduler.run_job(stripe_app, scheduler.Job("shop.reconcile_refunds", refunds.reconcile, "interval"))
    assert _refunds(stripe_app) == [("succeeded", 20000, True)]
    made = requests.get(f"{stripe_servers.base}/v1/refunds", auth=(API_KEY, "")).json()["data"]
    assert [r["amount"] for r in made if r["payment_intent"] == paid["payment_intent"]] == [20000]
    after = _order(stripe_app)
    assert (after.refunded_minor, after.refund_reserved_minor) == (20000, 0)


def _manager_id(app, order):
    from marketplace.models import EnterpriseManager
    with app.app_context():
        enterprise_id = db.session.get(Order, order.id).lines[0].enterprise_id
        return db.session.scalar(sa.select(EnterpriseManager.user_id).where(
            EnterpriseManager.enterprise_id == enterprise_id))


def test_stripe_reporting_a_refund_failed_later_is_recorded(stripe_app, stripe_servers, shop):
    from marketplace.models import Refund

    order, manager, line_id, _paid = _paid_order_and_manager(stripe_app, stripe_servers, shop)
    post_refund(manager, order.id, {f"refund-{line_id}": "1"})
    with stripe_app.app_context():
        stripe_refund_id = db.session.scalar(sa.select(Refund.stripe_refund_id))
    client = stripe_app.test_client()
    assert _deliver(client, event("refund.failed", {"id": stripe_refund_id, "object": "refund",
                                                    "status": "failed"})).status_code == 200
    assert _refunds(stripe_app) == [("failed", 20000, True)]
    with stripe_app.app_context():
        assert db.session.scalar(sa.select(AuditEntry.id).where(AuditEntry.action == "order.refund_failed_later"))


def _outbox(app) -> list[tuple[str, str]]:
    from core.models import OutboxMessage
    with app.app_context():
        return [(m.recipient, m.subject) for m in db.session.scalars(sa.select(OutboxMessage)
                                                                     .order_by(OutboxMessage.id))]


@pytest.mark.parametrize("state", ["pending_payment", "expired", "cancelled"])
def test_an_order_that_was_never_paid_cannot_be_refunded(stripe_app, stripe_servers, shop, state):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=5)
    client = stripe_app.test_client()
    _buy(client, product_id, "2")
    order = _order(stripe_app)
    if state != "pending_payment":
        session = stripe_servers.sessions[order.stripe_session_id]
        _deliver(client, event("checkout.session.expired", {**session, "status": "expired"}))
        if state == "cancelled":
            with stripe_app.app_context():
                db.session.get(Order, order.id).status = "cancelled"
    stock_before = shop.stock(product_id)
    manager = stripe_app.test_client()
    sign_in(manager, shop.people.login_name(manager_id))
    with stripe_app.app_context():
        line_id = db.session.get(Order, order.id).lines[0].id
    response = post_refund(manager, order.id, {f"refund-{line_id}": "2",
                                                                              "restock": "y"},
                         follow_redirects=True)
    assert "Only a paid order can be refunded." in response.get_data(as_text=True)
    after = _order(stripe_app)
    assert (after.status, after.refunded_minor, shop.stock(product_id)) == (state, 0, stock_before)


def test_a_payment_that_does_not_match_the_order_waits_for_attention(stripe_app, stripe_servers, shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=5)
    with stripe_app.app_context():
        from core.models import User
        db.session.get(User, manager_id).email = "manager@example.org"
    client = stripe_app.test_client()
    _buy(client, product_id, "2")
    order = _order(stripe_app)
    paid = _pay_on_hosted_page(stripe_servers, order)
    _deliver(client, event("checkout.session.completed", {**paid, "amount_total": 100, "currency": "usd"}))
    assert _order(stripe_app).status == "payment_needs_attention"
    assert ("manager@example.org", f"Order {order.id} needs attention") in _outbox(stripe_app)
    manager = stripe_app.test_client()
    sign_in(manager, shop.people.login_name(manager_id))
    post_form(manager, f"/manage/shop/orders/{order.id}/packed", {})
    assert _order(stripe_app).status == "payment_needs_attention"  # nothing is fulfilled
    with stripe_app.app_context():
        assert db.session.get(Order, order.id).lines[0].status == "open"


def test_paid_after_expiry_with_the_stock_gone_is_refunded_in_full_never_two_paid_orders(stripe_app,
                                                                                          stripe_servers, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, price=20000, stock=1)
    first = stripe_app.test_client()
    _buy(first, product_id, "1")
    late = _order(stripe_app)
    session = stripe_servers.sessions[late.stripe_session_id]
    _deliver(first, event("checkout.session.expired", {**session, "status": "expired"}))
    second = stripe_app.test_client()  # someone else buys the unit that came back
    _buy(second, product_id, "1")
    with stripe_app.app_context():
        other = db.session.scalar(sa.select(Order).where(Order.id != late.id))
        db.session.expunge_all()
    _deliver(second, event("checkout.session.completed", _pay_on_hosted_page(stripe_servers, other)))
    paid_late = _pay_on_hosted_page(stripe_servers, late)
    _deliver(first, event("checkout.session.completed", paid_late))  # the first buyer's money arrives late
    with stripe_app.app_context():
        statuses = {o.id: (o.status, o.refunded_minor) for o in db.session.scalars(sa.select(Order))}
    assert statuses == {late.id: ("refunded", 20000), other.id: ("paid", 0)}
    assert shop.stock(product_id) == 0
    refunds = requests.get(f"{stripe_servers.base}/v1/refunds", auth=(API_KEY, "")).json()["data"]
    assert [r["amount"] for r in refunds if r["payment_intent"] == paid_late["payment_intent"]] == [20000]
    assert any("was returned" in subject for _to, subject in _outbox(stripe_app))


def test_completed_then_async_succeeded_tells_the_buyer_once(stripe_app, stripe_servers, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5)
    client = stripe_app.test_client()
    _buy(client, product_id, "1")
    order = _order(stripe_app)
    paid = _pay_on_hosted_page(stripe_servers, order)
    _deliver(client, event("checkout.session.completed", paid))
    _deliver(client, event("checkout.session.async_payment_succeeded", paid))
    assert [s for _to, s in _outbox(stripe_app) if s.startswith("Payment received")] == [
        f"Payment received for order {order.id}"]
    with stripe_app.app_context():  # with the link to the receipt (PDF)
        from core.models import OutboxMessage
        body = db.session.scalar(sa.select(OutboxMessage.body).where(OutboxMessage.subject.like("Payment received%")))
    assert "Receipt (PDF)\nhttp" in body and f"/shop/orders/{order.token}/receipt.pdf" in body


def test_a_promptpay_hold_lasts_until_its_result_arrives(stripe_app, stripe_servers, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5)
    client = stripe_app.test_client()
    _buy(client, product_id, "1")
    order = _order(stripe_app)
    session = stripe_servers.sessions[order.stripe_session_id]
    _deliver(client, event("checkout.session.completed", {**session, "status": "complete"}))  # unpaid yet
    with time_machine.travel(utcnow() + timedelta(hours=3)):  # past the 30 minutes of the Checkout session
        with stripe_app.app_context():
            checkout.expire_stale_orders()
    assert (_order(stripe_app).status, shop.stock(product_id)) == ("pending_payment", 4)


@pytest.mark.parametrize("copies", [10])
def test_the_same_event_sent_ten_times_at_once_answers_200_each_time_with_one_effect(stripe_app, stripe_servers,
                                                                                      shop, copies):
    import threading

    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5)
    client = stripe_app.test_client()
    _buy(client, product_id, "1")
    order = _order(stripe_app)
    payload = event("checkout.session.completed", _pay_on_hosted_page(stripe_servers, order))
    answers, barrier = [], threading.Barrier(copies)

    def send():
        barrier.wait()
        answers.append(_deliver(stripe_app.test_client(), payload).status_code)

    threads = [threading.Thread(target=send) for _ in range(copies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * copies
    assert _order(stripe_app).status == "paid" and shop.stock(product_id) == 4
    assert len([s for _to, s in _outbox(stripe_app) if s.startswith("Payment received")]) == 1


def test_an_inactive_enterprise_sells_nothing_and_order_pages_are_not_stored(stripe_app, stripe_servers, shop):
    from marketplace.models import Enterprise

    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5)
    client = stripe_app.test_client()
    _buy(client, product_id, "1")
    order = _order(stripe_app)
    page = client.get(f"/shop/orders/{order.token}")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    with stripe_app.app_context():
        db.session.get(Enterprise, enterprise_id).active = False
    assert stripe_app.test_client().get(f"/shop/products/{product_id}").status_code == 404


def test_a_full_refund_gives_shipping_back_and_an_amount_never_exceeds_what_is_left(stripe_app, stripe_servers,
                                                                                    shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, price=20000, stock=5)
    client = stripe_app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "2"})
    post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "shipping",
                                         "address": "12 Nimman Road, Chiang Mai 50200", "province": "50"})
    order = _order(stripe_app)
    assert order.shipping_minor > 0 and order.total_minor == 40000 + order.shipping_minor
    paid = _pay_on_hosted_page(stripe_servers, order)
    _deliver(client, event("checkout.session.completed", paid))
    manager = stripe_app.test_client()
    sign_in(manager, shop.people.login_name(manager_id))
    too_much = post_refund(manager, order.id, {"amount_thb": "1000000", "reason": "Everything"}, "refund-amount",
                           follow_redirects=True)
    assert "at most" in too_much.get_data(as_text=True) and _order(stripe_app).refunded_minor == 0
    post_refund(manager, order.id, {"amount_thb": "50.00", "reason": "Parcel arrived late"}, "refund-amount")
    assert _order(stripe_app).refunded_minor == 5000
    with stripe_app.app_context():
        line_id = db.session.get(Order, order.id).lines[0].id
    post_refund(manager, order.id, {f"refund-{line_id}": "2", "restock": "y"})
    after = _order(stripe_app)
    assert (after.status, after.refunded_minor) == ("refunded", after.total_minor)  # shipping came back too
    refunds = requests.get(f"{stripe_servers.base}/v1/refunds", auth=(API_KEY, "")).json()["data"]
    amounts = sorted(r["amount"] for r in refunds if r["payment_intent"] == paid["payment_intent"])
    assert amounts == sorted([5000, after.total_minor - 5000])


def test_the_buyer_hears_in_the_language_they_ordered_in(stripe_app, stripe_servers, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5)
    client = stripe_app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "th"
    _buy(client, product_id, "1")
    order = _order(stripe_app)
    assert order.locale == "th"
    _deliver(stripe_app.test_client(), event("checkout.session.completed", _pay_on_hosted_page(stripe_servers, order)))
    assert [s for _to, s in _outbox(stripe_app)] == [f"ได้รับชำระเงินสำหรับคำสั่งซื้อ {order.id}"]
