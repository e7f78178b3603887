"""A subscription's renewal (`invoice.paid`) arriving at the moment its customer's account is deleted: two
threads on the real database (run on PostgreSQL too through tests/with_postgres.sh), the Stripe fake, Stripe's
retries of an event answered 5xx, then the scheduler's jobs. Whatever the order: no order without a name is
left to deliver, no stock is taken for good, Stripe's subscription ends cancelled, and the renewal's payment is
given back exactly once. The first month, delivered before, is left as it was."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import OutboxMessage, Role, User
from marketplace.models import Order, Product
from marketplace.subscription_models import SubscriptionDelivery
from tests.attack.helpers import at_once
from tests.conftest import post_form, sign_in
from tests.marketplace.stripe_fakes import BillingFault, signature
from tests.marketplace.test_subscriptions import WEBHOOK, World

pytestmark = pytest.mark.real_commits
ORDERS = ("renewal_first", "deletion_first", "renewal_read_before_the_deletion",
          "deletion_waits_on_stripe", "at_once")


def _first_month_delivered(world, people) -> tuple[int, str]:
    """Subscribed (one bag, picked up), paid, and that first order handed over: what is left is the renewal."""
    from marketplace import fulfilment

    assert world.subscribe(quantity="1", delivery="pickup").status_code == 303
    world.pay_on_hosted_page()
    for payload in world.billing.take_events():
        world.deliver(payload)
    with world.app.app_context():
        (first,) = db.session.scalars(sa.select(Order)).all()
        manager = db.session.get(User, world.manager_id)
        for step in ("packed", "ready_for_pickup", "completed"):
            fulfilment.move_lines(first, manager, step)
        db.session.commit()
        return first.id, world.subscription().stripe_subscription_id


def _post(client, path, data=None, payload=None):
    if payload is not None:
        return client.post(path, data=payload, content_type="application/json",
                           headers={"Stripe-Signature": signature(payload)}).status_code
    return post_form(client, path, data).status_code


def _run(*calls):
    return at_once(calls)


@pytest.mark.parametrize("order", ORDERS)
def test_a_renewal_paid_at_the_moment_the_account_is_deleted(order, stripe_app, stripe_servers, shop, people):
    from marketplace import refunds, subscription_privacy
    from privacy import services as privacy

    world = World(stripe_app, stripe_servers, shop, people, stock=5)
    first_id, stripe_id = _first_month_delivered(world, people)
    stock_after_first = world.shop.stock(world.product_id)
    with world.app.app_context():
        request_id = privacy.request_deletion(db.session.get(User, world.customer_id)).id
    staff = world.app.test_client()
    sign_in(staff, people.login_name(people.make(Role.STAFF, "Staff")))
    renewal = world.billing.advance(stripe_id)  # Stripe charges the second month
    (paid,) = world.billing.take_events()
    webhook = world.app.test_client()

    def renew():
        return _post(webhook, WEBHOOK, payload=paid)

    def delete():
        return _post(staff, f"/staff/deletion-requests/{request_id}/confirm")

    if order == "renewal_first":
        answers = [renew(), delete()]
    elif order == "deletion_first":
        answers = [delete(), renew()][::-1]
    elif order == "renewal_read_before_the_deletion":
        # the webhook has read the subscription as live and asks Stripe for the invoice's payment meanwhile
        world.billing.inject(BillingFault.HOLD, "/v1/invoice_payments", method="GET")
        thread_answers: list = []
        renewing = threading.Thread(target=lambda: thread_answers.append(renew()))
        renewing.start()
        assert world.billing.wait_until_held()
        deleted = delete()
        world.billing.release()
        renewing.join(60)
        answers = [thread_answers[0], deleted]
    elif order == "deletion_waits_on_stripe":
        # the deletion is committed and asks Stripe to cancel; the renewal is applied while Stripe answers
        world.billing.inject(BillingFault.HOLD, f"/v1/subscriptions/{stripe_id}", method="DELETE")
        thread_answers = []
        deleting = threading.Thread(target=lambda: thread_answers.append(delete()))
        deleting.start()
        assert world.billing.wait_until_held()
        renewed = renew()
        world.billing.release()
        deleting.join(60)
        answers = [renewed, thread_answers[0]]
    else:
        answers = _run(renew, delete)
    renewed, deleted = answers
    assert deleted == 302, deleted
    for _retry in range(3):  # Stripe sends an event answered 5xx again, later
        if renewed == 200:
            break
        assert renewed == 503, renewed
        renewed = renew()
    assert renewed == 200
    for payload in world.billing.take_events():  # Stripe's word of the cancellation
        world.deliver(payload)
    with world.app.app_context():  # the scheduler's jobs, as they run every few minutes
        refunds.reconcile(older_than=timedelta(0))
    with world.app.app_context():
        subscription_privacy.cancel_owed(older_than=timedelta(0))

    with world.app.app_context():
        assert db.session.get(User, world.customer_id).anonymised_at is not None
        orders = db.session.scalars(sa.select(Order).order_by(Order.id)).all()
        first, later = orders[0], orders[1:]
        assert first.id == first_id and first.status == "paid" and first.refunded_minor == 0
        # no order left to deliver to nobody: the renewal's order (if one was made) ends refunded, every item
        for renewal_order in later:
            assert renewal_order.status == "refunded", (renewal_order.status, renewal_order.name)
            assert {line.status for line in renewal_order.lines} <= {"refunded", "cancelled"}
        made = db.session.scalars(sa.select(SubscriptionDelivery.order_id)
                                  .where(SubscriptionDelivery.stripe_invoice_id == renewal)).all()
        assert len(made) <= 1 and len(later) <= 1
        assert db.session.get(Product, world.product_id).stock == stock_after_first  # nothing taken for good
        assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))
                                 .where(sa.func.coalesce(OutboxMessage.recipient, "") == "")) == 0
    assert world.billing.subscriptions[stripe_id]["status"] == "canceled"
    intent = stripe_servers.billing.invoices[renewal]["_payments"][0]["payment"]["payment_intent"]
    given_back = world.fake.refunds.refunds_for(intent)
    assert [r["amount"] for r in given_back] == [stripe_servers.billing.invoices[renewal]["amount_paid"]], \
        f"{order}: the renewal's payment given back {len(given_back)} times"
    first_intent = world.orders()[0].stripe_payment_intent
    assert world.fake.refunds.refunds_for(first_intent) == []
    assert world.billing.advance(stripe_id) is None  # never charged again
