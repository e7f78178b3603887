"""0049 (VAT registration, tax invoices and credit notes) up and down with rows: enterprises and orders from
before read as "not VAT-registered" and "no tax invoice asked"; an invoice issued after it goes with the table
when the migration is undone, and the orders, their lines and what was paid stay."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from core.extensions import db
from tests.conftest import make_app
from tests.marketplace.migration_rows import SEARCH, insert, one_product_shop, order_search_triggers

pytestmark = pytest.mark.slow  # every migration up to 0048 on a database of its own

NOW = "2026-12-01 10:00:00"


def test_tax_invoice_migration_goes_up_and_down_with_its_rows(tmp_path):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/tax.db")
    with app.app_context():
        upgrade(revision="0048")
        one_product_shop()
        insert("orders", {"id": 1, "token": "t" * 43, "name": "Malee", "email": "m@example.org", "phone": "",
                          "delivery": "pickup", "address": "", "status": "paid", "payment_method": "collection",
                          "stock_held": False, "subtotal_minor": 64000, "shipping_minor": 0, "total_minor": 64000,
                          "refunded_minor": 0, "refund_reserved_minor": 0, "currency": "THB", "created_at": NOW})
        insert("order_lines", {"id": 1, "order_id": 1, "product_id": 1, "variant_id": 1, "enterprise_id": 1,
                               "name": "Beans", "unit_price_minor": 32000, "quantity": 2, "refunded_quantity": 0,
                               "reserved_quantity": 0, "refunded_minor": 0, "reserved_minor": 0, "status": "open"})
        db.session.commit()

        upgrade(revision="0049")
        assert SEARCH <= order_search_triggers()
        # Read and written as SQL: today's models describe later revisions (a shipping zone on orders).
        enterprise = db.session.execute(sa.text(
            "SELECT vat_registered, tax_id, branch, next_invoice_number, next_credit_note_number FROM enterprises "
            "WHERE id = 1")).one()
        assert (bool(enterprise[0]), *enterprise[1:]) == (False, "", "00000", 1, 1)
        old = db.session.execute(sa.text("SELECT invoice_tax_id, invoice_name, invoice_branch FROM orders "
                                         "WHERE id = 1")).one()
        assert tuple(old) == (None, "", "")
        # Registered for VAT, then an order asking for a tax invoice, paid, and its invoice issued as number 1.
        db.session.execute(sa.text("UPDATE enterprises SET vat_registered = :yes, tax_id = '0105558012349', "
                                   "legal_name = 'Coffee Co., Ltd.', next_invoice_number = 2 WHERE id = 1"),
                           {"yes": True})
        placed_id = 2
        insert("orders", {"id": placed_id, "token": "u" * 43, "name": "Sam", "email": "sam@example.org",
                          "phone": "", "delivery": "pickup", "address": "", "status": "paid",
                          "payment_method": "collection", "stock_held": False, "subtotal_minor": 32000,
                          "shipping_minor": 0, "total_minor": 32000, "refunded_minor": 0,
                          "refund_reserved_minor": 0, "currency": "THB", "created_at": NOW,
                          "invoice_tax_id": "3100100123451", "invoice_name": "Sam Co., Ltd.",
                          "invoice_address": "99 Nimman Road, Chiang Mai", "invoice_branch": "00000"})
        insert("order_lines", {"id": 2, "order_id": placed_id, "product_id": 1, "variant_id": 1, "enterprise_id": 1,
                               "name": "Beans", "unit_price_minor": 32000, "quantity": 1, "refunded_quantity": 0,
                               "reserved_quantity": 0, "refunded_minor": 0, "reserved_minor": 0, "status": "open"})
        insert("tax_documents", {"id": 1, "enterprise_id": 1, "kind": "invoice", "number": 1, "order_id": placed_id,
                                 "issued_on": "2026-12-01", "issued_at": NOW, "vat_rate_bp": 700,
                                 "seller": "{}", "buyer": "{}", "lines": "[]", "total_minor": 32000,
                                 "vat_minor": 2093})
        assert db.session.execute(sa.text("SELECT number FROM tax_documents")).scalar() == 1
        db.session.commit()

        downgrade(revision="0048")
        tables = set(sa.inspect(db.engine).get_table_names())
        assert "tax_documents" not in tables and SEARCH <= order_search_triggers()
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("orders")}
        assert not {"invoice_tax_id", "invoice_name"} & columns
        rows = db.session.execute(sa.text("SELECT id, status, total_minor FROM orders ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, "paid", 64000), (placed_id, "paid", 32000)]  # what was paid stays
        assert db.session.execute(sa.text("SELECT name FROM enterprises")).scalar() == "Coffee"
        db.session.commit()
        upgrade()
        from marketplace.models import Enterprise  # at head, today's model describes the table
        again = db.session.get(Enterprise, 1)
        db.session.refresh(again)
        assert (again.vat_registered, again.next_invoice_number) == (False, 1)  # the registration went with 0049
