"""Stripe webhooks: verified on the raw body, each event applied once, in any order.

An order becomes paid only here: `checkout.session.completed` with payment_status "paid", or
`checkout.session.async_payment_succeeded` (PromptPay). The event id is stored in the same transaction as its
effect, so a replay or a duplicate does nothing the second time.
"""
from __future__ import annotations

import logging

import sqlalchemy as sa

from core import audit
from core.db import utcnow
from core.extensions import db
from core.numbers import record_id
from marketplace import fulfilment
from marketplace.checkout import release, take_stock
from marketplace.models import Order, StripeEvent

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


def order_for_event(event) -> Order | None:
    event = event.to_dict() if hasattr(event, "to_dict") else event
    return _order_for(event["data"]["object"])


def _mark_paid(order: Order, session_object) -> None:
    if order.status == "paid":
        return
    if not order.stock_held:
        # The session expired first (events out of order), and the money came after all: take the stock back
        # if it is still there; otherwise the manager sees the order and refunds what cannot be sent.
        short = [line for line in order.lines
                 if line.product_id is None or not take_stock(line.product_id, line.quantity)]
        if short:
            log.warning("order %s paid after expiry; %d lines could not be re-stocked", order.id, len(short))
        order.stock_held = True
    order.status = "paid"
    order.paid_at = utcnow()
    order.stripe_payment_intent = session_object.get("payment_intent") or order.stripe_payment_intent
    audit.record("order.paid", "order", order.id)


def apply_event(event) -> bool:
    """Apply one verified event. Returns False when it was seen before (nothing done)."""
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
        fulfilment.refund_reported_failed(session_object["id"])
    order = _order_for(session_object) if kind in HANDLED else None
    if order is not None:
        if kind == "checkout.session.completed" and session_object.get("payment_status") == "paid":
            _mark_paid(order, session_object)
        elif kind == "checkout.session.completed":
            order.stripe_payment_intent = session_object.get("payment_intent") or order.stripe_payment_intent
        elif kind == "checkout.session.async_payment_succeeded":
            _mark_paid(order, session_object)
        elif kind in ("checkout.session.async_payment_failed", "checkout.session.expired"):
            if order.status == "pending_payment":
                release(order)
                order.status = "payment_failed" if kind.endswith("failed") else "expired"
                audit.record(f"order.{order.status}", "order", order.id)
    db.session.flush()
    return True
