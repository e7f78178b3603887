"""A customer's subscriptions in their data download, and what becomes of them when their account goes: each
one Stripe may still charge is cancelled at Stripe first (now, not at the period's end), then the contact and
address are cleared; the rows stay, without the person, for the enterprise's figures."""
from __future__ import annotations

import logging

import sqlalchemy as sa
import stripe
from flask_babel import lazy_gettext as _l

from core.extensions import db
from core.labels import Field
from core.models import User
from marketplace import payments
from marketplace.subscription_models import INTERVALS, LIVE, SUBSCRIPTION_LIFECYCLE, Subscription
from privacy.services import DataSection, PrivacyError

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
    """Stripe stops charging first: if it cannot be asked now, nothing of the deletion happens (the whole
    deletion is one transaction) and staff try again later."""
    theirs = db.session.scalars(sa.select(Subscription).where(Subscription.customer_id == user.id)).all()
    for subscription in theirs:
        if subscription.status in (*LIVE, "pending") and subscription.stripe_subscription_id:
            if not payments.configured():
                raise PrivacyError(_l("This customer has a subscription at Stripe, and card payments are not set "
                                      "up on this site now: it cannot be cancelled, so the account cannot be "
                                      "deleted yet."))
            try:
                payments.cancel_subscription(subscription.stripe_subscription_id,
                                             idempotency_key=f"subscription-{subscription.id}-account-deleted")
            except stripe.InvalidRequestError as error:
                if error.http_status != 404 and "cancel" not in str(error).lower():
                    raise PrivacyError(_l("Stripe did not cancel this customer's subscription. Nothing was "
                                          "deleted; please try again later.")) from error
            except stripe.StripeError as error:
                log.warning("subscription %s not cancelled at Stripe: %s", subscription.id, error)
                raise PrivacyError(_l("Stripe did not cancel this customer's subscription. Nothing was deleted; "
                                      "please try again later.")) from error
        if SUBSCRIPTION_LIFECYCLE.allows(subscription.status, "cancel"):
            SUBSCRIPTION_LIFECYCLE.apply(subscription, "cancel", action="subscription.cancelled_with_account")
        subscription.contact_name, subscription.email, subscription.phone = "—", "", ""
        subscription.address, subscription.province_code = "", None
        subscription.requested_change, subscription.requested_at = None, None
        subscription.customer_id = None
    db.session.flush()


def sections() -> list[DataSection]:
    return [DataSection("shop_subscriptions", _l("Your subscriptions"), export_subscriptions,
                        anonymise_subscriptions, fields=FIELDS, about_title=_l("Subscriptions"))]
