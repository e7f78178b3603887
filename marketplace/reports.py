"""Sales reports per enterprise (staff see all): sales by month, best sellers, average order, refunds,
stock running low, summed by the database; CSV/XLSX export of the lines."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import pandas as pd
import sqlalchemy as sa

from core import clock, versioned_cache
from core.exports import rows_file
from core.extensions import db
from marketplace.models import Enterprise, Order, OrderLine, ProductVariant
from marketplace.stock import running_low

SOLD = ("paid", "refunded")


EXPORT_COLUMNS = ["enterprise", "order_id", "product", "quantity", "refunded_quantity", "created_at", "status",
                  "sold_thb", "refunded_thb"]


def _sold_lines(enterprise_id: int | None) -> sa.Select:
    query = (sa.select(Enterprise.name.label("enterprise"), OrderLine.order_id, OrderLine.name.label("product"),
                       OrderLine.quantity, OrderLine.refunded_quantity, OrderLine.unit_price_minor,
                       Order.created_at, Order.status)
             .join(Order, Order.id == OrderLine.order_id).join(Enterprise, Enterprise.id == OrderLine.enterprise_id)
             .where(Order.status.in_(SOLD)).order_by(OrderLine.id))
    if enterprise_id is not None:
        query = query.where(OrderLine.enterprise_id == enterprise_id)
    return query


def export_rows(enterprise_id: int | None) -> Iterator[tuple]:
    """Every sold line, read from the database a block at a time (never the whole table in memory)."""
    zone = clock.zone()
    rows = db.session.execute(_sold_lines(enterprise_id).execution_options(yield_per=2_000))
    for row in rows:
        yield (row.enterprise, row.order_id, row.product, row.quantity, row.refunded_quantity,
               row.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"), row.status,
               row.quantity * row.unit_price_minor / 100, row.refunded_quantity * row.unit_price_minor / 100)


@dataclass
class SalesReport:
    by_month: pd.DataFrame
    best_sellers: pd.DataFrame
    average_order_thb: float | None
    refunded_thb: float
    low_stock: list[ProductVariant]


SALES_CACHE = "sales"


def sales(enterprise_id: int | None) -> SalesReport:
    """Grouped and summed by the database (four small result sets, however many orders) when an order changed
    since the last report of this scope, else from the worker's memory; stock is read fresh."""
    by_month, best, average, refunded = versioned_cache.cached(SALES_CACHE, lambda: _sums(enterprise_id),
                                                               part=enterprise_id)
    return SalesReport(by_month.copy(), best.copy(), average, refunded, running_low(enterprise_id))


def _sums(enterprise_id: int | None) -> tuple[pd.DataFrame, pd.DataFrame, float | None, float]:
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
    return by_month, best, float(average) / 100 if average is not None else None, float(refunded or 0) / 100


def export(enterprise_id: int | None, fmt: str) -> tuple[IO[bytes], str]:
    return rows_file(EXPORT_COLUMNS, export_rows(enterprise_id), fmt, "sales")
