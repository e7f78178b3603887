"""Sales reports with pandas, per enterprise (staff see all): sales by month, best sellers, average order,
refunds, stock running low; CSV/XLSX export."""
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
    frame = lines_frame(enterprise_id)
    if frame.empty:
        empty = pd.DataFrame(columns=["month", "sold_thb"])
        return SalesReport(empty, pd.DataFrame(columns=["product", "quantity", "sold_thb"]), None, 0.0,
                           _low_stock(enterprise_id))
    frame["month"] = frame["created_at"].dt.strftime("%Y-%m")
    by_month = frame.groupby("month", as_index=False)["sold_thb"].sum().sort_values("month")
    best = (frame.groupby("product", as_index=False)[["quantity", "sold_thb"]].sum()
            .sort_values(["quantity", "sold_thb"], ascending=False).head(10))
    per_order = frame.groupby("order_id")["sold_thb"].sum()
    return SalesReport(by_month, best, float(per_order.mean()), float(frame["refunded_thb"].sum()),
                       _low_stock(enterprise_id))


def _low_stock(enterprise_id: int | None) -> list[Product]:
    return running_low(enterprise_id)


def export(enterprise_id: int | None, fmt: str) -> tuple[bytes, str]:
    frame = lines_frame(enterprise_id).assign(created_at=lambda f: f["created_at"].dt.strftime("%Y-%m-%d %H:%M"))
    frame = frame.drop(columns=["unit_price_minor"])
    return table_file(frame, fmt, "sales")
