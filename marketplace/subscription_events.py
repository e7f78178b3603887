"""Stripe Billing's webhooks for subscriptions, read and applied through the shop's one verified, idempotent
event path (marketplace/webhooks.py stores each event id once, in the transaction of its effect):

- `checkout.session.completed` (mode subscription): the subscription is Stripe's now — its ids, active;
- `checkout.session.expired` (mode subscription): the customer never finished: the pending one is given up;
- `invoice.paid`: that period's order, one per invoice (its id is a key), paid, its stock taken with the
  shop's conditional statement — or, with the stock out, the delivery skipped and the payment given back;
- `invoice.payment_failed`: the customer is told, in their language, with a link to their subscriptions;
- `customer.subscription.created`: the date of the next payment, shown from the start (the status waits for the
  first payment, as above);
- `customer.subscription.updated` / `.deleted`: the status (active, paused, past due, cancelled) and a
  cancellation at the period's end, kept in step; an older event arriving after a newer one is ignored.

Events may come in any order: an invoice may be paid before its Checkout Session is reported complete, so every
event finds our subscription by Stripe's id or by the id we put in its metadata.
"""
from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
import stripe
from flask_babel import lazy_gettext as _l

from core import audit, notify, outbox
from core.db import utcnow
from core.extensions import changed_rows, db
from core.numbers import record_id
from core.unit_of_work import savepoint
from marketplace import fulfilment, mail, payments, refunds, stock, tax_invoices
from marketplace.cart import ShopError
from marketplace.models import ORDER_LIFECYCLE, Order, OrderLine
from marketplace.subscription_models import SUBSCRIPTION_LIFECYCLE, Subscription, SubscriptionDelivery

log = logging.getLogger(__name__)
SESSION_TYPES = ("checkout.session.completed", "checkout.session.expired")
TYPES = ("invoice.paid", "invoice.payment_failed", "customer.subscription.created", "customer.subscription.updated",
         "customer.subscription.deleted")


class BadShape(Exception):
    """A signed subscription event whose fields we read are not of the types Stripe sends."""


class TryLater(Exception):
    """Stripe could not be asked what we need to apply this event: nothing was stored, Stripe sends it again."""


@dataclass(frozen=True)
class SessionFacts:
    id: str
    ours: int | None  # our subscription's id, from the session's metadata
    subscription: str | None
    customer: str | None


@dataclass(frozen=True)
class InvoiceFacts:
    id: str
    subscription: str | None
    ours: int | None
    amount_paid: int
    currency: str
    payment_intent: str | None


@dataclass(frozen=True)
class SubscriptionFacts:
    id: str
    ours: int | None
    status: str
    paused: bool
    cancel_at_period_end: bool
    period_end: int | None


@dataclass(frozen=True)
class Billing:
    """A subscription event's checked facts; `created` is the event's second, to order late arrivals."""
    kind: str
    created: int
    facts: SessionFacts | InvoiceFacts | SubscriptionFacts
    stopped_at_stripe: bool = False  # `prepare` cancelled it at Stripe: ours must not go on (see `_must_stop`)


# --- reading ----------------------------------------------------------------------------------------------

def read(kind: str, raw: dict, created) -> Billing | None:
    """The facts of a subscription event, or None for an event that is not about subscriptions (a Checkout
    Session in payment mode: the order path reads it). Raises BadShape."""
    if kind in SESSION_TYPES:
        if raw.get("mode") != "subscription":
            return None
        facts: SessionFacts | InvoiceFacts | SubscriptionFacts = SessionFacts(
            _required(raw, "id"), _ours(raw), _text(raw, "subscription"), _text(raw, "customer"))
    elif kind.startswith("invoice."):
        facts = _invoice(raw)
    else:
        facts = _subscription(raw)
    return Billing(kind, _whole(created, "created") or 0, facts)


def _text(raw: dict, name: str, longest: int = 255) -> str | None:
    value = raw.get(name)
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        value = value["id"]  # an expanded object: its id
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > longest or "\x00" in value:
        raise BadShape(f"{name}: not text of at most {longest} characters")
    return value or None


def _required(raw: dict, name: str) -> str:
    value = _text(raw, name)
    if not value:
        raise BadShape(f"{name}: missing")
    return value


def _whole(value, name: str) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 0 <= value < 2 ** 63:
        raise BadShape(f"{name}: not a whole number")
    return value


def _metadata(raw) -> dict:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise BadShape("metadata: not an object")
    return raw


def _ours(raw: dict) -> int | None:
    value = _metadata(raw.get("metadata")).get("subscription_id")
    return record_id(value) if isinstance(value, str) else None


def _invoice(raw: dict) -> InvoiceFacts:
    parent = raw.get("parent") or {}
    details = parent.get("subscription_details") if isinstance(parent, dict) else None
    details = details if isinstance(details, dict) else {}
    # Today's API names the subscription under parent.subscription_details; older versions on the invoice.
    subscription = _text(details, "subscription") or _text(raw, "subscription")
    ours = _ours(details) or _ours(raw.get("subscription_details") or {})
    currency = _text(raw, "currency", longest=3) or ""
    return InvoiceFacts(_required(raw, "id"), subscription, ours, _whole(raw.get("amount_paid"), "amount_paid") or 0,
                        currency, _text(raw, "payment_intent") or _paid_by(raw.get("payments")))


def _paid_by(payments_list) -> str | None:
    """The payment intent among an expanded invoice's payments (not sent unless asked for)."""
    if not isinstance(payments_list, dict) or not isinstance(payments_list.get("data"), list):
        return None
    for payment in payments_list["data"]:
        if isinstance(payment, dict) and payment.get("status") == "paid" and isinstance(payment.get("payment"), dict):
            return _text(payment["payment"], "payment_intent")
    return None


def _subscription(raw: dict) -> SubscriptionFacts:
    status = _required(raw, "status")
    period_end = _whole(raw.get("current_period_end"), "current_period_end")
    items = raw.get("items")
    if period_end is None and isinstance(items, dict) and isinstance(items.get("data"), list) and items["data"]:
        first = items["data"][0]  # today's API keeps the period on the subscription's items
        period_end = _whole(first.get("current_period_end"), "current_period_end") if isinstance(first, dict) else None
    cancel_at_end = raw.get("cancel_at_period_end")
    if cancel_at_end is not None and not isinstance(cancel_at_end, bool):
        raise BadShape("cancel_at_period_end: not true or false")
    pause = raw.get("pause_collection")
    if pause is not None and not isinstance(pause, dict):
        raise BadShape("pause_collection: not an object")
    return SubscriptionFacts(_required(raw, "id"), _ours(raw), status, pause is not None, bool(cancel_at_end),
                             period_end)


STARTS = ("checkout.session.completed", "invoice.paid")  # the events by which Stripe charges, or is about to


def prepare(billing: Billing) -> Billing:
    """Before anything is written (nothing held, nothing stored if Stripe cannot be asked: it sends the event
    again): a paid invoice's payment intent, asked of Stripe when the event does not carry it (today's invoices
    name their payments only when expanded; it is what a refund gives back to); and a subscription that must
    not go on (`_must_stop`) cancelled at Stripe, now."""
    facts = billing.facts
    if billing.kind in STARTS and isinstance(facts, SessionFacts | InvoiceFacts) and facts.subscription:
        subscription = _look_up(facts.subscription, facts.ours)
        if subscription is not None and _must_stop(subscription):
            _cancel_at_stripe(subscription, facts.subscription)
            billing = Billing(billing.kind, billing.created, billing.facts, stopped_at_stripe=True)
    if billing.kind != "invoice.paid" or not isinstance(facts, InvoiceFacts) or facts.payment_intent:
        return billing
    try:
        found = payments.invoice_payment_intent(facts.id)
    except stripe.StripeError as error:
        raise TryLater(str(error)) from error
    return Billing(billing.kind, billing.created, InvoiceFacts(facts.id, facts.subscription, facts.ours,
                                                               facts.amount_paid, facts.currency, found),
                   billing.stopped_at_stripe)


def _must_stop(subscription: Subscription) -> bool:
    """Stripe charges for a subscription we hold as ended, or can no longer deliver: cancelled here while its
    customer was still on Stripe's page (their account deleted, say), its customer's account gone, or its
    variant removed. Stripe would charge it every period for ever: it is cancelled there, and each payment
    given back."""
    return subscription.status in ("cancelled", "expired") or subscription.customer_id is None \
        or subscription.variant_id is None


def _cancel_at_stripe(subscription: Subscription, stripe_id: str) -> None:
    """Now, not at the period's end. Each attempt has its own idempotency key: Stripe keeps an error under its
    key, so the event sent again would meet the same error for a day; cancelling twice is harmless. Stripe
    saying it is cancelled already, or gone, is what we want; anything else: the event is sent again later."""
    try:
        payments.cancel_subscription(stripe_id, idempotency_key=f"subscription-{subscription.id}-stop-{stripe_id}-"
                                                                f"{secrets.token_hex(6)}")
    except stripe.StripeError as error:
        if not payments.already_cancelled(error):
            raise TryLater(str(error)) from error
    log.warning("subscription %s: Stripe's %s cancelled, it must not go on", subscription.id, stripe_id)


# --- applying -------------------------------------------------------------------------------------------

def _look_up(stripe_id: str | None, ours: int | None) -> Subscription | None:
    """Ours, by Stripe's id, or by our id in the metadata while Stripe's is not known here yet."""
    found = db.session.scalar(sa.select(Subscription).where(Subscription.stripe_subscription_id == stripe_id)) \
        if stripe_id else None
    if found is None and ours is not None:
        candidate = db.session.get(Subscription, ours)
        if candidate is not None and candidate.stripe_subscription_id in (None, stripe_id):
            found = candidate
    return found


def _find(stripe_id: str | None, ours: int | None) -> Subscription | None:
    """Ours (`_look_up`), its row held for this transaction, so two events of one subscription apply one after
    the other."""
    found = _look_up(stripe_id, ours)
    if found is None:
        return None
    changed_rows(sa.update(Subscription).where(Subscription.id == found.id).values(status=Subscription.status)
                 .execution_options(synchronize_session=False))
    db.session.refresh(found)
    return found


# Stripe's word -> the event that moves ours there (marketplace.subscription_models.SUBSCRIPTION_LIFECYCLE)
MOVE_TO = {"active": "activate", "paused": "pause", "past_due": "fall_behind", "cancelled": "cancel",
           "expired": "expire"}


def _move(subscription: Subscription, status: str) -> None:
    """To the state Stripe reports, when the life cycle has that step from here (nothing when it is there)."""
    event = MOVE_TO.get(status)
    if subscription.status != status and event and SUBSCRIPTION_LIFECYCLE.allows(subscription.status, event):
        SUBSCRIPTION_LIFECYCLE.apply(subscription, event)  # audited as subscription.<event>
    elif subscription.status != status:
        log.warning("subscription %s: Stripe says %s, ours is %s", subscription.id, status, subscription.status)


def _adopt(subscription: Subscription, stripe_id: str | None) -> None:
    """Stripe's id becomes known (whichever event tells it first); a pending subscription is active from then."""
    if stripe_id and subscription.stripe_subscription_id is None:
        subscription.stripe_subscription_id = stripe_id
    if subscription.status == "pending" and subscription.stripe_subscription_id:
        _move(subscription, "active")


def apply(billing: Billing) -> None:
    facts = billing.facts
    if isinstance(facts, SessionFacts):
        subscription = _find(facts.subscription, facts.ours)
        if subscription is None or (subscription.stripe_session_id not in (None, facts.id)):
            return
        if billing.kind == "checkout.session.expired":
            if subscription.status == "pending":
                _move(subscription, "expired")
            return
        subscription.stripe_customer_id = facts.customer or subscription.stripe_customer_id
        _stop_if_needed(subscription, billing)
        _adopt(subscription, facts.subscription)
    elif isinstance(facts, InvoiceFacts):
        subscription = _find(facts.subscription, facts.ours)
        if subscription is None:
            log.warning("invoice %s: no subscription of ours (%s)", facts.id, facts.subscription)
            return
        if billing.kind == "invoice.paid":
            stopping = _stop_if_needed(subscription, billing)
            _adopt(subscription, facts.subscription)
            _deliver(subscription, facts, stopping)
        else:
            _tell_payment_failed(subscription)
    elif isinstance(facts, SubscriptionFacts):
        subscription = _find(facts.id, facts.ours)
        if subscription is not None:
            _keep_in_step(subscription, facts, billing)
    db.session.flush()


def _stop_if_needed(subscription: Subscription, billing: Billing) -> bool:
    """True when this subscription must not go on (`_must_stop`): `prepare` has cancelled it at Stripe, and
    ours is cancelled too. Found so only now (it changed since `prepare` read it): nothing of this event is
    kept, and Stripe sends it again, when `prepare` cancels it."""
    if not _must_stop(subscription):
        return False
    stripe_id = billing.facts.subscription if isinstance(billing.facts, SessionFacts | InvoiceFacts) else None
    if stripe_id and not billing.stopped_at_stripe:
        raise TryLater(f"subscription {subscription.id} must be cancelled at Stripe first")
    if SUBSCRIPTION_LIFECYCLE.allows(subscription.status, "cancel"):
        SUBSCRIPTION_LIFECYCLE.apply(subscription, "cancel", action="subscription.stopped")
    subscription.requested_change, subscription.requested_at = None, None
    return True


STATUS_OF = {"active": "active", "trialing": "active", "past_due": "past_due", "unpaid": "past_due",
             "paused": "paused", "canceled": "cancelled", "incomplete_expired": "cancelled", "incomplete": "pending"}


def _keep_in_step(subscription: Subscription, facts: SubscriptionFacts, billing: Billing) -> None:
    """Stripe's word on the subscription, unless a newer one was applied already; cancelled is final (Stripe
    saying it is cancelled settles a cancellation we still owed it: an account deleted)."""
    if subscription.status == "cancelled":
        if billing.kind == "customer.subscription.deleted" or facts.status == "canceled":
            subscription.requested_change, subscription.requested_at = None, None
        return
    if billing.created < subscription.stripe_seen_at:
        return
    if billing.kind == "customer.subscription.created":
        # Only the next payment's date: whether it is active is the first payment's to say (invoice.paid).
        subscription.stripe_subscription_id = subscription.stripe_subscription_id or facts.id
        if facts.period_end and subscription.current_period_end is None:
            subscription.current_period_end = datetime.fromtimestamp(facts.period_end, UTC)
        return
    subscription.stripe_seen_at = billing.created
    subscription.stripe_subscription_id = subscription.stripe_subscription_id or facts.id
    status = "cancelled" if billing.kind == "customer.subscription.deleted" else STATUS_OF.get(facts.status)
    if status is None:
        log.warning("subscription %s: Stripe status %r not known", subscription.id, facts.status)
        return
    if status == "active" and facts.paused:
        status = "paused"  # collection paused: no invoice is charged until it resumes
    if status != "pending":  # "incomplete": still ours to confirm by the first payment
        _move(subscription, status)
    subscription.cancel_at_period_end = facts.cancel_at_period_end and status != "cancelled"
    if facts.period_end:
        subscription.current_period_end = datetime.fromtimestamp(facts.period_end, UTC)
    asked = subscription.requested_change
    if status == "cancelled" or (asked == "pause" and status == "paused") or (asked == "resume" and not facts.paused) \
            or (asked == "cancel" and subscription.cancel_at_period_end):
        subscription.requested_change, subscription.requested_at = None, None


def _deliver(subscription: Subscription, facts: InvoiceFacts, stopping: bool = False) -> None:
    """The paid invoice's order, once: an ordinary paid order (its stock taken) linked to the subscription. If
    the stock is out the delivery is skipped: the order records it and all of its money goes back. A
    subscription that was stopped (`stopping`) delivers nothing: all of its payment goes back."""
    if db.session.get(SubscriptionDelivery, facts.id) is not None:
        return  # replayed, or the same invoice under another event: its order exists
    subtotal = subscription.unit_price_minor * subscription.quantity
    line = OrderLine(product_id=None, variant_id=subscription.variant_id, enterprise_id=subscription.enterprise_id,
                     name=subscription.name, unit_price_minor=subscription.unit_price_minor, unit_discount_minor=0,
                     quantity=subscription.quantity)
    if subscription.variant is not None:
        line.product_id = subscription.variant.product_id
    order = Order(token=secrets.token_urlsafe(32), customer_id=subscription.customer_id,
                  name=subscription.contact_name, email=subscription.email, phone=subscription.phone,
                  delivery=subscription.delivery, address=subscription.address,
                  province_code=subscription.province_code, shipping_zone=subscription.shipping_zone,
                  status="pending_payment", payment_method="stripe", stripe_payment_intent=facts.payment_intent,
                  stock_held=False, subtotal_minor=subtotal, shipping_minor=subscription.shipping_minor,
                  total_minor=subtotal + subscription.shipping_minor, currency=subscription.currency,
                  locale=subscription.locale, lines=[line])
    delivery = SubscriptionDelivery(stripe_invoice_id=facts.id, subscription_id=subscription.id)
    try:
        with savepoint():
            db.session.add(order)
            db.session.flush()
            delivery.order_id = order.id
            db.session.add(delivery)
            db.session.flush()
    except sa.exc.IntegrityError:
        return  # the same invoice's order, made at the same moment by another copy of the event
    audit.record("order.subscription_delivery", "order", order.id, detail={"subscription": subscription.id,
                                                                          "invoice": facts.id})
    order.paid_at = utcnow()
    if facts.amount_paid != order.total_minor or facts.currency.lower() != order.currency.lower():
        ORDER_LIFECYCLE.apply(order, "mismatch", action="order.payment_mismatch",
                              detail={"amount": facts.amount_paid, "currency": facts.currency})
        fulfilment.tell_managers(order, _l("A payment for order %(n)d does not match the order.", n=order.id))
        return
    if stopping:
        _give_back_stopped(subscription, order, delivery)
        return
    if subscription.variant_id is None or not stock.take(subscription.variant_id, subscription.quantity, order.id):
        _skip(subscription, order, delivery)
        return
    order.stock_held = True
    ORDER_LIFECYCLE.apply(order, "pay", action="order.paid")
    tax_invoices.issue_invoices(order)  # none asked for: a subscription's orders have receipts
    mail.send_order_email(order, _l("Payment received for order %(n)d", n=order.id),
                          [_l("Thank you. Your payment is confirmed and the order is being prepared.")],
                          documents=True)


def _skip(subscription: Subscription, order: Order, delivery: SubscriptionDelivery) -> None:
    """Out of stock: this delivery is skipped, the customer told, and the whole payment given back through the
    shop's refund path (reserved, committed, then asked of Stripe; the refund job finishes it if Stripe does not
    answer). The subscription goes on: the next delivery comes as usual."""
    delivery.skipped = True
    ORDER_LIFECYCLE.apply(order, "mismatch", action="order.subscription_skipped",
                          detail={"subscription": subscription.id})
    outbox.queue_email(subscription.email, _language(subscription),
                       _l("This delivery of your subscription is skipped"), [
                           _l("Sorry: %(name)s is out of stock, so this delivery is skipped. All of its payment, "
                              "%(amount)s baht, is given back to your card. Your next delivery comes as usual.",
                              name=subscription.name, amount=f"{order.total_minor / 100:,.2f}"),
                           "", _account_link()])
    db.session.flush()
    try:
        refunds.refund_in_full(order, None, "subscription_stock_out", intent=f"auto-{order.token}")
    except ShopError:
        fulfilment.tell_managers(order, _l("The automatic refund of order %(n)d failed. Please give the money back "
                                           "by hand.", n=order.id))


def _give_back_stopped(subscription: Subscription, order: Order, delivery: SubscriptionDelivery) -> None:
    """Paid for a subscription that was stopped: nothing delivered, all of the payment back (the shop's refund
    path), and its customer, when we still know them, told that it has ended."""
    delivery.skipped = True
    ORDER_LIFECYCLE.apply(order, "mismatch", action="order.subscription_stopped",
                          detail={"subscription": subscription.id})
    if subscription.email:
        outbox.queue_email(subscription.email, _language(subscription), _l("Your subscription has ended"), [
            _l("Sorry: %(name)s can no longer be sent, so your subscription has ended and nothing more will be "
               "charged. All of this payment, %(amount)s baht, is given back to your card.",
               name=subscription.name, amount=f"{order.total_minor / 100:,.2f}"), "", _account_link()])
    db.session.flush()
    try:
        refunds.refund_in_full(order, None, "subscription_stopped", intent=f"auto-{order.token}")
    except ShopError:
        fulfilment.tell_managers(order, _l("The automatic refund of order %(n)d failed. Please give the money back "
                                           "by hand.", n=order.id))


def _tell_payment_failed(subscription: Subscription) -> None:
    outbox.queue_email(subscription.email, _language(subscription),
                       _l("Your subscription payment did not go through"), [
        _l("We could not take the payment for your subscription to %(name)s. Please check your card: Stripe tries "
           "again in a few days. You can see and change your subscriptions in your account:", name=subscription.name),
        "", _account_link()])


def _language(subscription: Subscription) -> str:
    from flask import current_app

    if subscription.locale and subscription.locale in current_app.config["LANGUAGES"]:
        return subscription.locale
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])


def _account_link() -> str:
    return notify.absolute(notify.path_for("subscriptions.mine"))
