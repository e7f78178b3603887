"""Subscriptions through Stripe Billing: which products offer them, subscribing (a Stripe Price per variant and
interval, made once and remembered, then Checkout in subscription mode, cards only), and a customer's pause,
resume and cancel — each asked of Stripe and shown as waiting until Stripe's webhook confirms it
(marketplace/subscription_events.py applies the webhooks: each paid invoice makes that delivery's order).

Rules (docs/features/shop.md, Subscriptions):
- offered only while Stripe is configured, and only to signed-in customers: a subscription is managed from an
  account;
- each delivery is charged the item's price and, when shipped, the shipping of its zone and weight at the time
  of subscribing, as a second recurring line; a later price change makes a new Stripe Price for new
  subscriptions, and existing ones keep theirs;
- stock out when an invoice is paid: that delivery is skipped and its payment given back in full, and the
  customer is told; the subscription goes on.
"""
from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
import stripe
from flask_babel import lazy_gettext as _l

from core import audit
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import User
from core.unit_of_work import checkpoint, savepoint
from marketplace import payments, shipping, variants
from marketplace.cart import ShopError, parse_quantity, sellable
from marketplace.models import Product, ProductVariant
from marketplace.subscription_models import (
    CHANGES,
    INTERVALS,
    LIVE,
    SUBSCRIPTION_LIFECYCLE,
    StripeCatalogueEntry,
    Subscription,
    SubscriptionPlan,
)

log = logging.getLogger(__name__)
WAIT_FOR_CONFIRMATION = timedelta(minutes=15)  # after this a change Stripe never confirmed may be asked again
AUDIT_ACTIONS = {
    "product.subscription_plan": _l("Subscription intervals of a product saved"),
    "subscription.start": _l("Subscription started"),
    "subscription.activate": _l("Subscription active (Stripe)"),
    "subscription.pause": _l("Subscription paused (Stripe)"),
    "subscription.fall_behind": _l("Subscription payment late (Stripe)"),
    "subscription.cancel": _l("Subscription cancelled (Stripe)"),
    "subscription.expire": _l("Subscription not completed on Stripe's page"),
    "subscription.change_requested": _l("Subscription change asked of Stripe"),
    "subscription.cancelled_with_account": _l("Subscription cancelled with the account"),
    "order.subscription_delivery": _l("Subscription delivery ordered"),
    "order.subscription_skipped": _l("Subscription delivery skipped: out of stock"),
    "subscription.stopped": _l("Subscription stopped at Stripe: it could not go on"),
    "order.subscription_stopped": _l("Subscription payment given back: the subscription had ended"),
}
AUDIT_RECORD_TYPES = {"subscription": _l("Subscription")}


# --- what is offered ---------------------------------------------------------------------------------------

def plan_of(product_id: int) -> SubscriptionPlan | None:
    return db.session.get(SubscriptionPlan, product_id)


def offered(product: Product) -> list[str]:
    """The intervals a customer may subscribe to this product at: none without Stripe keys."""
    if not payments.configured() or not product.active:
        return []
    plan = plan_of(product.id)
    return plan.codes if plan else []


def save_plan(manager: User, product: Product, codes: list[str]) -> None:
    """The manager's choice of intervals; none ticked: the product is no longer offered by subscription (the
    subscriptions already made go on)."""
    codes = [code for code in INTERVALS if code in codes]
    plan = plan_of(product.id)
    if not codes:
        if plan is not None:
            db.session.delete(plan)
    elif plan is None:
        db.session.add(SubscriptionPlan(product_id=product.id, intervals=",".join(codes)))
    else:
        plan.intervals = ",".join(codes)
    audit.record("product.subscription_plan", "product", product.id, actor=manager, detail={"intervals": codes})
    db.session.flush()


# --- Stripe's Products and Prices, made once --------------------------------------------------------------

ATTEMPTS_PER_CALL = 2  # a Stripe error answered to one attempt: one more, under the next attempt's key


def remembered(key: str, create: Callable[[str], str]) -> str:
    """The Stripe id kept under `key`, made by `create(idempotency_key)` if it is not there yet. The row is
    inserted first (its key lets one exist: a second caller at the same moment waits for the first one's
    commit, then finds that row) and committed before Stripe is asked; every caller asks with the row's
    current attempt (`nonce`), so two callers at once ask under one key and Stripe makes one object.

    Stripe keeps the answer to a key for 24 hours, a 500 included: a key that met an error would meet it again
    on every click. So an error Stripe answered moves the row to its next attempt (a conditional UPDATE from the
    attempt that failed: of two callers that both met it, one moves it and both ask under the new key), and
    the call is tried once more. No answer at all (a timeout) keeps the attempt: Stripe may have made the
    object, and the same key finds it. Commits the caller's transaction."""
    if db.session.get(StripeCatalogueEntry, key) is None:
        try:
            with savepoint():
                db.session.add(StripeCatalogueEntry(key=key, nonce=secrets.token_urlsafe(24)))
                db.session.flush()
        except sa.exc.IntegrityError:
            pass  # made at the same moment by another customer's click: theirs is used
    attempt = 0
    while True:
        attempt += 1
        entry = db.session.execute(sa.select(StripeCatalogueEntry).where(StripeCatalogueEntry.key == key)
                                   .execution_options(populate_existing=True)).scalar_one()
        if entry.stripe_id:
            return entry.stripe_id
        nonce = entry.nonce
        checkpoint()  # no transaction is open while Stripe answers
        try:
            made = create(f"pathways-{nonce}")
        except stripe.StripeError as error:
            if not _next_attempt_after(key, nonce, error) or attempt == ATTEMPTS_PER_CALL:
                raise
            continue
        changed_rows(sa.update(StripeCatalogueEntry).where(StripeCatalogueEntry.key == key,
                                                           StripeCatalogueEntry.stripe_id.is_(None))
                     .values(stripe_id=made).execution_options(synchronize_session=False))
        checkpoint()
        return db.session.scalar(sa.select(StripeCatalogueEntry.stripe_id)
                                 .where(StripeCatalogueEntry.key == key)) or made


def _next_attempt_after(key: str, nonce: str, error: stripe.StripeError) -> bool:
    """After an error Stripe answered (it keeps that answer under the key), the row's next attempt: True. After
    no answer, or 409 (the same key still being processed for another caller), the same one: False."""
    if error.http_status is None or error.http_status == 409:
        return False
    changed_rows(sa.update(StripeCatalogueEntry).where(StripeCatalogueEntry.key == key,
                                                       StripeCatalogueEntry.nonce == nonce,
                                                       StripeCatalogueEntry.stripe_id.is_(None))
                 .values(nonce=next_nonce(nonce)).execution_options(synchronize_session=False))
    checkpoint()
    return True


def next_nonce(nonce: str) -> str:
    """The key of the next attempt: the row's random part and the attempt's number ("…~2", "…~3")."""
    base, _, number = nonce.partition("~")
    return f"{base}~{int(number or 1) + 1}"


def _recurring(interval: str) -> dict:
    rhythm = INTERVALS[interval]
    return {"interval": rhythm.unit, "interval_count": rhythm.count}


def variant_price(variant: ProductVariant, interval: str, amount: int, currency: str) -> str:
    """The Stripe Price for one item of this variant at this interval and amount (a new amount: a new Price)."""
    name, variant_id = variants.line_name(variant), variant.id
    product = remembered(f"product:variant:{variant_id}", lambda key: payments.create_product(
        {"name": name, "metadata": {"variant_id": str(variant_id)}}, idempotency_key=key).id)
    return remembered(f"price:variant:{variant_id}:{interval}:{amount}:{currency.lower()}",
                      lambda key: payments.create_price({
                          "product": product, "unit_amount": amount, "currency": currency.lower(),
                          "recurring": _recurring(interval), "metadata": {"variant_id": str(variant_id)}},
                          idempotency_key=key).id)


def shipping_price(interval: str, amount: int, currency: str) -> str:
    """Shipping within Thailand for each delivery, as a recurring Price of its own."""
    product = remembered("product:shipping", lambda key: payments.create_product(
        {"name": "Shipping in Thailand"}, idempotency_key=key).id)
    return remembered(f"price:shipping:{interval}:{amount}:{currency.lower()}",
                      lambda key: payments.create_price({
                          "product": product, "unit_amount": amount, "currency": currency.lower(),
                          "recurring": _recurring(interval)}, idempotency_key=key).id)


# --- subscribing ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Choice:
    """What the customer chose on the subscribe page."""
    variant_id: object
    interval: str
    quantity: object
    name: str
    phone: str
    delivery: str  # pickup / shipping
    address: str
    province: str


def start(customer: User, product: Product, choice: Choice, locale: str | None) -> Subscription:
    """Check the choice and write the subscription as pending, its figures from the database; the Stripe Prices
    are made (or found) before it, so what Checkout charges is what it says. Commits."""
    if choice.interval not in offered(product):
        raise ShopError(_l("Choose how often."), "interval")
    variant = sellable(choice.variant_id)
    if variant.product_id != product.id:
        raise ShopError(_l("This product is not for sale."))
    quantity = parse_quantity(choice.quantity)
    if choice.delivery not in ("pickup", "shipping"):
        raise ShopError(_l("Choose pick-up or shipping."), "delivery")
    if choice.delivery == "shipping" and len(choice.address.strip()) < 10:
        raise ShopError(_l("Write the full address for shipping."), "address")
    zone = shipping.zone_of(choice.province) if choice.delivery == "shipping" else None
    postage = shipping.rate_for(zone, variant.weight_grams * quantity) if zone else 0
    currency = product.currency
    try:
        variant_price(variant, choice.interval, variant.price_minor, currency)
        if postage:
            shipping_price(choice.interval, postage, currency)
    except stripe.StripeError as error:
        log.exception("could not make the Stripe prices for variant %s", variant.id)
        raise ShopError(_l("Card payment is not available right now. Nothing was charged; please try again.")) \
            from error
    variant = sellable(variant.id)  # read again after the commits above
    subscription = Subscription(
        customer_id=customer.id, enterprise_id=variant.product.enterprise_id, variant_id=variant.id,
        name=variants.line_name(variant), quantity=quantity, interval=choice.interval,
        unit_price_minor=variant.price_minor, shipping_minor=postage, currency=currency,
        contact_name=choice.name.strip(), email=(customer.email or "").strip().lower(), phone=choice.phone.strip(),
        delivery=choice.delivery, address=choice.address.strip() if zone else "",
        province_code=choice.province if zone else None, shipping_zone=zone, locale=locale or None,
        status="pending")
    db.session.add(subscription)
    db.session.flush()
    audit.record("subscription.start", "subscription", subscription.id, actor=customer,
                 detail={"variant": variant.id, "interval": choice.interval, "quantity": quantity})
    checkpoint()
    return subscription


def checkout_params(subscription: Subscription, success_url: str, cancel_url: str) -> dict:
    """Checkout in subscription mode: the item's Price times the quantity and, when shipped, the shipping's
    Price once, each delivery. Cards only: PromptPay cannot pay a subscription."""
    currency = subscription.currency.lower()
    variant = db.session.get(ProductVariant, subscription.variant_id or 0)
    if variant is None:
        raise ShopError(_l("This product is not for sale."))
    line_items = [{"price": variant_price(variant, subscription.interval, subscription.unit_price_minor, currency),
                   "quantity": subscription.quantity}]
    if subscription.shipping_minor:
        line_items.append({"price": shipping_price(subscription.interval, subscription.shipping_minor, currency),
                           "quantity": 1})
    ours = {"subscription_id": str(subscription.id)}
    return {"mode": "subscription", "line_items": line_items, "success_url": success_url, "cancel_url": cancel_url,
            "client_reference_id": str(subscription.id), "metadata": ours,
            "subscription_data": {"metadata": ours}, "customer_email": subscription.email,
            "payment_method_types": ["card"]}


def open_checkout(subscription: Subscription, success_url: str, cancel_url: str) -> str:
    """The hosted Checkout page for a pending subscription; if Stripe cannot be reached it is given up."""
    subscription_id = subscription.id
    try:
        params = checkout_params(subscription, success_url, cancel_url)
        session = payments.create_checkout_session(params, idempotency_key=f"subscribe-{subscription_id}")
    except stripe.StripeError as error:
        log.exception("could not create a subscription Checkout Session for %s", subscription_id)
        given_up = db.session.get(Subscription, subscription_id)
        if given_up is not None and SUBSCRIPTION_LIFECYCLE.allows(given_up.status, "expire"):
            SUBSCRIPTION_LIFECYCLE.apply(given_up, "expire", action="subscription.expire")
        checkpoint()
        raise ShopError(_l("Card payment is not available right now. Nothing was charged; please try again.")) \
            from error
    changed_rows(sa.update(Subscription).where(Subscription.id == subscription_id)
                 .values(stripe_session_id=session.id).execution_options(synchronize_session=False))
    checkpoint()
    return session.url


# --- the customer's changes ----------------------------------------------------------------------------

# What each change asks of Stripe, and the states it may be asked from.
_ASK: dict[str, tuple[dict, tuple[str, ...]]] = {
    "pause": ({"pause_collection": {"behavior": "void"}}, ("active",)),
    "resume": ({"pause_collection": ""}, ("paused",)),
    "cancel": ({"cancel_at_period_end": True}, LIVE),
}


def own(customer: User, subscription_id) -> Subscription:
    from core.numbers import record_id

    found = db.session.get(Subscription, record_id(subscription_id) or 0)
    if found is None or found.customer_id != customer.id:
        raise ShopError(_l("This subscription is not yours, or no longer exists."))
    return found


def can_ask(subscription: Subscription, change: str) -> bool:
    """Whether the account page offers this change now."""
    if change not in CHANGES or subscription.stripe_subscription_id is None:
        return False
    if change == "cancel" and subscription.cancel_at_period_end:
        return False
    return subscription.status in _ASK[change][1] and not waiting(subscription)


def waiting(subscription: Subscription) -> bool:
    """A change asked of Stripe and not confirmed yet (for a while: after that it may be asked again)."""
    return bool(subscription.requested_change and subscription.requested_at
                and utcnow() - subscription.requested_at < WAIT_FOR_CONFIRMATION)


def request_change(customer: User, subscription_id, change: str) -> None:
    """Ask Stripe to pause, resume or cancel at the period's end. The request is recorded first, in one
    conditional UPDATE (a double click asks once), then Stripe is asked; the status changes only when Stripe's
    webhook confirms it. A definite refusal by Stripe takes the request back."""
    subscription = own(customer, subscription_id)
    if change not in CHANGES or not can_ask(subscription, change):
        raise ShopError(_l("That cannot be done to this subscription now."))
    if not payments.configured():
        raise ShopError(_l("Card payments are not set up on this site now, so this cannot be changed from here. "
                           "Please ask the shop."))
    params, allowed = _ASK[change]
    now = utcnow()
    if changed_rows(sa.update(Subscription).where(
            Subscription.id == subscription.id, Subscription.status.in_(allowed),
            sa.or_(Subscription.requested_change.is_(None), Subscription.requested_at < now - WAIT_FOR_CONFIRMATION))
            .values(requested_change=change, requested_at=now).execution_options(synchronize_session=False)) != 1:
        raise ShopError(_l("That cannot be done to this subscription now."))
    audit.record("subscription.change_requested", "subscription", subscription.id, actor=customer,
                 detail={"change": change})
    stripe_id, key = (subscription.stripe_subscription_id or "",
                     f"subscription-{subscription.id}-{change}-{int(now.timestamp())}")
    checkpoint()  # the request is on record before Stripe hears of it
    try:
        payments.modify_subscription(stripe_id, params, idempotency_key=key)
    except stripe.StripeError as error:
        if payments.is_definite_refusal(error):
            changed_rows(sa.update(Subscription).where(Subscription.id == subscription.id,
                                                       Subscription.requested_change == change)
                         .values(requested_change=None, requested_at=None)
                         .execution_options(synchronize_session=False))
            checkpoint()
            raise ShopError(_l("Stripe did not accept this change. Nothing was changed.")) from error
        log.warning("subscription %s: no answer from Stripe to %s (%s); it stays waiting", subscription.id, change,
                    error)


# --- lists ---------------------------------------------------------------------------------------------

def customers_subscriptions(customer: User) -> sa.Select:
    """A customer's subscriptions, newest first, without those never completed at Stripe."""
    return (sa.select(Subscription).where(Subscription.customer_id == customer.id,
                                          Subscription.status != "expired")
            .order_by(Subscription.id.desc()))


def enterprise_subscriptions(enterprise_id: int) -> sa.Select:
    """An enterprise's subscriptions that still deliver or may again (active, paused, payment late)."""
    return (sa.select(Subscription).where(Subscription.enterprise_id == enterprise_id, Subscription.status.in_(LIVE))
            .order_by(Subscription.id.desc()))
