"""After the sale: managers move their own lines through packing and sending, cancel, and refund through
Stripe. An order with two enterprises' products shows each manager only their lines."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import User
from marketplace import refunds, shipping, tax_invoices
from marketplace.cart import ShopError
from marketplace.models import (
    LINE_LIFECYCLE,
    ORDER_LIFECYCLE,
    EnterpriseManager,
    LineState,
    Order,
    OrderLine,
    Shipment,
)

# The manager's buttons: the step names in the URL, each an event of LINE_LIFECYCLE.
STEP_EVENTS = {"packed": "pack", "shipped": "ship", "ready_for_pickup": "ready", "completed": "complete",
               "cancelled": "cancel"}
NEXT_STATUSES = {state.value: tuple(step for step, event in STEP_EVENTS.items()
                                    if LINE_LIFECYCLE.allows(state.value, event)) for state in LineState}


def enterprise_of(manager: User) -> int | None:
    link = db.session.get(EnterpriseManager, manager.id)
    return link.enterprise_id if link else None


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
    ORDER_LIFECYCLE.apply(order, "collect", actor=manager, action="order.paid_on_collection",
                          refusal=ShopError(_l("Only a pay-on-collection order can be marked paid here.")))
    order.paid_at = utcnow()
    tax_invoices.issue_invoices(order)
    db.session.flush()


def move_lines(order: Order, manager: User, status: str) -> None:
    lines = _own_lines(order, manager)
    if order.status not in TO_PACK:
        raise ShopError(_l("This order is not paid."))
    event = STEP_EVENTS.get(status)
    if event == "ship" and order.delivery == "shipping":
        raise ShopError(_l("Choose the carrier and give the tracking number to mark it shipped."))
    if event is None or not all(LINE_LIFECYCLE.allows(line.status, event) for line in lines):
        raise ShopError(_l("That step does not follow from where the order is."))
    if event == "cancel":
        return cancel_lines(order, manager)
    for line in lines:
        LINE_LIFECYCLE.apply(line, event, actor=manager, action=f"order.lines_{status}", audit_as=("order", order.id))
    db.session.flush()


def ship_parcel(order: Order, manager: User, carrier: str, typed_number: str) -> Shipment:
    """This enterprise's packed lines of a shipping order leave with a carrier: the tracking number is kept with
    the order (one parcel per enterprise) for the buyer's page and their e-mail. Pick-up orders need none."""
    lines = _own_lines(order, manager)
    if order.delivery != "shipping":
        raise ShopError(_l("This order is picked up at the shop: it is not shipped."))
    if order.status not in TO_PACK:
        raise ShopError(_l("This order is not paid."))
    number = shipping.tracking_number(carrier, typed_number)
    if not all(LINE_LIFECYCLE.allows(line.status, "ship") for line in lines):
        raise ShopError(_l("That step does not follow from where the order is."))
    for line in lines:
        LINE_LIFECYCLE.apply(line, "ship", actor=manager, action="order.lines_shipped", audit_as=("order", order.id),
                             detail={"carrier": carrier})
    parcel = Shipment(order_id=order.id, enterprise_id=lines[0].enterprise_id, carrier=carrier,
                      tracking_number=number, shipped_by_id=manager.id)
    db.session.add(parcel)
    db.session.flush()
    return parcel


def cancel_lines(order: Order, manager: User) -> None:
    """Cancel this enterprise's lines: the stock comes back and, if paid, the money goes back. An order on
    invoice (one enterprise's) is cancelled whole while unpaid."""
    if order.status == "invoiced":
        from marketplace import wholesale

        return wholesale.cancel(order, manager)
    lines = [line for line in _own_lines(order, manager) if LINE_LIFECYCLE.allows(line.status, "cancel")]
    refunds.refund_items(order, manager, lines[0].enterprise_id if lines else 0,
                         {line.id: line.quantity - line.refunded_quantity - line.reserved_quantity for line in lines},
                         restock=True, intent=None, final_status="cancelled")


def refund_lines(order: Order, manager: User, quantities: dict[int, int], restock: bool,
                 intent: str | None = None) -> refunds.Result:
    """Refund some quantities of this enterprise's lines (marketplace/refunds.py says how)."""
    _own_lines(order, manager)
    return refunds.refund_items(order, manager, enterprise_of(manager) or 0, quantities, restock, intent)


def refund_amount(order: Order, manager: User, amount_minor: int, reason: str,
                  intent: str | None = None) -> refunds.Result:
    """Give back an amount of this enterprise's part of the order."""
    _own_lines(order, manager)
    return refunds.refund_money(order, manager, enterprise_of(manager) or 0, amount_minor, reason, intent)


# orders whose goods may leave: paid, paid when collected, or a business's on invoice (it pays within its terms)
TO_PACK = ("paid", "pay_on_collection", "invoiced")


def count_orders_to_pack(manager: User) -> int:
    """For the manager's work home: orders with a part of this manager's enterprise still to pack, in one
    statement (another enterprise's part of the same order is not theirs)."""
    theirs = sa.select(EnterpriseManager.enterprise_id).where(EnterpriseManager.user_id == manager.id)
    return db.session.scalar(sa.select(sa.func.count(Order.id)).where(
        Order.status.in_(TO_PACK), sa.exists().where(OrderLine.order_id == Order.id, OrderLine.status == "open",
                                                     OrderLine.enterprise_id.in_(theirs)))) or 0


def count_payments_to_check(_person: User) -> int:
    return db.session.scalar(sa.select(sa.func.count(Order.id))
                             .where(Order.status == "payment_needs_attention")) or 0


def waiting_for_a_check() -> sa.Select:
    """Orders whose payment needs attention, oldest first: staff give the money back or accept it."""
    return sa.select(Order).where(Order.status == "payment_needs_attention").order_by(Order.created_at, Order.id)


def accept_payment(order: Order, staff: User) -> None:
    """Staff checked a payment that did not match (or came after its hold) and keep it: the order is paid, with
    its stock taken again if the hold had ended; if the stock is gone, only giving the money back is left."""
    from marketplace.checkout import take_back_all

    # Taken with the row, and only while no money is on its way back: "keep" and "give all back" at once
    # must not both happen (a give-back waiting for Stripe's answer would refund a shipped order).
    if changed_rows(sa.update(Order).where(Order.id == order.id, Order.status == "payment_needs_attention",
                                           Order.refund_reserved_minor == 0, Order.refunded_minor == 0)
                    .values(status=Order.status).execution_options(synchronize_session=False)) != 1:
        db.session.refresh(order)
        if order.status == "payment_needs_attention":
            raise ShopError(_l("Money for this order is being given back. Wait for Stripe's answer."))
        raise ShopError(_l("This order is not waiting for a check."))
    db.session.refresh(order)
    if not order.stock_held and not take_back_all(order):
        raise ShopError(_l("The stock for this order is gone. Give the money back instead."))
    order.stock_held = True
    ORDER_LIFECYCLE.apply(order, "accept", actor=staff, action="order.payment_accepted_after_check",
                          refusal=ShopError(_l("This order is not waiting for a check.")))
    order.paid_at = order.paid_at or utcnow()
    tax_invoices.issue_invoices(order)
    db.session.flush()


def tell_managers(order: Order, message) -> None:
    """Each manager of an enterprise in the order, and the programme's staff, hear about it by e-mail, each in
    their own language (`message` is translatable words)."""
    from core import outbox
    from core.models import Role

    managers = sa.select(User).join(EnterpriseManager, EnterpriseManager.user_id == User.id).where(
        EnterpriseManager.enterprise_id.in_({line.enterprise_id for line in order.lines}))
    staff = sa.select(User).where(User.role == Role.STAFF.value, User.active)
    people = {user.email: user for query in (managers, staff) for user in db.session.scalars(query) if user.email}
    for email in sorted(people):
        outbox.queue_email(email, outbox.language_of(people[email]),
                           _l("Order %(n)d needs attention", n=order.id), [message])
