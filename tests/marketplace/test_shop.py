"""The shop without Stripe keys (pay on collection), the cart's bad input, the oversell race, and managers
who see and change only their own enterprise."""
import re
import threading

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import Role
from marketplace import checkout
from marketplace.cart import ShopError
from marketplace.models import CartItem, Order, Product, ProductVariant
from tests.conftest import post_form, sign_in
from tests.marketplace.conftest import variant_of


def test_pay_on_collection_when_there_are_no_stripe_keys(app, shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5)
    client = app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "2"})
    response = post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org",
                                                    "delivery": "pickup"})
    assert response.status_code == 302 and "/shop/orders/" in response.headers["Location"]
    with app.app_context():
        order = db.session.scalar(sa.select(Order))
        assert (order.status, order.payment_method, order.total_minor) == ("pay_on_collection", "collection", 64000)
    assert shop.stock(product_id) == 3
    manager = app.test_client()
    sign_in(manager, shop.people.login_name(manager_id))
    post_form(manager, f"/manage/shop/orders/{order.id}/paid")
    post_form(manager, f"/manage/shop/orders/{order.id}/packed")
    with app.app_context():
        order = db.session.get(Order, order.id)
        assert order.status == "paid" and order.lines[0].status == "packed"
    assert "Packed" in client.get(f"/shop/orders/{order.token}").get_data(as_text=True)


@pytest.mark.parametrize("quantity,message", [
    ("0", "Quantity must be at least 1."), ("-3", "Quantity must be at least 1."),
    ("999", "At most 5 of one item per order."), ("abc", "Quantity must be a whole number."),
    ("4", "Only 3 left."),
])
def test_bad_quantities_change_nothing(app, shop, quantity, message):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=3)
    client = app.test_client()
    response = post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": quantity},
                         follow_redirects=True)
    assert message in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert not session.get("cart")


@pytest.mark.parametrize("product", ["999999", "inactive", "x1"])
def test_unknown_or_inactive_products_cannot_be_bought(app, shop, product):
    enterprise_id, _ = shop.enterprise()
    inactive = shop.product(enterprise_id, active=False)
    product_id = str(inactive) if product == "inactive" else product
    client = app.test_client()
    response = post_form(client, "/shop/cart/add", {"product_id": product_id, "quantity": "1"},
                         follow_redirects=True)
    assert "This product is not for sale." in response.get_data(as_text=True)


@pytest.mark.real_commits  # threads on connections of their own
def test_many_buyers_for_the_last_items_exactly_as_many_succeed(app, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=3)
    buyers, results = 12, []
    barrier = threading.Barrier(buyers)

    def buy(n):
        with app.app_context():
            barrier.wait()
            try:
                checkout.place_order({variant_of(product_id): 1},
                                     checkout.Buyer(f"B{n}", f"b{n}@example.org", "", "pickup", ""),
                                     None, use_stripe=False)
                db.session.commit()  # each buyer's request commits its own order
                results.append("bought")
            except ShopError:
                results.append("sold out")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=buy, args=(n,)) for n in range(buyers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("bought") == 3 and results.count("sold out") == buyers - 3
    assert shop.stock(product_id) == 0
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 3


def test_stock_can_never_go_below_zero(app, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=1)
    with app.app_context():
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(sa.update(ProductVariant).where(ProductVariant.product_id == product_id)
                               .values(stock=-1))
            db.session.commit()


def test_a_short_line_means_no_order_and_no_stock_taken(app, shop):
    enterprise_id, _ = shop.enterprise()
    plenty, scarce = shop.product(enterprise_id, stock=10), shop.product(enterprise_id, name="Rare", stock=1)
    with app.app_context():
        with pytest.raises(ShopError):
            checkout.place_order({variant_of(plenty): 2, variant_of(scarce): 2},
                                 checkout.Buyer("A", "a@example.org", "", "pickup", ""), None, use_stripe=False)
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0
    assert (shop.stock(plenty), shop.stock(scarce)) == (10, 1)


def test_managers_see_and_change_only_their_own_enterprise(app, shop):
    coffee_id, coffee_manager = shop.enterprise("coffee")
    jewels_id, jewels_manager = shop.enterprise("jewels")
    beans = shop.product(coffee_id)
    necklace = shop.product(jewels_id, name="Necklace", category="jewellery", price=89000)
    client = app.test_client()
    for product_id in (beans, necklace):
        post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
    post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup"})
    with app.app_context():
        order_id = db.session.scalar(sa.select(Order.id))
    coffee = app.test_client()
    sign_in(coffee, shop.people.login_name(coffee_manager))
    page = coffee.get(f"/manage/shop/orders/{order_id}").get_data(as_text=True)
    assert "Coffee beans" in page and "Necklace" not in page
    assert coffee.get(f"/manage/shop/products/{necklace}/edit").status_code == 404
    post_form(coffee, f"/manage/shop/products/{necklace}/edit", {"name": "Stolen",
                                                                  "category": "jewellery", "price_thb": "1",
                                                                  "weight_grams": "1"})
    with app.app_context():
        assert db.session.get(Product, necklace).name == "Necklace"
    post_form(coffee, f"/manage/shop/orders/{order_id}/paid")
    post_form(coffee, f"/manage/shop/orders/{order_id}/packed")
    with app.app_context():
        statuses = {line.name: line.status for line in db.session.get(Order, order_id).lines}
    assert statuses == {"Coffee beans": "packed", "Necklace": "open"}


def test_guest_cart_merges_into_the_customer_cart_at_sign_in(app, shop, people):
    enterprise_id, _ = shop.enterprise()
    beans, drips = shop.product(enterprise_id), shop.product(enterprise_id, name="Drip bags")
    customer_id = people.make(Role.CUSTOMER, email="buyer@example.org")
    with app.app_context():
        beans_variant, drips_variant = variant_of(beans), variant_of(drips)
        db.session.add(CartItem(user_id=customer_id, variant_id=beans_variant, quantity=1))
        db.session.commit()
    client = app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(beans), "quantity": "3"})
    post_form(client, "/shop/cart/add", {"product_id": str(drips), "quantity": "1"})
    sign_in(client, "buyer@example.org")
    with app.app_context():
        saved = dict(db.session.execute(sa.select(CartItem.variant_id, CartItem.quantity)).all())
    assert saved == {beans_variant: 3, drips_variant: 1}
    assert "Drip bags" in client.get("/shop/cart").get_data(as_text=True)


def test_shipping_costs_by_weight_and_needs_an_address(app, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id)
    client = app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "2"})
    no_address = post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org",
                                                      "delivery": "shipping"})
    assert "Write the full address for shipping." in no_address.get_data(as_text=True)
    post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "shipping",
                                         "address": "12 Moo 3, Mae Rim, Chiang Mai 50180", "province": "50"})
    with app.app_context():
        order = db.session.scalar(sa.select(Order))
        assert (order.shipping_minor, order.total_minor) == (8000, 64000 + 8000)


def test_admin_links_a_manager_to_an_enterprise(app, shop, signed_in, people):
    enterprise_id, _ = shop.enterprise("bakery", manager=False)
    manager_id = people.make(Role.MANAGER, "New manager")
    manager = app.test_client()
    sign_in(manager, people.login_name(manager_id))
    assert "not linked to an enterprise" in manager.get("/manage/shop/").get_data(as_text=True)
    admin, _ = signed_in(Role.ADMIN)
    post_form(admin, "/manage/shop/enterprises", {"manager_id": str(manager_id), "enterprise_id": str(enterprise_id)})
    assert "not linked" not in manager.get("/manage/shop/").get_data(as_text=True)


def _paid_order(app, shop, product_id, quantity, manager_id):
    client = app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": str(quantity)})
    post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup"})
    manager = app.test_client()
    sign_in(manager, shop.people.login_name(manager_id))
    with app.app_context():
        order_id = db.session.scalars(sa.select(Order.id).order_by(Order.id.desc())).first()
    post_form(manager, f"/manage/shop/orders/{order_id}/paid")
    return manager, order_id


def test_the_sales_sums_are_kept_until_a_sale_changes_and_never_show_a_stale_figure(app, shop):
    from marketplace import reports
    from tests.test_query_counts import counting

    coffee_id, coffee_manager = shop.enterprise("coffee")
    jewels_id, _ = shop.enterprise("jewels")
    beans = shop.product(coffee_id, price=30000, stock=9)
    _, first = _paid_order(app, shop, beans, 2, coffee_manager)
    with app.app_context():
        assert reports.sales(coffee_id).best_sellers["quantity"].tolist() == [2]
        assert reports.sales(jewels_id).best_sellers.empty, "each enterprise's figures are kept apart"
        with counting() as again:
            reports.sales(coffee_id)
        with counting() as fresh:
            reports._sums(coffee_id)
        assert again.count < fresh.count, "an unchanged report is not summed again"
    _paid_order(app, shop, beans, 1, coffee_manager)  # a sale through the ORM
    with app.app_context():
        assert reports.sales(coffee_id).best_sellers["quantity"].tolist() == [3]
        db.session.execute(sa.update(Order).where(Order.id == first).values(status="cancelled"))  # a bulk change
        db.session.commit()
        assert reports.sales(coffee_id).best_sellers["quantity"].tolist() == [1]


def test_sales_report_for_the_managers_own_enterprise(app, shop):
    coffee_id, coffee_manager = shop.enterprise("coffee")
    jewels_id, jewels_manager = shop.enterprise("jewels")
    beans = shop.product(coffee_id, price=30000, stock=6)
    necklace = shop.product(jewels_id, name="Necklace", category="jewellery", price=90000)
    manager, _ = _paid_order(app, shop, beans, 2, coffee_manager)
    _paid_order(app, shop, beans, 1, coffee_manager)
    _paid_order(app, shop, necklace, 1, jewels_manager)
    page = manager.get("/manage/shop/report").get_data(as_text=True)
    assert "Coffee beans" in page and "Necklace" not in page
    assert "450.00" in page  # average order: (600 + 300) / 2 baht
    assert "Stock running low" in page and '<span lang="en" data-user-content>Coffee beans</span>: 3' in page
    csv_rows = manager.get("/manage/shop/report.csv").get_data(as_text=True).splitlines()
    assert len(csv_rows) == 3 and all("Necklace" not in row for row in csv_rows)


def test_order_e_mail_is_written_to_the_log_without_smtp(app, shop, caplog):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id)
    client = app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
    with caplog.at_level("INFO", logger="core.outbox"):
        post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup"})
    assert any("e-mail (written to the log: no SMTP server) to=sam@example.org" in r.getMessage()
               for r in caplog.records)
    with app.app_context():  # sent after the order's commit, and recorded as sent
        from core.models import OutboxMessage
        assert db.session.scalar(sa.select(OutboxMessage.status)) == "sent"


def test_staff_keep_the_shipping_table(app, signed_in):
    from marketplace.shipping import rate_for
    staff, _ = signed_in(Role.STAFF)
    for price in ("60", "65"):  # the same limit again changes its price
        post_form(staff, "/manage/shop/shipping", {"zone": "other_provinces", "max_weight_grams": "1000",
                                                   "price_thb": price})
    bad = post_form(staff, "/manage/shop/shipping", {"zone": "other_provinces", "max_weight_grams": "-1",
                                                     "price_thb": "65"})
    assert bad.status_code == 400 and "Number must be between 1 and 100000." in bad.get_data(as_text=True)
    with app.app_context():
        assert rate_for("other_provinces", 800) == 6500
        with pytest.raises(ShopError):
            rate_for("other_provinces", 5000)
        with pytest.raises(ShopError):  # a zone's table is its own: Bangkok has no rate yet
            rate_for("bangkok_vicinity", 800)


def test_manager_cancels_and_the_stock_comes_back(app, shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5)
    client = app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "2"})
    post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup"})
    assert shop.stock(product_id) == 3
    manager = app.test_client()
    sign_in(manager, shop.people.login_name(manager_id))
    with app.app_context():
        order_id = db.session.scalar(sa.select(Order.id))
    post_form(manager, f"/manage/shop/orders/{order_id}/cancelled")  # not paid yet: nothing to give back
    with app.app_context():
        order = db.session.get(Order, order_id)
        assert (order.status, order.refunded_minor, order.lines[0].status) == ("cancelled", 0, "cancelled")
    assert shop.stock(product_id) == 5


def test_cancelling_a_paid_collection_order_is_a_refund(app, shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5, price=10000)
    manager, order_id = _paid_order(app, shop, product_id, 2, manager_id)
    post_form(manager, f"/manage/shop/orders/{order_id}/cancelled")
    with app.app_context():
        order = db.session.get(Order, order_id)
        assert (order.status, order.refunded_minor) == ("refunded", 20000)  # cash given back at the shop
    assert shop.stock(product_id) == 5


@pytest.mark.real_commits  # the check runs as a command in a context of its own
def test_the_stock_is_always_the_sum_of_its_ledger_and_the_check_says_when_it_is_not(app, shop, people):
    from marketplace import fulfilment, stock
    from marketplace.models import Product, StockMovement

    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=10)
    buyer = checkout.Buyer("Sam", "sam@example.org", "", "pickup", "")
    with app.app_context():
        from core.models import User

        manager = db.session.get(User, manager_id)
        kept = checkout.place_order({variant_of(product_id): 3}, buyer, None, use_stripe=False)
        cancelled = checkout.place_order({variant_of(product_id): 2}, buyer, None, use_stripe=False)
        fulfilment.mark_paid_on_collection(kept, manager)
        line = kept.lines[0]
        fulfilment.refund_lines(kept, manager, {line.id: 1}, restock=True)
        fulfilment.cancel_lines(cancelled, manager)
        stock.adjust(db.session.get(Product, product_id).default_variant, manager, -1, "One bag torn")
        with pytest.raises(ShopError):
            stock.adjust(db.session.get(Product, product_id).default_variant, manager, -100, "More than there is")
        db.session.commit()
        reasons = [m.reason for m in stock.history(product_id)]
        assert sorted(reasons) == sorted(["initial", "hold", "hold", "refund_restock", "release", "adjustment"])
        assert db.session.get(Product, product_id).stock == 10 - 3 + 1 - 1 == stock.ledger_sum(variant_of(product_id))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["shop", "check-stock"]).exit_code == 0
    with app.app_context():
        variant_id = variant_of(product_id)
        db.session.execute(sa.update(ProductVariant).where(ProductVariant.id == variant_id)
                           .values(stock=99))  # behind its back
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count(StockMovement.id))) == 6
    result = runner.invoke(args=["shop", "check-stock"])
    assert result.exit_code == 1 and f"{variant_id}: stock 99" in result.output


def test_managers_see_a_products_stock_history_adjust_it_with_a_reason_and_hear_when_it_runs_low(
        app, shop, people):
    from core import scheduler
    from core.models import OutboxMessage, User
    from marketplace import stock

    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, name="Drip bags", stock=6)
    with app.app_context():
        db.session.get(User, manager_id).email = "dao@example.org"
        db.session.commit()
    manager = app.test_client()
    sign_in(manager, people.login_name(manager_id))
    refused = post_form(manager, f"/manage/shop/products/{product_id}/stock", {"change": "-2", "note": ""},
                        follow_redirects=True)
    assert "This field is required." in refused.get_data(as_text=True) and shop.stock(product_id) == 6
    post_form(manager, f"/manage/shop/products/{product_id}/stock", {"change": "-2", "note": "Two boxes wet"})
    page = manager.get(f"/manage/shop/products/{product_id}/edit").get_data(as_text=True)
    assert "Stock history" in page and "Two boxes wet" in page and "Counted again" in page
    assert shop.stock(product_id) == 4
    home = manager.get("/manage/shop/").get_data(as_text=True)
    assert "Stock running low" in home and "Drip bags" in home  # 4 is at or under the threshold of 5
    scheduler.run_job(app, scheduler.Job("shop.low_stock", stock.low_stock_alerts, "cron"))
    with app.app_context():
        [message] = db.session.scalars(sa.select(OutboxMessage)).all()
        assert message.recipient == "dao@example.org" and "Drip bags: 4 left" in message.body


def test_holding_stock_without_paying_is_limited_per_session_and_per_address(app, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=50)
    app.config.update(SHOP_HOLDS_PER_SESSION=2, SHOP_HOLDS_PER_ADDRESS=3)
    try:
        one = app.test_client()
        for _n in range(2):
            post_form(one, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
            post_form(one, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup"})
        post_form(one, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
        third = post_form(one, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup"})
        assert "You already have orders waiting for payment" in third.get_data(as_text=True)
        other = app.test_client()  # a new session from the same address: one more, then the address is full
        post_form(other, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
        post_form(other, "/shop/checkout", {"name": "Kim", "email": "kim@example.org", "delivery": "pickup"})
        post_form(other, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
        refused = post_form(other, "/shop/checkout", {"name": "Kim", "email": "kim@example.org",
                                                      "delivery": "pickup"})
        assert "You already have orders waiting for payment" in refused.get_data(as_text=True)
    finally:
        app.config.update(SHOP_HOLDS_PER_SESSION=1000, SHOP_HOLDS_PER_ADDRESS=1000)
    assert shop.stock(product_id) == 47
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 3


def test_a_cart_holds_at_most_the_set_quantity_of_one_product(app, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=50)
    client = app.test_client()
    response = post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "6"},
                         follow_redirects=True)
    assert "At most 5 of one item per order." in response.get_data(as_text=True)


def test_a_pay_on_collection_order_nobody_collects_gives_its_stock_back(app, shop):
    from datetime import timedelta

    import time_machine

    from core.db import utcnow

    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5)
    client = app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "2"})
    post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup"})
    with app.app_context():
        token = db.session.scalar(sa.select(Order.token))
    assert "We keep these items for you until" in client.get(f"/shop/orders/{token}").get_data(as_text=True)
    with time_machine.travel(utcnow() + timedelta(hours=73)), app.app_context():
        checkout.expire_stale_orders()
    with app.app_context():
        assert db.session.scalar(sa.select(Order.status)) == "cancelled"
    assert shop.stock(product_id) == 5


def test_the_managers_order_list_is_searched_and_paged_by_the_database_and_exports_only_what_it_may(
        app, shop, people):
    import csv
    import io

    from marketplace import order_list

    enterprise_id, manager_id = shop.enterprise()
    other_enterprise, _ = shop.enterprise(slug="jewellery")
    product_id = shop.product(enterprise_id, stock=100)
    other_product = shop.product(other_enterprise, name="Silver ring", stock=100)
    with app.app_context():
        for n in range(30):
            buyer = checkout.Buyer(f"Buyer {n:02d}", f"b{n}@example.org", "", "shipping",
                                   f"{n} Long Road, Chiang Mai 50200", "50")
            checkout.place_order({variant_of(product_id): 1,
                                  variant_of(other_product): 1}, buyer, None, use_stripe=False)
        shipped = db.session.scalar(sa.select(Order).where(Order.name == "Buyer 07"))
        for line in shipped.lines:
            line.status = "shipped"
        db.session.commit()
        shipped_id = shipped.id
    manager = app.test_client()
    sign_in(manager, people.login_name(manager_id))
    first = manager.get("/manage/shop/").get_data(as_text=True)
    assert first.count("/manage/shop/orders/") == order_list.PAGE_SIZE and "Page 1 of 2" in first
    assert "Silver ring" not in first  # another enterprise's lines are not this manager's
    assert "Buyer 00" in manager.get("/manage/shop/?page=2").get_data(as_text=True)
    found = manager.get(f"/manage/shop/?q={shipped_id}").get_data(as_text=True)
    assert "Buyer 07" in found and found.count("/manage/shop/orders/") == 1
    assert manager.get("/manage/shop/?q=buyer+1").get_data(as_text=True).count("/manage/shop/orders/") == 10
    rows = list(csv.DictReader(io.StringIO(manager.get("/manage/shop/orders.csv").get_data().decode("utf-8-sig"))))
    assert len(rows) == 30 and all("Silver ring" not in row["items"] for row in rows)
    named = [row for row in rows if row["customer_name"]]
    assert [(r["order"], r["customer_name"]) for r in named] == [(str(shipped_id), "Buyer 07")]  # only once shipped


def test_a_long_order_export_is_read_in_chunks_and_loses_or_repeats_no_order(app, shop, people, monkeypatch):
    import csv
    import io
    from datetime import UTC, datetime

    from openpyxl import load_workbook

    from marketplace import order_list

    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=100)
    with app.app_context():
        for n in range(23):
            checkout.place_order({variant_of(product_id): 1},
                                 checkout.Buyer(f"Buyer {n:02d}", f"b{n}@example.org", "", "pickup", ""), None,
                                 use_stripe=False)
        # Orders placed in the same instant: the chunks must still cut between them, by number.
        same = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
        db.session.execute(sa.update(Order).where(Order.name.in_([f"Buyer {n:02d}" for n in range(5, 15)]))
                           .values(created_at=same))
        db.session.commit()
        expected = [str(i) for i in db.session.scalars(sa.select(Order.id).order_by(Order.created_at.desc(),
                                                                                    Order.id.desc()))]
    monkeypatch.setattr(order_list, "EXPORT_CHUNK", 4)
    manager = app.test_client()
    sign_in(manager, people.login_name(manager_id))
    response = manager.get("/manage/shop/orders.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert [row["order"] for row in rows] == expected
    assert response.headers["Cache-Control"] == "no-store" and "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(manager.get("/manage/shop/orders.xlsx").get_data())).active
    assert [str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True)] == expected


def test_sales_are_grouped_by_the_programmes_month_in_the_database(app, shop):
    from datetime import UTC, datetime

    from marketplace import reports

    coffee_id, coffee_manager = shop.enterprise("coffee")
    beans = shop.product(coffee_id, price=30000, stock=9)
    _, late_october_utc = _paid_order(app, shop, beans, 2, coffee_manager)
    _, november = _paid_order(app, shop, beans, 1, coffee_manager)
    with app.app_context():
        # 20:00 UTC on 31 October is 03:00 on 1 November in Bangkok: a November sale.
        db.session.execute(sa.update(Order).where(Order.id == late_october_utc)
                           .values(created_at=datetime(2026, 10, 31, 20, 0, tzinfo=UTC)))
        db.session.execute(sa.update(Order).where(Order.id == november)
                           .values(created_at=datetime(2026, 10, 31, 16, 0, tzinfo=UTC)))  # 23:00 in Bangkok
        db.session.commit()
        report = reports.sales(coffee_id)
        assert report.by_month.to_dict("records") == [{"month": "2026-10", "sold_thb": 300.0},
                                                      {"month": "2026-11", "sold_thb": 600.0}]
        assert report.best_sellers.to_dict("records") == [{"product": "Coffee beans", "quantity": 3,
                                                           "sold_thb": 900.0}]
        assert report.average_order_thb == 450.0 and report.refunded_thb == 0.0


def test_a_signed_in_customers_checkout_is_filled_in_and_the_address_is_only_for_shipping(app, shop, people):
    """The name was empty for a signed-in customer (the account calls it display_name); the address box says it
    is only for shipping and is hidden by the style sheet while pick-up is chosen; an address typed and then left
    for pick-up is not kept."""
    from tests.html_facts import page_facts

    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id)
    people.make(Role.CUSTOMER, "Sam Buyer", email="sam.buyer@example.org")
    client = app.test_client()
    sign_in(client, "sam.buyer@example.org")
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
    html = client.get("/shop/checkout").get_data(as_text=True)
    assert re.search(r'<input[^>]*name="name"[^>]*value="Sam Buyer"', html)
    assert re.search(r'<input[^>]*name="email"[^>]*value="sam.buyer@example.org"', html)
    assert re.search(r'<div class="field\s+only-shipping">\s*<label for="address">', html)
    assert "Only if we ship it to you. Leave it empty for pick-up." in html
    assert page_facts(html).labels["address"] == "Address for shipping"
    css = open(f"{app.static_folder}/css/site.css", encoding="utf-8").read()
    assert "form:has(input[name=delivery][value=pickup]:checked) .only-shipping { display: none; }" in css
    response = post_form(client, "/shop/checkout", {"name": "Sam Buyer", "email": "sam.buyer@example.org",
                                                    "delivery": "pickup", "address": "12 Moo 3, Mae Rim 50180"})
    assert response.status_code == 302
    with app.app_context():
        order = db.session.scalar(sa.select(Order).where(Order.email == "sam.buyer@example.org"))
        assert (order.name, order.delivery, order.address) == ("Sam Buyer", "pickup", "")


def test_a_checkout_of_an_account_deleted_meanwhile_places_nothing(app, shop, people):
    """The checkout touches the customer's row first, on condition the account is not anonymised (the deletion
    takes the same row first, so on PostgreSQL a checkout that waited for the deletion finds it done): an
    account anonymised by then is refused in words, with no order, no stock taken and the cart as it was."""
    from core.db import utcnow
    from core.models import User

    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5)
    customer_id = people.make(Role.CUSTOMER, "Sam Buyer", email="sam.gone@example.org")
    with app.app_context():
        customer = db.session.get(User, customer_id)
        items = {variant_of(product_id): 1}
        db.session.add(CartItem(user_id=customer_id, variant_id=variant_of(product_id), quantity=1))
        db.session.execute(sa.update(User).where(User.id == customer_id).values(anonymised_at=utcnow()))
        db.session.commit()
        with pytest.raises(ShopError) as refused:
            checkout.place_order(items, checkout.Buyer("Sam", "sam.gone@example.org", "", "pickup", ""), customer,
                                 use_stripe=True, from_cart=True)
        assert "has been deleted, so nothing was ordered" in str(refused.value.message)
        db.session.rollback()
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0
        assert db.session.scalar(sa.select(sa.func.count(CartItem.user_id))) == 1
    assert shop.stock(product_id) == 5


def test_a_guest_cart_makes_one_order_under_a_token_of_its_own_and_the_next_cart_has_a_new_one(app, shop):
    """A guest's cart lives in the session cookie with a random token made with the cart; the order it becomes
    takes a keyed hash of it as its secret link (not the cookie's token, 43 characters as any order's). The
    same cart sent again (the old cookie: "Back", another tab) goes to that order and places none; once
    ordered the cart and its token are gone, and the next cart has a new token and makes an order of its own."""
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5)
    client = app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
    with client.session_transaction() as kept:
        with_cart = dict(kept)
    form = {"name": "Guest Buyer", "email": "guest@example.org", "delivery": "pickup"}
    answer = post_form(client, "/shop/checkout", form)
    with app.app_context():
        (token,) = db.session.scalars(sa.select(Order.token)).all()
    assert answer.status_code == 302 and answer.location.endswith(f"/shop/orders/{token}")
    first_cart = with_cart["cart_token"]
    assert len(token) == 43 and re.fullmatch(r"[A-Za-z0-9_-]{43}", token) and first_cart not in token
    with client.session_transaction() as kept:
        after_order = dict(kept)
    assert "cart_token" not in after_order and not after_order.get("cart")

    with client.session_transaction() as kept:
        kept.clear()
        kept.update(with_cart)
    again = post_form(client, "/shop/checkout", form)
    assert again.status_code == 302 and again.location.endswith(f"/shop/orders/{token}")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 1
    assert shop.stock(product_id) == 4

    with client.session_transaction() as kept:
        kept.clear()
        kept.update(after_order)
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
    with client.session_transaction() as kept:
        assert kept["cart_token"] != first_cart
    assert post_form(client, "/shop/checkout", form).status_code == 302
    with app.app_context():
        tokens = set(db.session.scalars(sa.select(Order.token)))
    assert len(tokens) == 2 and token in tokens
    assert shop.stock(product_id) == 3
