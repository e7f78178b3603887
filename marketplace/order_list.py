"""The manager's order list: searched and paginated by the database, and exported for the enterprise's own
lines only. A customer's name and address go into the export only once that enterprise has shipped to them."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd
import sqlalchemy as sa

from core import clock, text_search
from core.extensions import db
from core.numbers import record_id
from core.pagination import count_up_to
from marketplace.models import Order, OrderLine

PAGE_SIZE = 25
VISIBLE = ("paid", "pay_on_collection", "invoiced", "refunded", "cancelled", "payment_needs_attention")
SHIPPED = ("shipped", "completed")


@dataclass(frozen=True)
class OrderFilter:
    q: str = ""
    status: str = ""
    since: date | None = None
    until: date | None = None


def _query(enterprise_id: int, filters: OrderFilter):
    # EXISTS, not IN: the database walks orders newest first and stops at the page.
    query = sa.select(Order).where(sa.exists().where(OrderLine.order_id == Order.id,
                                                     OrderLine.enterprise_id == enterprise_id),
                                   Order.status.in_(VISIBLE))
    text = (filters.q or "").strip()
    if text:
        number = record_id(text.lstrip("#"))
        # A number is an order number; anything else is looked for in the customer's name and e-mail.
        query = query.where(Order.id == number if number else text_search.matches(Order, text))
    if filters.status in VISIBLE:
        query = query.where(Order.status == filters.status)
    zone = clock.zone()
    if filters.since:
        query = query.where(Order.created_at >= datetime.combine(filters.since, time.min, zone))
    if filters.until:
        query = query.where(Order.created_at < datetime.combine(filters.until + timedelta(days=1), time.min, zone))
    return query


def search(enterprise_id: int, filters: OrderFilter, page: int) -> tuple[list[sa.Row], int, dict[int, list[sa.Row]]]:
    """One page of orders, newest first, with this enterprise's lines of each (three statements in all), as
    plain rows of what the list shows: an order's number, customer's name and status, a line's quantity, name
    and status (as objects, their whole rows cost more than the rest of the list; issue 35)."""
    query = _query(enterprise_id, filters)
    total = count_up_to(query, page, PAGE_SIZE)
    page = max(1, min(page, (total + PAGE_SIZE - 1) // PAGE_SIZE or 1))
    orders = list(db.session.execute(query.with_only_columns(Order.id, Order.name, Order.status)
                                     .order_by(Order.created_at.desc(), Order.id.desc())
                                     .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)))
    lines: dict[int, list[sa.Row]] = {order.id: [] for order in orders}
    for line in db.session.execute(sa.select(OrderLine.order_id, OrderLine.quantity, OrderLine.name, OrderLine.status)
                                   .where(OrderLine.order_id.in_(list(lines) or [0]),
                                          OrderLine.enterprise_id == enterprise_id)
                                   .order_by(OrderLine.id)):
        lines[line.order_id].append(line)
    return orders, total, lines


EXPORT_CHUNK = 2_000  # orders read, shaped and written at a time: the memory an export of any length needs
EXPORT_COLUMNS = ["order", "date", "status", "items", "your_total_thb", "delivery", "customer_name", "address"]


def export_rows(enterprise_id: int, filters: OrderFilter) -> Iterator[tuple]:
    """One row per order of the search, newest first, this enterprise's lines only; name and address only where
    it has shipped. Read in chunks walked by (created_at, id), two statements a chunk: the orders, and their
    lines for this enterprise."""
    after: tuple | None = None
    while True:
        query = _query(enterprise_id, filters)
        if after is not None:
            at, order_id = after
            query = query.where(sa.or_(Order.created_at < at, sa.and_(Order.created_at == at, Order.id < order_id)))
        cut = query.order_by(Order.created_at.desc(), Order.id.desc()).limit(EXPORT_CHUNK)
        orders = pd.read_sql(sa.select(cut.subquery().c["id", "created_at", "status", "delivery", "name", "address"]),
                             db.session.connection())
        if orders.empty:
            return
        yield from _shaped(enterprise_id, orders).itertuples(index=False, name=None)
        if len(orders) < EXPORT_CHUNK:
            return
        last = db.session.execute(sa.select(Order.created_at, Order.id).where(
            Order.id == int(orders["id"].iloc[-1]))).one()
        after = (last.created_at, last.id)


def _shaped(enterprise_id: int, orders: pd.DataFrame) -> pd.DataFrame:
    lines = pd.read_sql(sa.select(OrderLine.order_id, OrderLine.name, OrderLine.quantity, OrderLine.status,
                                  (OrderLine.quantity * OrderLine.unit_price_minor).label("total_minor"))
                        .where(OrderLine.enterprise_id == enterprise_id,
                               OrderLine.order_id.in_([int(i) for i in orders["id"]]))
                        .order_by(OrderLine.id),
                        db.session.connection())
    lines["text"] = lines["quantity"].astype(str) + " x " + lines["name"]
    lines["shipped"] = lines["status"].isin(SHIPPED)
    own = lines.groupby("order_id").agg(items=("text", "; ".join), total_minor=("total_minor", "sum"),
                                        shipped=("shipped", "any"))
    frame = orders.join(own, on="id")
    shipped = (frame["delivery"] == "shipping") & frame["shipped"].fillna(False).astype(bool)
    created = pd.to_datetime(frame["created_at"], utc=True).dt.tz_convert(clock.zone())
    return pd.DataFrame({
        "order": frame["id"], "date": created.dt.strftime("%Y-%m-%d %H:%M"), "status": frame["status"],
        "items": frame["items"].fillna(""), "your_total_thb": frame["total_minor"].fillna(0) / 100,
        "delivery": frame["delivery"], "customer_name": frame["name"].where(shipped, ""),
        "address": frame["address"].where(shipped, ""),
    }, columns=EXPORT_COLUMNS)
