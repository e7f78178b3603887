"""What the shop keeps about a customer, for their download and for anonymising (amounts stay for accounts)."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core.extensions import db
from core.labels import Field
from core.models import User
from marketplace.models import CartItem, Order
from privacy.services import DataSection

FIELDS = {
    "order": Field(_l("Order number")), "status": Field(_l("Where it stands"), "order_status"),
    "total_minor": Field(_l("Total"), "satang"), "name": Field(_l("Name")), "email": Field(_l("E-mail")),
    "phone": Field(_l("Phone")), "address": Field(_l("Address")), "created_at": Field(_l("Ordered on"), "moment"),
}


def export_orders(user: User) -> list[dict]:
    rows = db.session.scalars(sa.select(Order).where(Order.customer_id == user.id)).all()
    return [{"order": o.id, "status": o.status, "total_minor": o.total_minor, "name": o.name, "email": o.email,
             "phone": o.phone, "address": o.address, "created_at": o.created_at} for o in rows]


def anonymise_orders(user: User) -> None:
    db.session.execute(sa.update(Order).where(Order.customer_id == user.id).values(
        name="—", email="", phone="", address=""))
    db.session.execute(sa.delete(CartItem).where(CartItem.user_id == user.id))


def sections() -> list[DataSection]:
    return [DataSection("shop_orders", _l("Your orders"), export_orders, anonymise_orders, fields=FIELDS)]
