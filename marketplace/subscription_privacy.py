"""A customer's subscriptions in their data download, and what becomes of them when their account goes: each one
Stripe may still charge is cancelled here at once and owed a cancellation at Stripe (now, not at the period's
end), asked as soon as the deletion is committed and again by the `shop.cancel_subscriptions_at_stripe` job until
Stripe has it; the contact and address are cleared; the rows stay, without the person, for the enterprise's
figures. A payment Stripe takes meanwhile is given back by the webhook (marketplace/subscription_events.py: a
subscription whose customer is gone must not go on)."""
from __future__ import annotations

import logging
import secrets
from datetime import timedelta

import sqlalchemy as sa
import stripe
from flask_babel import lazy_gettext as _l

from core.db import utcnow
from core.extensions import changed_rows, db
from core.labels import Field
from core.models import User
from core.unit_of_work import short_transaction, then
from marketplace import checkout, fulfilment, payments, refunds
from marketplace.cart import ShopError
from marketplace.models import Order, OrderLine
from marketplace.subscription_models import (
    INTERVALS,
    LIVE,
    SUBSCRIPTION_LIFECYCLE,
    Subscription,
    SubscriptionDelivery,
)
from privacy.services import DataSection

log = logging.getLogger(__name__)

SUBSCRIPTION_STATUS = {
    "pending": _l("Waiting for Stripe to confirm"), "active": _l("Active"), "paused": _l("Paused"),
    "past_due": _l("Payment late"), "cancelled": _l("Cancelled"), "expired": _l("Not completed"),
}
REQUESTED_CHANGE = {"pause": _l("pausing"), "resume": _l("resuming"),
                    "cancel": _l("cancelling at the end of the paid period")}
CODE_LISTS = {"subscription_status": SUBSCRIPTION_STATUS,
              "subscription_interval": {code: interval.label for code, interval in INTERVALS.items()}}

FIELDS = {
    "subscription": Field(_l("Subscription number")), "product": Field(_l("Product")),
    "quantity": Field(_l("Quantity"), "number"), "interval": Field(_l("How often"), "subscription_interval"),
    "status": Field(_l("Where it stands"), "subscription_status"),
    "per_delivery_minor": Field(_l("Each delivery"), "satang"), "name": Field(_l("Name")),
    "email": Field(_l("E-mail")), "phone": Field(_l("Phone")), "address": Field(_l("Address")),
    "province": Field(_l("Province of the address")), "created_at": Field(_l("Subscribed on"), "moment"),
}


def export_subscriptions(user: User) -> list[dict]:
    rows = db.session.scalars(sa.select(Subscription).where(Subscription.customer_id == user.id)
                              .order_by(Subscription.id)).all()
    return [{"subscription": s.id, "product": s.name, "quantity": s.quantity, "interval": s.interval,
             "status": s.status, "per_delivery_minor": s.per_delivery_minor, "name": s.contact_name,
             "email": s.email, "phone": s.phone, "address": s.address, "province": s.province_code or "",
             "created_at": s.created_at} for s in rows]


def anonymise_subscriptions(user: User) -> None:
    """Never held up by Stripe: each subscription Stripe may still charge is cancelled here and owed its
    cancellation at Stripe (`owing()`), asked once the deletion is committed (no transaction is open
    while Stripe answers) and again by the job until Stripe has it. The rows are held first, so a renewal's
    webhook applying at this moment finishes before (its order is then the deletion's to give back) or waits
    and finds the customer gone."""
    changed_rows(sa.update(Subscription).where(Subscription.customer_id == user.id)
                 .values(status=Subscription.status).execution_options(synchronize_session=False))
    theirs = db.session.scalars(sa.select(Subscription).where(Subscription.customer_id == user.id)
                                .execution_options(populate_existing=True)).all()
    undelivered = _give_back_undelivered([subscription.id for subscription in theirs])
    owed, open_pages = [], []
    for subscription in theirs:
        at_stripe = subscription.status in (*LIVE, "pending") and subscription.stripe_subscription_id
        if subscription.status == "pending" and subscription.stripe_session_id and not at_stripe:
            open_pages.append(subscription.stripe_session_id)  # still on Stripe's page: it can no longer pay
        if SUBSCRIPTION_LIFECYCLE.allows(subscription.status, "cancel"):
            SUBSCRIPTION_LIFECYCLE.apply(subscription, "cancel", action="subscription.cancelled_with_account")
        subscription.requested_change, subscription.requested_at = ("cancel" if at_stripe else None), None
        subscription.contact_name, subscription.email, subscription.phone = "—", "", ""
        subscription.address, subscription.province_code = "", None
        subscription.customer_id = None
        if at_stripe:
            owed.append(subscription.id)
    db.session.flush()
    if owed:
        then(lambda: cancel_owed(owed, older_than=timedelta(0)))
    checkout.expire_at_stripe(open_pages)
    if undelivered:
        then(lambda: ask_refunds(undelivered))


def _give_back_undelivered(subscription_ids: list[int]) -> list[tuple[int, int]]:
    """The deliveries of these subscriptions that are paid and have not left yet (every item still to pack, or
    packed) cannot reach anyone once the account is gone: each is given back in full, its items restocked,
    through the refund path, reserved now and asked of Stripe once the deletion is committed. Among them a
    renewal whose webhook applied a moment before the deletion held the subscriptions. Returns (order, refund)
    ids."""
    if not subscription_ids:
        return []
    left = sa.exists().where(OrderLine.order_id == Order.id, OrderLine.status.not_in(("open", "packed")))
    waiting = db.session.scalars(
        sa.select(Order).join(SubscriptionDelivery, SubscriptionDelivery.order_id == Order.id)
        .where(SubscriptionDelivery.subscription_id.in_(subscription_ids), Order.status == "paid", ~left)
        .order_by(Order.id)).all()
    reserved = [(order.id, refunds.reserve_in_full(order, "account_deleted")) for order in waiting]
    return [(order_id, refund_id) for order_id, refund_id in reserved if refund_id is not None]


def ask_refunds(reserved: list[tuple[int, int]]) -> None:
    """After the deletion's commit: each reserved refund asked of Stripe. A refusal leaves the order paid with
    nobody to send it to: its managers are told to give the money back by hand (a refund left without an answer
    is the refund job's)."""
    for order_id, refund_id in reserved:
        try:
            refunds.ask(refund_id)
        except ShopError:
            fulfilment.tell_managers(db.session.get_one(Order, order_id), _l(
                "The automatic refund of order %(n)d failed. Please give the money back by hand.", n=order_id))


# --- cancellations owed to Stripe ------------------------------------------------------------------------------

CLAIM_EXPIRES = timedelta(minutes=5)  # an attempt is asked again after this, whatever became of it


def owing():
    """Subscriptions cancelled here whose cancellation at Stripe is not confirmed yet: `requested_change` is
    "cancel" on a cancelled subscription (Stripe's `customer.subscription.deleted`, or our call's answer,
    clears it)."""
    return (Subscription.status == "cancelled", Subscription.requested_change == "cancel",
            Subscription.stripe_subscription_id.is_not(None))


def cancel_owed(ids: list[int] | None = None, older_than: timedelta = CLAIM_EXPIRES) -> int:
    """Scheduled (`shop.cancel_subscriptions_at_stripe`), and right after a deletion commits (those `ids`): ask
    Stripe to cancel each subscription owed a cancellation, as the outbox sends a message: claimed by one
    conditional UPDATE in a short transaction of its own, asked with no transaction open under a key of its own
    attempt (Stripe keeps an error under its key: the same key would get the same error for a day; cancelling
    twice is harmless), and settled in a third. Returns how many Stripe confirmed."""
    query = sa.select(Subscription.id).where(*owing()).order_by(Subscription.id).limit(100)
    if ids is not None:
        query = query.where(Subscription.id.in_(ids))
    with short_transaction():
        due = db.session.scalars(query).all()
    if due and not payments.configured():
        log.error("%d subscriptions are owed a cancellation at Stripe, and Stripe is not set up on this site now: "
                  "they are asked once it is", len(due))
        return 0
    return sum(_cancel_one(subscription_id, older_than) for subscription_id in due)


def _cancel_one(subscription_id: int, older_than: timedelta) -> bool:
    now = utcnow()
    with short_transaction():
        if changed_rows(sa.update(Subscription).where(
                Subscription.id == subscription_id, *owing(),
                sa.or_(Subscription.requested_at.is_(None), Subscription.requested_at <= now - older_than))
                .values(requested_at=now).execution_options(synchronize_session=False)) != 1:
            return False  # asked by another runner a moment ago, or confirmed meanwhile
        stripe_id = db.session.scalar(sa.select(Subscription.stripe_subscription_id)
                                      .where(Subscription.id == subscription_id)) or ""
    try:
        payments.cancel_subscription(stripe_id, idempotency_key=f"subscription-{subscription_id}-account-deleted-"
                                                                f"{secrets.token_hex(6)}")
    except stripe.StripeError as error:
        if not payments.already_cancelled(error):
            log.warning("subscription %s: Stripe did not cancel %s yet (%s); asked again later", subscription_id,
                        stripe_id, error)
            return False
    with short_transaction():
        changed_rows(sa.update(Subscription).where(Subscription.id == subscription_id, *owing())
                     .values(requested_change=None, requested_at=None).execution_options(synchronize_session=False))
    return True


def sections() -> list[DataSection]:
    return [DataSection("shop_subscriptions", _l("Your subscriptions"), export_subscriptions,
                        anonymise_subscriptions, fields=FIELDS, about_title=_l("Subscriptions"))]
