"""Outside attack on removing an option's value (marketplace.variant_management.remove_value), on the real
server. A value goes with its variants while none was ever ordered; a customer's saved cart loses them by the
foreign key, but a guest's cart is in their session cookie and still names the deleted variant. When that guest
then signs in as a customer, cart.merge_guest_cart writes the guest's cart into cart_items with the deleted
variant's id: the foreign key refuses it and the sign-in answers 500 (seen on the demo data under gunicorn with
SQLite: `FOREIGN KEY constraint failed [SQL: INSERT INTO cart_items ...]`). And while the guest stays a guest,
the cart page leaves the deleted variant out (so there is no Remove button for it) but checkout still reads it
and refuses the whole order with "This product is not for sale.": the guest can never check out the rest of
the cart with that browser."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.attack.helpers import browser
from tests.concurrency.harness import CSRF, PASSWORD, Browser, build_world

pytestmark = pytest.mark.real_commits


def _two_sizes(app, product_id: int) -> tuple[int, int, int]:
    """The coffee in Small (its own variant) and Large (a new one, never ordered); returns the option's id, the
    Large value's id and the Large variant's id."""
    from core.models import User
    from marketplace import variant_management
    from marketplace.models import EnterpriseManager, Product

    with app.app_context():
        product = db.session.get(Product, product_id)
        manager = db.session.get(User, db.session.scalar(sa.select(EnterpriseManager.user_id).where(
            EnterpriseManager.enterprise_id == product.enterprise_id)))
        size = variant_management.add_option(manager, product, "Size", "Small, Large")
        large = variant_management.add_variant(manager, product, {size.id: size.values[1].id}, {
            "price_minor": 58000, "weight_grams": 520, "low_stock_at": 1, "made_to_order": False,
            "counted": 5})
        db.session.commit()
        return size.id, size.values[1].id, large.id


def _add(guest, base, product_id, choice: dict) -> None:
    page = guest.http.get(f"{base}/shop/products/{product_id}", timeout=30).text
    added = guest.http.post(f"{base}/shop/cart/add", data={
        "csrf_token": CSRF.search(page).group(1), "product_id": str(product_id), "quantity": "1", **choice},
        allow_redirects=False, timeout=30)
    assert added.status_code == 302 and added.headers["Location"].endswith("/shop/cart"), added.status_code


def _remove_value(server, world, product_id, option_id, value_id) -> None:
    manager = browser(server, world, "manager_a")
    page = manager.http.get(f"{server.base}/manage/shop/products/{product_id}/options/{option_id}", timeout=30).text
    removed = manager.http.post(f"{server.base}/manage/shop/products/{product_id}/values/{value_id}/remove",
                                data={"csrf_token": CSRF.search(page).group(1)}, allow_redirects=False, timeout=30)
    assert removed.status_code == 302


def test_a_guest_whose_cart_held_a_removed_value_signs_in_without_an_error(shop_app, stripe_servers, server):
    world = build_world(shop_app, stripe_servers.base)
    product_id = world.products["coffee"]
    option_id, large_value, _large_variant = _two_sizes(shop_app, product_id)
    guest = Browser(server.base)
    _add(guest, server.base, product_id, {f"option_{option_id}": str(large_value)})
    _remove_value(server, world, product_id, option_id, large_value)
    assert guest.http.get(f"{server.base}/shop/cart", timeout=30).status_code == 200

    page = guest.http.get(f"{server.base}/sign-in", timeout=30).text
    answer = guest.http.post(f"{server.base}/sign-in", data={
        "csrf_token": CSRF.search(page).group(1), "login_name": world.logins["customer"], "password": PASSWORD},
        allow_redirects=False, timeout=30)
    assert answer.status_code == 302, answer.status_code  # 500 today: the guest cart's deleted variant


def test_a_guest_whose_cart_held_a_removed_value_checks_out_the_rest(shop_app, stripe_servers, server):
    world = build_world(shop_app, stripe_servers.base)
    product_id = world.products["coffee"]
    option_id, large_value, _large_variant = _two_sizes(shop_app, product_id)
    guest = Browser(server.base)
    _add(guest, server.base, product_id, {f"option_{option_id}": str(large_value)})
    _add(guest, server.base, world.products["weaving"], {})
    _remove_value(server, world, product_id, option_id, large_value)

    page = guest.http.get(f"{server.base}/shop/checkout", timeout=30).text
    answer = guest.http.post(f"{server.base}/shop/checkout", data={
        "csrf_token": CSRF.search(page).group(1), "name": "Guest", "email": "guest@example.org", "phone": "",
        "delivery": "pickup", "address": ""}, allow_redirects=False, timeout=30)
    # Today: 200, the checkout page again with "This product is not for sale.", however often it is sent.
    assert answer.status_code in (302, 303), (answer.status_code, "not for sale" in answer.text)
