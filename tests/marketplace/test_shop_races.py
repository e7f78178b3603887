"""Stock and hold limits under concurrency: changes of the stock made at the same moment all count, a product
form shown before a sale never sells the sold units again, and the limits on unpaid orders that hold stock
stay limits when many checkouts arrive at once. Threads go at once on connections of their own, against the
real database (SQLite or PostgreSQL)."""
from __future__ import annotations

import secrets
import threading

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import User
from marketplace import checkout, stock
from marketplace.models import HoldSlot, Order, Product, StockMovement
from tests.conftest import csrf_token, make_app, post_form, sign_in
from tests.marketplace.test_shop import _paid_order
from tests.site_crawl import parse_page

REFUSED_HOLD = "You already have orders waiting for payment"
BUYER = {"name": "Sam", "email": "sam@example.org", "delivery": "pickup"}


def _at_once(count: int, work) -> None:
    """work(n, go) in `count` threads: each gets ready, calls go(), and they all carry on at the same moment."""
    barrier, errors = threading.Barrier(count), []

    def run(n):
        try:
            work(n, barrier.wait)
        except Exception as error:  # noqa: BLE001 - said by the test below
            barrier.abort()
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def _ledger_is_whole(app, product_id: int) -> None:
    with app.app_context():
        assert stock.discrepancies() == []
        assert db.session.get(Product, product_id).stock == stock.ledger_sum(product_id)
    assert app.test_cli_runner().invoke(args=["shop", "check-stock"]).exit_code == 0


def _product_form(html: str) -> dict[str, str]:
    """The product form's fields as the browser would send them, unchanged."""
    [form] = [f for f in parse_page(html).forms if "price_thb" in f.names()]
    return {f.name: f.value for f in form.fields
            if f.kind != "submit" and (f.kind != "checkbox" or f.checked)}


def _manager(app, shop, manager_id):
    client = app.test_client()
    sign_in(client, shop.people.login_name(manager_id))
    return client


@pytest.mark.real_commits  # threads on connections of their own
def test_ten_adjustments_at_once_move_the_stock_and_its_ledger_by_exactly_ten(app, shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=10)

    def add_one(n, go):
        with app.app_context():
            product, manager = db.session.get(Product, product_id), db.session.get(User, manager_id)
            assert product.stock == 10  # every request read the product before any of them changed it
            go()
            stock.adjust(product.default_variant, manager, 1, f"Bag {n} found on the shelf")
            db.session.commit()
            db.session.remove()

    _at_once(10, add_one)
    assert shop.stock(product_id) == 20
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(StockMovement.id))
                                 .where(StockMovement.reason == "adjustment")) == 10
    _ledger_is_whole(app, product_id)


def test_an_adjustment_below_zero_or_of_a_made_to_order_product_is_refused_and_changes_nothing(app, shop):
    enterprise_id, manager_id = shop.enterprise()
    counted = shop.product(enterprise_id, stock=3)
    made = shop.product(enterprise_id, name="Cake to order", stock=None)
    manager = _manager(app, shop, manager_id)
    below = post_form(manager, f"/manage/shop/products/{counted}/stock", {"change": "-4", "note": "Broken"},
                      follow_redirects=True)
    assert "The change must not take the stock below 0: 3 in stock now." in below.get_data(as_text=True)
    post_form(manager, f"/manage/shop/products/{made}/stock", {"change": "2", "note": "Baked"})
    assert (shop.stock(counted), shop.stock(made)) == (3, None)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(StockMovement.id))) == 1  # the first count only


def test_saving_a_product_form_shown_before_a_sale_does_not_sell_the_paid_units_again(app, shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=22)
    manager = _manager(app, shop, manager_id)
    shown = _product_form(manager.get(f"/manage/shop/products/{product_id}/edit").get_data(as_text=True))
    _paid_order(app, shop, product_id, 2, manager_id)  # a buyer pays for 2 while the form is open
    assert shop.stock(product_id) == 20
    saved = post_form(manager, f"/manage/shop/products/{product_id}/edit", {**shown, "price_thb": "350"})
    assert saved.status_code == 302
    assert shop.stock(product_id) == 20
    with app.app_context():
        assert db.session.get(Product, product_id).price_minor == 35000
    _ledger_is_whole(app, product_id)


def test_a_count_made_against_a_figure_that_changed_is_refused_with_the_new_figure_then_applies(app, shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=22)
    manager = _manager(app, shop, manager_id)
    edit = f"/manage/shop/products/{product_id}/edit"
    shown = _product_form(manager.get(edit).get_data(as_text=True))
    assert (shown["counted"], shown["stock_shown"]) == ("", "22")
    _paid_order(app, shop, product_id, 2, manager_id)
    refused = post_form(manager, edit, {**shown, "counted": "25"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "The stock changed since this page was shown: 20 in stock now." in page
    again = _product_form(page)
    assert (again["counted"], again["stock_shown"]) == ("25", "20")  # what they typed, against the new figure
    assert shop.stock(product_id) == 20
    assert post_form(manager, edit, again).status_code == 302
    assert shop.stock(product_id) == 25
    with app.app_context():
        last = stock.history(product_id, limit=1)[0]
        assert (last.change, last.reason) == (5, "adjustment")
    _ledger_is_whole(app, product_id)


def test_made_to_order_and_back_keeps_the_ledger_and_a_form_shown_before_changes_nothing(app, shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=10)
    manager = _manager(app, shop, manager_id)
    edit = f"/manage/shop/products/{product_id}/edit"
    shown = _product_form(manager.get(edit).get_data(as_text=True))
    assert post_form(manager, edit, {**shown, "made_to_order": "y"}).status_code == 302
    assert shop.stock(product_id) is None
    stale = _product_form(manager.get(edit).get_data(as_text=True))  # made to order, shown in a second tab
    assert (stale.get("made_to_order"), stale["stock_shown"]) == ("y", "")
    counted = {k: v for k, v in stale.items() if k != "made_to_order"}
    no_count = post_form(manager, edit, counted)
    assert "Give the number in stock, or tick made to order." in no_count.get_data(as_text=True)
    assert post_form(manager, edit, {**counted, "counted": "7"}).status_code == 302
    assert shop.stock(product_id) == 7
    _ledger_is_whole(app, product_id)
    assert post_form(manager, edit, {**stale, "name": "Coffee beans, dark"}).status_code == 302
    assert shop.stock(product_id) == 7, "a form that showed made to order does not undo the count made since"
    refused = post_form(manager, edit, {**counted, "counted": "9"})  # counted from made to order: it is not now
    assert "This product became made to order" not in refused.get_data(as_text=True)
    assert "The stock changed since this page was shown: 7 in stock now." in refused.get_data(as_text=True)
    _ledger_is_whole(app, product_id)


@pytest.fixture
def limited(app):
    """The same database, with the hold limits of a live shop (the shared test app allows 1000)."""
    def make(**limits):
        return make_app(app.config["TEST_TMP_DIR"], **limits)
    return make


def _checkouts_at_once(clients, tokens) -> list[str]:
    answers = []

    def place(n, go):
        go()
        response = clients[n].post("/shop/checkout", data={"csrf_token": tokens[n], **BUYER})
        answers.append("placed" if response.status_code == 302 else
                       "refused" if REFUSED_HOLD in response.get_data(as_text=True) else
                       f"{response.status_code}")

    _at_once(len(clients), place)
    return answers


@pytest.mark.real_commits  # threads on connections of their own
def test_ten_checkouts_at_once_from_one_session_hold_at_most_the_sessions_limit(app, shop, limited):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=50)
    shop_app = limited(SHOP_HOLDS_PER_SESSION=2, SHOP_HOLDS_PER_ADDRESS=1000)
    first = shop_app.test_client()
    post_form(first, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
    token = csrf_token(first)
    cookie = first.get_cookie(shop_app.config["SESSION_COOKIE_NAME"]).value
    clients = [shop_app.test_client() for _n in range(10)]
    for client in clients:  # one session's cookie sent ten times at once, each with a cart of its own (one cart
        client.set_cookie(shop_app.config["SESSION_COOKIE_NAME"], cookie)  # sent ten times is one order)
        with client.session_transaction() as kept:
            kept["cart_token"] = secrets.token_urlsafe(32)
    answers = _checkouts_at_once(clients, [token] * 10)
    assert sorted(answers) == ["placed"] * 2 + ["refused"] * 8, answers
    assert shop.stock(product_id) == 48
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 2
    _ledger_is_whole(app, product_id)


@pytest.mark.real_commits  # threads on connections of their own
def test_ten_checkouts_at_once_from_one_address_with_fresh_sessions_hold_at_most_the_addresss_limit(
        app, shop, limited):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=50)
    shop_app = limited(SHOP_HOLDS_PER_SESSION=1000, SHOP_HOLDS_PER_ADDRESS=4)
    clients = [shop_app.test_client() for _n in range(10)]  # a client that drops its cookies each time
    for client in clients:
        post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
    answers = _checkouts_at_once(clients, [csrf_token(client) for client in clients])
    assert sorted(answers) == ["placed"] * 4 + ["refused"] * 6, answers
    assert shop.stock(product_id) == 46
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 4
        assert db.session.scalar(sa.select(sa.func.count()).select_from(HoldSlot)) == 4 + 4  # address, sessions


def test_a_place_comes_back_when_its_order_stops_holding_stock_unpaid(app, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=50)
    app.config.update(SHOP_HOLDS_PER_SESSION=1)
    try:
        client = app.test_client()
        for _n in range(2):
            post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
            answer = post_form(client, "/shop/checkout", BUYER)
        assert REFUSED_HOLD in answer.get_data(as_text=True)
        with app.app_context():
            checkout.cancel_unpaid(db.session.scalar(sa.select(Order)), "test")
            db.session.commit()
        assert post_form(client, "/shop/checkout", BUYER).status_code == 302
    finally:
        app.config.update(SHOP_HOLDS_PER_SESSION=1000)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 2
        assert db.session.scalar(sa.select(sa.func.count()).select_from(HoldSlot)
                                 .where(HoldSlot.key.like("session:%"))) == 1  # the cancelled order's is gone


def test_a_new_product_starts_with_its_count_or_made_to_order(app, shop):
    enterprise_id, manager_id = shop.enterprise()
    manager = _manager(app, shop, manager_id)
    blank = _product_form(manager.get("/manage/shop/products/new").get_data(as_text=True))
    assert blank["stock_shown"] == ""
    new = {**blank, "name": "Drip bags", "category": "coffee", "price_thb": "120", "weight_grams": "100"}
    assert "Give the number in stock, or tick made to order." in post_form(
        manager, "/manage/shop/products/new", new).get_data(as_text=True)
    assert post_form(manager, "/manage/shop/products/new", {**new, "counted": "12"}).status_code == 302
    post_form(manager, "/manage/shop/products/new", {**new, "name": "Cake", "made_to_order": "y"})
    with app.app_context():
        counts = dict(db.session.execute(sa.select(Product.name, Product.id)).all())
        assert db.session.get(Product, counts["Cake"]).stock is None
        [first] = stock.history(counts["Drip bags"])
        assert (first.change, first.reason) == (12, "initial")
    _ledger_is_whole(app, counts["Drip bags"])
