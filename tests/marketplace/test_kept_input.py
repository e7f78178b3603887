"""A small form on another page, refused: that page shows what was typed and marks the field (core.kept_input).
The crawl of every form (tests/test_forms_keep_values.py) holds it for the whole site; these are its rules."""
from __future__ import annotations

import re

import sqlalchemy as sa

from core.extensions import db
from marketplace.models import Order, StockMovement
from tests.conftest import post_form, sign_in
from tests.marketplace.test_tax_invoices import _checkout, _last_order


def _manager(app, shop):
    enterprise_id, manager_id = shop.enterprise("coffee")
    manager = app.test_client()
    sign_in(manager, shop.people.login_name(manager_id))
    return enterprise_id, manager


def test_a_refused_stock_change_comes_back_on_the_products_page_once(app, shop):
    enterprise_id, manager = _manager(app, shop)
    product_id = shop.product(enterprise_id, stock=10)
    answer = post_form(manager, f"/manage/shop/products/{product_id}/stock",
                       {"change": "twelve", "note": "Counted the shelf again"})
    assert answer.status_code == 302
    page = manager.get(answer.location).get_data(as_text=True)
    assert 'value="Counted the shelf again"' in page and 'value="twelve"' in page
    assert re.search(r'<p class="error" id="change-error">', page)
    assert re.search(r'aria-describedby="change-error"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*'
                     r'aria-describedby="change-error"', page)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(StockMovement.id)).where(
            StockMovement.note == "Counted the shelf again")) == 0
    again = manager.get(answer.location).get_data(as_text=True)  # shown once: the next visit is a fresh form
    assert "Counted the shelf again" not in again and 'id="change-error"' not in again


def test_what_is_kept_goes_only_to_the_page_the_refusal_sends_to(app, shop):
    enterprise_id, manager = _manager(app, shop)
    product_id = shop.product(enterprise_id, stock=10)
    post_form(manager, f"/manage/shop/products/{product_id}/stock", {"change": "twelve", "note": "Not here"})
    manager.get("/manage/shop/orders")  # another page first: what was kept is dropped
    assert "Not here" not in manager.get(f"/manage/shop/products/{product_id}/edit").get_data(as_text=True)


def test_a_refused_refund_comes_back_with_its_quantities_and_a_new_intent(app, shop):
    enterprise_id, manager = _manager(app, shop)
    product_id = shop.product(enterprise_id, price=32000, stock=10)
    _client, placed = _checkout(app, product_id)
    assert placed.status_code == 302
    order = _last_order(app)
    post_form(manager, f"/manage/shop/orders/{order.id}/paid")
    with app.app_context():
        line_id = db.session.get(Order, order.id).lines[0].id
    answer = post_form(manager, f"/manage/shop/orders/{order.id}/refund",
                       {"intent": "k" * 24, f"refund-{line_id}": "two", "restock": "y"})
    page = manager.get(answer.location).get_data(as_text=True)
    assert f'id="refund-{line_id}-error"' in page and 'value="two"' in page
    assert f'aria-describedby="refund-{line_id}-error"' in page
    # The next try is a new refund: a refused one's intent is never sent again (marketplace.refunds).
    intent = re.search(r'name="intent" type="hidden" value="([^"]+)"', page).group(1)
    assert intent != "k" * 24 and len(intent) >= 16
    assert re.search(r'<input checked[^>]*name="restock"|name="restock"[^>]*checked', page)
