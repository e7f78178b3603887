"""Rows of the shop written as SQL at an old revision, for the shop's migration tests (today's models describe
the newest tables, so nothing at an old revision may go through them)."""
from __future__ import annotations

import sqlalchemy as sa

from core.extensions import db

NOW = "2026-12-01 10:00:00"
# SQLite copies `orders` to change it: the order search's index (core.text_search) must be built again.
SEARCH = {"orders_search_insert", "orders_search_update", "orders_search_delete"}


def insert(table: str, row: dict) -> None:
    db.session.execute(sa.text(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})"),
                       row)


def order_search_triggers() -> set[str]:
    return set(db.session.scalars(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                          "AND tbl_name = 'orders'")))


def one_product_shop(role: str = "manager") -> None:
    """Account 1 (a manager of enterprise 1, or staff), enterprise 1 "Coffee" and its product 1 "Beans" with its
    default variant 1 at 320.00 baht, 250 g."""
    insert("users", {"id": 1, "username": f"{role}1", "display_name": role.title(), "role": role,
                     "session_version": 1, "active": True, "created_at": NOW})
    insert("enterprises", {"id": 1, "slug": "coffee", "name": "Coffee", "story": "", "active": True,
                           "text_language": "en", "translations": "{}", "translated_text": ""})
    if role == "manager":
        insert("enterprise_managers", {"user_id": 1, "enterprise_id": 1})
    insert("products", {"id": 1, "enterprise_id": 1, "name": "Beans", "description": "", "category": "coffee",
                        "currency": "THB", "active": True, "created_at": NOW, "text_language": "en",
                        "translations": "{}", "translated_text": "", "options_text": ""})
    insert("product_variants", {"id": 1, "product_id": 1, "combination": "", "price_minor": 32000,
                                "weight_grams": 250, "stock": None, "low_stock_at": 5, "active": True,
                                "position": 0})
