"""A customer's account deleted while Stripe still holds their subscription or an open Checkout Session
(issue 34's gaps): Stripe failing or refusing the cancellation, the open session at deletion, through the Stripe
fake (tests/marketplace/stripe_fakes.py) and the real database, committed by the unit of work as the staff page
and the scheduler commit."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest
import requests
import sqlalchemy as sa

from core.extensions import db
from core.models import Role, User
from tests.conftest import post_form, sign_in
from tests.marketplace.stripe_fakes import API_KEY, BillingFault, event, signature
from tests.marketplace.test_subscriptions import World

pytestmark = pytest.mark.real_commits


@pytest.fixture
def world(stripe_app, stripe_servers, shop, people):
    return World(stripe_app, stripe_servers, shop, people)


def subscribe_for_pickup(world):
    assert world.subscribe(quantity="1", delivery="pickup").status_code == 303
    world.pay_on_hosted_page()
    for payload in world.billing.take_events():
        world.deliver(payload)


def delete_account(world, people) -> str:
    """The customer asks for deletion and staff confirm it on the deletion requests page: one request, committed
    when its answer is ready, then what follows the commit. Returns the page staff land on."""
    from privacy import services as privacy

    with world.app.app_context():
        request_id = privacy.request_deletion(db.session.get(User, world.customer_id)).id
    staff = world.app.test_client()
    sign_in(staff, people.login_name(people.make(Role.STAFF, "Staff")))
    answer = post_form(staff, f"/staff/deletion-requests/{request_id}/confirm")
    assert answer.status_code == 302
    return staff.get(answer.headers["Location"]).get_data(as_text=True)


def deleted(world) -> bool:
    with world.app.app_context():
        return db.session.get(User, world.customer_id).anonymised_at is not None


def owed(world) -> tuple[str, str | None]:
    ours = world.subscription()
    return ours.status, ours.requested_change


def run_the_job(world) -> int:
    """`shop.cancel_subscriptions_at_stripe` as the scheduler runs it (its claims older than nothing)."""
    from marketplace import subscription_privacy

    with world.app.app_context():
        return subscription_privacy.cancel_owed(older_than=timedelta(0))


def hand_over_first_delivery(world) -> None:
    """The manager hands the first delivery over (picked up): it has left."""
    from marketplace import fulfilment
    from marketplace.models import Order

    with world.app.app_context():
        first = db.session.scalar(sa.select(Order).order_by(Order.id))
        manager = db.session.get(User, world.manager_id)
        for step in ("packed", "ready_for_pickup", "completed"):
            fulfilment.move_lines(first, manager, step)
        db.session.commit()


def cancellations(world, stripe_id) -> list[str | None]:
    return [key for path, key in world.billing.keys_used if path == f"/v1/subscriptions/{stripe_id}"]


def test_stripe_failing_the_cancellation_does_not_stop_the_deletion_and_it_is_asked_again(world, people):
    """Stripe answers 500 to the cancellation (and keeps answering it under that key). Before, the deletion was
    refused and nothing deleted until Stripe answered. Now the deletion is done, the cancellation is owed and
    asked again by the job under a new key; a payment Stripe takes meanwhile is given back and delivers
    nothing; once Stripe answers, the subscription is cancelled there and nothing more is asked."""
    subscribe_for_pickup(world)
    hand_over_first_delivery(world)
    stripe_id = world.subscription().stripe_subscription_id
    world.billing.inject(BillingFault.FAIL, f"/v1/subscriptions/{stripe_id}", method="DELETE", times=None)
    page = delete_account(world, people)
    assert deleted(world)
    assert "The information is removed" in page
    assert owed(world) == ("cancelled", "cancel")
    assert world.subscription().customer_id is None and world.subscription().email == ""
    assert world.billing.subscriptions[stripe_id]["status"] == "active"  # Stripe did not cancel it yet

    # Stripe charges the next month meanwhile: its webhook cannot cancel it either (503, sent again later)
    world.billing.advance(stripe_id)
    events = world.billing.take_events()
    answers = [world.client.post("/shop/stripe/webhook", data=e, content_type="application/json",
                                 headers={"Stripe-Signature": signature(e)}).status_code for e in events]
    assert 503 in answers
    assert run_the_job(world) == 0  # still failing: still owed
    assert owed(world) == ("cancelled", "cancel")

    world.billing.clear_faults()
    assert run_the_job(world) == 1
    assert world.billing.subscriptions[stripe_id]["status"] == "canceled"
    assert owed(world) == ("cancelled", None)
    keys = cancellations(world, stripe_id)
    assert len(set(keys)) == len(keys) >= 3  # each attempt its own key: a kept 500 is not asked again
    for payload in events:  # Stripe sends the month's invoice again: all of it given back, nothing delivered
        world.deliver(payload)
    first, second = world.orders()
    assert first.status == "paid" and second.status == "refunded" and second.customer_id is None
    assert world.fake.refunds.refunded_total(second.stripe_payment_intent) == second.total_minor
    asked = len(cancellations(world, stripe_id))
    assert run_the_job(world) == 0 and len(cancellations(world, stripe_id)) == asked  # nothing left to ask


def test_a_delivery_not_sent_yet_when_the_account_goes_is_given_back(world, people):
    """The month's order is paid and still to pack when the account is deleted: it has nobody to go to any more
    (its name and address are erased), so all of it is given back and its items go back on sale, once Stripe
    says yes; the manager has nothing left to pack."""
    subscribe_for_pickup(world)
    assert world.shop.stock(world.product_id) == 4
    delete_account(world, people)
    (order,) = world.orders()
    assert order.status == "refunded" and {line.status for line in order.lines} == {"refunded"}
    assert order.name == "—" and order.email == ""
    assert world.fake.refunds.refunded_total(order.stripe_payment_intent) == order.total_minor
    assert world.shop.stock(world.product_id) == 5


def test_stripe_refusing_the_cancellation_is_asked_again_under_a_new_key(world, people):
    """A definite no (400) at the deletion is kept by Stripe under its key: asked again under the same key it
    would be refused for a day. The job's next attempt has its own key and is cancelled."""
    for payload in world.subscribed_and_paid():
        world.deliver(payload)
    stripe_id = world.subscription().stripe_subscription_id
    world.billing.inject(BillingFault.REFUSE, f"/v1/subscriptions/{stripe_id}", method="DELETE", times=1)
    delete_account(world, people)
    assert deleted(world) and owed(world) == ("cancelled", "cancel")
    assert world.billing.subscriptions[stripe_id]["status"] == "active"
    assert run_the_job(world) == 1
    assert world.billing.subscriptions[stripe_id]["status"] == "canceled" and owed(world) == ("cancelled", None)
    first, second = cancellations(world, stripe_id)
    assert first != second


def test_no_answer_to_the_cancellation_is_settled_by_stripes_own_word(make_stripe_app, stripe_servers, shop, people):
    """The cancellation times out while Stripe does it: the deletion is done and the cancellation owed; Stripe's
    `customer.subscription.deleted` settles it, and the job has nothing to ask."""
    world = World(make_stripe_app(STRIPE_TIMEOUT_SECONDS=1, STRIPE_MAX_RETRIES=0), stripe_servers, shop, people)
    for payload in world.subscribed_and_paid():
        world.deliver(payload)
    stripe_id = world.subscription().stripe_subscription_id
    world.billing.inject(BillingFault.SLOW, f"/v1/subscriptions/{stripe_id}", method="DELETE", delay=2)
    delete_account(world, people)
    assert deleted(world) and owed(world) == ("cancelled", "cancel")
    for _ in range(100):  # the slow call finishes at Stripe after ours gave up
        if world.billing.subscriptions[stripe_id]["status"] == "canceled":
            break
        time.sleep(0.05)
    for payload in world.billing.take_events():
        world.deliver(payload)
    assert owed(world) == ("cancelled", None)
    asked = len(cancellations(world, stripe_id))
    assert run_the_job(world) == 0 and len(cancellations(world, stripe_id)) == asked


def test_without_stripe_keys_the_deletion_is_done_and_the_cancellation_waits_for_them(make_stripe_app, stripe_servers,
                                                                                    shop, people):
    """Stripe's keys taken out of the settings: before, the deletion was refused. Now it is done, and the
    cancellation waits for the keys (the job asks nothing without them)."""
    world = World(make_stripe_app(), stripe_servers, shop, people)
    for payload in world.subscribed_and_paid():
        world.deliver(payload)
    stripe_id = world.subscription().stripe_subscription_id
    world.app.config["STRIPE_SECRET_KEY"] = ""
    delete_account(world, people)
    assert deleted(world) and owed(world) == ("cancelled", "cancel")
    assert run_the_job(world) == 0
    world.app.config["STRIPE_SECRET_KEY"] = API_KEY
    assert run_the_job(world) == 1 and world.billing.subscriptions[stripe_id]["status"] == "canceled"


def test_the_cancellation_job_is_scheduled(app):
    from core.features import registries

    with app.app_context():
        assert "shop.cancel_subscriptions_at_stripe" in registries().jobs


# --- open Checkout Sessions at deletion -------------------------------------------------------------------------

def card_order_on_stripes_page(world) -> tuple[int, str]:
    """The customer checks out by card: the order holds its items, the customer is on Stripe's page."""
    from marketplace.models import Order

    post_form(world.client, "/shop/cart/add", {"product_id": str(world.product_id), "quantity": "2"})
    answer = post_form(world.client, "/shop/checkout", {"name": "Dao", "email": "dao@example.org",
                                                          "delivery": "pickup"})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    with world.app.app_context():
        order = db.session.scalar(sa.select(Order).order_by(Order.id.desc()))
        assert order.status == "pending_payment" and answer.headers["Location"].endswith(order.stripe_session_id)
        return order.id, order.stripe_session_id


def order_row(world, order_id):
    from marketplace.models import Order

    with world.app.app_context():
        order = db.session.get(Order, order_id)
        return order.status, order.stripe_payment_intent, [line.status for line in order.lines]


def pay(world, session_id) -> requests.Response:
    return requests.post(f"{world.fake.base}/_test/pay/{session_id}", timeout=30)


def test_a_card_orders_open_session_is_expired_at_stripe_when_the_account_goes(world, people):
    """The customer is on Stripe's page with a card order when their account is deleted: the order is
    cancelled (its items back on sale) and its Checkout Session expired at Stripe, so it can no longer be
    paid. Before, the session stayed open for its 30 minutes and a payment on it made a paid order with no
    name to deliver to."""
    order_id, session_id = card_order_on_stripes_page(world)
    assert world.shop.stock(world.product_id) == 3
    delete_account(world, people)
    assert world.fake.sessions[session_id]["status"] == "expired"
    assert order_row(world, order_id)[0] == "cancelled"
    assert world.shop.stock(world.product_id) == 5
    assert pay(world, session_id).status_code == 400  # Stripe's page no longer takes the payment


def test_a_card_payment_that_arrives_after_the_deletion_is_given_back_and_delivers_nothing(world, people):
    """The customer pays at the moment the account is deleted: Stripe has the payment (the session could not be
    expired: it was complete), and its `checkout.session.completed` arrives after the deletion. Before, the
    cancelled order ignored it: the money was kept and nothing sent. Now it is given back in full, once,
    and nothing is delivered; nobody is e-mailed at the emptied address."""
    from core.models import OutboxMessage

    order_id, session_id = card_order_on_stripes_page(world)
    paid = pay(world, session_id).json()
    delete_account(world, people)
    assert world.fake.sessions[session_id]["status"] == "complete"
    assert order_row(world, order_id)[0] == "cancelled" and world.shop.stock(world.product_id) == 5
    late = event("checkout.session.completed", paid)
    world.deliver(late)
    status, intent, lines = order_row(world, order_id)
    assert status == "refunded" and set(lines) == {"refunded"}
    assert world.fake.refunds.refunded_total(intent) == paid["amount_total"]
    assert len(world.fake.refunds.refunds_for(intent)) == 1
    assert world.shop.stock(world.product_id) == 5  # nothing taken for an order nobody can receive
    world.deliver(event("checkout.session.completed", paid))  # Stripe sends it again, under another id
    assert len(world.fake.refunds.refunds_for(intent)) == 1
    with world.app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))
                                 .where(sa.func.coalesce(OutboxMessage.recipient, "") == "")) == 0


def test_a_subscriptions_open_session_is_expired_at_stripe_when_the_account_goes(world, people):
    """Subscribing, on Stripe's page, when the account is deleted: the subscription is cancelled here and its
    session expired at Stripe, so no subscription is started there at all."""
    assert world.subscribe().status_code == 303
    session_id = world.subscription().stripe_session_id
    delete_account(world, people)
    assert world.fake.sessions[session_id]["status"] == "expired"
    assert world.subscription().status == "cancelled"
    assert pay(world, session_id).status_code == 400
    assert world.billing.subscriptions == {}
