"""Shop sales net of refunds per enterprise and year, for the public impact page (impact.services)."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import clock
from core.extensions import db
from impact.services import Theme
from marketplace.models import Enterprise, Order, OrderLine
from marketplace.reports import SOLD


def _sales_source() -> list:
    month = clock.month_in_zone(Order.created_at, db.session.get_bind().dialect.name)
    year = sa.func.substr(month, 1, 4).label("year")
    net = sa.func.sum((OrderLine.quantity - OrderLine.refunded_quantity) * OrderLine.unit_price_minor)
    return list(db.session.execute(
        sa.select(year, Enterprise.name, net)
        .join(Order, Order.id == OrderLine.order_id).join(Enterprise, Enterprise.id == OrderLine.enterprise_id)
        .where(Order.status.in_(SOLD)).group_by(year, Enterprise.id, Enterprise.name)))


def themes() -> list[Theme]:
    return [Theme("shop_sales", _l("Shop sales after refunds, per enterprise (baht)"), "sales", _sales_source, 70)]
