"""0055 (wholesale: business customers, their prices, orders on invoice) up and down with rows: orders of before
keep their states; "invoiced" is allowed only after it, and an unpaid order on invoice ends cancelled when it is
undone; the new tables come and go."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from core.extensions import db
from tests.conftest import make_app
from tests.marketplace.migration_rows import NOW, insert, one_product_shop

pytestmark = pytest.mark.slow  # every migration up to 0055 on a database of its own

NEW_TABLES = {"business_customers", "wholesale_prices", "wholesale_terms", "order_invoices"}


def _order(order_id: int, status: str, method: str = "collection") -> None:
    insert("orders", {"id": order_id, "token": f"{order_id}" * 43, "name": "Ploy", "email": "ploy@example.org",
                      "phone": "", "delivery": "pickup", "address": "", "status": status, "payment_method": method,
                      "stock_held": True, "subtotal_minor": 64000, "shipping_minor": 0, "total_minor": 64000,
                      "refunded_minor": 0, "refund_reserved_minor": 0, "currency": "THB", "created_at": NOW})


def _statuses() -> list[tuple]:
    return [tuple(r) for r in db.session.execute(sa.text("SELECT id, status FROM orders ORDER BY id"))]


def _searched(name: str) -> bool:
    from core import text_search
    from marketplace.models import Order
    return db.session.scalar(sa.select(sa.func.count(Order.id)).where(text_search.matches(Order, name))) > 0


def test_wholesale_migration_goes_up_and_down_with_its_rows(tmp_path):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/wholesale.db")
    with app.app_context():
        upgrade(revision="0054")
        one_product_shop()
        _order(1, "paid")
        _order(2, "pay_on_collection")
        with pytest.raises(sa.exc.IntegrityError):  # not a state before 0055
            with db.session.begin_nested():
                _order(3, "invoiced", "invoice")
        db.session.commit()

        upgrade(revision="0055")
        assert NEW_TABLES <= set(sa.inspect(db.engine).get_table_names())
        assert _statuses() == [(1, "paid"), (2, "pay_on_collection")]
        assert _searched("Ploy")  # the order search's index was built again after SQLite copied the table
        _order(3, "invoiced", "invoice")
        _order(4, "invoiced", "invoice")
        insert("users", {"id": 2, "username": "cafe", "display_name": "Ploy", "role": "customer",
                         "session_version": 1, "active": True, "created_at": NOW})
        insert("business_customers", {"id": 1, "user_id": 2, "name": "Doi Café", "tax_id": "3100100123451",
                                      "branch": "00000", "address": "7 Nimman Soi 9, Chiang Mai",
                                      "contact_name": "Ploy", "contact_phone": "", "status": "approved",
                                      "terms_days": 30, "pay_on_invoice": True, "decision_note": "",
                                      "created_at": NOW})
        insert("order_invoices", {"order_id": 3, "business_id": 1, "enterprise_id": 1, "issued_on": "2026-12-01",
                                  "due_on": "2026-12-31", "terms_days": 30, "buyer": "{}", "bank_details": ""})
        insert("wholesale_prices", {"variant_id": 1, "business_id": None, "price_minor": 25000})
        with pytest.raises(sa.exc.IntegrityError):  # one price for all per variant
            with db.session.begin_nested():
                insert("wholesale_prices", {"variant_id": 1, "business_id": None, "price_minor": 24000})
        insert("wholesale_prices", {"variant_id": 1, "business_id": 1, "price_minor": 24000})  # and one for it
        with pytest.raises(sa.exc.IntegrityError):  # a business on invoice has terms
            with db.session.begin_nested():
                db.session.execute(sa.text("UPDATE business_customers SET terms_days = 0"))
        db.session.execute(sa.text("UPDATE orders SET status = 'paid' WHERE id = 4"))
        db.session.commit()

        downgrade(revision="0054")
        assert not NEW_TABLES & set(sa.inspect(db.engine).get_table_names())
        # the unpaid order on invoice ends cancelled; the others keep their states
        assert _statuses() == [(1, "paid"), (2, "pay_on_collection"), (3, "cancelled"), (4, "paid")]
        assert _searched("Ploy")
        with pytest.raises(sa.exc.IntegrityError):
            with db.session.begin_nested():
                db.session.execute(sa.text("UPDATE orders SET status = 'invoiced' WHERE id = 1"))
        db.session.rollback()

        upgrade(revision="0055")  # and up again, from the rows the downgrade left
        assert _statuses() == [(1, "paid"), (2, "pay_on_collection"), (3, "cancelled"), (4, "paid")]
