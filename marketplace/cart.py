"""The cart: plain functions over {product id: quantity}. Guests keep it in the session, customers in the
database; at sign-in the two are merged. Prices are never kept in the cart: they are read at checkout."""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, session
from flask_babel import lazy_gettext as _l

from core.extensions import db
from core.models import Role, User
from core.numbers import record_id, whole_number
from core.refusal import Refusal
from marketplace.models import CartItem, Product


def max_per_product() -> int:
    """How much of one product one cart may hold (SHOP_MAX_PER_PRODUCT): nobody empties the shop by holding."""
    return int(current_app.config.get("SHOP_MAX_PER_PRODUCT", 5))


class ShopError(Refusal):
    """A refusal from this feature's services."""


def parse_quantity(raw) -> int:
    """Whole numbers from 1 to 20; anything else is refused with a clear message."""
    quantity = whole_number(raw)
    if quantity is None:
        raise ShopError(_l("Quantity must be a whole number."), "quantity")
    if quantity < 1:
        raise ShopError(_l("Quantity must be at least 1."), "quantity")
    if quantity > max_per_product():
        raise ShopError(_l("At most %(n)d of one item per order.", n=max_per_product()), "quantity")
    return quantity


def sellable(product_id) -> Product:
    product_id = record_id(product_id)
    product = db.session.get(Product, product_id) if product_id else None
    if product is None or not product.active or not product.enterprise.active:
        raise ShopError(_l("This product is not for sale."))
    return product


def with_item(items: dict[int, int], product_id, quantity: int, replace: bool = False) -> dict[int, int]:
    product = sellable(product_id)
    wanted = quantity if replace else items.get(product.id, 0) + quantity
    if wanted > max_per_product():
        raise ShopError(_l("At most %(n)d of one item per order.", n=max_per_product()), "quantity")
    if product.stock is not None and wanted > product.stock:
        raise ShopError(_l("Only %(n)d left.", n=product.stock), "quantity")
    return {**items, product.id: wanted}


def without_item(items: dict[int, int], product_id) -> dict[int, int]:
    return {pid: qty for pid, qty in items.items() if str(pid) != str(product_id)}


def from_session(session) -> dict[int, int]:
    raw = session.get("cart") or {}
    items = {record_id(k): whole_number(v) for k, v in raw.items()}
    return {k: v for k, v in items.items() if k and v and 0 < v <= max_per_product()}


def to_session(session, items: dict[int, int]) -> None:
    session["cart"] = {str(k): v for k, v in items.items()}


def from_database(user: User) -> dict[int, int]:
    return {row.product_id: row.quantity for row in db.session.scalars(
        sa.select(CartItem).where(CartItem.user_id == user.id))}


def to_database(user: User, items: dict[int, int]) -> None:
    db.session.execute(sa.delete(CartItem).where(CartItem.user_id == user.id))
    db.session.add_all(CartItem(user_id=user.id, product_id=pid, quantity=qty) for pid, qty in items.items())
    db.session.flush()


def merge(saved: dict[int, int], guest: dict[int, int]) -> dict[int, int]:
    """At sign-in: the larger quantity of each product wins (adding them would surprise people)."""
    merged = dict(saved)
    for pid, qty in guest.items():
        merged[pid] = min(max(merged.get(pid, 0), qty), max_per_product())
    return merged


def merge_guest_cart(user: User, guest_session: dict) -> None:
    """At sign-in (accounts' sign-in hook): a customer's guest cart joins their saved one; other roles keep the
    session cart as it was."""
    if user.has_role(Role.CUSTOMER):
        guest = from_session(guest_session)
        if guest:
            to_database(user, merge(from_database(user), guest))
    elif guest_session.get("cart"):
        session["cart"] = guest_session["cart"]
