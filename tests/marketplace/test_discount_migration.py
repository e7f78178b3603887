"""0047 (discount codes) up and down with rows: orders and lines from before read as "no discount"; an order
placed with a code after it keeps what the buyer paid when the migration is undone."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from core.extensions import db
from tests.conftest import make_app
from tests.marketplace.migration_rows import SEARCH, insert, one_product_shop, order_search_triggers

pytestmark = pytest.mark.slow  # every migration up to 0046 on a database of its own

NOW = "2026-12-01 10:00:00"


def test_discount_codes_migration_goes_up_and_down_with_its_rows(tmp_path):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/discounts.db")
    with app.app_context():
        upgrade(revision="0046")
        one_product_shop("staff")
        insert("orders", {"id": 1, "token": "t" * 43, "name": "Malee", "email": "m@example.org", "phone": "",
                          "delivery": "pickup", "address": "", "status": "paid", "payment_method": "collection",
                          "stock_held": False, "subtotal_minor": 64000, "shipping_minor": 0, "total_minor": 64000,
                          "refunded_minor": 0, "refund_reserved_minor": 0, "currency": "THB", "created_at": NOW})
        insert("order_lines", {"id": 1, "order_id": 1, "product_id": 1, "variant_id": 1, "enterprise_id": 1,
                               "name": "Beans", "unit_price_minor": 32000, "quantity": 2, "refunded_quantity": 0,
                               "reserved_quantity": 0, "refunded_minor": 0, "reserved_minor": 0, "status": "open"})
        db.session.commit()

        upgrade(revision="0047")
        assert SEARCH <= order_search_triggers()
        # Read as SQL at 0047: today's models have the columns of later migrations.
        old = db.session.execute(sa.text("SELECT discount_minor, discount_held, discount_code_id FROM orders "
                                         "WHERE id = 1")).one()
        assert (old[0], bool(old[1]), old[2]) == (0, False, None)
        assert db.session.execute(sa.text("SELECT unit_discount_minor FROM order_lines WHERE id = 1")).scalar() == 0
        db.session.commit()
        upgrade()  # the services below write today's columns
        from core.models import User
        from marketplace import checkout, discounts
        from marketplace.models import DiscountCode, Order
        discounts.create(db.session.get(User, 1), discounts.NewCode("LAUNCH10", "percent", 10, None, max_uses=5))
        placed = checkout.place_order({1: 2}, checkout.Buyer("Sam", "sam@example.org", "", "pickup", ""), None,
                                      use_stripe=False, code="launch10")
        assert (placed.total_minor, placed.lines[0].unit_price_minor) == (57600, 28800)
        assert db.session.scalar(sa.select(DiscountCode.uses)) == 1
        db.session.commit()
        placed_id = placed.id

        downgrade(revision="0046")
        tables = set(sa.inspect(db.engine).get_table_names())
        assert not {"discount_codes", "discount_uses"} & tables and SEARCH <= order_search_triggers()
        rows = db.session.execute(sa.text("SELECT order_id, unit_price_minor, quantity FROM order_lines "
                                          "ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, 32000, 2), (placed_id, 28800, 2)]  # what was paid stays
        assert db.session.execute(sa.text("SELECT total_minor FROM orders WHERE id = :i"),
                                  {"i": placed_id}).scalar() == 57600
        db.session.commit()
        upgrade()
        assert db.session.get(Order, placed_id).discount_minor == 0  # the record of the discount went with 0047
