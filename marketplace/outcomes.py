"""Shop sales net of refunds per enterprise and year, for the public impact page (impact.services): with each
enterprise's largest single order that year (the dominance rule) and whether it may be named on its own (its
makers or its registration, as staff confirmed)."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import clock
from core.extensions import db
from impact.services import Theme, sales_rule
from marketplace.models import Enterprise, Order, OrderLine
from marketplace.reports import SOLD


def _sales_source() -> list:
    """(year, name, net sales, largest order, may stand alone) per enterprise and year, in one statement."""
    month = clock.month_in_zone(Order.created_at, db.session.get_bind().dialect.name)
    year = sa.func.substr(month, 1, 4).label("year")
    net = sa.func.sum((OrderLine.quantity - OrderLine.refunded_quantity) * OrderLine.unit_price_minor)
    per_order = (sa.select(year, OrderLine.enterprise_id.label("enterprise_id"), net.label("amount"))
                 .join(Order, Order.id == OrderLine.order_id).where(Order.status.in_(SOLD))
                 .group_by(year, OrderLine.enterprise_id, Order.id).subquery())
    min_makers, _percent = sales_rule()
    may_stand_alone = sa.and_(Enterprise.standing_confirmed_at.is_not(None),
                              sa.or_(Enterprise.registered_organisation.is_(True),
                                     sa.func.coalesce(Enterprise.makers, 0) >= min_makers))
    return list(db.session.execute(
        sa.select(per_order.c.year, Enterprise.name, sa.func.sum(per_order.c.amount),
                  sa.func.max(per_order.c.amount), may_stand_alone)
        .join(Enterprise, Enterprise.id == per_order.c.enterprise_id)
        .group_by(per_order.c.year, Enterprise.id, Enterprise.name)))  # its columns follow from its id


def themes() -> list[Theme]:
    return [Theme("shop_sales", _l("Shop sales after refunds, per enterprise (baht)"), "sales", _sales_source, 70)]
