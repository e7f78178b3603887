"""Stripe webhooks: verified on the raw body, each event applied once, in any order.

An order becomes paid only here: `checkout.session.completed` with payment_status "paid", or
`checkout.session.async_payment_succeeded` (PromptPay). The event id is stored in the same transaction as its
effect, so a replay or a duplicate does nothing the second time.
"""
from __future__ import annotations

import logging
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core.db import utcnow
from core.extensions import db
from core.numbers import record_id
from marketplace import fulfilment, mail, refunds
from marketplace.cart import ShopError
from marketplace.checkout import release, take_back_all
from marketplace.models import ORDER_LIFECYCLE, Order, StripeEvent

log = logging.getLogger(__name__)
HANDLED = ("checkout.session.completed", "checkout.session.async_payment_succeeded",
           "checkout.session.async_payment_failed", "checkout.session.expired")
REFUND_EVENTS = ("refund.failed", "refund.updated", "charge.refund.updated")  # object: the refund


def _order_for(session_object) -> Order | None:
    order_id = (session_object.get("metadata") or {}).get("order_id") or session_object.get("client_reference_id")
    order_id = record_id(order_id)
    if order_id is None:
        return None
    order = db.session.get(Order, order_id)
    if order is None or (order.stripe_session_id and order.stripe_session_id != session_object.get("id")):
        return None  # not ours, or a different session than the one we opened
    return order


PAYABLE = tuple(ORDER_LIFECYCLE.sources("pay"))  # states a verified payment may move to paid
ASYNC_PAYMENT_HOLD = timedelta(days=2)  # PromptPay and other delayed methods: the hold waits for their result


def _amount_matches(order: Order, session_object) -> bool:
    return (session_object.get("amount_total") == order.total_minor
            and str(session_object.get("currency") or "").lower() == order.currency.lower())


def _mark_paid(order: Order, session_object) -> bool:
    """Apply a verified payment. True when this event moved the order to paid (and so the buyer is told)."""
    if order.status not in PAYABLE:
        return False  # paid already, or a state a payment cannot change (refunded, cancelled…): nothing twice
    order.stripe_payment_intent = session_object.get("payment_intent") or order.stripe_payment_intent
    if not _amount_matches(order, session_object):
        ORDER_LIFECYCLE.apply(order, "mismatch", action="order.payment_mismatch",
                              detail={"amount": session_object.get("amount_total"),
                                      "currency": session_object.get("currency")})
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
    return True


def _give_all_back(order: Order) -> None:
    """Paid for stock that is gone: all the money back through the refund path, once (its intent is the
    order's own); if Stripe refuses, the managers and staff are told to give it back by hand."""
    try:
        result = refunds.refund_in_full(order, None, "stock_gone_after_expiry", intent=f"auto-{order.token}")
    except ShopError:
        fulfilment.tell_managers(order, _l("The automatic refund of order %(n)d failed. Please give the money back "
                                           "by hand.", n=order.id))
        return
    if result.outcome == refunds.Outcome.DONE:
        mail.send_order_email(order, _l("Your payment for order %(n)d was returned", n=order.id),
                              [_l("Sorry: the items sold out before your payment arrived. All your money is "
                                  "returned.")])


def apply_event(event) -> bool:
    """Apply one verified event. Returns False when it was seen before (nothing done). Each change of an
    order's state that the buyer should hear about queues one e-mail, here, so a second event never sends it
    again."""
    event = event.to_dict() if hasattr(event, "to_dict") else event  # the library's objects are not dicts
    if db.session.get(StripeEvent, event["id"]) is not None:
        return False
    db.session.add(StripeEvent(id=event["id"], type=event["type"]))
    try:
        db.session.flush()
    except sa.exc.IntegrityError:
        db.session.rollback()  # the same event arrived twice at the same moment: the other copy applies it
        return False
    kind, session_object = event["type"], event["data"]["object"]
    if kind in REFUND_EVENTS and session_object.get("status") == "failed" and session_object.get("id"):
        refunds.reported_failed(session_object["id"])
    order = _order_for(session_object) if kind in HANDLED else None
    if order is not None:
        paid_now = False
        if kind == "checkout.session.completed" and session_object.get("payment_status") == "paid":
            paid_now = _mark_paid(order, session_object)
        elif kind == "checkout.session.completed":
            # Completed but not paid yet (PromptPay): the hold lasts until the result arrives.
            order.stripe_payment_intent = session_object.get("payment_intent") or order.stripe_payment_intent
            if order.status == "pending_payment":
                order.expires_at = utcnow() + ASYNC_PAYMENT_HOLD
        elif kind == "checkout.session.async_payment_succeeded":
            paid_now = _mark_paid(order, session_object)
        if paid_now:
            mail.send_order_email(order, _l("Payment received for order %(n)d", n=order.id),
                                  [_l("Thank you. Your payment is confirmed and the order is being prepared.")])
        elif kind in ("checkout.session.async_payment_failed", "checkout.session.expired"):
            event, action = ("fail", "order.payment_failed") if kind.endswith("failed") else ("expire", "order.expired")
            if ORDER_LIFECYCLE.allows(order.status, event):  # a paid order stays paid whatever comes later
                ORDER_LIFECYCLE.apply(order, event, action=action)
                release(order)
    db.session.flush()
    return True
