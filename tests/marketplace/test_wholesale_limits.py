"""Wholesale's limits kept when things change under a business (marketplace/wholesale.py): a suspended business
buys by the shop's per-item limit again, a shop price lowered under a wholesale price is what the business pays,
and one cart sent twice makes one order."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import User
from marketplace import cart, checkout, wholesale, wholesale_pdf
from marketplace.models import CartItem, Order, Product, ProductVariant
from marketplace.wholesale_models import BusinessCustomer, OrderInvoice
from tests.conftest import post_form
from tests.marketplace import test_wholesale
from tests.marketplace.test_tax_invoices import pdf_text

world = test_wholesale.world  # the café approved on invoice, the coffee at 320 baht (250 wholesale), 20 in stock
PLACE = {"name": "Ploy", "email": "ploy@example.org", "delivery": "pickup", "payment": "invoice"}


def _suspend(app, world) -> None:
    with app.app_context():
        wholesale.suspend(db.session.get(BusinessCustomer, world["business"]), db.session.get(User, world["staff"]),
                          "Unpaid invoices")
        db.session.commit()


def test_a_suspended_business_sees_its_cart_cut_back_to_the_shop_limit(app, world):
    cafe = world["cafe"]
    post_form(cafe, "/shop/cart/add", {"product_id": str(world["product"]), "quantity": "12"})
    _suspend(app, world)
    page = cafe.get("/shop/cart", follow_redirects=True).get_data(as_text=True)
    limit = app.config["SHOP_MAX_PER_PRODUCT"]
    assert f"At most {limit} of one item per order: your cart is changed to that." in page
    with app.app_context():
        assert cart.from_database(db.session.get(User, world["cafe_id"])) == {world["variant"]: limit}


def test_checkout_holds_anyone_but_an_approved_business_to_the_shop_limit(app, world):
    """The service, not only the cart: a checkout sent from a page shown before the suspension is refused."""
    _suspend(app, world)
    with app.app_context():
        user = db.session.get(User, world["cafe_id"])
        buyer = checkout.Buyer("Ploy", "ploy@example.org", "", "pickup", "")
        with pytest.raises(cart.ShopError, match="Change the quantity in your cart"):
            checkout.place_order({world["variant"]: 12}, buyer, user, use_stripe=False)
        with pytest.raises(cart.ShopError, match="Change the quantity in your cart"):
            checkout.place_order({world["variant"]: 12}, buyer, None, use_stripe=False)
        db.session.rollback()
        assert db.session.get(Product, world["product"]).stock == 20
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0


def test_a_shop_price_lowered_under_the_wholesale_price_is_what_the_business_pays(app, world):
    with app.app_context():
        db.session.get(ProductVariant, world["variant"]).price_minor = 24000  # a sale: under the 250 wholesale
        db.session.commit()
        business = db.session.get(BusinessCustomer, world["business"])
        assert wholesale.prices_for(business) == {}  # no "wholesale price" shown: it is no lower
    assert "250.00" not in world["cafe"].get(f"/shop/products/{world['product']}").get_data(as_text=True)
    answer = test_wholesale._order_on_invoice(world["cafe"], world["product"], 9)  # 2,160 baht: above the minimum
    assert answer.status_code == 302, answer.get_data(as_text=True)
    with app.app_context():
        order = db.session.scalar(sa.select(Order))
        assert [line.unit_price_minor for line in order.lines] == [24000] and order.total_minor == 216000
        text = pdf_text(wholesale_pdf.invoice_pdf(order, db.session.get_one(OrderInvoice, order.id)))
        assert "2,160.00" in text and "250.00" not in text


def test_one_cart_sent_twice_makes_one_order_and_the_second_lands_on_the_orders(app, world):
    cafe = world["cafe"]
    post_form(cafe, "/shop/cart/add", {"product_id": str(world["product"]), "quantity": "8"})
    with app.app_context():
        user = db.session.get(User, world["cafe_id"])
        items = cart.from_database(user)
        buyer = checkout.Buyer("Ploy", "ploy@example.org", "", "pickup", "")
        wholesale.place_order(items, buyer, user, on_invoice=True, use_stripe=False, from_cart=True)
        assert db.session.scalar(sa.select(sa.func.count(CartItem.variant_id))) == 0  # taken out with the order
        with pytest.raises(cart.ShopError, match="just been ordered"):  # the second click, read the same cart
            wholesale.place_order(items, buyer, user, on_invoice=True, use_stripe=False, from_cart=True)
        db.session.rollback()
    post_form(cafe, "/shop/cart/add", {"product_id": str(world["product"]), "quantity": "8"})
    first = post_form(cafe, "/shop/business/checkout", PLACE)
    assert first.status_code == 302 and "/shop/orders/" in first.headers["Location"]
    with app.app_context():  # a second click whose cart was read before the first emptied it
        user = db.session.get(User, world["cafe_id"])
        db.session.add(CartItem(user_id=user.id, variant_id=world["variant"], quantity=3))
        db.session.commit()
    with app.app_context():
        user = db.session.get(User, world["cafe_id"])
        with pytest.raises(cart.ShopError, match="just been ordered"):  # the quantity changed meanwhile
            wholesale.place_order({world["variant"]: 8}, buyer, user, on_invoice=True, use_stripe=False,
                                  from_cart=True)
        db.session.rollback()
        assert cart.from_database(user) == {world["variant"]: 3}  # a refusal leaves the cart as it was
        db.session.execute(sa.delete(CartItem))
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 1
