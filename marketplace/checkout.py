"""Placing an order: prices from the database, stock taken with one conditional UPDATE per variant, then
Stripe Checkout (when configured) or pay on collection. Stock comes back if the order expires or is cancelled."""
from __future__ import annotations

import base64
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
import stripe
from flask import current_app
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l

from core import audit
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import User
from core.security import derived_key
from core.unit_of_work import savepoint, then
from marketplace import discounts, payments, shipping, stock, tax_invoices, variants
from marketplace.cart import CartTaken, ShopError, limit_for, sellable, take_out
from marketplace.models import (
    ORDER_LIFECYCLE,
    DiscountCode,
    HoldSlot,
    Order,
    OrderLine,
    ProductVariant,
)

log = logging.getLogger(__name__)
CHECKOUT_MINUTES = 30


@dataclass(frozen=True)
class Buyer:
    name: str
    email: str
    phone: str
    delivery: str  # pickup / shipping
    address: str
    province: str = ""  # the shipping address's province code: it decides the zone, so the price


def parcel_weight(wanted: list[tuple[ProductVariant, int]]) -> int:
    """The parcel's weight: each variant's weight times its quantity."""
    return sum(variant.weight_grams * quantity for variant, quantity in wanted)


UNPAID_HOLDS = ("pending_payment", "pay_on_collection")


def take_hold_slot(key: str, limit: int, order_id: int) -> bool:
    """One of the key's `limit` numbered places for an unpaid order that holds stock; False when all are taken.
    The primary key (key, slot) decides between checkouts at the same moment: the one that loses a number gets
    a unique violation, undone by its savepoint, and tries the next. Places of orders that no longer hold stock
    unpaid are cleared first, so no path that ends a hold has to remember to free its place. Called after the
    order's INSERT: the savepoints then sit inside the request's transaction, on SQLite too."""
    holding = sa.select(Order.id).where(Order.status.in_(UNPAID_HOLDS), Order.stock_held)
    db.session.execute(sa.delete(HoldSlot).where(HoldSlot.key == key, HoldSlot.order_id.not_in(holding))
                       .execution_options(synchronize_session=False))
    taken = set(db.session.scalars(sa.select(HoldSlot.slot).where(HoldSlot.key == key)))
    for slot in (n for n in range(1, limit + 1) if n not in taken):
        try:
            with savepoint():
                db.session.add(HoldSlot(key=key, slot=slot, order_id=order_id))
        except sa.exc.IntegrityError:
            continue  # taken at the same moment by another checkout: the next number, if any
        return True
    return False


def _hold_places(order_id: int, hold_key: str | None, session_id: str | None) -> bool:
    """A place by address (the real guard: a client that drops its cookies is a new session) and one by
    browser session, each within its limit."""
    config = current_app.config
    keys = [(f"address:{hold_key}", config["SHOP_HOLDS_PER_ADDRESS"]) if hold_key else None,
            (f"session:{session_id}"[:80], config["SHOP_HOLDS_PER_SESSION"]) if session_id else None]
    return all(take_hold_slot(key, limit, order_id) for key, limit in filter(None, keys))


def account_open(customer: User) -> bool:
    """Touch the customer's row, on condition the account is not anonymised, before anything of the order:
    the account's deletion takes the same row first (privacy.services.confirm_deletion), so the two never
    overlap. A checkout that comes first holds the row until its order is committed, and the deletion then
    finds the order and cancels it; one that comes while the deletion runs waits, then finds the account gone
    and places nothing."""
    return changed_rows(sa.update(User).where(User.id == customer.id, User.anonymised_at.is_(None))
                        .values(session_version=User.session_version)
                        .execution_options(synchronize_session=False)) == 1


def place_order(items: dict[int, int], buyer: Buyer, customer: User | None, use_stripe: bool,
                hold_key: str | None = None, session_id: str | None = None,
                locale: str | None = None, code: str | None = None,
                tax_buyer: tax_invoices.TaxBuyer | None = None, prices: dict[int, int] | None = None,
                on_invoice: bool = False, from_cart: bool = False, cart_token: str | None = None) -> Order:
    """All lines or none: if any variant runs short, nothing is taken and nothing is saved. Unpaid orders that
    hold stock are limited per address and per browser session, so nobody can empty the shop by holding.
    A discount code is checked again here and its use counted with the stock, all or nothing. `tax_buyer`:
    a full tax invoice asked for, made out to them (issued when the order is paid). `prices`: a business's
    wholesale prices by variant (marketplace/wholesale.py); `on_invoice`: its order waits for a bank transfer
    ("invoiced", no expiry and no hold place: an approved business is trusted with terms). `from_cart`: `items`
    are the signed-in customer's saved cart, taken out of it first, in this transaction (`cart.take_out`, one
    conditional DELETE of the rows as they were read): of several submits of one cart at once, one places the
    order and the others find the rows gone (CartTaken: `just_placed` finds them the order). `cart_token`: a
    guest's cart (kept in the session cookie, so every submit reads it whole): the order's token is drawn from
    it, and of several submits of one cart at once the first inserts the order and the others meet the unique
    token (CartTaken: `order_of_cart` finds them the order)."""
    if not items:
        raise ShopError(_l("Your cart is empty."))
    if customer is not None and not account_open(customer):
        raise ShopError(_l("This account has been deleted, so nothing was ordered and nothing was charged."))
    if from_cart and customer is not None and not take_out(customer, items):
        raise CartTaken()
    if buyer.delivery not in ("pickup", "shipping"):
        raise ShopError(_l("Choose pick-up or shipping."), "delivery")
    if buyer.delivery == "shipping" and len(buyer.address.strip()) < 10:
        raise ShopError(_l("Write the full address for shipping."), "address")
    limit = limit_for(customer)  # the shop's limit for anyone not an approved business now (one suspended since)
    if any(quantity > limit for quantity in items.values()):
        raise ShopError(_l("At most %(n)d of one item per order. Change the quantity in your cart.", n=limit))
    zone = shipping.zone_of(buyer.province) if buyer.delivery == "shipping" else None
    lines, wanted = [], []
    for variant_id, quantity in sorted(items.items()):  # one order of locks for every checkout
        variant = sellable(variant_id)
        wanted.append((variant, quantity))
        lines.append(OrderLine(product_id=variant.product_id, variant_id=variant.id,
                               enterprise_id=variant.product.enterprise_id, name=variants.line_name(variant),
                               unit_price_minor=(prices or {}).get(variant.id, variant.price_minor),
                               unit_discount_minor=0, quantity=quantity))
    if tax_buyer is not None:
        tax_invoices.check_buyer(tax_buyer)
        if not tax_invoices.offers_invoices({line.enterprise_id for line in lines}):
            raise ShopError(_l("No enterprise in this order issues full tax invoices."))  # said above the form
    chosen = _apply_discount(lines, code) if code else None
    subtotal = sum(line.total_minor for line in lines)
    postage = shipping.rate_for(zone, parcel_weight(wanted)) if zone else 0
    token = guest_order_token(cart_token) if cart_token else secrets.token_urlsafe(32)
    order = Order(token=token, customer_id=customer.id if customer else None,
                  name=buyer.name.strip(), email=buyer.email.strip().lower(), phone=buyer.phone.strip(),
                  delivery=buyer.delivery, lines=lines,
                  # an address typed and then left for pick-up is not kept: the shop needs it only to ship
                  address=buyer.address.strip() if zone else "", province_code=buyer.province if zone else None,
                  shipping_zone=zone,
                  status="invoiced" if on_invoice else "pending_payment" if use_stripe else "pay_on_collection",
                  payment_method="invoice" if on_invoice else "stripe" if use_stripe else "collection",
                  subtotal_minor=subtotal,
                  shipping_minor=postage, total_minor=subtotal + postage,
                  hold_key=hold_key, locale=(locale or None),
                  expires_at=None if on_invoice else utcnow() + (
                      timedelta(minutes=CHECKOUT_MINUTES) if use_stripe else
                      timedelta(hours=current_app.config["SHOP_COLLECTION_HOLD_HOURS"])),
                  discount_code_id=chosen.id if chosen else None, discount_code=chosen.code if chosen else None,
                  discount_minor=sum(line.unit_discount_minor * line.quantity for line in lines),
                  invoice_tax_id=tax_buyer.tax_id if tax_buyer else None,
                  invoice_name=tax_buyer.name if tax_buyer else "",
                  invoice_address=tax_buyer.address if tax_buyer else "",
                  invoice_branch=tax_buyer.branch if tax_buyer else "")
    try:
        with savepoint():  # a refusal below leaves nothing of this order: no row, no place, no stock taken
            db.session.add(order)
            db.session.flush()
            if not on_invoice and not _hold_places(order.id, hold_key, session_id):
                raise ShopError(_l("You already have orders waiting for payment. Pay or cancel them first."))
            for variant, quantity in wanted:  # each hold is a row of the stock ledger, naming this order
                if not stock.take(variant.id, quantity, order.id):
                    left = db.session.scalar(sa.select(ProductVariant.stock)
                                             .where(ProductVariant.id == variant.id)) or 0
                    raise ShopError(_l("Sorry, only %(n)d of \"%(name)s\" left. Change your cart and try again.",
                                       n=left, name=variants.label(variant)))
            if chosen is not None:
                discounts.reserve(order, chosen, discounts.customer_keys(order.email, customer))
    except sa.exc.IntegrityError:
        if cart_token and db.session.scalar(sa.select(Order.id).where(Order.token == token)) is not None:
            raise CartTaken() from None  # this guest cart's order, placed by another submit of it
        # A variant its manager removed (with its value) after this checkout read it as for sale.
        ids = [variant.id for variant, _quantity in wanted]
        if len(set(db.session.scalars(sa.select(ProductVariant.id).where(ProductVariant.id.in_(ids))))) < len(ids):
            raise ShopError(_l("This product is not for sale.")) from None
        raise
    audit.record("order.place", "order", order.id, actor=customer, detail={"total": order.total_minor})
    db.session.flush()
    return order


def guest_order_token(cart_token: str) -> str:
    """The token (the secret link) of the order a guest's cart becomes: a keyed hash of the cart's token, as
    long as any order's (43 characters), so the session cookie never carries the order's link and nobody
    without the site's key can work it out from the cart's."""
    digest = hmac.new(derived_key("shop guest cart order"), cart_token.encode(), "sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def order_of_cart(cart_token: str | None) -> Order | None:
    """The order a guest's cart became (another submit of it placed it), if any."""
    if not cart_token:
        return None
    return db.session.scalar(sa.select(Order).where(Order.token == guest_order_token(cart_token)))


def placed_by_this_buyer(order: Order, buyer: Buyer) -> bool:
    """Whether a guest's submit that found its cart already ordered is the same person's second click: the
    order was placed within the checkout's minutes, for the name and e-mail this submit carries. A copy of the
    guest's cookie (a shared phone, a library computer) carries the same cart, and must neither open the
    guest's order later nor send the guest to an order it placed for someone else."""
    return (order.created_at >= utcnow() - timedelta(minutes=CHECKOUT_MINUTES)
            and order.email == buyer.email.strip().lower() and order.name == buyer.name.strip())


def just_placed(customer: User | None, items: dict[int, int] | None = None) -> Order | None:
    """The order a submit of this customer's cart has just placed, still waiting to be paid and holding its
    items: what another submit of the same cart (which found the cart taken out, or already empty) is sent to.
    With `items`, an order of exactly those items."""
    if customer is None:
        return None
    recent = db.session.scalars(sa.select(Order).where(
        Order.customer_id == customer.id, Order.status.in_(UNPAID_HOLDS), Order.stock_held,
        Order.created_at >= utcnow() - timedelta(minutes=CHECKOUT_MINUTES)).order_by(Order.id.desc()).limit(5))
    return next((order for order in recent
                 if items is None or {line.variant_id: line.quantity for line in order.lines} == items), None)


def payment_page(order: Order) -> str | None:
    """Stripe's page where this unpaid order is paid (its open Checkout Session), or None: paid on collection,
    no session, or Stripe not answering (the order's own page then)."""
    if order.payment_method != "stripe" or not order.stripe_session_id or not payments.configured():
        return None
    try:
        return payments.checkout_session_url(order.stripe_session_id)
    except stripe.StripeError as error:
        log.warning("order %s: Stripe's page not found again (%s)", order.id, error)
        return None


def _apply_discount(lines: list[OrderLine], code: str) -> DiscountCode:
    """Each line's price of one becomes its price after the discount, rounded per unit (marketplace.discounts):
    what Stripe is sent and what a refund gives back."""
    seen = [discounts.Line(line.unit_price_minor, line.quantity, line.enterprise_id) for line in lines]
    chosen = discounts.usable(code, seen)
    for line, off in zip(lines, discounts.discount_for(chosen, seen), strict=True):
        line.unit_discount_minor = off
        line.unit_price_minor -= off
    return chosen


def shipping_line_name(order: Order) -> str:
    """The postage line as the buyer reads it on Stripe's page and in their bank's list: which zone it is for, in
    the language they ordered in."""
    zone = shipping.ZONE_LABELS.get(order.shipping_zone or "")
    with force_locale(order.locale or "en"):
        return gettext("Shipping: %(zone)s", zone=str(zone)) if zone else gettext("Shipping")


def checkout_params(order: Order, success_url: str, cancel_url: str) -> dict:
    line_items = [{"quantity": line.quantity, "price_data": {
        "currency": order.currency.lower(), "unit_amount": line.unit_price_minor,
        "product_data": {"name": line.name}}} for line in order.lines]
    if order.shipping_minor:
        line_items.append({"quantity": 1, "price_data": {"currency": order.currency.lower(),
                                                          "unit_amount": order.shipping_minor,
                                                          "product_data": {"name": shipping_line_name(order)}}})
    return {
        "mode": "payment", "line_items": line_items, "success_url": success_url, "cancel_url": cancel_url,
        "client_reference_id": str(order.id), "metadata": {"order_id": str(order.id)},
        "payment_intent_data": {"metadata": {"order_id": str(order.id)}},
        "customer_email": order.email, "payment_method_types": ["card", "promptpay"],
        "expires_at": int((order.expires_at or utcnow() + timedelta(minutes=CHECKOUT_MINUTES)).timestamp()),
    }


def open_checkout(order: Order, success_url: str, cancel_url: str) -> str:
    """Create the hosted Checkout Session; if Stripe cannot be reached, the order is cancelled and stock
    comes back, so nothing is held for a payment that cannot happen."""
    try:
        session = payments.create_checkout_session(checkout_params(order, success_url, cancel_url),
                                                   idempotency_key=f"checkout-{order.token}")
    except stripe.StripeError as error:
        log.exception("could not create a Checkout Session for order %s", order.id)
        cancel_unpaid(order, "checkout_unavailable")
        raise ShopError(_l("Card payment is not available right now. Nothing was charged; please try again.")) \
            from error
    order.stripe_session_id = session.id
    db.session.flush()
    return session.url


def expire_at_stripe(session_ids: list[str]) -> None:
    """Once the current transaction is committed, the open Checkout Sessions of orders or subscriptions that
    were just given up (an account deleted) are expired at Stripe, so their pages no longer take a payment.
    Asked once, with no transaction open: a session Stripe does not expire now (no answer, or it was paid that
    very moment) ends by itself within its time, and a payment that comes for it anyway is given back by the
    webhook (the order, or the subscription, is cancelled)."""
    if not session_ids or not payments.configured():
        return

    def ask() -> None:
        for session_id in session_ids:
            try:
                payments.expire_checkout_session(session_id, idempotency_key=f"expire-{session_id}-"
                                                                            f"{secrets.token_hex(6)}")
            except stripe.StripeError as error:
                log.warning("Checkout Session %s not expired at Stripe (%s): a payment on it is given back",
                            session_id, error)
    then(ask)


def release(order: Order) -> None:
    """The order no longer holds anything: its stock and its discount code's use come back (in the order a
    checkout takes them, variants before the code, so the two never wait for each other)."""
    if order.stock_held:
        for line in order.lines:
            stock.give_back(line.variant_id, line.quantity - line.refunded_quantity, "release", order.id)
        order.stock_held = False
    discounts.give_back(order)


def take_back_all(order: Order) -> bool:
    """An order whose hold had ended is paid after all: take each line's stock again, all lines or none."""
    taken: list[OrderLine] = []
    for line in order.lines:
        if line.variant_id is None or not stock.take(line.variant_id, line.quantity, order.id):
            for done in taken:
                stock.give_back(done.variant_id, done.quantity, "release", order.id)
            return False
        taken.append(line)
    discounts.take_again(order)
    return True


def cancel_unpaid(order: Order, reason: str) -> None:
    event = "expire" if reason == "expired" else "cancel"
    ORDER_LIFECYCLE.apply(order, event, action=f"order.{'expired' if event == 'expire' else 'cancelled'}",
                          detail={"reason": reason})
    release(order)
    db.session.flush()


def expire_stale_orders(now: datetime | None = None) -> int:
    """Scheduled: the safety net behind the `checkout.session.expired` webhook, and the end of the hold of a
    pay-on-collection order nobody came for."""
    cutoff = (now or utcnow()) - timedelta(minutes=5)
    stale = db.session.scalars(sa.select(Order).where(Order.status.in_(ORDER_LIFECYCLE.sources("expire")),
                                                      Order.expires_at < cutoff)).all()
    for order in stale:
        cancel_unpaid(order, "expired")
    uncollected = db.session.scalars(sa.select(Order).where(Order.status == "pay_on_collection",
                                                            Order.expires_at < (now or utcnow()))).all()
    for order in uncollected:
        cancel_unpaid(order, "not_collected")
    return len(stale) + len(uncollected)
