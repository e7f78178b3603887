"""The cart: plain functions over {variant id: quantity} (what is sold is a product's variant). Guests keep it in
the session, customers in the database; at sign-in the two are merged. Prices are never kept in the cart: they
are read at checkout."""
from __future__ import annotations

import secrets

import sqlalchemy as sa
from flask import current_app, session
from flask_babel import lazy_gettext as _l

from core.extensions import changed_rows, db
from core.models import Role, User
from core.numbers import record_id, whole_number
from core.refusal import Refusal
from marketplace.models import CartItem, ProductVariant


def max_per_product() -> int:
    """How much of one product one cart may hold (SHOP_MAX_PER_PRODUCT): nobody empties the shop by holding. An
    approved business buys by the case (WHOLESALE_MAX_PER_PRODUCT)."""
    from marketplace import wholesale_access

    limit = int(current_app.config.get("SHOP_MAX_PER_PRODUCT", 5))
    return max(limit, wholesale_access.max_per_product()) if wholesale_access.signed_in_business() else limit


def limit_for(customer: User | None) -> int:
    """The per-item limit for this buyer at this moment, from the database (not the request's cache): checkout
    holds a business suspended since it filled its cart to the shop's limit."""
    from marketplace import wholesale_access

    limit = int(current_app.config.get("SHOP_MAX_PER_PRODUCT", 5))
    if wholesale_access.approved_business(customer) is not None:
        return max(limit, wholesale_access.max_per_product())
    return limit


def within_limit(items: dict[int, int], limit: int) -> dict[int, int]:
    """The cart with each quantity cut back to the limit (a business's case-sized cart once it is suspended)."""
    return {vid: min(qty, limit) for vid, qty in items.items()}


class ShopError(Refusal):
    """A refusal from this feature's services."""


class CartTaken(ShopError):
    """The saved cart's rows were gone when an order came to take them out (`take_out`): the same cart ordered by
    another submit at the same moment, or changed in another window."""

    def __init__(self) -> None:
        super().__init__(_l("This cart has just been ordered, or changed in another window. Look at your orders "
                            "and your cart before ordering again."))


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


def sellable(variant_id) -> ProductVariant:
    """A variant anyone may buy now: it, its product and its enterprise are for sale."""
    variant_id = record_id(variant_id)
    variant = db.session.get(ProductVariant, variant_id) if variant_id else None
    if variant is None or not variant.active or not variant.product.active or not variant.product.enterprise.active:
        raise ShopError(_l("This product is not for sale."))
    return variant


def with_item(items: dict[int, int], variant_id, quantity: int, replace: bool = False) -> dict[int, int]:
    variant = sellable(variant_id)
    wanted = quantity if replace else items.get(variant.id, 0) + quantity
    if wanted > max_per_product():
        raise ShopError(_l("At most %(n)d of one item per order.", n=max_per_product()), "quantity")
    if variant.stock == 0:
        raise ShopError(_l("Sorry, this is out of stock. Please choose another."), "quantity")
    if variant.stock is not None and wanted > variant.stock:
        raise ShopError(_l("Only %(n)d left.", n=variant.stock), "quantity")
    return {**items, variant.id: wanted}


def without_item(items: dict[int, int], variant_id) -> dict[int, int]:
    return {vid: qty for vid, qty in items.items() if str(vid) != str(variant_id)}


def from_session(session) -> dict[int, int]:
    """A guest's cart as the session keeps it, without variants removed since (a manager may remove a value
    with its variants while a guest's cart still names one: it would fail the sign-in's merge and every
    checkout of the rest)."""
    raw = session.get("cart") or {}
    read = {record_id(k): whole_number(v) for k, v in raw.items()}
    items = {k: v for k, v in read.items() if k and v and 0 < v <= max_per_product()}
    if items:
        present = set(db.session.scalars(sa.select(ProductVariant.id).where(ProductVariant.id.in_(list(items)))))
        items = {k: v for k, v in items.items() if k in present}
    return items


def to_session(session, items: dict[int, int]) -> None:
    """The guest's cart into the session, with its random token made when the cart is made (and gone when it is
    emptied, so the next cart has a new one): the key of the one order this cart may become (`token`)."""
    session["cart"] = {str(k): v for k, v in items.items()}
    if not items:
        session.pop("cart_token", None)
    else:
        token(session)


def token(session) -> str:
    """The guest cart's token (made now for a cart kept from before there were tokens). Every submit of this
    cart carries it, so several at once place one order: the order's own token is drawn from it
    (`checkout.guest_order_token`) and unique."""
    if not session.get("cart_token"):
        session["cart_token"] = secrets.token_urlsafe(32)
    return session["cart_token"]


def from_database(user: User) -> dict[int, int]:
    return {row.variant_id: row.quantity for row in db.session.scalars(
        sa.select(CartItem).where(CartItem.user_id == user.id))}


def to_database(user: User, items: dict[int, int]) -> None:
    db.session.execute(sa.delete(CartItem).where(CartItem.user_id == user.id))
    db.session.add_all(CartItem(user_id=user.id, variant_id=vid, quantity=qty) for vid, qty in items.items())
    db.session.flush()


def take_out(user: User, items: dict[int, int]) -> bool:
    """Empty these items out of the user's saved cart in one conditional DELETE (each row as it was read); False
    when any is gone or changed meanwhile: the same cart already ordered by another click at the same moment
    (that transaction's DELETE holds the rows until it commits; this one then finds them gone)."""
    if not items:
        return False
    deleted = changed_rows(sa.delete(CartItem).where(CartItem.user_id == user.id, sa.or_(*(
        sa.and_(CartItem.variant_id == vid, CartItem.quantity == qty) for vid, qty in items.items())))
        .execution_options(synchronize_session=False))
    return deleted == len(items)


def merge(saved: dict[int, int], guest: dict[int, int]) -> dict[int, int]:
    """At sign-in: the larger quantity of each variant wins (adding them would surprise people)."""
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
        if guest_session.get("cart_token"):
            session["cart_token"] = guest_session["cart_token"]
