"""What the shop keeps about a customer, for their download and for anonymising (amounts stay for accounts)."""
from __future__ import annotations

import sqlalchemy as sa

from core.extensions import db
from core.models import User
from marketplace.models import CartItem, Order


def export_orders(user: User) -> list[dict]:
    rows = db.session.scalars(sa.select(Order).where(Order.customer_id == user.id)).all()
    return [{"order": o.id, "status": o.status, "total_minor": o.total_minor, "name": o.name, "email": o.email,
             "phone": o.phone, "address": o.address, "created_at": o.created_at} for o in rows]


def anonymise_orders(user: User) -> None:
    db.session.execute(sa.update(Order).where(Order.customer_id == user.id).values(
        name="—", email="", phone="", address=""))
    db.session.execute(sa.delete(CartItem).where(CartItem.user_id == user.id))
