"""Subscriptions through the Stripe fake (tests/marketplace/stripe_fakes.py, FakeBilling): the real `stripe`
library calls it over HTTP and its events arrive signed at the real webhook address."""
from __future__ import annotations

import threading

import pytest
import requests
import sqlalchemy as sa

from core import page_cache
from core.extensions import db
from core.models import OutboxMessage, Role
from marketplace import subscriptions
from marketplace.models import Order, Product, ProductVariant, StripeEvent
from marketplace.subscription_models import StripeCatalogueEntry, Subscription, SubscriptionDelivery, SubscriptionPlan
from tests.conftest import post_form, sign_in
from tests.marketplace.stripe_fakes import event_with, signature

pytestmark = pytest.mark.real_commits  # a second app with Stripe keys and its own engine

WEBHOOK = "/shop/stripe/webhook"
PRICE, POSTAGE = 32000, 8000  # the product's price; shipping to Bangkok for up to 2 kg (tests' rates)


class World:
    def __init__(self, app, stripe_servers, shop, people, stock=5, intervals="month,2weeks"):
        self.app, self.fake, self.billing = app, stripe_servers, stripe_servers.billing
        enterprise_id, self.manager_id = shop.enterprise()
        self.product_id = shop.product(enterprise_id, price=PRICE, stock=stock)
        self.variant_id = shop.variant(self.product_id)
        self.shop = shop
        with app.app_context():
            db.session.add(SubscriptionPlan(product_id=self.product_id, intervals=intervals))
            db.session.commit()
        self.customer_id = people.make(Role.CUSTOMER, "Dao", email="dao@example.org")
        self.client = app.test_client()
        sign_in(self.client, "dao@example.org")

    def subscribe(self, quantity="2", delivery="shipping", client=None):
        return post_form(client or self.client, f"/shop/products/{self.product_id}/subscribe", {
            "variant": str(self.variant_id), "interval": "month", "quantity": quantity, "name": "Dao",
            "phone": "0812345678", "delivery": delivery, "address": "12 Sukhumvit Road, Khlong Toei",
            "province": "10"})

    def subscription(self) -> Subscription:
        with self.app.app_context():
            found = db.session.scalar(sa.select(Subscription).order_by(Subscription.id.desc()))
            db.session.expunge_all()
            return found

    def pay_on_hosted_page(self) -> dict:
        return requests.post(f"{self.fake.base}/_test/pay/{self.subscription().stripe_session_id}").json()

    def deliver(self, payload: bytes):
        response = self.client.post(WEBHOOK, data=payload, content_type="application/json",
                                    headers={"Stripe-Signature": signature(payload)})
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()["applied"]

    def orders(self) -> list[Order]:
        with self.app.app_context():
            found = list(db.session.scalars(sa.select(Order).order_by(Order.id)))
            for order in found:
                order.lines  # noqa: B018 - loaded before the session closes
            db.session.expunge_all()
            return found

    def mails_to(self, email="dao@example.org") -> list[OutboxMessage]:
        with self.app.app_context():
            found = list(db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.recipient == email)
                                            .order_by(OutboxMessage.id)))
            db.session.expunge_all()
            return found

    def subscribed_and_paid(self, quantity="2") -> list[bytes]:
        """Subscribed and paid on Stripe's page: the events Stripe sends, oldest first (not delivered yet)."""
        assert self.subscribe(quantity).status_code == 303
        self.pay_on_hosted_page()
        return self.billing.take_events()


@pytest.fixture
def world(stripe_app, stripe_servers, shop, people):
    return World(stripe_app, stripe_servers, shop, people)


def _types(events: list[bytes]) -> list[str]:
    import json
    return [json.loads(e)["type"] for e in events]


def test_a_subscriptions_first_two_months(world):
    response = world.subscribe()
    sent = world.fake.created[-1]["params"]
    assert response.status_code == 303 and response.headers["Location"].startswith(world.fake.base + "/pay/")
    assert sent["mode"] == "subscription" and sent["payment_method_types"] == ["card"]
    item, postage = sent["line_items"]
    price = world.billing.prices[item["price"]]
    assert (price["unit_amount"], price["recurring"]) == (PRICE, {"interval": "month", "interval_count": 1})
    assert item["quantity"] == "2" and world.billing.prices[postage["price"]]["unit_amount"] == POSTAGE
    pending = world.subscription()
    assert pending.status == "pending" and sent["subscription_data"]["metadata"]["subscription_id"] == str(pending.id)
    assert world.orders() == []

    world.pay_on_hosted_page()
    events = world.billing.take_events()
    assert _types(events) == ["customer.subscription.created", "invoice.paid", "checkout.session.completed"]
    created, paid, completed = events
    assert world.deliver(paid)  # Stripe sends the invoice before the session's completion: order 1 all the same
    assert [world.deliver(completed), world.deliver(created)] == [True, True]
    subscription = world.subscription()
    assert subscription.status == "active" and subscription.stripe_subscription_id
    (first,) = world.orders()
    assert (first.status, first.total_minor, first.shipping_minor) == ("paid", 2 * PRICE + POSTAGE, POSTAGE)
    assert first.customer_id == world.customer_id and first.lines[0].quantity == 2
    assert first.stripe_payment_intent and first.stripe_payment_intent.startswith("pi_")  # asked of Stripe
    assert world.shop.stock(world.product_id) == 3  # the stock ledger's conditional statement took it

    # The same event again, and the same invoice under another event id: nothing twice.
    assert world.deliver(paid) is False
    again = event_with("invoice.paid", __import__("json").loads(paid)["data"]["object"], 1)
    assert world.deliver(again) is True
    assert len(world.orders()) == 1 and world.shop.stock(world.product_id) == 3

    world.billing.advance(subscription.stripe_subscription_id)
    (month_two,) = world.billing.take_events()
    assert world.deliver(month_two)
    first, second = world.orders()
    assert second.status == "paid" and second.total_minor == 2 * PRICE + POSTAGE
    assert second.stripe_payment_intent != first.stripe_payment_intent
    assert world.shop.stock(world.product_id) == 1
    assert world.deliver(month_two) is False and len(world.orders()) == 2
    with world.app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SubscriptionDelivery)) == 2
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StripeEvent)) == 5
    assert [m.subject for m in world.mails_to()].count(f"Payment received for order {second.id}") == 1
    page = world.client.get("/shop/my-subscriptions").get_data(as_text=True)
    assert "Active" in page and "Coffee beans" in page and "720.00" in page  # 2 × 320 + 80 each delivery


def test_stock_out_skips_the_delivery_and_gives_the_payment_back(stripe_app, stripe_servers, shop, people):
    world = World(stripe_app, stripe_servers, shop, people, stock=3)
    for payload in world.subscribed_and_paid():
        world.deliver(payload)
    assert world.shop.stock(world.product_id) == 1
    world.billing.advance(world.subscription().stripe_subscription_id)
    (month_two,) = world.billing.take_events()
    assert world.deliver(month_two)
    first, skipped = world.orders()
    assert first.status == "paid" and skipped.status == "refunded"
    assert skipped.refunded_minor == skipped.total_minor == 2 * PRICE + POSTAGE
    assert world.fake.refunds.refunded_total(skipped.stripe_payment_intent) == skipped.total_minor
    assert world.shop.stock(world.product_id) == 1  # nothing taken, nothing given back
    with world.app.app_context():
        assert db.session.get(SubscriptionDelivery, __import__("json").loads(month_two)["data"]["object"]["id"]).skipped
    subjects = [m.subject for m in world.mails_to()]
    assert "This delivery of your subscription is skipped" in subjects
    assert f"Money returned for order {skipped.id}" in subjects
    assert world.subscription().status == "active"  # the next month comes as usual
    assert world.deliver(month_two) is False and len(world.orders()) == 2  # replayed: no second refund
    assert len(world.fake.refunds.made) == 1


def test_a_failed_payment_tells_the_customer_in_their_language(world):
    post_form(world.client, "/language", {"language": "th", "next": "/"})
    for payload in world.subscribed_and_paid():
        world.deliver(payload)
    world.billing.advance(world.subscription().stripe_subscription_id, fail=True)
    events = world.billing.take_events()
    assert _types(events) == ["invoice.payment_failed", "customer.subscription.updated"]
    for payload in events:
        assert world.deliver(payload)
    told = world.mails_to()[-1]
    assert told.subject == "การชำระเงินสำหรับการสั่งซื้อประจำของคุณไม่สำเร็จ"  # in Thai, as the customer subscribed
    assert told.body.endswith("/shop/my-subscriptions")
    assert world.subscription().status == "past_due" and len(world.orders()) == 1


def test_pause_resume_and_cancel_change_the_page_only_when_stripe_confirms(world):
    for payload in world.subscribed_and_paid():
        world.deliver(payload)
    stripe_id = world.subscription().stripe_subscription_id

    post_form(world.client, f"/shop/my-subscriptions/{world.subscription().id}/pause")
    page = world.client.get("/shop/my-subscriptions").get_data(as_text=True)
    assert "Waiting for confirmation" in page and world.subscription().status == "active"
    post_form(world.client, f"/shop/my-subscriptions/{world.subscription().id}/pause")  # a second click
    assert [c for c in world.billing.calls if c[1] == f"/v1/subscriptions/{stripe_id}"] == [
        ("POST", f"/v1/subscriptions/{stripe_id}", {"pause_collection": {"behavior": "void"}})]
    (paused,) = world.billing.take_events()
    world.deliver(paused)
    assert (world.subscription().status, world.subscription().requested_change) == ("paused", None)
    assert "Waiting for confirmation" not in world.client.get("/shop/my-subscriptions").get_data(as_text=True)
    world.billing.advance(stripe_id)  # paused: the month's invoice is void, nothing is charged or ordered
    for payload in world.billing.take_events():
        world.deliver(payload)
    assert len(world.orders()) == 1

    post_form(world.client, f"/shop/my-subscriptions/{world.subscription().id}/resume")
    assert world.subscription().status == "paused"
    for payload in world.billing.take_events():
        world.deliver(payload)
    assert world.subscription().status == "active"

    post_form(world.client, f"/shop/my-subscriptions/{world.subscription().id}/cancel")
    (cancelling,) = world.billing.take_events()
    world.deliver(cancelling)
    assert (world.subscription().status, world.subscription().cancel_at_period_end) == ("active", True)
    assert "Ends at the end of the paid period" in world.client.get("/shop/my-subscriptions").get_data(as_text=True)
    world.billing.advance(stripe_id)  # the paid period ends: Stripe ends it, no invoice
    (ended,) = world.billing.take_events()
    world.deliver(ended)
    assert world.subscription().status == "cancelled" and len(world.orders()) == 1
    world.deliver(cancelling)  # that older event again, under its id: seen; a copy under a new id: too old
    assert world.deliver(event_with("customer.subscription.updated", __import__("json").loads(cancelling)["data"]
                                    ["object"], 1)) is True
    assert world.subscription().status == "cancelled"


def test_someone_elses_subscription_cannot_be_changed(world, people):
    for payload in world.subscribed_and_paid():
        world.deliver(payload)
    other = world.app.test_client()
    people.make(Role.CUSTOMER, "Nok", email="nok@example.org")
    sign_in(other, "nok@example.org")
    post_form(other, f"/shop/my-subscriptions/{world.subscription().id}/cancel")
    assert not [c for c in world.billing.calls if c[1].startswith("/v1/subscriptions/")]
    assert world.subscription().requested_change is None


def test_two_customers_subscribing_at_once_make_one_price(world, people):
    """Two customers press "Subscribe" at the same moment, before any Price exists: one Stripe Product and one
    Price for the variant (and one for the shipping), both subscriptions on them."""
    people.make(Role.CUSTOMER, "Nok", email="nok@example.org")
    other = world.app.test_client()
    sign_in(other, "nok@example.org")
    world.billing.create_delay = 0.5  # both callers are inside Stripe's call at the same time
    barrier = threading.Barrier(2)
    answers, errors = [], []

    def click(client):
        try:
            barrier.wait(5)
            answers.append(world.subscribe(client=client).status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=click, args=(client,)) for client in (world.client, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors and answers == [303, 303]
    prices = {p["id"]: p for p in world.billing.prices.values()}
    assert sorted(p["unit_amount"] for p in prices.values()) == [POSTAGE, PRICE]
    assert len(world.billing.products) == 2  # the variant's and the shipping's
    sent = [c["params"]["line_items"] for c in world.fake.created[-2:]]
    assert sent[0] == sent[1]  # the same two Prices in both Checkout Sessions
    with world.app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StripeCatalogueEntry)) == 4
        assert db.session.scalar(sa.select(sa.func.count()).where(Subscription.stripe_session_id.is_not(None))) == 2
    # the same Price again asks Stripe nothing; a new price is a new Stripe Price
    with world.app.app_context():
        variant = db.session.get(Product, world.product_id).default_variant
        price_id = sent[0][0]["price"]
        assert subscriptions.variant_price(variant, "month", PRICE, "THB") == price_id
        assert subscriptions.variant_price(variant, "month", PRICE + 1000, "THB") != price_id
    assert len(world.billing.prices) == 3


def test_the_billing_fake_keeps_a_500_under_its_key_as_stripe_does(stripe_app, stripe_servers):
    """Stripe keeps the answer to an idempotency key for 24 hours, a 500 included, and replays it to the same key
    (asking the library not to retry it): only a new key is a new try."""
    from tests.marketplace.stripe_fakes import API_KEY, BillingFault

    billing, base = stripe_servers.billing, stripe_servers.base

    def post(path, key, **data):
        return requests.post(base + path, data=data, auth=(API_KEY, ""), headers={"Idempotency-Key": key}, timeout=10)

    product = post("/v1/products", "product-1", name="Coffee").json()["id"]
    billing.inject(BillingFault.FAIL, "/v1/prices")
    price = {"product": product, "unit_amount": "32000", "currency": "thb", "recurring[interval]": "month"}
    first = post("/v1/prices", "price-1", **price)
    assert first.status_code == 500 and first.headers["Stripe-Should-Retry"] == "false"
    again = post("/v1/prices", "price-1", **price)  # the fault is used up: the kept answer, not a new try
    assert again.status_code == 500 and again.headers["Idempotent-Replayed"] == "true"
    assert billing.prices == {}
    made = post("/v1/prices", "price-2", **price)
    assert made.status_code == 200 and list(billing.prices) == [made.json()["id"]]
    assert post("/v1/prices", "price-2", **price).json()["id"] == made.json()["id"]  # replayed, not a second
    billing.forget_keys()  # a day later the first key is a new request
    assert post("/v1/prices", "price-1", **price).status_code == 200 and len(billing.prices) == 2


def _price_keys(world) -> list[str | None]:
    return [key for path, key in world.billing.keys_used if path == "/v1/prices"]


def test_one_stripe_500_making_a_price_is_not_kept_for_the_next_try(world):
    """A Price's key belonged to the Price, so one 500 Stripe answered stayed the answer to every later click for
    a day (Stripe replays a 500 under its key). Now an answered error moves the Price's row to its next attempt
    and key: one 500 costs nothing, two cost one click; one Price is made."""
    from tests.marketplace.stripe_fakes import BillingFault

    world.billing.inject(BillingFault.FAIL, "/v1/prices", times=1)
    assert world.subscribe(delivery="pickup").status_code == 303  # asked again at once, under the next key
    first_keys = _price_keys(world)
    assert len(first_keys) == 2 and len(set(first_keys)) == 2 and first_keys[1].endswith("~2")
    assert len(world.billing.prices) == 1

    with world.app.app_context():  # a new price: its own row, and a Stripe that answers 500 twice
        db.session.execute(sa.update(ProductVariant).values(price_minor=PRICE + 1000))
        db.session.commit()
    world.billing.inject(BillingFault.FAIL, "/v1/prices", times=2)
    refused = world.subscribe(delivery="pickup")
    assert refused.status_code == 200 and "Card payment is not available right now" in refused.get_data(as_text=True)
    assert world.subscribe(delivery="pickup").status_code == 303  # the next click: the third attempt's key
    keys = _price_keys(world)[len(first_keys):]
    assert len(keys) == 3 and len(set(keys)) == 3
    assert sorted(p["unit_amount"] for p in world.billing.prices.values()) == [PRICE, PRICE + 1000]


def test_two_clicks_at_once_meeting_a_stripe_500_make_one_price(world, people):
    """Two customers subscribe at the same moment and Stripe answers the first try of the Price with a 500:
    both move to the next attempt of the same row, ask under one key, and get one Price."""
    from tests.marketplace.stripe_fakes import BillingFault

    people.make(Role.CUSTOMER, "Nok", email="nok@example.org")
    other = world.app.test_client()
    sign_in(other, "nok@example.org")
    world.billing.create_delay = 0.5
    world.billing.inject(BillingFault.FAIL, "/v1/prices", times=1)
    barrier = threading.Barrier(2)
    answers, errors = [], []

    def click(client):
        try:
            barrier.wait(5)
            answers.append(world.subscribe(client=client, delivery="pickup").status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=click, args=(client,)) for client in (world.client, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors and answers == [303, 303]
    assert [p["unit_amount"] for p in world.billing.prices.values()] == [PRICE]
    sent = [c["params"]["line_items"] for c in world.fake.created[-2:]]
    assert sent[0] == sent[1]


def test_the_managers_list_runs_the_same_statements_for_one_subscription_or_thirty(world, people):
    from tests.test_query_counts import counting

    manager = world.app.test_client()
    sign_in(manager, people.login_name(world.manager_id))

    def statements() -> int:
        manager.get("/manage/shop/subscriptions")
        with counting() as counter:
            assert manager.get("/manage/shop/subscriptions").status_code == 200
        return counter.count

    def add(n: int) -> None:
        with world.app.app_context():
            enterprise_id = db.session.get(Product, world.product_id).enterprise_id
            db.session.add_all([Subscription(
                customer_id=world.customer_id, enterprise_id=enterprise_id, variant_id=world.variant_id,
                name="Coffee beans", quantity=1, interval="month", unit_price_minor=PRICE, contact_name="Dao",
                email="dao@example.org", delivery="pickup", status="active", stripe_subscription_id=f"sub_{n}_{i}")
                for i in range(n)])
            db.session.commit()

    add(1)
    one = statements()
    add(29)
    assert statements() == one
    assert manager.get("/manage/shop/subscriptions").get_data(as_text=True).count("<tr>") == 26  # a page of 25


def test_subscriptions_are_offered_only_with_stripe_and_to_signed_in_customers(app, world, shop):
    path = f"/shop/products/{world.product_id}"
    # first without keys: the two apps share this process's cache of anonymous pages, production has one config
    assert "subscri" not in app.test_client().get(path).get_data(as_text=True).lower()
    assert "Subscribe" in world.client.get(path).get_data(as_text=True)
    page_cache.forget_all()
    assert "sign in to subscribe" in world.app.test_client().get(path).get_data(as_text=True)
    assert world.app.test_client().get(f"{path}/subscribe").status_code in (302, 401, 403)
    assert app.test_client().get(f"{path}/subscribe").status_code in (302, 401, 403, 404)


def test_a_manager_chooses_the_intervals(world, people):
    manager = world.app.test_client()
    sign_in(manager, people.login_name(world.manager_id))
    page = f"/manage/shop/products/{world.product_id}/subscriptions"
    assert manager.get(page).status_code == 200
    post_form(manager, page, {"intervals": ["2months"]})
    with world.app.app_context():
        assert db.session.get(SubscriptionPlan, world.product_id).codes == ["2months"]
    post_form(manager, page, {})
    with world.app.app_context():
        assert db.session.get(SubscriptionPlan, world.product_id) is None
    assert "sign in to subscribe" not in world.app.test_client().get(f"/shop/products/{world.product_id}").get_data(
        as_text=True)


def test_the_manager_sees_the_enterprises_subscriptions(world, people):
    for payload in world.subscribed_and_paid():
        world.deliver(payload)
    manager = world.app.test_client()
    sign_in(manager, people.login_name(world.manager_id))
    page = manager.get("/manage/shop/subscriptions").get_data(as_text=True)
    assert "Dao" in page and "Every month" in page and "720.00" in page


def test_the_customers_data_and_their_accounts_deletion(world):
    from core.models import User
    from privacy import services as privacy

    for payload in world.subscribed_and_paid():
        world.deliver(payload)
    stripe_id = world.subscription().stripe_subscription_id
    with world.app.app_context():
        user = db.session.get(User, world.customer_id)
        exported = {s.name: s.export(user) for s in privacy.data_sections()}
        assert exported["shop_subscriptions"][0]["product"] == "Coffee beans"
        privacy.anonymise_person(user)
    # committed as the unit of work commits (the context ends); then Stripe is asked
    assert world.billing.subscriptions[stripe_id]["status"] == "canceled"
    gone = world.subscription()
    assert (gone.status, gone.customer_id, gone.email, gone.address) == ("cancelled", None, "", "")


def test_hostile_values_in_the_subscribe_form_change_nothing_and_never_fail(world):
    """What tests/test_hostile_input.py does to every form the crawl finds, for the one form it cannot reach
    (offered only with Stripe keys)."""
    from tests.conftest import table_fingerprint
    from tests.site_crawl import parse_page
    from tests.test_hostile_input import CATEGORIES, _check, _token, payload

    world.app.config["PROPAGATE_EXCEPTIONS"] = False
    post_form(world.client, "/language", {"language": "th", "next": "/"})
    path = f"/shop/products/{world.product_id}/subscribe"
    (form,) = [f for f in parse_page(world.client.get(path).get_data(as_text=True)).forms if f.method == "post"
               and "variant" in f.names()]
    form.action = path
    problems = []
    for category in CATEGORIES:
        with world.app.app_context():
            with db.engine.connect() as connection:
                before = table_fingerprint(connection)
            response = world.client.post(path, data=payload(form, category, _token(world.client)))
            with db.engine.connect() as connection:
                now = table_fingerprint(connection)
        changed = {t for t in now if now[t] != before[t]}
        problems += _check(form, category, response, changed)
    assert problems == [], "\n".join(problems)


def test_stripe_out_of_reach_refuses_the_subscription_and_charges_nothing(make_stripe_app, stripe_servers, shop,
                                                                          people):
    world = World(make_stripe_app(STRIPE_API_BASE="http://127.0.0.1:9", STRIPE_MAX_RETRIES=0,
                                  STRIPE_TIMEOUT_SECONDS=2), stripe_servers, shop, people)
    response = world.subscribe()
    assert response.status_code == 200 and "Card payment is not available right now" in response.get_data(
        as_text=True)
    with world.app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Subscription)) == 0
        assert db.session.scalar(sa.select(StripeCatalogueEntry.stripe_id)) is None  # kept, to be made next time


def test_an_account_deleted_while_on_stripes_page_is_cancelled_at_stripe_and_its_payment_given_back(world):
    """Deleted while its customer was still on Stripe's page: when the payment comes, Stripe's subscription is
    cancelled and the payment given back; nothing is delivered."""
    from core.models import User
    from privacy import services as privacy

    assert world.subscribe().status_code == 303
    world.pay_on_hosted_page()  # at the moment the account is deleted: Stripe's events come after the deletion
    with world.app.app_context():
        privacy.anonymise_person(db.session.get(User, world.customer_id))
    # committed as the unit of work commits; the session could not be expired at Stripe: it was paid
    for payload in world.billing.take_events():
        world.deliver(payload)
    ours = world.subscription()
    assert ours.status == "cancelled" and ours.stripe_subscription_id
    assert world.billing.subscriptions[ours.stripe_subscription_id]["status"] == "canceled"
    (order,) = world.orders()
    assert order.status == "refunded" and order.customer_id is None
    assert world.fake.refunds.refunded_total(order.stripe_payment_intent) == order.total_minor
    assert world.shop.stock(world.product_id) == 5  # nothing taken
    for payload in world.billing.take_events():  # Stripe's word of the cancellation
        world.deliver(payload)
    assert world.billing.advance(ours.stripe_subscription_id) is None  # never charged again


def test_a_subscription_whose_variant_is_gone_is_cancelled_at_stripe_after_one_refund(world):
    """Its variant removed (at the moment a subscription was started, say): the next payment is given back and
    the subscription ends at Stripe, instead of being charged and refunded every month."""
    from marketplace.models import ProductVariant

    for payload in world.subscribed_and_paid():
        world.deliver(payload)
    stripe_id = world.subscription().stripe_subscription_id
    with world.app.app_context():
        db.session.execute(sa.update(Subscription).values(variant_id=None))
        db.session.commit()
        assert db.session.get(ProductVariant, world.variant_id) is not None
    world.billing.advance(stripe_id)
    for payload in world.billing.take_events():
        world.deliver(payload)
    first, second = world.orders()
    assert first.status == "paid" and second.status == "refunded"
    assert world.fake.refunds.refunded_total(second.stripe_payment_intent) == second.total_minor
    assert world.billing.subscriptions[stripe_id]["status"] == "canceled"
    assert world.subscription().status == "cancelled"
    assert "Your subscription has ended" in [m.subject for m in world.mails_to()]
    for payload in world.billing.take_events():
        world.deliver(payload)
    assert world.billing.advance(stripe_id) is None and len(world.orders()) == 2


def test_a_value_someone_subscribes_to_cannot_be_removed(world):
    """Even while the subscription is pending (its customer on Stripe's page, no order yet); once it is
    cancelled the value may go."""
    from core.models import User
    from marketplace import variant_management
    from marketplace.cart import ShopError
    from marketplace.models import OptionValue

    with world.app.app_context():
        manager = db.session.get(User, world.manager_id)
        product = db.session.get(Product, world.product_id)
        option = variant_management.add_option(manager, product, "Weight", "250 g, 500 g")
        large = next(v for v in option.values if v.name == "500 g")
        variant = variant_management.add_variant(manager, product, {option.id: large.id}, {
            "price_minor": PRICE, "weight_grams": 500, "sku": None, "low_stock_at": None, "made_to_order": False,
            "counted": 5})
        db.session.commit()
        large_id, world.variant_id = large.id, variant.id
    assert world.subscribe().status_code == 303
    with world.app.app_context():
        manager = db.session.get(User, world.manager_id)
        with pytest.raises(ShopError, match="subscribe"):
            variant_management.remove_value(manager, db.session.get(OptionValue, large_id))
        db.session.rollback()
        db.session.execute(sa.update(Subscription).values(status="cancelled"))
        variant_management.remove_value(manager, db.session.get(OptionValue, large_id))
        db.session.commit()
        assert db.session.get(OptionValue, large_id) is None


def test_the_next_payment_date_shows_from_the_first_payment(world):
    """Stripe's `customer.subscription.created` carries the first period's end; no `updated` comes until the
    first renewal, so without it "My subscriptions" showed no next payment date for a month."""
    created, paid, completed = world.subscribed_and_paid()
    assert world.deliver(created)
    pending = world.subscription()
    assert pending.status == "pending" and pending.current_period_end is not None  # the date, not the status
    assert world.deliver(paid) and world.deliver(completed)
    page = world.client.get("/shop/my-subscriptions").get_data(as_text=True)
    assert "Active" in page and "Next payment on" in page
