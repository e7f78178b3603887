"""What the shop keeps about a customer, for their download and for anonymising (amounts stay for accounts)."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core.extensions import db
from core.labels import Field
from core.models import User
from marketplace import checkout
from marketplace.models import CartItem, Order, Shipment
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


def anonymise_orders(user: User) -> None:
    """Tax invoices and credit notes already issued keep their copy of the buyer: the Revenue Code has them kept.
    A parcel's tracking number leads to the address on the carrier's page: it goes too (the zone stays, with
    the shipping it priced). A card order still waiting on Stripe's page is cancelled (its items back on sale)
    and its Checkout Session expired at Stripe once the deletion is committed: nobody could receive it."""
    waiting = db.session.scalars(sa.select(Order).where(Order.customer_id == user.id,
                                                        Order.status == "pending_payment")).all()
    for order in waiting:
        checkout.cancel_unpaid(order, "account_deleted")
    checkout.expire_at_stripe([order.stripe_session_id for order in waiting if order.stripe_session_id])
    theirs = sa.select(Order.id).where(Order.customer_id == user.id)
    db.session.execute(sa.update(Shipment).where(Shipment.order_id.in_(theirs)).values(tracking_number="")
                       .execution_options(synchronize_session=False))
    db.session.execute(sa.update(Order).where(Order.customer_id == user.id).values(
        name="—", email="", phone="", address="", province_code=None, invoice_name="", invoice_address="",
        invoice_tax_id=None, invoice_branch=""))
    db.session.execute(sa.delete(CartItem).where(CartItem.user_id == user.id))


def sections() -> list[DataSection]:
    return [DataSection("shop_orders", _l("Your orders"), export_orders, anonymise_orders, fields=FIELDS,
                        about_title=_l("Orders"))]
