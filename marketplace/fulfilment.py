"""After the sale: managers move their own lines through packing and sending, cancel, and refund through
Stripe. An order with two enterprises' products shows each manager only their lines."""
from __future__ import annotations

import sqlalchemy as sa
import stripe
from flask_babel import lazy_gettext as _l

from core import audit, payments
from core.extensions import db
from core.models import User
from marketplace.cart import ShopError
from marketplace.checkout import give_back_stock
from marketplace.models import EnterpriseManager, Order, OrderLine

NEXT_STATUSES = {"open": ("packed", "cancelled"), "packed": ("shipped", "ready_for_pickup", "cancelled"),
                 "shipped": ("completed",), "ready_for_pickup": ("completed",)}


def enterprise_of(manager: User) -> int | None:
    link = db.session.get(EnterpriseManager, manager.id)
    return link.enterprise_id if link else None


def orders_for(enterprise_id: int) -> list[Order]:
    return list(db.session.scalars(sa.select(Order).where(Order.id.in_(
        sa.select(OrderLine.order_id).where(OrderLine.enterprise_id == enterprise_id)),
        Order.status.in_(("paid", "pay_on_collection", "refunded", "cancelled"))).order_by(Order.created_at.desc())))


def lines_for(order: Order, enterprise_id: int) -> list[OrderLine]:
    return [line for line in order.lines if line.enterprise_id == enterprise_id]


def _own_lines(order: Order, manager: User) -> list[OrderLine]:
    enterprise_id = enterprise_of(manager)
    lines = lines_for(order, enterprise_id) if enterprise_id else []
    if not lines:
        raise ShopError(_l("This order has nothing from your enterprise."))
    return lines


def mark_paid_on_collection(order: Order, manager: User) -> None:
    _own_lines(order, manager)
    if order.status != "pay_on_collection":
        raise ShopError(_l("Only a pay-on-collection order can be marked paid here."))
    order.status = "paid"
    audit.record("order.paid_on_collection", "order", order.id, actor=manager)
    db.session.flush()


def move_lines(order: Order, manager: User, status: str) -> None:
    lines = _own_lines(order, manager)
    if order.status not in ("paid", "pay_on_collection"):
        raise ShopError(_l("This order is not paid."))
    for line in lines:
        if status not in NEXT_STATUSES.get(line.status, ()):
            raise ShopError(_l("That step does not follow from where the order is."))
    if status == "cancelled":
        return cancel_lines(order, manager)
    for line in lines:
        line.status = status
    audit.record(f"order.lines_{status}", "order", order.id, actor=manager)
    db.session.flush()


def cancel_lines(order: Order, manager: User) -> None:
    """Cancel this enterprise's lines: the stock comes back and, if paid by card, the money goes back."""
    lines = [line for line in _own_lines(order, manager) if line.status in ("open", "packed")]
    refund_lines(order, manager, {line.id: line.quantity - line.refunded_quantity for line in lines}, restock=True,
                 final_status="cancelled")


def refund_lines(order: Order, manager: User, quantities: dict[int, int], restock: bool,
                 final_status: str = "refunded") -> int:
    """Refund some quantities of this enterprise's lines. Returns the amount refunded in minor units."""
    own = {line.id: line for line in _own_lines(order, manager)}
    amount = 0
    for line_id, quantity in quantities.items():
        line = own.get(line_id)
        if line is None or quantity < 0 or quantity > line.quantity - line.refunded_quantity:
            raise ShopError(_l("You can refund at most what was bought and not yet refunded."), "quantity")
        amount += line.unit_price_minor * quantity
    if amount == 0 and final_status != "cancelled":
        raise ShopError(_l("Choose what to refund."), "quantity")
    if order.status == "paid" and order.payment_method == "stripe" and amount:
        if not order.stripe_payment_intent:
            raise ShopError(_l("The payment for this order is not known yet; try again shortly."))
        key = f"refund-{order.token}-" + "-".join(f"{i}x{q}" for i, q in sorted(quantities.items())) + \
              f"-after-{order.refunded_minor}"
        try:
            payments.refund(order.stripe_payment_intent, amount, idempotency_key=key)
        except stripe.StripeError as error:
            raise ShopError(_l("Stripe did not accept the refund. Nothing was changed.")) from error
    for line_id, quantity in quantities.items():
        line = own[line_id]
        line.refunded_quantity += quantity
        if restock:
            give_back_stock(line.product_id, quantity)
        if line.refunded_quantity == line.quantity:
            line.status = final_status
    order.refunded_minor += amount if order.status == "paid" else 0
    if all(line.status in ("cancelled", "refunded") for line in order.lines):
        order.status = "refunded" if order.refunded_minor else "cancelled"
        order.stock_held = False
    audit.record("order.refund", "order", order.id, actor=manager, detail={"amount": amount, "restock": restock})
    db.session.flush()
    return amount
