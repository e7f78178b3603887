"""Sales reports per enterprise (staff see all): sales by month, best sellers, average order, refunds,
stock running low, summed by the database; CSV/XLSX export of the lines."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from core import clock
from core.exports import table_file
from core.extensions import db
from marketplace.models import Enterprise, Order, OrderLine, Product
from marketplace.stock import running_low

SOLD = ("paid", "refunded")


def lines_frame(enterprise_id: int | None) -> pd.DataFrame:
    query = (sa.select(Enterprise.name.label("enterprise"), OrderLine.order_id, OrderLine.name.label("product"),
                       OrderLine.quantity, OrderLine.refunded_quantity, OrderLine.unit_price_minor,
                       Order.created_at, Order.status)
             .join(Order, Order.id == OrderLine.order_id).join(Enterprise, Enterprise.id == OrderLine.enterprise_id)
             .where(Order.status.in_(SOLD)))
    if enterprise_id is not None:
        query = query.where(OrderLine.enterprise_id == enterprise_id)
    frame = pd.read_sql(query, db.session.connection())  # inside the request's own transaction
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True).dt.tz_convert(clock.zone())
    frame["sold_thb"] = frame["quantity"] * frame["unit_price_minor"] / 100
    frame["refunded_thb"] = frame["refunded_quantity"] * frame["unit_price_minor"] / 100
    return frame


@dataclass
class SalesReport:
    by_month: pd.DataFrame
    best_sellers: pd.DataFrame
    average_order_thb: float | None
    refunded_thb: float
    low_stock: list[Product]


def sales(enterprise_id: int | None) -> SalesReport:
    """Grouped and summed by the database (four small result sets, however many orders); pandas only
    shapes them for the page and the charts."""
    sold = (sa.select(OrderLine.order_id, OrderLine.name, OrderLine.quantity, OrderLine.refunded_quantity,
                      OrderLine.unit_price_minor, Order.created_at)
            .join(Order, Order.id == OrderLine.order_id).where(Order.status.in_(SOLD)))
    if enterprise_id is not None:
        sold = sold.where(OrderLine.enterprise_id == enterprise_id)
    lines = sold.subquery()
    amount = lines.c.quantity * lines.c.unit_price_minor
    month = clock.month_in_zone(lines.c.created_at, db.session.get_bind().dialect.name).label("month")
    by_month = pd.DataFrame(db.session.execute(
        sa.select(month, (sa.func.sum(amount) / 100.0).label("sold_thb")).group_by(month).order_by(month)).all(),
        columns=["month", "sold_thb"])
    best = pd.DataFrame(db.session.execute(
        sa.select(lines.c.name.label("product"), sa.func.sum(lines.c.quantity).label("quantity"),
                  (sa.func.sum(amount) / 100.0).label("sold_thb"))
        .group_by(lines.c.name).order_by(sa.func.sum(lines.c.quantity).desc(), sa.func.sum(amount).desc())
        .limit(10)).all(), columns=["product", "quantity", "sold_thb"])
    per_order = sa.select(sa.func.sum(amount).label("total")).group_by(lines.c.order_id).subquery()
    average = db.session.scalar(sa.select(sa.func.avg(per_order.c.total)))
    refunded = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(
        lines.c.refunded_quantity * lines.c.unit_price_minor), 0)))
    return SalesReport(by_month, best, float(average) / 100 if average is not None else None,
                       float(refunded or 0) / 100, _low_stock(enterprise_id))


def _low_stock(enterprise_id: int | None) -> list[Product]:
    return running_low(enterprise_id)


def export(enterprise_id: int | None, fmt: str) -> tuple[bytes, str]:
    frame = lines_frame(enterprise_id).assign(created_at=lambda f: f["created_at"].dt.strftime("%Y-%m-%d %H:%M"))
    frame = frame.drop(columns=["unit_price_minor"])
    return table_file(frame, fmt, "sales")
