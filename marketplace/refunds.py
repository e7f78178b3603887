"""Giving money back: reserve, then call Stripe, then settle — so a double click, two managers, a timeout or a
crash never pays the buyer twice, and an enterprise gives back at most what its own lines brought in.

1. Reserve. The order row is taken first (one UPDATE: a row lock on PostgreSQL, the write lock on SQLite), so
   what follows reads what the last refund of this order committed. The amount is then reserved with
   conditional UPDATEs — on each line (`refunded + reserved + asked <= bought`, in items and in money) and on
   the order (`refunded + reserved + asked <= total`) — inside a SAVEPOINT: one of them changing no row refuses
   the whole refund, and CHECK constraints hold the same sums. The pending refund row carries the intent token
   of the form it came from (unique): the same form sent again finds it instead of asking twice.
2. Call. The pending row is committed before Stripe is asked with the key `refund-<intent>`, and no
   transaction is open during the call.
3. Settle. Stripe's yes moves reserved to refunded; only a definite no (a card or request error) releases the
   reservation. No answer (a timeout, 409, 429, 5xx) leaves the refund pending for `reconcile()`, which asks
   again with the same key — after Stripe's 24-hour key window, it first looks for the refund among the
   payment's refunds by its intent. Each refund is settled once: the pending → succeeded/failed move is itself
   a conditional UPDATE.
"""
from __future__ import annotations

import enum
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
import stripe
from flask_babel import lazy_gettext as _l

from core import audit
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import User
from core.refusal import Refusal
from core.unit_of_work import abandon, checkpoint, savepoint
from marketplace import payments, stock, tax_invoices
from marketplace.cart import ShopError
from marketplace.models import (
    LINE_LIFECYCLE,
    ORDER_LIFECYCLE,
    REFUND_LIFECYCLE,
    Order,
    OrderLine,
    OrderState,
    Refund,
    RefundState,
)

log = logging.getLogger(__name__)
KEY_WINDOW = timedelta(hours=24)  # Stripe forgets an idempotency key after this
INTENT_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class Outcome(enum.StrEnum):
    DONE = "done"  # given back (or nothing to give back: an unpaid order cancelled)
    WAITING = "waiting"  # asked of Stripe, no answer yet: the job settles it
    ALREADY = "already"  # this form was sent before and that refund is done


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    amount: int


def new_intent() -> str:
    """A refund form's token, minted when the form is shown."""
    return secrets.token_urlsafe(24)


def _checked_intent(intent: str | None) -> str:
    if intent is None:
        return new_intent()  # a button with no form of its own (cancel): the reservation alone stops a repeat
    if not 16 <= len(intent) <= 64 or not set(intent) <= INTENT_CHARACTERS:
        raise ShopError(_l("This form is out of date. Open the order again and try once more."))
    return intent


# --- the three ways to ask for money back -------------------------------------------------------------------

def refund_items(order: Order, actor: User, enterprise_id: int, quantities: dict[int, int], restock: bool,
                 intent: str | None, final_status: str = "refunded") -> Result:
    """Some items of this enterprise's lines back: their price, at most what is left of those lines' money,
    and the rest of the shipping with the order's last item. An unpaid pay-on-collection order can only be
    cancelled (nothing to give back)."""
    intent = _checked_intent(intent)
    if not any(quantities.values()) and final_status != "cancelled":
        raise ShopError(_l("Choose what to refund."), "quantity")
    cancelling_unpaid = final_status == "cancelled" and order.status == OrderState.PAY_ON_COLLECTION.value
    allowed = (OrderState.PAY_ON_COLLECTION.value,) if cancelling_unpaid else (OrderState.PAID.value,)

    def plan(fresh: Order) -> tuple[dict[int, tuple[int, int]], int]:
        lines = {line.id: line for line in fresh.lines if line.enterprise_id == enterprise_id}
        parts: dict[int, tuple[int, int]] = {}
        for line_id, quantity in quantities.items():
            line = lines.get(line_id)
            left = line.quantity - line.refunded_quantity - line.reserved_quantity if line else 0
            if line is None or not 0 <= quantity <= left:
                raise ShopError(_l("You can refund at most what was bought and not yet refunded."), "quantity")
            if quantity:
                money = 0 if cancelling_unpaid else min(line.unit_price_minor * quantity, _money_left(line))
                parts[line_id] = (quantity, money)
        if not parts:  # a cancel sent again after the lines were cancelled: nothing to do, and nobody to tell
            raise ShopError(_l("That step does not follow from where the order is."))
        completes = all(line.refunded_quantity + line.reserved_quantity + parts.get(line.id, (0, 0))[0]
                        >= line.quantity for line in fresh.lines)
        shipping = _shipping_left(fresh) if completes and not cancelling_unpaid else 0
        return parts, shipping

    return _give_back(order, actor, enterprise_id, allowed, intent, plan, restock=restock,
                      final_status=final_status, reason="manager")


def refund_money(order: Order, actor: User, enterprise_id: int, amount: int, reason: str, intent: str | None) -> Result:
    """An amount back (a price mistake, goodwill, shipping): at most what this enterprise's lines brought in and
    is not yet given back — the shipping too when every line of the order is this enterprise's. The items stay
    as they are; the stock does not change."""
    intent = _checked_intent(intent)
    if not reason.strip():
        raise ShopError(_l("Say why this amount is refunded."), "reason")

    def plan(fresh: Order) -> tuple[dict[int, tuple[int, int]], int]:
        own = [line for line in fresh.lines if line.enterprise_id == enterprise_id]
        sole = len(own) == len(fresh.lines)
        left = sum(_money_left(line) for line in own) + (_shipping_left(fresh) if sole else 0)
        left = min(left, fresh.total_minor - fresh.refunded_minor - fresh.refund_reserved_minor)
        if not 0 < amount <= left:
            raise ShopError(_l("Refund more than 0 and at most %(amount)s baht.", amount=f"{left / 100:,.2f}"),
                            "amount_thb")
        parts: dict[int, tuple[int, int]] = {}
        remaining = amount
        for line in own:  # the lines first, in order; what is left of the amount is shipping
            share = min(_money_left(line), remaining)
            if share:
                parts[line.id] = (0, share)
                remaining -= share
        return parts, remaining

    return _give_back(order, actor, enterprise_id, (OrderState.PAID.value,), intent, plan, restock=False,
                      final_status="refunded", reason=reason.strip())


def _everything(fresh: Order) -> tuple[dict[int, tuple[int, int]], int]:
    """The plan of a refund in full: what is left of every line, in items and money, and of the shipping."""
    parts = {line.id: (line.quantity - line.refunded_quantity - line.reserved_quantity, _money_left(line))
             for line in fresh.lines}
    parts = {line_id: part for line_id, part in parts.items() if part != (0, 0)}
    if not parts and not _shipping_left(fresh):
        raise ShopError(_l("Everything has been given back already."))
    return parts, _shipping_left(fresh)


def refund_in_full(order: Order, actor: User | None, reason: str, intent: str | None) -> Result:
    """Everything back, every enterprise's lines and the shipping: staff settling a payment that needs
    attention, or a payment that arrived after its stock was sold. The stock the order still holds comes back."""
    intent = _checked_intent(intent)
    unsold_stock_held = order.status == OrderState.PAYMENT_NEEDS_ATTENTION.value and order.stock_held
    # Only from "needs attention": once staff kept the payment (paid), the lines may be on their way.
    return _give_back(order, actor, None, (OrderState.PAYMENT_NEEDS_ATTENTION.value,), intent, _everything,
                      restock=unsold_stock_held,
                      final_status="refunded", reason=reason[:60])


class _NothingToGiveBack(Exception):
    """Raised inside `reserve_in_full`'s savepoint, so whatever it reserved before is undone with it."""


def reserve_in_full(order: Order, reason: str) -> int | None:
    """Everything of a paid card order back, its items restocked once Stripe says yes, for work that must not
    commit halfway (an account's deletion): the refund is reserved in the caller's transaction and asked of
    Stripe only after it commits (`ask`, registered with `then()` by the caller); the refund job asks again if
    Stripe does not answer then. Its intent is the order's own (`auto-<token>`), so however often this is
    called, one refund is made. Returns the pending refund's id, or None: nothing left to give back, not paid
    (any more), or not paid by card."""
    intent = f"auto-{order.token}"
    try:
        with savepoint():
            if not _take_order(order.id, (OrderState.PAID.value,)) \
                    or db.session.scalar(sa.select(Refund.id).where(Refund.intent == intent)) is not None:
                raise _NothingToGiveBack
            fresh = _fresh(order.id)
            if fresh.payment_method != "stripe" or not fresh.stripe_payment_intent:
                raise _NothingToGiveBack
            try:
                parts, shipping = _everything(fresh)
            except ShopError:
                raise _NothingToGiveBack from None
            amount = sum(money for _, money in parts.values()) + shipping
            if not amount or not _reserve(order.id, parts, amount):
                raise _NothingToGiveBack
            refund = Refund(order_id=order.id, amount_minor=amount, idempotency_key=f"refund-{intent}",
                            intent=intent, enterprise_id=None, lines={str(i): q for i, (q, _) in parts.items() if q},
                            money={**{str(i): m for i, (_, m) in parts.items() if m},
                                   **({"shipping": shipping} if shipping else {})},
                            restock=True, final_status="refunded", reason=reason[:60], requested_by_id=None,
                            status=RefundState.PENDING.value)
            db.session.add(refund)
            db.session.flush()
    except _NothingToGiveBack:
        return None
    audit.record("order.refund_requested", "order", order.id, detail={"amount": amount, "reason": reason[:60]})
    return refund.id


def ask(refund_id: int) -> Result:
    """Ask Stripe about a pending refund and settle it by the answer, where no work is unsaved (after a commit):
    what `reserve_in_full`'s caller runs once its transaction is committed. Raises ShopError on Stripe's no."""
    return _ask(refund_id, None)


def _money_left(line: OrderLine) -> int:
    if line.status == "cancelled":  # cancelled before payment it brought nothing in; after, all of it went back
        return 0
    return line.unit_price_minor * line.quantity - line.refunded_minor - line.reserved_minor


def _shipping_left(order: Order) -> int:
    """What was paid and is on no line (shipping), not yet given back or asked for."""
    on_lines = sum(_money_left(line) for line in order.lines)
    return max(0, order.total_minor - order.refunded_minor - order.refund_reserved_minor - on_lines)


# --- reserve, call, settle ----------------------------------------------------------------------------------

def _give_back(order: Order, actor: User | None, enterprise_id: int | None, allowed: tuple[str, ...], intent: str,
               plan, *, restock: bool, final_status: str, reason: str) -> Result:
    order_id = order.id
    with savepoint():
        if not _take_order(order_id, allowed):
            raise ShopError(_l("Only a paid order can be refunded."))
        seen = db.session.scalar(sa.select(Refund).where(Refund.intent == intent))
        if seen is None:
            fresh = _fresh(order_id)
            parts, shipping = plan(fresh)
            amount = sum(money for _, money in parts.values()) + shipping
            by_stripe = amount > 0 and fresh.payment_method == "stripe"
            if by_stripe and not fresh.stripe_payment_intent:
                raise ShopError(_l("The payment for this order is not known yet; try again shortly."))
            if by_stripe and not payments.configured():
                raise ShopError(_l("Card payments are not set up on this site now, so this money cannot be sent "
                                   "back from here."))
            refund = Refund(order_id=order_id, amount_minor=amount, idempotency_key=f"refund-{intent}", intent=intent,
                            enterprise_id=enterprise_id, lines={str(i): q for i, (q, _) in parts.items() if q},
                            money={**{str(i): m for i, (_, m) in parts.items() if m},
                                   **({"shipping": shipping} if shipping else {})},
                            restock=restock, final_status=final_status, reason=reason[:60],
                            requested_by_id=actor.id if actor else None, status=RefundState.PENDING.value)
            if not _reserve(order_id, parts, amount):
                raise ShopError(_l("Someone else is refunding this order right now. Open it again to see what "
                                   "is left."))
            if amount:  # an unpaid order cancelled gives nothing back: no refund to keep on record
                db.session.add(refund)
                db.session.flush()
    if seen is not None:
        if seen.order_id != order_id:
            raise ShopError(_l("This form is out of date. Open the order again and try once more."))
        return _again(seen, actor)
    if not by_stripe:  # paid in cash (given back by hand), or nothing to give back: settled now
        _settle(refund, actor, stripe_refund_id=None)
        return Result(Outcome.DONE, amount)
    audit.record("order.refund_requested", "order", order_id, actor=actor, detail={"amount": amount})
    checkpoint()  # the pending refund and its reservation are safe before Stripe hears of them
    return _ask(refund.id, actor)


def _take_order(order_id: int, allowed: tuple[str, ...]) -> bool:
    """Hold the order row for this transaction, if it is still in a state that may be refunded: a refund of the
    same order at the same moment waits here, then reads what this one committed."""
    return changed_rows(sa.update(Order).where(Order.id == order_id, Order.status.in_(allowed))
                        .values(refund_reserved_minor=Order.refund_reserved_minor)
                        .execution_options(synchronize_session=False)) == 1


def _fresh(order_id: int) -> Order:
    order = db.session.execute(sa.select(Order).where(Order.id == order_id)
                               .execution_options(populate_existing=True)).scalar_one()
    db.session.execute(sa.select(OrderLine).where(OrderLine.order_id == order_id)
                       .execution_options(populate_existing=True)).scalars().all()
    return order


def _reserve(order_id: int, parts: dict[int, tuple[int, int]], amount: int) -> bool:
    for line_id, (quantity, money) in parts.items():
        if changed_rows(sa.update(OrderLine).where(
                OrderLine.id == line_id, OrderLine.order_id == order_id,
                OrderLine.refunded_quantity + OrderLine.reserved_quantity + quantity <= OrderLine.quantity,
                OrderLine.refunded_minor + OrderLine.reserved_minor + money
                <= OrderLine.unit_price_minor * OrderLine.quantity)
                .values(reserved_quantity=OrderLine.reserved_quantity + quantity,
                        reserved_minor=OrderLine.reserved_minor + money)
                .execution_options(synchronize_session=False)) != 1:
            return False
    return changed_rows(sa.update(Order).where(
        Order.id == order_id, Order.refunded_minor + Order.refund_reserved_minor + amount <= Order.total_minor)
        .values(refund_reserved_minor=Order.refund_reserved_minor + amount)
        .execution_options(synchronize_session=False)) == 1


def _again(refund: Refund, actor: User | None) -> Result:
    """The same form sent again: the refund it started is done, refused, or still waiting — never a second."""
    if refund.status == RefundState.SUCCEEDED.value:
        return Result(Outcome.ALREADY, refund.amount_minor)
    if refund.status == RefundState.FAILED.value:
        raise ShopError(_l("Stripe did not accept this refund. Open the order again to try once more."))
    checkpoint()
    return _ask(refund.id, actor)


def _ask(refund_id: int, actor: User | None) -> Result:
    """Ask Stripe with the refund's own key and settle by the answer. Runs with no transaction open."""
    refund = db.session.get(Refund, refund_id)
    if refund is None or refund.status != RefundState.PENDING.value:
        return Result(Outcome.ALREADY, refund.amount_minor if refund else 0)
    payment_intent = refund.order.stripe_payment_intent or ""
    amount, key, intent, order_id = refund.amount_minor, refund.idempotency_key, refund.intent, refund.order_id
    known = _already_made(payment_intent, intent) if utcnow() - refund.created_at > KEY_WINDOW else None
    checkpoint()  # end the read: no lock is held while Stripe answers
    try:
        answer = known or payments.refund(payment_intent, amount, idempotency_key=key,
                                          metadata={"intent": intent or "", "order_id": str(order_id)})
    except stripe.StripeError as error:
        if payments.is_definite_refusal(error):
            _release(db.session.get(Refund, refund_id), actor, str(error))
            checkpoint()
            raise ShopError(_l("Stripe did not accept the refund. Nothing was changed.")) from error
        log.warning("refund %s: no definite answer from Stripe (%s); it stays pending", refund_id, error)
        return Result(Outcome.WAITING, amount)
    answer = _plain(answer)
    if answer.get("status") in ("failed", "canceled"):
        _release(db.session.get(Refund, refund_id), actor, f"Stripe answered {answer.get('status')}")
        checkpoint()
        raise ShopError(_l("Stripe did not accept the refund. Nothing was changed."))
    _settle(db.session.get(Refund, refund_id), actor, stripe_refund_id=answer.get("id"))
    return Result(Outcome.DONE, amount)


def _plain(answer) -> dict:
    return answer.to_dict() if hasattr(answer, "to_dict") else dict(answer)


def _already_made(payment_intent: str, intent: str | None):
    """Past Stripe's key window a retry could make a second refund: look for the first one by its intent."""
    if not intent:
        return None
    for made in map(_plain, payments.refunds_of(payment_intent)):
        if (made.get("metadata") or {}).get("intent") == intent:
            return made
    return None


def _settle(refund: Refund | None, actor: User | None, stripe_refund_id: str | None) -> None:
    """Stripe said yes (or no call was needed): what was reserved is refunded, once."""
    if refund is None or refund.status != RefundState.PENDING.value:
        return
    order = _fresh(refund.order_id)
    try:
        REFUND_LIFECYCLE.apply(refund, "succeed", actor=actor, action="order.refund_accepted",
                               audit_as=("order", order.id), detail={"amount": refund.amount_minor})
    except Refusal:
        return  # another worker settled it first
    refund.stripe_refund_id, refund.settled_at = stripe_refund_id, utcnow()
    unsold = order.status == OrderState.PAYMENT_NEEDS_ATTENTION.value
    unpaid = order.status == OrderState.PAY_ON_COLLECTION.value
    if unsold and refund.restock:
        _release_order_stock(order)  # the goods were never sold: the stock the order held is for sale again
    _move_reserved(refund, settled=True)
    if refund.amount_minor:
        tax_invoices.issue_credit_notes(refund)  # a credit note for each tax invoice the money came off
    lines = {line.id: line for line in order.lines}
    for line_id, quantity in refund.lines.items():
        line = lines[int(line_id)]
        if refund.restock and not unsold:
            stock.give_back(line.variant_id, quantity, "release" if refund.final_status == "cancelled"
                            else "refund_restock", order.id, actor)
        final_status = refund.final_status
        event = "cancel" if final_status == "cancelled" else "refund"
        if line.refunded_quantity == line.quantity and LINE_LIFECYCLE.allows(line.status, event):
            LINE_LIFECYCLE.apply(line, event, actor=actor, action=f"order.line_{final_status}",
                                 audit_as=("order", order.id))
    if all(line.status in ("cancelled", "refunded") for line in order.lines):
        event = "refund_all" if order.refunded_minor else "cancel"
        if ORDER_LIFECYCLE.allows(order.status, event):
            ORDER_LIFECYCLE.apply(order, event, actor=actor, action="order.closed_by_refund")
        order.stock_held = False
    audit.record("order.refund" if refund.lines else "order.refund_amount", "order", order.id, actor=actor,
                 detail={"amount": refund.amount_minor, "restock": refund.restock, "reason": refund.reason})
    if refund.amount_minor:
        _tell_buyer(order, refund.amount_minor)
    elif unpaid:  # cancelled before payment: the buyer owes only for what they still get
        owed_less = sum(lines[int(i)].unit_price_minor * q for i, q in refund.lines.items())
        changed_rows(sa.update(Order).where(Order.id == order.id)
                     .values(total_minor=Order.total_minor - owed_less, subtotal_minor=Order.subtotal_minor - owed_less)
                     .execution_options(synchronize_session=False))
        _fresh(order.id)
    db.session.flush()


def _release_order_stock(order: Order) -> None:
    for line in order.lines:
        stock.give_back(line.variant_id, line.quantity - line.refunded_quantity, "release", order.id)
    order.stock_held = False


def _release(refund: Refund | None, actor: User | None, failure: str) -> None:
    """Stripe said no: the reservation is given up and nothing else changes."""
    if refund is None or refund.status != RefundState.PENDING.value:
        return
    try:
        REFUND_LIFECYCLE.apply(refund, "fail", actor=actor, action="order.refund_failed",
                               audit_as=("order", refund.order_id), detail={"amount": refund.amount_minor})
    except Refusal:
        return  # settled by another worker meanwhile
    refund.failure, refund.settled_at = failure[:300], utcnow()
    _move_reserved(refund, settled=False)
    db.session.flush()


def _move_reserved(refund: Refund, settled: bool) -> None:
    """Reserved becomes refunded (settled) or is given up; each UPDATE must find what it reserved."""
    quantities = {int(i): q for i, q in refund.lines.items()}
    money = {int(i): m for i, m in refund.money.items() if i != "shipping"}
    for line_id in set(quantities) | set(money):
        q, m = quantities.get(line_id, 0), money.get(line_id, 0)
        values = {"reserved_quantity": OrderLine.reserved_quantity - q, "reserved_minor": OrderLine.reserved_minor - m}
        if settled:
            values |= {"refunded_quantity": OrderLine.refunded_quantity + q,
                       "refunded_minor": OrderLine.refunded_minor + m}
        if changed_rows(sa.update(OrderLine).where(OrderLine.id == line_id, OrderLine.reserved_quantity >= q,
                                                   OrderLine.reserved_minor >= m).values(**values)
                        .execution_options(synchronize_session=False)) != 1:
            raise RuntimeError(f"refund {refund.id}: line {line_id} does not hold what the refund reserved")
    values = {"refund_reserved_minor": Order.refund_reserved_minor - refund.amount_minor}
    if settled:
        values["refunded_minor"] = Order.refunded_minor + refund.amount_minor
    if changed_rows(sa.update(Order).where(Order.id == refund.order_id,
                                           Order.refund_reserved_minor >= refund.amount_minor).values(**values)
                    .execution_options(synchronize_session=False)) != 1:
        raise RuntimeError(f"refund {refund.id}: the order does not hold what the refund reserved")
    _fresh(refund.order_id)


def _tell_buyer(order: Order, amount: int) -> None:
    from marketplace import mail

    mail.send_order_email(order, _l("Money returned for order %(n)d", n=order.id),
                          [_l("%(amount)s baht is on its way back to you. Banks take a few days to show it.",
                              amount=f"{amount / 100:,.2f}")], documents=True)  # with its credit note


# --- the job and Stripe's later word ------------------------------------------------------------------------

def reconcile(older_than: timedelta = timedelta(minutes=10)) -> int:
    """Scheduled: each refund left pending (no answer, a timeout, a crash between asking and recording) is
    asked again with its own key, in a short transaction of its own; one that cannot be settled is logged and
    skipped, so it never holds up the others. Returns how many were settled."""
    pending = db.session.scalars(sa.select(Refund.id).where(Refund.status == RefundState.PENDING.value,
                                                            Refund.created_at < utcnow() - older_than)
                                 .order_by(Refund.id)).all()
    checkpoint()
    settled = 0
    for refund_id in pending:
        try:
            result = _ask(refund_id, None)
        except ShopError:
            checkpoint()  # refused by Stripe: recorded as failed, the reservation given up
            continue
        except Exception:  # noqa: BLE001 - one refund that cannot be settled must not stop the rest
            log.exception("refund %s could not be settled; it stays pending", refund_id)
            abandon()
            continue
        checkpoint()
        settled += result.outcome == Outcome.DONE
    return settled


def reported_failed(stripe_refund_id: str) -> bool:
    """Stripe's `refund.failed`: a refund it had accepted did not reach the buyer. Kept on record and audited
    so staff can settle it by hand; the order's figures are left for them to correct."""
    refund = db.session.scalar(sa.select(Refund).where(Refund.stripe_refund_id == stripe_refund_id))
    if refund is None or refund.status != RefundState.SUCCEEDED.value:
        return False
    REFUND_LIFECYCLE.apply(refund, "fail", action="order.refund_failed_later", audit_as=("order", refund.order_id),
                           detail={"amount": refund.amount_minor})
    refund.failure = "reported failed by Stripe after it was accepted"
    db.session.flush()
    return True
