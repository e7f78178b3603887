"""After the sale: managers move their own lines through packing and sending, cancel, and refund through
Stripe. An order with two enterprises' products shows each manager only their lines."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
import stripe
from flask_babel import lazy_gettext as _l

from core import audit, payments
from core.db import utcnow
from core.extensions import db
from core.models import User
from core.unit_of_work import checkpoint
from marketplace.cart import ShopError
from marketplace.checkout import give_back_stock
from marketplace.models import (
    LINE_LIFECYCLE,
    ORDER_LIFECYCLE,
    REFUND_LIFECYCLE,
    EnterpriseManager,
    LineState,
    Order,
    OrderLine,
    Refund,
    RefundState,
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
    db.session.flush()


def move_lines(order: Order, manager: User, status: str) -> None:
    lines = _own_lines(order, manager)
    if order.status not in ("paid", "pay_on_collection"):
        raise ShopError(_l("This order is not paid."))
    event = STEP_EVENTS.get(status)
    if event is None or not all(LINE_LIFECYCLE.allows(line.status, event) for line in lines):
        raise ShopError(_l("That step does not follow from where the order is."))
    if event == "cancel":
        return cancel_lines(order, manager)
    for line in lines:
        LINE_LIFECYCLE.apply(line, event, actor=manager, action=f"order.lines_{status}", audit_as=("order", order.id))
    db.session.flush()


def cancel_lines(order: Order, manager: User) -> None:
    """Cancel this enterprise's lines: the stock comes back and, if paid by card, the money goes back."""
    lines = [line for line in _own_lines(order, manager) if LINE_LIFECYCLE.allows(line.status, "cancel")]
    refund_lines(order, manager, {line.id: line.quantity - line.refunded_quantity for line in lines}, restock=True,
                 final_status="cancelled")


def refund_lines(order: Order, manager: User, quantities: dict[int, int], restock: bool,
                 final_status: str = "refunded") -> int:
    """Refund some quantities of this enterprise's lines. Returns the amount refunded in minor units.

    Paid by card: the refund is recorded as pending and committed, Stripe is asked with that record's
    idempotency key, and the answer settles it in a second transaction; only a refund Stripe accepted changes
    the order. A refund Stripe refuses stays on record as failed and changes nothing else.

    Only a paid order is refunded; an unpaid pay-on-collection order can only be cancelled (nothing to give
    back). Every other state (waiting for payment, expired, cancelled, refunded) is refused unchanged."""
    paid = order.status == "paid"
    cancelling_unpaid = order.status == "pay_on_collection" and final_status == "cancelled"
    if not (paid or cancelling_unpaid):
        raise ShopError(_l("Only a paid order can be refunded."))
    own = {line.id: line for line in _own_lines(order, manager)}
    amount = 0
    for line_id, quantity in quantities.items():
        line = own.get(line_id)
        if line is None or quantity < 0 or quantity > line.quantity - line.refunded_quantity:
            raise ShopError(_l("You can refund at most what was bought and not yet refunded."), "quantity")
        amount += line.unit_price_minor * quantity
    if amount == 0 and final_status != "cancelled":
        raise ShopError(_l("Choose what to refund."), "quantity")
    if paid and _completes_the_order(order, quantities):
        amount = order.total_minor - order.refunded_minor  # the last items back: shipping goes back too
    if order.status == "paid" and order.payment_method == "stripe" and amount:
        if not order.stripe_payment_intent:
            raise ShopError(_l("The payment for this order is not known yet; try again shortly."))
        refund = _record_pending_refund(order, manager, amount, quantities, restock, final_status)
        _ask_stripe(refund, manager)
    _apply_refund(order, own, quantities, restock, final_status, amount, manager)
    return amount


def _completes_the_order(order: Order, quantities: dict[int, int]) -> bool:
    return all(line.refunded_quantity + quantities.get(line.id, 0) >= line.quantity for line in order.lines)


def refund_amount(order: Order, manager: User, amount_minor: int, reason: str) -> int:
    """Give back an amount (a price mistake, goodwill, shipping), never more than was paid and not yet refunded.
    The items stay as they are; the stock does not change."""
    _own_lines(order, manager)
    if order.status != "paid":
        raise ShopError(_l("Only a paid order can be refunded."))
    if not reason.strip():
        raise ShopError(_l("Say why this amount is refunded."), "reason")
    left = order.total_minor - order.refunded_minor
    if not 0 < amount_minor <= left:
        raise ShopError(_l("Refund more than 0 and at most %(amount)s baht.", amount=f"{left / 100:,.2f}"),
                        "amount_thb")
    if order.payment_method == "stripe":
        if not order.stripe_payment_intent:
            raise ShopError(_l("The payment for this order is not known yet; try again shortly."))
        refund = _record_pending_refund(order, manager, amount_minor, {}, False, "refunded", reason.strip())
        _ask_stripe(refund, manager)
    order.refunded_minor += amount_minor
    audit.record("order.refund_amount", "order", order.id, actor=manager,
                 detail={"amount": amount_minor, "reason": reason.strip()})
    if order.refunded_minor == order.total_minor:
        ORDER_LIFECYCLE.apply(order, "refund_all", actor=manager, action="order.closed_by_refund")
    db.session.flush()
    return amount_minor


def _record_pending_refund(order: Order, manager: User, amount: int, quantities: dict[int, int], restock: bool,
                           final_status: str, reason: str = "manager") -> Refund:
    attempt = 1 + (db.session.scalar(sa.select(sa.func.count(Refund.id)).where(Refund.order_id == order.id)) or 0)
    # The same refund asked twice at once (a double click) gets the same key: the second is refused here.
    key = f"refund-{order.token}-{attempt}-" + ("-".join(f"{i}x{q}" for i, q in sorted(quantities.items()))
                                                or f"amount{amount}")
    refund = Refund(order_id=order.id, amount_minor=amount, idempotency_key=key[:200], restock=restock,
                    lines={str(i): q for i, q in quantities.items()}, final_status=final_status,
                    requested_by_id=manager.id, reason=reason[:60])
    db.session.add(refund)
    try:
        db.session.flush()
    except sa.exc.IntegrityError as error:
        raise ShopError(_l("This refund is already being made.")) from error
    audit.record("order.refund_requested", "order", order.id, actor=manager, detail={"amount": amount})
    checkpoint()
    return refund


def _ask_stripe(refund: Refund, actor: User | None) -> None:
    order = refund.order
    try:
        answer = payments.refund(order.stripe_payment_intent or "", refund.amount_minor,
                                 idempotency_key=refund.idempotency_key)
    except stripe.StripeError as error:
        REFUND_LIFECYCLE.apply(refund, "fail", actor=actor, action="order.refund_failed",
                               audit_as=("order", order.id), detail={"amount": refund.amount_minor})
        refund.failure, refund.settled_at = str(error)[:300], utcnow()
        checkpoint()
        raise ShopError(_l("Stripe did not accept the refund. Nothing was changed.")) from error
    refund.stripe_refund_id = answer.id
    refund.settled_at = utcnow()
    REFUND_LIFECYCLE.apply(refund, "succeed", actor=actor, action="order.refund_accepted",
                           audit_as=("order", order.id), detail={"amount": refund.amount_minor})


def _apply_refund(order: Order, lines: dict[int, OrderLine], quantities: dict[int, int], restock: bool,
                  final_status: str, amount: int, actor: User | None) -> None:
    for line_id, quantity in quantities.items():
        line = lines[line_id]
        line.refunded_quantity += quantity
        if restock:
            give_back_stock(line.product_id, quantity, "release" if final_status == "cancelled" else "refund_restock",
                            order.id, actor)
        if line.refunded_quantity == line.quantity:
            LINE_LIFECYCLE.apply(line, "cancel" if final_status == "cancelled" else "refund", actor=actor,
                                 action=f"order.line_{final_status}", audit_as=("order", order.id))
    order.refunded_minor += amount if order.status == "paid" else 0
    if all(line.status in ("cancelled", "refunded") for line in order.lines):
        ORDER_LIFECYCLE.apply(order, "refund_all" if order.refunded_minor else "cancel", actor=actor,
                              action="order.closed_by_refund")
        order.stock_held = False
    audit.record("order.refund", "order", order.id, actor=actor, detail={"amount": amount, "restock": restock})
    db.session.flush()


def reconcile_refunds(older_than: timedelta = timedelta(minutes=10)) -> int:
    """Scheduled: a refund left pending (the process stopped between asking Stripe and recording the answer)
    is asked again with the same idempotency key, so Stripe answers about the same refund, never a second."""
    settled = 0
    pending = db.session.scalars(sa.select(Refund).where(Refund.status == RefundState.PENDING,
                                                         Refund.created_at < utcnow() - older_than)).all()
    for refund in pending:
        order = refund.order
        try:
            _ask_stripe(refund, None)
        except ShopError:
            continue  # recorded as failed
        quantities = {int(i): q for i, q in refund.lines.items()}
        _apply_refund(order, {line.id: line for line in order.lines}, quantities, refund.restock,
                      refund.final_status, refund.amount_minor, None)
        settled += 1
    return settled


def refund_reported_failed(stripe_refund_id: str) -> bool:
    """Stripe's `refund.failed`: a refund it had accepted did not reach the buyer. Kept on record and audited
    so staff can settle it by hand; the order's figures are left for them to correct."""
    refund = db.session.scalar(sa.select(Refund).where(Refund.stripe_refund_id == stripe_refund_id))
    if refund is None or not REFUND_LIFECYCLE.allows(refund.status, "fail"):
        return False
    REFUND_LIFECYCLE.apply(refund, "fail", action="order.refund_failed_later", audit_as=("order", refund.order_id),
                           detail={"amount": refund.amount_minor})
    refund.failure = "reported failed by Stripe after it was accepted"
    db.session.flush()
    return True


def refund_whole_order(order: Order, reason: str) -> bool:
    """Give all the money back through Stripe (shipping included), e.g. a payment that arrived after the stock
    was sold. On success the order is refunded and the buyer told; if Stripe refuses, the order stays "needs
    attention" and the managers are told. Returns True when refunded."""
    refund = Refund(order_id=order.id, amount_minor=order.total_minor, idempotency_key=f"refund-{order.token}-all",
                    lines={str(line.id): line.quantity - line.refunded_quantity for line in order.lines},
                    restock=False, final_status="refunded", reason=reason)
    db.session.add(refund)
    db.session.flush()
    audit.record("order.refund_requested", "order", order.id, detail={"amount": refund.amount_minor, "reason": reason})
    checkpoint()
    try:
        _ask_stripe(refund, None)
    except ShopError:
        tell_managers(order, _l("The automatic refund of order %(n)d failed. Please give the money back by hand.",
                                 n=order.id))
        return False
    for line in order.lines:
        line.refunded_quantity = line.quantity
        if LINE_LIFECYCLE.allows(line.status, "refund"):
            LINE_LIFECYCLE.apply(line, "refund", action="order.line_refunded", audit_as=("order", order.id))
    order.refunded_minor, order.stock_held = order.total_minor, False
    ORDER_LIFECYCLE.apply(order, "refund_all", action="order.refunded_automatically")
    audit.record("order.refund", "order", order.id, detail={"amount": order.total_minor, "reason": reason})
    from marketplace import mail

    mail.send_order_email(order, _l("Your payment for order %(n)d was returned", n=order.id),
                          [_l("Sorry: the items sold out before your payment arrived. All your money is returned.")])
    db.session.flush()
    return True


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
