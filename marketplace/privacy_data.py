"""What the shop keeps about a customer, for their download and for anonymising (amounts stay for accounts)."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core.extensions import db
from core.labels import Field
from core.models import User
from core.unit_of_work import then
from marketplace import checkout, refunds
from marketplace.models import CartItem, Order, OrderLine, Shipment
from marketplace.subscription_privacy import ask_refunds
from privacy.services import DataSection

FIELDS = {
    "order": Field(_l("Order number")), "status": Field(_l("Where it stands"), "order_status"),
    "total_minor": Field(_l("Total"), "satang"), "name": Field(_l("Name")), "email": Field(_l("E-mail")),
    "phone": Field(_l("Phone")), "address": Field(_l("Address")),
    "province": Field(_l("Province of the address")), "tracking": Field(_l("Tracking number")),
    "created_at": Field(_l("Ordered on"), "moment"),
    "invoice_name": Field(_l("Name on the tax invoice (person or company)")),
    "invoice_address": Field(_l("Address on the tax invoice")), "invoice_tax_id": Field(_l("Tax ID (13 digits)")),
}


def export_orders(user: User) -> list[dict]:
    rows = db.session.scalars(sa.select(Order).where(Order.customer_id == user.id)).all()
    return [{"order": o.id, "status": o.status, "total_minor": o.total_minor, "name": o.name, "email": o.email,
             "phone": o.phone, "address": o.address, "province": o.province_code or "",
             "tracking": ", ".join(p.tracking_number for p in o.shipments), "created_at": o.created_at,
             "invoice_name": o.invoice_name, "invoice_address": o.invoice_address,
             "invoice_tax_id": o.invoice_tax_id or ""} for o in rows]


def anonymise_orders(user: User):
    """Tax invoices and credit notes already issued keep their copy of the buyer: the Revenue Code has them kept.
    A parcel's tracking number leads to the address on the carrier's page: it goes too (the zone stays, with
    the shipping it priced). A card order still waiting on Stripe's page is cancelled (its items back on sale)
    and its Checkout Session expired at Stripe once the deletion is committed: nobody could receive it. A paid
    card order that has not left cannot reach anyone either: it is given back in full (`give_back_not_sent`).
    Returns what staff confirming the deletion are told: how many orders were given back, or None."""
    waiting = db.session.scalars(sa.select(Order).where(Order.customer_id == user.id,
                                                        Order.status == "pending_payment")).all()
    for order in waiting:
        checkout.cancel_unpaid(order, "account_deleted")
    checkout.expire_at_stripe([order.stripe_session_id for order in waiting if order.stripe_session_id])
    given_back = give_back_not_sent(user)
    theirs = sa.select(Order.id).where(Order.customer_id == user.id)
    db.session.execute(sa.update(Shipment).where(Shipment.order_id.in_(theirs)).values(tracking_number="")
                       .execution_options(synchronize_session=False))
    db.session.execute(sa.update(Order).where(Order.customer_id == user.id).values(
        name="—", email="", phone="", address="", province_code=None, invoice_name="", invoice_address="",
        invoice_tax_id=None, invoice_branch=""))
    db.session.execute(sa.delete(CartItem).where(CartItem.user_id == user.id))
    if given_back:
        return _l("Paid orders not sent yet, refunded in full and cancelled (their items back in stock once "
                  "Stripe confirms): %(n)d.", n=len(given_back))
    return None


def give_back_not_sent(user: User) -> list[tuple[int, int]]:
    """At the account's deletion: each paid card order of the customer that has not left (every line still to
    pack or packed; lines already cancelled or refunded aside) is given back in full, as the undelivered
    deliveries of a subscription are (`subscription_privacy._give_back_undelivered`). The refund is reserved in
    the deletion's transaction (`refunds.reserve_in_full`: one refund per order, however often asked) and asked
    of Stripe once the deletion is committed, and again by the refund job if Stripe does not answer; Stripe's yes
    refunds every line, puts its items back in stock and closes the order. Returns (order, refund) ids."""
    left = sa.exists().where(OrderLine.order_id == Order.id,
                             OrderLine.status.not_in(("open", "packed", "cancelled", "refunded")))
    paid = db.session.scalars(sa.select(Order).where(Order.customer_id == user.id, Order.status == "paid", ~left)
                              .order_by(Order.id)).all()
    reserved = [(order.id, refunds.reserve_in_full(order, "account_deleted")) for order in paid]
    given_back = [(order_id, refund_id) for order_id, refund_id in reserved if refund_id is not None]
    if given_back:
        then(lambda: ask_refunds(given_back))
    return given_back


def sections() -> list[DataSection]:
    return [DataSection("shop_orders", _l("Your orders"), export_orders, anonymise_orders, fields=FIELDS,
                        about_title=_l("Orders"))]
