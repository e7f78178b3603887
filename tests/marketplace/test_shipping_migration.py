"""0054 (shipping zones, the address's province, tracked parcels) up and down with rows: the one table of rates
becomes both zones' tables with the same limits and prices; orders from before keep what they were charged;
undone, the other provinces' rates are the one table again and the parcels' numbers go with their table."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from core.extensions import db
from tests.conftest import make_app
from tests.marketplace.migration_rows import insert, one_product_shop

pytestmark = pytest.mark.slow  # every migration up to 0052 on a database of its own

NOW = "2026-12-06 10:00:00"


def _rates() -> list[tuple]:
    return [tuple(r) for r in db.session.execute(sa.text(
        "SELECT zone, max_weight_grams, price_minor FROM shipping_rates ORDER BY zone, max_weight_grams"))]


def test_shipping_zones_migration_goes_up_and_down_with_its_rows(tmp_path):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/zones.db")
    with app.app_context():
        upgrade(revision="0052")
        one_product_shop()
        for grams, price in ((500, 5000), (2000, 8000)):
            insert("shipping_rates", {"max_weight_grams": grams, "price_minor": price})
        insert("orders", {"id": 1, "token": "t" * 43, "name": "Malee", "email": "m@example.org", "phone": "",
                          "delivery": "shipping", "address": "12 Nimman Road, Chiang Mai", "status": "paid",
                          "payment_method": "collection", "stock_held": False, "subtotal_minor": 64000,
                          "shipping_minor": 5000, "total_minor": 69000, "refunded_minor": 0,
                          "refund_reserved_minor": 0, "currency": "THB", "created_at": NOW})
        insert("order_lines", {"id": 1, "order_id": 1, "product_id": 1, "variant_id": 1, "enterprise_id": 1,
                               "name": "Beans", "unit_price_minor": 32000, "quantity": 2, "refunded_quantity": 0,
                               "reserved_quantity": 0, "refunded_minor": 0, "reserved_minor": 0, "status": "packed"})
        db.session.commit()

        upgrade(revision="0054")
        assert _rates() == [("bangkok_vicinity", 500, 5000), ("bangkok_vicinity", 2000, 8000),
                            ("other_provinces", 500, 5000), ("other_provinces", 2000, 8000)]
        old = db.session.execute(sa.text("SELECT shipping_minor, total_minor, province_code, shipping_zone "
                                         "FROM orders WHERE id = 1")).one()
        assert tuple(old) == (5000, 69000, None, None)  # charged before zones: kept as it was
        with pytest.raises(sa.exc.IntegrityError):  # one price per zone and limit
            with db.session.begin_nested():
                insert("shipping_rates", {"zone": "bangkok_vicinity", "max_weight_grams": 500, "price_minor": 1})
        with pytest.raises(sa.exc.IntegrityError):
            with db.session.begin_nested():
                insert("shipping_rates", {"zone": "the_moon", "max_weight_grams": 700, "price_minor": 1})
        db.session.execute(sa.text("UPDATE shipping_rates SET price_minor = 4000 "
                                   "WHERE zone = 'bangkok_vicinity' AND max_weight_grams = 500"))

        from core.models import User
        from marketplace import checkout, fulfilment
        from marketplace.models import Order, Shipment
        manager = db.session.get(User, 1)
        fulfilment.ship_parcel(db.session.get(Order, 1), manager, "kerry", "SHP4012345678")  # a packed old order
        placed = checkout.place_order({1: 2}, checkout.Buyer("Sam", "sam@example.org", "", "shipping",
                                                             "5 Tiwanon Road, Mueang", "12"), None, use_stripe=False)
        assert (placed.shipping_zone, placed.shipping_minor) == ("bangkok_vicinity", 4000)
        assert db.session.scalar(sa.select(Shipment.tracking_number)) == "SHP4012345678"
        db.session.commit()
        placed_id = placed.id

        downgrade(revision="0052")
        tables = set(sa.inspect(db.engine).get_table_names())
        assert "shipments" not in tables
        assert not {"province_code", "shipping_zone"} & {c["name"] for c in sa.inspect(db.engine).get_columns("orders")}
        assert [tuple(r) for r in db.session.execute(sa.text(
            "SELECT max_weight_grams, price_minor FROM shipping_rates ORDER BY max_weight_grams"))] == [
            (500, 5000), (2000, 8000)]  # the other provinces' rates: the one table again
        orders = db.session.execute(sa.text("SELECT id, shipping_minor, total_minor FROM orders ORDER BY id")).all()
        assert [tuple(o) for o in orders] == [(1, 5000, 69000), (placed_id, 4000, 68000)]
        assert db.session.execute(sa.text("SELECT status FROM order_lines WHERE order_id = 1")).scalar() == "shipped"
        with pytest.raises(sa.exc.IntegrityError):  # one price per limit again
            with db.session.begin_nested():
                insert("shipping_rates", {"max_weight_grams": 500, "price_minor": 1})
        db.session.rollback()

        upgrade(revision="0054")  # and up again, from the rows the downgrade left
        assert _rates() == [("bangkok_vicinity", 500, 5000), ("bangkok_vicinity", 2000, 8000),
                            ("other_provinces", 500, 5000), ("other_provinces", 2000, 8000)]
