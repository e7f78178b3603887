"""Stripe webhooks: verified on the raw body, each event applied once, in any order.

An order becomes paid only here: `checkout.session.completed` with payment_status "paid", or
`checkout.session.async_payment_succeeded` (PromptPay). The event id is stored in the same transaction as its
effect, so a replay or a duplicate does nothing the second time.

A signed body is read into a checked shape first (`read_event`): the event's id and type, and of its object
exactly the fields we use, each with its type. A body that does not fit is answered 400 and nothing of it is
stored: Stripe shows the failure to whoever looks, instead of a server error that retries for days.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
import stripe
from flask_babel import lazy_gettext as _l

from core.db import utcnow
from core.extensions import changed_rows, db
from core.numbers import record_id
from core.unit_of_work import savepoint
from marketplace import fulfilment, mail, payments, refunds, subscription_events, tax_invoices
from marketplace.cart import ShopError
from marketplace.checkout import release, take_back_all
from marketplace.models import ORDER_LIFECYCLE, Order, OrderState, StripeEvent

log = logging.getLogger(__name__)
HANDLED = ("checkout.session.completed", "checkout.session.async_payment_succeeded",
           "checkout.session.async_payment_failed", "checkout.session.expired")
REFUND_EVENTS = ("refund.failed", "refund.updated", "charge.refund.updated")  # object: the refund
READ = HANDLED + REFUND_EVENTS  # the types whose object we read; of any other, only the id and type are kept
TryLater = subscription_events.TryLater


class BadSignature(Exception):
    """Not signed by Stripe with our secret, or signed too long ago."""


class Malformed(Exception):
    """Signed, but not an event of the shape we read. `event_id` is its id when it has a usable one."""

    def __init__(self, problem: str, event_id: str | None = None):
        super().__init__(problem)
        self.event_id = event_id


@dataclass(frozen=True)
class EventObject:
    """`data.object` of an event we read: a Checkout Session, or a refund for the refund events. Stripe leaves
    out or sends null for the fields a state does not have yet; those are None here (metadata: empty)."""

    id: str
    metadata: dict[str, str] = field(default_factory=dict)
    client_reference_id: str | None = None
    payment_status: str | None = None
    payment_intent: str | None = None
    amount_total: int | None = None
    currency: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    object: EventObject | None  # None for the types we do not read
    billing: subscription_events.Billing | None = None  # a subscription's event (marketplace.subscription_events)


def read_event(payload: bytes, signature_header: str) -> Event:
    """The event in a webhook's raw body. Raises BadSignature, or Malformed for a signed body we cannot read."""
    try:
        body = json.loads(payload)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested past Python's limit
        body = None
    if not isinstance(body, dict):
        # No event at all, signed or not: the library cannot even build one to check its signature.
        raise Malformed("the body is not a JSON object")
    try:
        payments.verify_event(payload, signature_header)
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise BadSignature(str(error)) from error
    return parse_event(body)


def parse_event(body: dict) -> Event:
    """Check a signed event's fields we use, each with its type; anything else in it is ignored."""
    event_id = _required(body, "id")
    try:
        kind = _required(body, "type", longest=80)
        data = body.get("data")
        if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
            raise Malformed("data.object: not a JSON object")
        billing = None
        if kind in subscription_events.TYPES + subscription_events.SESSION_TYPES:
            try:
                billing = subscription_events.read(kind, data["object"], body.get("created"))
            except subscription_events.BadShape as problem:
                raise Malformed(f"data.object.{problem}") from None
        if billing is not None:
            return Event(event_id, kind, None, billing)
        return Event(event_id, kind, _event_object(data["object"]) if kind in READ else None)
    except Malformed as problem:
        raise Malformed(str(problem), event_id) from None


def _event_object(raw: dict) -> EventObject:
    metadata = raw.get("metadata")
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict) or not all(
            isinstance(key, str) and isinstance(value, str) and "\x00" not in key + value
            for key, value in metadata.items()):
        raise Malformed("data.object.metadata: not text keys with text values")
    amount = raw.get("amount_total")
    if amount is not None and (type(amount) is not int or not 0 <= amount < 2 ** 63):  # bool is an int too
        raise Malformed("data.object.amount_total: not a whole number of the currency's smallest unit")
    where = "data.object."
    return EventObject(
        id=_required(raw, "id", where=where), metadata=metadata,
        client_reference_id=_text(raw, "client_reference_id", where=where),
        payment_status=_text(raw, "payment_status", where=where),
        payment_intent=_text(raw, "payment_intent", where=where), amount_total=amount,
        currency=_text(raw, "currency", longest=3, where=where), status=_text(raw, "status", where=where))


def _text(raw: dict, name: str, longest: int = 255, where: str = "") -> str | None:
    """A text field: absent or null is None; anything but text that fits, without NUL, is malformed (the
    database could not store it, and Stripe never sends it)."""
    value = raw.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > longest or "\x00" in value:
        raise Malformed(f"{where}{name}: not text of at most {longest} characters")
    return value


def _required(raw: dict, name: str, longest: int = 255, where: str = "") -> str:
    value = _text(raw, name, longest, where)
    if not value:
        raise Malformed(f"{where}{name}: missing")
    return value


def _order_for(session_object: EventObject) -> Order | None:
    order_id = record_id(session_object.metadata.get("order_id") or session_object.client_reference_id)
    if order_id is None:
        return None
    order = db.session.get(Order, order_id)
    if order is None or (order.stripe_session_id and order.stripe_session_id != session_object.id):
        return None  # not ours, or a different session than the one we opened
    return order


PAYABLE = tuple(ORDER_LIFECYCLE.sources("pay"))  # states a verified payment may move to paid
ASYNC_PAYMENT_HOLD = timedelta(days=2)  # PromptPay and other delayed methods: the hold waits for their result


def _amount_matches(order: Order, session_object: EventObject) -> bool:
    return (session_object.amount_total == order.total_minor
            and (session_object.currency or "").lower() == order.currency.lower())


def _mark_paid(order: Order, session_object: EventObject) -> bool:
    """Apply a verified payment. True when this event moved the order to paid (and so the buyer is told)."""
    if order.status == OrderState.CANCELLED.value and order.paid_at is None and order.payment_method == "stripe":
        _paid_after_cancel(order, session_object)
        return False
    if order.status not in PAYABLE:
        return False  # paid already, or a state a payment cannot change (refunded, cancelled…): nothing twice
    order.stripe_payment_intent = session_object.payment_intent or order.stripe_payment_intent
    if not _amount_matches(order, session_object):
        ORDER_LIFECYCLE.apply(order, "mismatch", action="order.payment_mismatch",
                              detail={"amount": session_object.amount_total, "currency": session_object.currency})
        fulfilment.tell_managers(order, _l("A payment for order %(n)d does not match the order.", n=order.id))
        return False
    if not order.stock_held and not take_back_all(order):
        # Paid after the hold expired and the stock was sold meanwhile: never two paid orders for one unit.
        ORDER_LIFECYCLE.apply(order, "mismatch", action="order.paid_after_stock_gone")
        order.paid_at = utcnow()
        _give_all_back(order)
        return False
    order.stock_held = True
    ORDER_LIFECYCLE.apply(order, "pay", action="order.paid")
    order.paid_at = utcnow()
    tax_invoices.issue_invoices(order)  # in this transaction: the number is taken only if the payment is kept
    return True


def _paid_after_cancel(order: Order, session_object: EventObject) -> None:
    """A payment for an order cancelled before it came (its account deleted while the customer was on Stripe's
    page, say; the order's items are back on sale): nothing is delivered, all of it is given back, once."""
    order.stripe_payment_intent = session_object.payment_intent or order.stripe_payment_intent
    order.paid_at = utcnow()
    if not _amount_matches(order, session_object):
        ORDER_LIFECYCLE.apply(order, "mismatch", action="order.payment_mismatch",
                              detail={"amount": session_object.amount_total, "currency": session_object.currency})
        fulfilment.tell_managers(order, _l("A payment for order %(n)d does not match the order.", n=order.id))
        return
    ORDER_LIFECYCLE.apply(order, "mismatch", action="order.paid_after_cancel")
    _give_all_back(order, "paid_after_cancel",
                   _l("Sorry: this order was cancelled before your payment arrived. All your money is returned."))


def _give_all_back(order: Order, reason: str = "stock_gone_after_expiry", words=None) -> None:
    """Paid for stock that is gone (or for an order cancelled meanwhile): all the money back through the refund
    path, once (its intent is the order's own); if Stripe refuses, the managers and staff are told to give it
    back by hand."""
    try:
        result = refunds.refund_in_full(order, None, reason, intent=f"auto-{order.token}")
    except ShopError:
        fulfilment.tell_managers(order, _l("The automatic refund of order %(n)d failed. Please give the money back "
                                           "by hand.", n=order.id))
        return
    if result.outcome == refunds.Outcome.DONE:
        mail.send_order_email(order, _l("Your payment for order %(n)d was returned", n=order.id),
                              [words or _l("Sorry: the items sold out before your payment arrived. All your money "
                                           "is returned.")])


def apply_event(event: Event) -> bool:
    """Apply one verified event, read by `read_event`. Returns False when it was seen before (nothing done).
    Each change of an order's state that the buyer should hear about queues one e-mail, here, so a second
    event never sends it again."""
    if db.session.get(StripeEvent, event.id) is not None:
        return False
    billing = subscription_events.prepare(event.billing) if event.billing else None  # may ask Stripe: nothing held
    try:
        with savepoint():
            db.session.add(StripeEvent(id=event.id, type=event.type))
            db.session.flush()
    except sa.exc.IntegrityError:
        return False  # the same event arrived twice at the same moment: the other copy applies it
    kind, session_object = event.type, event.object
    if billing is not None:
        subscription_events.apply(billing)
        return True
    if session_object is None:
        return True  # a type we do not act on: kept as seen, nothing else
    if kind in REFUND_EVENTS and session_object.status == "failed":
        refunds.reported_failed(session_object.id)
    order = _order_for(session_object) if kind in HANDLED else None
    if order is not None:
        # Another event of this order at the same moment (a payment and its expiry, a payment sent twice under
        # two ids) waits here for the row, then this one decides from what that one left.
        changed_rows(sa.update(Order).where(Order.id == order.id).values(status=Order.status)
                     .execution_options(synchronize_session=False))
        db.session.refresh(order)
        paid_now = False
        if kind == "checkout.session.completed" and session_object.payment_status == "paid":
            paid_now = _mark_paid(order, session_object)
        elif kind == "checkout.session.completed":
            # Completed but not paid yet (PromptPay): the hold lasts until the result arrives.
            order.stripe_payment_intent = session_object.payment_intent or order.stripe_payment_intent
            if order.status == "pending_payment":
                order.expires_at = utcnow() + ASYNC_PAYMENT_HOLD
        elif kind == "checkout.session.async_payment_succeeded":
            paid_now = _mark_paid(order, session_object)
        if paid_now:
            mail.send_order_email(order, _l("Payment received for order %(n)d", n=order.id),
                                  [_l("Thank you. Your payment is confirmed and the order is being prepared.")],
                                  documents=True)
        elif kind in ("checkout.session.async_payment_failed", "checkout.session.expired"):
            move, action = ("fail", "order.payment_failed") if kind.endswith("failed") else ("expire", "order.expired")
            if ORDER_LIFECYCLE.allows(order.status, move):  # a paid order stays paid whatever comes later
                ORDER_LIFECYCLE.apply(order, move, action=action)
                release(order)
    db.session.flush()
    return True
