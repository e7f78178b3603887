"""The manager's order list: searched and paginated by the database, and exported for the enterprise's own
lines only. A customer's name and address go into the export only once that enterprise has shipped to them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd
import sqlalchemy as sa

from core import clock
from core.extensions import db
from core.numbers import record_id
from marketplace.models import Order, OrderLine

PAGE_SIZE = 25
VISIBLE = ("paid", "pay_on_collection", "refunded", "cancelled", "payment_needs_attention")
SHIPPED = ("shipped", "completed")


@dataclass(frozen=True)
class OrderFilter:
    q: str = ""
    status: str = ""
    since: date | None = None
    until: date | None = None


def _query(enterprise_id: int, filters: OrderFilter):
    query = sa.select(Order).where(Order.id.in_(sa.select(OrderLine.order_id)
                                                .where(OrderLine.enterprise_id == enterprise_id)),
                                   Order.status.in_(VISIBLE))
    text = (filters.q or "").strip()
    if text:
        number = record_id(text.lstrip("#"))
        by_customer = sa.or_(sa.func.lower(Order.name).contains(text.lower(), autoescape=True),
                             sa.func.lower(Order.email).contains(text.lower(), autoescape=True))
        query = query.where(Order.id == number if number else by_customer)  # a number is an order number
    if filters.status in VISIBLE:
        query = query.where(Order.status == filters.status)
    zone = clock.zone()
    if filters.since:
        query = query.where(Order.created_at >= datetime.combine(filters.since, time.min, zone))
    if filters.until:
        query = query.where(Order.created_at < datetime.combine(filters.until + timedelta(days=1), time.min, zone))
    return query


def search(enterprise_id: int, filters: OrderFilter, page: int) -> tuple[list[Order], int, dict[int, list[OrderLine]]]:
    """One page of orders, newest first, with this enterprise's lines of each (three statements in all)."""
    query = _query(enterprise_id, filters)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    page = max(1, min(page, (total + PAGE_SIZE - 1) // PAGE_SIZE or 1))
    orders = list(db.session.scalars(query.order_by(Order.created_at.desc(), Order.id.desc())
                                     .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)))
    lines: dict[int, list[OrderLine]] = {order.id: [] for order in orders}
    for line in db.session.scalars(sa.select(OrderLine).where(OrderLine.order_id.in_(list(lines) or [0]),
                                                              OrderLine.enterprise_id == enterprise_id)
                                   .order_by(OrderLine.id)):
        lines[line.order_id].append(line)
    return orders, total, lines


def export_frame(enterprise_id: int, filters: OrderFilter) -> pd.DataFrame:
    """One row per order, this enterprise's lines only; name and address only where it has shipped."""
    rows = []
    for order in db.session.scalars(_query(enterprise_id, filters).order_by(Order.created_at.desc()).limit(50_000)):
        own = [line for line in order.lines if line.enterprise_id == enterprise_id]
        shipped = order.delivery == "shipping" and any(line.status in SHIPPED for line in own)
        rows.append({
            "order": order.id, "date": order.created_at.astimezone(clock.zone()).strftime("%Y-%m-%d %H:%M"),
            "status": order.status, "items": "; ".join(f"{line.quantity} x {line.name}" for line in own),
            "your_total_thb": sum(line.total_minor for line in own) / 100, "delivery": order.delivery,
            "customer_name": order.name if shipped else "", "address": order.address if shipped else "",
        })
    return pd.DataFrame(rows, columns=["order", "date", "status", "items", "your_total_thb", "delivery",
                                       "customer_name", "address"])
