"""Subscriptions ("a bag every month"): which products offer them and how often, each customer's subscription
as Stripe Billing keeps it, one order per paid Stripe invoice, and the Stripe Products and Prices we made.

A subscription's status mirrors Stripe's (it changes only through verified webhooks, marketplace/
subscription_events.py); a change the customer asked for waits in `requested_change` until Stripe confirms it.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import UTCDateTime, utcnow
from core.extensions import db
from core.states import Lifecycle
from marketplace.models import Enterprise, ProductVariant


@dataclass(frozen=True)
class Interval:
    unit: str  # Stripe's recurring.interval
    count: int  # Stripe's recurring.interval_count
    label: object  # a lazy translated string


# The few rhythms a shop offers; the manager ticks which of them each product has.
INTERVALS = {
    "2weeks": Interval("week", 2, _l("Every 2 weeks")),
    "month": Interval("month", 1, _l("Every month")),
    "2months": Interval("month", 2, _l("Every 2 months")),
}


class SubscriptionState(enum.StrEnum):
    PENDING = "pending"  # the customer went to Stripe's page
    ACTIVE = "active"
    PAUSED = "paused"  # Stripe's pause_collection: its invoices are void, nothing is charged or delivered
    PAST_DUE = "past_due"  # a payment failed; Stripe tries again
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # the customer never finished on Stripe's page


_S = SubscriptionState
# A subscription's life as Stripe reports it: every move comes from a verified webhook
# (marketplace/subscription_events.py), named by where Stripe says it is now; cancelled and expired are final.
# A customer's pause, resume or cancel is only asked of Stripe: it waits in `requested_change` until then.
SUBSCRIPTION_LIFECYCLE = Lifecycle("subscription", SubscriptionState, {
    **{(state, "activate"): _S.ACTIVE for state in (_S.PENDING, _S.PAUSED, _S.PAST_DUE)},
    **{(state, "pause"): _S.PAUSED for state in (_S.ACTIVE, _S.PAST_DUE)},
    **{(state, "fall_behind"): _S.PAST_DUE for state in (_S.ACTIVE, _S.PAUSED)},
    (_S.PENDING, "expire"): _S.EXPIRED,
    **{(state, "cancel"): _S.CANCELLED for state in (_S.PENDING, _S.ACTIVE, _S.PAUSED, _S.PAST_DUE)},
}, record_type="subscription")
CHANGES = ("pause", "resume", "cancel")  # what a customer may ask of Stripe from their account
LIVE = ("active", "paused", "past_due")  # Stripe may still charge: cancelled at Stripe when the account goes


class SubscriptionPlan(db.Model):
    """A product its manager offers by subscription, and how often (INTERVALS' codes, comma-separated)."""

    __tablename__ = "subscription_plans"

    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    intervals: Mapped[str] = mapped_column(sa.String(60))

    @property
    def codes(self) -> list[str]:
        return [code for code in INTERVALS if code in self.intervals.split(",")]


class Subscription(db.Model):
    """One customer's repeated delivery of one variant: what, how often, where to, and Stripe's ids. Written
    as "pending" when the customer goes to Stripe's page; Stripe's events make it active and keep it in step."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        sa.CheckConstraint(SUBSCRIPTION_LIFECYCLE.check_constraint(), name="status_known"),
        sa.CheckConstraint(f"interval IN {tuple(INTERVALS)!r}", name="interval_known"),
        sa.CheckConstraint("requested_change IS NULL OR requested_change IN ('pause', 'resume', 'cancel')",
                           name="change_known"),
        sa.CheckConstraint("delivery IN ('pickup', 'shipping')", name="delivery_known"),
        sa.CheckConstraint("quantity > 0 AND unit_price_minor >= 0 AND shipping_minor >= 0", name="figures_sensible"),
        # the manager's list: an enterprise's subscriptions in a state, newest first, a page at a time
        sa.Index("ix_subscriptions_enterprise_status_id", "enterprise_id", "status", "id"),
        sa.Index("ix_subscriptions_customer", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    enterprise_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprises.id", ondelete="RESTRICT"))
    variant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("product_variants.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(sa.String(160))  # the product and its values, as subscribed
    quantity: Mapped[int] = mapped_column()
    interval: Mapped[str] = mapped_column(sa.String(10))
    unit_price_minor: Mapped[int] = mapped_column()  # one item, each delivery, as Stripe's Price says
    shipping_minor: Mapped[int] = mapped_column(default=0)  # each delivery
    currency: Mapped[str] = mapped_column(sa.String(3), default="THB")
    # Who receives it and where: each delivery's order is made out from these.
    contact_name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254))
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    delivery: Mapped[str] = mapped_column(sa.String(10))
    address: Mapped[str] = mapped_column(sa.Text, default="")
    province_code: Mapped[str | None] = mapped_column(sa.String(2))
    shipping_zone: Mapped[str | None] = mapped_column(sa.String(20))
    locale: Mapped[str | None] = mapped_column(sa.String(5))  # the language of its e-mails
    status: Mapped[str] = mapped_column(sa.String(12), default="pending", index=True)
    cancel_at_period_end: Mapped[bool] = mapped_column(default=False)
    current_period_end: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Asked of Stripe by the customer, not yet confirmed by its webhook: the page says "waiting". On a cancelled
    # subscription, "cancel" is a cancellation at Stripe still owed since its account was deleted
    # (marketplace/subscription_privacy.py asks it until Stripe confirms).
    requested_change: Mapped[str | None] = mapped_column(sa.String(10))
    requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    stripe_session_id: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    stripe_subscription_id: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    stripe_customer_id: Mapped[str | None] = mapped_column(sa.String(255))
    # The `created` second of the last subscription event applied: an older one arriving late is ignored.
    stripe_seen_at: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    enterprise: Mapped[Enterprise] = relationship()
    variant: Mapped[ProductVariant | None] = relationship()

    @property
    def per_delivery_minor(self) -> int:
        return self.unit_price_minor * self.quantity + self.shipping_minor


class SubscriptionDelivery(db.Model):
    """A paid Stripe invoice of a subscription and the order it made: the invoice's id is the key, so a
    replayed or late event never makes a second order. `skipped`: the stock was out, the money given back."""

    __tablename__ = "subscription_deliveries"

    stripe_invoice_id: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    subscription_id: Mapped[int] = mapped_column(sa.ForeignKey("subscriptions.id", ondelete="CASCADE"), index=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id", ondelete="CASCADE"), unique=True)
    skipped: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StripeCatalogueEntry(db.Model):
    """A Stripe Product or Price we made, by what it stands for ("price:variant:12:month:32000:thb"): the key
    lets one row exist, and `nonce` is the current attempt's idempotency key, which every caller uses, so two
    customers subscribing at once get one Price. After an error Stripe answered (and keeps under that key) it
    moves to the next attempt ("…~2": marketplace.subscriptions.remembered). `stripe_id` is empty until Stripe
    has made it."""

    __tablename__ = "stripe_catalogue"

    key: Mapped[str] = mapped_column(sa.String(120), primary_key=True)
    nonce: Mapped[str] = mapped_column(sa.String(43))
    stripe_id: Mapped[str | None] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
