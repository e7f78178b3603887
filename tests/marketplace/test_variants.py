"""Variants (issue #34, point 1): a coffee in weights and grinds, each combination with its own price, weight,
SKU and stock; chosen on the product page without JavaScript; kept by managers; sold, held and given back per
variant."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import AuditEntry, Role, User
from marketplace import catalogue, checkout, fulfilment, variant_management
from marketplace.cart import ShopError
from marketplace.models import CartItem, Order, Product, ProductVariant, StockMovement
from tests.conftest import post_form, sign_in


class Coffee:
    """Doi Chang in 250 g and 500 g, whole beans or ground for filter: three of the four combinations sold."""

    def __init__(self, app, shop):
        self.app, self.shop = app, shop
        self.enterprise_id, self.manager_id = shop.enterprise()
        self.product_id = shop.product(self.enterprise_id, name="Doi Chang", price=32000, stock=10)
        with app.app_context():
            product, manager = db.session.get(Product, self.product_id), db.session.get(User, self.manager_id)
            weight = variant_management.add_option(manager, product, "Weight", "250 g, 500 g")
            grind = variant_management.add_option(manager, product, "Grind", "Whole beans, Ground for filter")
            variant_management.translate_name(manager, grind.values[1], "th", {"name": "บดสำหรับดริป"})
            self.values = {v.name: v.id for option in (weight, grind) for v in option.values}
            self.options = {"Weight": weight.id, "Grind": grind.id}
            self.small_beans = product.default_variant.id  # the product's own variant took the first values
            self.large_beans = self.add(manager, product, "500 g", "Whole beans", price=58000, stock=3, sku="DC-500-WB")
            self.small_ground = self.add(manager, product, "250 g", "Ground for filter", price=33000, stock=2)
            db.session.commit()

    def add(self, manager, product, weight, grind, price, stock, sku=""):
        chosen = {self.options["Weight"]: self.values[weight], self.options["Grind"]: self.values[grind]}
        return variant_management.add_variant(manager, product, chosen, {
            "price_minor": price, "weight_grams": 520, "low_stock_at": 1, "made_to_order": False, "counted": stock,
            "sku": sku}).id

    def choice(self, weight, grind) -> dict:
        return {f"option_{self.options['Weight']}": str(self.values[weight]),
                f"option_{self.options['Grind']}": str(self.values[grind])}

    def stock(self, variant_id):
        with self.app.app_context():
            return db.session.get(ProductVariant, variant_id).stock


@pytest.fixture
def coffee(app, shop):
    return Coffee(app, shop)


def _page(client, path):
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_each_variant_has_its_own_stock_in_its_own_ledger(app, coffee):
    assert (coffee.stock(coffee.small_beans), coffee.stock(coffee.large_beans), coffee.stock(coffee.small_ground)) \
        == (10, 3, 2)
    with app.app_context():
        for variant_id in (coffee.small_beans, coffee.large_beans, coffee.small_ground):
            rows = db.session.scalars(sa.select(StockMovement.change).where(StockMovement.variant_id == variant_id))
            assert sum(rows) == db.session.get(ProductVariant, variant_id).stock
        assert db.session.get(Product, coffee.product_id).stock == 15  # the product: its variants together


def test_without_javascript_the_form_shows_a_chosen_variant_then_adds_it(app, coffee):
    client = app.test_client()
    page = _page(client, f"/shop/products/{coffee.product_id}")
    assert 'name="show"' in page and "From 320.00" in page  # before a choice: the lowest price
    shown = post_form(client, "/shop/cart/add", {"product_id": str(coffee.product_id), "quantity": "1",
                                                 "show": "Show", **coffee.choice("500 g", "Whole beans")})
    assert shown.status_code == 302 and "/shop/products/" in shown.headers["Location"]
    page = _page(client, shown.headers["Location"])
    assert "580.00" in page and "3 in stock" in page
    with client.session_transaction() as session:
        assert not session.get("cart")  # "Show" adds nothing
    added = post_form(client, "/shop/cart/add", {"product_id": str(coffee.product_id), "quantity": "2",
                                                 "submit": "Add", **coffee.choice("500 g", "Whole beans")})
    assert added.headers["Location"].endswith("/shop/cart")
    with client.session_transaction() as session:
        assert session["cart"] == {str(coffee.large_beans): 2}
    cart_page = _page(client, "/shop/cart")
    assert "500 g, Whole beans" in cart_page and "1,160.00" in cart_page


def test_a_combination_not_sold_or_sold_out_is_said_clearly_and_nothing_is_added(app, coffee):
    client = app.test_client()
    not_sold = coffee.choice("500 g", "Ground for filter")
    page = _page(client, f"/shop/products/{coffee.product_id}?" + "&".join(f"{k}={v}" for k, v in not_sold.items()))
    assert "This combination is not sold. Please choose another." in page
    refused = post_form(client, "/shop/cart/add", {"product_id": str(coffee.product_id), "quantity": "1",
                                                   **not_sold}, follow_redirects=True)
    assert "This combination is not sold. Please choose another." in refused.get_data(as_text=True)
    missing = post_form(client, "/shop/cart/add", {"product_id": str(coffee.product_id), "quantity": "1"},
                        follow_redirects=True)
    assert "Choose the Weight." in missing.get_data(as_text=True)
    with app.app_context():
        db.session.get(ProductVariant, coffee.small_ground).stock = 0
        db.session.commit()
    sold_out = post_form(client, "/shop/cart/add", {"product_id": str(coffee.product_id), "quantity": "1",
                                                    **coffee.choice("250 g", "Ground for filter")},
                         follow_redirects=True)
    assert "Sorry, this is out of stock. Please choose another." in sold_out.get_data(as_text=True)
    with client.session_transaction() as session:
        assert not session.get("cart")


def test_the_product_page_in_thai_names_the_values_in_thai_and_carries_the_figures_for_the_script(app, coffee):
    client = app.test_client()
    post_form(client, "/language", {"language": "th", "next": "/shop/"})
    page = _page(client, f"/shop/products/{coffee.product_id}")
    assert "บดสำหรับดริป" in page and "js/variants.js" in page
    figures = re.search(r'data-variants="([^"]*)"', page).group(1)
    assert "580.00" in figures.replace("&#34;", '"') and figures.count("values") == 3


def test_an_order_line_and_the_checkout_line_item_are_the_variant_with_its_price(app, coffee):
    buyer = checkout.Buyer("Sam", "sam@example.org", "", "pickup", "")
    with app.app_context():
        order = checkout.place_order({coffee.large_beans: 1, coffee.small_beans: 2}, buyer, None, use_stripe=True)
        params = checkout.checkout_params(order, "https://x/ok", "https://x/cancel")
        names = {item["product_data"]["name"]: item["unit_amount"] for item in
                 (line["price_data"] for line in params["line_items"])}
        assert names == {"Doi Chang — 250 g, Whole beans": 32000, "Doi Chang — 500 g, Whole beans": 58000}
        assert {line.variant_id for line in order.lines} == {coffee.large_beans, coffee.small_beans}
        assert order.total_minor == 58000 + 2 * 32000
        db.session.commit()
    assert (coffee.stock(coffee.large_beans), coffee.stock(coffee.small_beans), coffee.stock(coffee.small_ground)) \
        == (2, 8, 2)


def test_more_than_a_variant_has_is_refused_and_its_sibling_is_untouched(app, coffee):
    buyer = checkout.Buyer("Sam", "sam@example.org", "", "pickup", "")
    with app.app_context():
        with pytest.raises(ShopError, match="only 3 of"):
            checkout.place_order({coffee.large_beans: 4}, buyer, None, use_stripe=False)
    assert (coffee.stock(coffee.large_beans), coffee.stock(coffee.small_beans)) == (3, 10)


def test_a_refund_with_the_items_back_restocks_the_variant_that_was_sold(app, coffee):
    buyer = checkout.Buyer("Sam", "sam@example.org", "", "pickup", "")
    with app.app_context():
        order = checkout.place_order({coffee.large_beans: 2, coffee.small_beans: 1}, buyer, None, use_stripe=False)
        manager = db.session.get(User, coffee.manager_id)
        fulfilment.mark_paid_on_collection(order, manager)
        db.session.commit()
        order_id = order.id
    assert (coffee.stock(coffee.large_beans), coffee.stock(coffee.small_beans)) == (1, 9)
    with app.app_context():
        order = db.session.get(Order, order_id)
        line = next(line for line in order.lines if line.variant_id == coffee.large_beans)
        fulfilment.refund_lines(order, db.session.get(User, coffee.manager_id), {line.id: 1}, restock=True)
        db.session.commit()
    assert (coffee.stock(coffee.large_beans), coffee.stock(coffee.small_beans)) == (2, 9)
    with app.app_context():
        restocked = db.session.scalars(sa.select(StockMovement).where(StockMovement.reason == "refund_restock")).all()
        assert [(m.variant_id, m.change) for m in restocked] == [(coffee.large_beans, 1)]


def test_a_signed_in_cart_keeps_variants(app, coffee, people):
    customer_id = people.make(Role.CUSTOMER, email="buyer@example.org")
    client = app.test_client()
    sign_in(client, "buyer@example.org")
    post_form(client, "/shop/cart/add", {"product_id": str(coffee.product_id), "quantity": "1",
                                         **coffee.choice("250 g", "Ground for filter")})
    with app.app_context():
        assert db.session.execute(sa.select(CartItem.variant_id, CartItem.quantity)
                                  .where(CartItem.user_id == customer_id)).all() == [(coffee.small_ground, 1)]


def test_options_values_and_skus_are_found_by_the_shop_search(app, coffee):
    with app.app_context():
        assert [p.id for p in catalogue.search(q="บดสำหรับดริป")[0]] == [coffee.product_id]
        assert [p.id for p in catalogue.search(q="DC-500")[0]] == [coffee.product_id]
        assert catalogue.search(q="Ground for espresso")[0] == []


def _manager(app, coffee):
    client = app.test_client()
    with app.app_context():
        login = db.session.get(User, coffee.manager_id).username
    sign_in(client, login)
    return client


def test_managers_add_options_values_and_variants_on_the_product_page(app, coffee):
    client = _manager(app, coffee)
    base = f"/manage/shop/products/{coffee.product_id}"
    page = _page(client, f"{base}/variants")
    assert "Doi Chang — 500 g, Whole beans" in page.replace("</span>", "").replace('<span data-user-content>', "")
    assert post_form(client, f"{base}/options/{coffee.options['Grind']}/values",
                     {"name": "Ground for espresso"}).status_code == 302
    with app.app_context():
        espresso = db.session.scalar(sa.select(ProductVariant.id).where(ProductVariant.sku == "NEW-1"))
        assert espresso is None
        value = next(v.id for o in db.session.get(Product, coffee.product_id).options for v in o.values
                     if v.name == "Ground for espresso")
    added = post_form(client, f"{base}/variants/new", {
        f"option_{coffee.options['Weight']}": str(coffee.values["250 g"]), f"option_{coffee.options['Grind']}":
        str(value), "price_thb": "340", "sku": "NEW-1", "weight_grams": "270", "counted": "4", "low_stock_at": "1"},
        follow_redirects=True)
    assert "Variant added." in added.get_data(as_text=True)
    with app.app_context():
        variant = db.session.scalar(sa.select(ProductVariant).where(ProductVariant.sku == "NEW-1"))
        assert (variant.price_minor, variant.stock, variant.weight_grams) == (34000, 4, 270)
        assert db.session.scalar(sa.select(AuditEntry.id).where(AuditEntry.action == "product.variant_add"))


def test_bad_variant_input_is_refused_clearly_and_changes_nothing(app, coffee):
    client = _manager(app, coffee)
    base = f"/manage/shop/products/{coffee.product_id}"

    def count():
        with app.app_context():
            return (db.session.scalar(sa.select(sa.func.count(ProductVariant.id))),
                    db.session.scalar(sa.select(sa.func.count(StockMovement.id))))
    before = count()
    again = post_form(client, f"{base}/variants/new", {**coffee.choice("500 g", "Whole beans"), "price_thb": "1",
                                                       "weight_grams": "1", "counted": "1", "low_stock_at": "1"},
                      follow_redirects=True)
    assert "This combination is already for sale." in again.get_data(as_text=True)
    taken_sku = post_form(client, f"{base}/variants/new", {**coffee.choice("500 g", "Ground for filter"),
                                                           "price_thb": "1", "weight_grams": "1", "counted": "1",
                                                           "low_stock_at": "1", "sku": "DC-500-WB"},
                          follow_redirects=True)
    assert "Another product already has this SKU." in taken_sku.get_data(as_text=True)
    unchosen = post_form(client, f"{base}/variants/new", {"price_thb": "1", "weight_grams": "1", "counted": "1",
                                                          "low_stock_at": "1"}, follow_redirects=True)
    assert "Choose a value for every option." in unchosen.get_data(as_text=True)
    negative = post_form(client, f"{base}/variants/{coffee.large_beans}", {
        "price_thb": "-5", "weight_grams": "1", "low_stock_at": "1", "stock_shown": "3"})
    assert negative.status_code == 200
    assert post_form(client, f"{base}/options", {"name": "Weight", "values": "2 kg"}).status_code == 302
    assert count() == before
    with app.app_context():
        assert db.session.get(ProductVariant, coffee.large_beans).price_minor == 58000
        assert len(db.session.get(Product, coffee.product_id).options) == 2


def test_managers_change_a_variants_price_and_its_stock_through_the_ledger(app, coffee):
    client = _manager(app, coffee)
    base = f"/manage/shop/products/{coffee.product_id}/variants/{coffee.large_beans}"
    assert "3 in stock" in _page(client, base)
    saved = post_form(client, base, {"price_thb": "600", "weight_grams": "520", "low_stock_at": "1",
                                     "stock_shown": "3", "sku": "DC-500-WB", "active": "y"})
    assert saved.status_code == 302
    post_form(client, f"{base}/stock", {"change": "-1", "note": "One bag torn"})
    assert (coffee.stock(coffee.large_beans), coffee.stock(coffee.small_beans)) == (2, 10)
    with app.app_context():
        assert db.session.get(ProductVariant, coffee.large_beans).price_minor == 60000
        row = db.session.scalar(sa.select(StockMovement).where(StockMovement.reason == "adjustment"))
        assert (row.variant_id, row.change, row.note) == (coffee.large_beans, -1, "One bag torn")
    other = post_form(client, f"/manage/shop/products/{coffee.product_id}/stock", {"change": "5", "note": "x"},
                      follow_redirects=True)
    assert "Change the stock of each variant on its own page." in other.get_data(as_text=True)


def test_another_enterprises_manager_cannot_open_or_change_the_variants(app, coffee, shop):
    _other_id, other_manager = shop.enterprise("jewels")
    client = app.test_client()
    with app.app_context():
        sign_in(client, db.session.get(User, other_manager).username)
    base = f"/manage/shop/products/{coffee.product_id}"
    assert client.get(f"{base}/variants").status_code == 404
    assert post_form(client, f"{base}/variants/{coffee.large_beans}/stock", {"change": "5", "note": "x"}) \
        .status_code == 404
    assert coffee.stock(coffee.large_beans) == 3


def test_the_product_form_of_a_product_with_options_keeps_its_variants_figures(app, coffee):
    client = _manager(app, coffee)
    page = _page(client, f"/manage/shop/products/{coffee.product_id}/edit")
    assert 'name="price_thb"' not in page and "Options and variants" in page
    saved = post_form(client, f"/manage/shop/products/{coffee.product_id}/edit", {
        "name": "Doi Chang, medium roast", "description": "", "text_language": "en", "category": "coffee",
        "active": "y"})
    assert saved.status_code == 302
    with app.app_context():
        product = db.session.get(Product, coffee.product_id)
        assert product.name == "Doi Chang, medium roast"
        assert sorted((v.price_minor, v.stock) for v in product.variants) == [(32000, 10), (33000, 2), (58000, 3)]


# --- renaming and removing options and values (issue #34) ------------------------------------------------------

def test_managers_rename_an_option_and_a_value_and_orders_keep_the_names_they_were_placed_with(app, coffee):
    client = _manager(app, coffee)
    base = f"/manage/shop/products/{coffee.product_id}"
    with app.app_context():
        order = checkout.place_order({coffee.small_ground: 1}, checkout.Buyer("Sam", "sam@example.org", "", "pickup",
                                                                             ""), None, use_stripe=False)
        db.session.commit()
        sold_as = order.lines[0].name
    page = _page(client, f"{base}/variants")
    assert f'href="{base}/options/{coffee.options["Grind"]}"' in page  # "Rename or remove"
    assert post_form(client, f"{base}/options/{coffee.options['Grind']}", {"name": "Grind size"}).status_code == 302
    renamed = post_form(client, f"{base}/values/{coffee.values['Ground for filter']}",
                        {f"value-{coffee.values['Ground for filter']}-name": "Ground for drip"}, follow_redirects=True)
    assert "Name saved." in renamed.get_data(as_text=True)
    # A name the option already has is refused on its own field, with what was typed kept.
    taken = post_form(client, f"{base}/values/{coffee.values['Ground for filter']}",
                      {f"value-{coffee.values['Ground for filter']}-name": "whole BEANS"})
    assert taken.status_code == 400
    html = taken.get_data(as_text=True)
    assert "This option already has this value." in html and 'value="whole BEANS"' in html
    shop_page = _page(app.test_client(), f"/shop/products/{coffee.product_id}")
    assert "Grind size" in shop_page and "Ground for drip" in shop_page and "Ground for filter" not in shop_page
    with app.app_context():
        assert db.session.get(Order, order.id).lines[0].name == sold_as  # as it was sold
        assert {"product.option_rename", "product.option_value_rename"} <= set(db.session.scalars(
            sa.select(AuditEntry.action)))
    assert any(p.id == coffee.product_id for p in _found(app, "drip"))  # the search reads the new name


def _found(app, words):
    with app.app_context():
        return catalogue.search(q=words)[0]


def test_a_value_goes_with_its_variants_only_while_none_was_ordered_and_an_option_only_with_one_value(app, coffee):
    client = _manager(app, coffee)
    base = f"/manage/shop/products/{coffee.product_id}"
    grind, weight = coffee.options["Grind"], coffee.options["Weight"]

    def told(path) -> str:
        return post_form(client, path, follow_redirects=True).get_data(as_text=True)

    # Ground for filter was ordered once: its variant is kept (taken off sale instead), nothing removed.
    with app.app_context():
        checkout.place_order({coffee.small_ground: 1}, checkout.Buyer("Sam", "sam@example.org", "", "pickup", ""),
                             None, use_stripe=False)
        db.session.commit()
    assert "have been ordered" in told(f"{base}/values/{coffee.values['Ground for filter']}/remove")
    assert "other values first" in told(f"{base}/options/{grind}/remove")
    with app.app_context():
        assert db.session.get(ProductVariant, coffee.small_ground) is not None
    # 500 g was never ordered: it goes with its variant, its stock entries and its place in a cart.
    with app.app_context():
        db.session.add(CartItem(user_id=coffee.manager_id, variant_id=coffee.large_beans, quantity=1))
        db.session.commit()
    assert "The value is removed" in told(f"{base}/values/{coffee.values['500 g']}/remove")
    with app.app_context():
        assert db.session.get(ProductVariant, coffee.large_beans) is None
        assert not db.session.scalar(sa.select(sa.func.count(StockMovement.id))
                                     .where(StockMovement.variant_id == coffee.large_beans))
        assert not db.session.scalar(sa.select(sa.func.count()).select_from(CartItem))
    # The option's only value left cannot go; the option can, and the variants stay one each.
    assert "only value" in told(f"{base}/values/{coffee.values['250 g']}/remove")
    assert "The option is removed." in told(f"{base}/options/{weight}/remove")
    with app.app_context():
        product = db.session.get(Product, coffee.product_id)
        assert [o.name for o in product.options] == ["Grind"] and product.options[0].position == 0
        assert sorted(v.combination for v in product.variants) == sorted(
            str(coffee.values[name]) for name in ("Whole beans", "Ground for filter"))
    shop_page = _page(app.test_client(), f"/shop/products/{coffee.product_id}")
    assert "250 g" not in shop_page and "Weight" not in shop_page


def test_another_enterprises_manager_cannot_rename_or_remove(app, coffee, shop):
    _other, other_manager = shop.enterprise("jewellery")
    client = app.test_client()
    with app.app_context():
        sign_in(client, db.session.get(User, other_manager).username)
    base = f"/manage/shop/products/{coffee.product_id}"
    for path, data in ((f"{base}/options/{coffee.options['Grind']}", {"name": "Mine"}),
                       (f"{base}/values/{coffee.values['250 g']}/remove", {}),
                       (f"{base}/options/{coffee.options['Grind']}/remove", {})):
        assert post_form(client, path, data).status_code == 404
