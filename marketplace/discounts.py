"""Discount codes: what a code takes off a cart (plain rules), whether it may be used now, and its uses.

The rounding rule: the discount is worked out per unit and rounded down to the satang, so every order line
is (price of one after the discount) x quantity — exactly the `unit_amount` x `quantity` Stripe Checkout is
sent, and the order's total is the session's, to the satang. A percentage takes that share of each unit's
price; a fixed amount is shared across the units it covers in proportion to their prices (the buyer may get up
to one satang a unit less than the amount, never more). A refund gives back the lines' prices as paid.

A use is counted in one conditional UPDATE (`uses = uses + 1 WHERE uses < max_uses`), held by the order while
it is unpaid and given back with its stock when it expires or is cancelled unpaid (marketplace.checkout.release);
the per-customer limit is numbered places whose primary key lets only one order take each number.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.util import identity_key

from core import audit
from core.clock import today
from core.extensions import changed_rows, db
from core.models import User
from core.security import derived_key
from core.unit_of_work import savepoint
from marketplace.cart import ShopError
from marketplace.models import DiscountCode, DiscountUse, Order, OrderLine

CODE_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"


class DiscountRefused(ShopError):
    """A code that cannot be used on this cart now; the cart and the code are left as they were."""

    def __init__(self, message):
        super().__init__(message, "code")


def normalise(raw: str | None) -> str:
    """Codes are entered in any case, with spaces around: kept and compared upper-case."""
    return (raw or "").strip().upper()


@dataclass(frozen=True)
class Line:
    """One cart line as the rules see it: the price of one, how many, and whose."""
    unit_price_minor: int
    quantity: int
    enterprise_id: int


def covers(code_enterprise_id: int | None, line: Line) -> bool:
    return code_enterprise_id is None or line.enterprise_id == code_enterprise_id


def unit_discounts(kind: str, value: int, enterprise_id: int | None, lines: list[Line]) -> list[int]:
    """The discount on one unit of each line (0 where the code does not cover it), rounded down to the satang.
    `value` is the percentage (1-100) or the fixed amount in satang."""
    covered = sum(line.unit_price_minor * line.quantity for line in lines if covers(enterprise_id, line))
    result = []
    for line in lines:
        if not covers(enterprise_id, line) or covered == 0:
            result.append(0)
        elif kind == "percent":
            result.append(line.unit_price_minor * value // 100)
        else:  # the amount shared by price; never more than the unit's own price
            result.append(min(value * line.unit_price_minor // covered, line.unit_price_minor))
    return result


def covered_subtotal(enterprise_id: int | None, lines: list[Line]) -> int:
    """What the minimum order is measured against: the covered items' prices before the discount (no shipping)."""
    return sum(line.unit_price_minor * line.quantity for line in lines if covers(enterprise_id, line))


def refusal(code: DiscountCode | None, lines: list[Line], on: date) -> DiscountRefused | None:
    """Why this code cannot be used on these lines on that day, or None. The per-customer limit is checked when
    the order is placed (a guest's e-mail is known only then)."""
    if code is None or code.paused:
        return DiscountRefused(_l("This discount code does not exist or is not active."))
    if code.starts_on and on < code.starts_on:
        return DiscountRefused(_l("This discount code can be used from %(day)s.", day=code.starts_on.isoformat()))
    if code.ends_on and on > code.ends_on:
        return DiscountRefused(_l("This discount code has expired."))
    if code.max_uses is not None and code.uses >= code.max_uses:
        return DiscountRefused(_l("This discount code has been used up."))
    if not any(covers(code.enterprise_id, line) for line in lines):
        return DiscountRefused(_l("This discount code is for another enterprise's products, not the ones in your "
                                  "cart."))
    if covered_subtotal(code.enterprise_id, lines) < code.min_order_minor:
        return DiscountRefused(_l("This discount code needs an order of at least %(amount)s baht of its products.",
                                  amount=f"{code.min_order_minor / 100:,.2f}"))
    return None


def find(raw: str | None) -> DiscountCode | None:
    code = normalise(raw)
    if not code or len(code) > 40:
        return None
    # read afresh: its count of uses may have moved in SQL since the session last saw it
    return db.session.scalar(sa.select(DiscountCode).where(DiscountCode.code == code)
                             .execution_options(populate_existing=True))


def value_of(code: DiscountCode) -> int:
    return (code.percent if code.kind == "percent" else code.amount_minor) or 0


def usable(raw: str | None, lines: list[Line]) -> DiscountCode:
    """The code, if it may be used on these lines today; otherwise DiscountRefused with the reason."""
    code = find(raw)
    problem = refusal(code, lines, today())
    if problem is not None or code is None:
        raise problem or DiscountRefused(_l("This discount code does not exist or is not active."))
    return code


def discount_for(code: DiscountCode, lines: list[Line]) -> list[int]:
    return unit_discounts(code.kind, value_of(code), code.enterprise_id, lines)


def preview(raw: str | None, lines: list[Line]) -> tuple[list[int], str | None]:
    """Per-unit discounts of each line and None, or all zeros and the reason the code does not apply now."""
    try:
        code = usable(raw, lines)
    except DiscountRefused as problem:
        return [0] * len(lines), str(problem)
    return discount_for(code, lines), None


# --- uses -----------------------------------------------------------------------------------------------------

def customer_keys(email: str, customer: User | None) -> list[str]:
    """Who a use counts against: the e-mail (lower-cased, as a keyed hash: the address is not stored again) and,
    when signed in, the account — both must be within the per-customer limit."""
    digest = hmac.new(derived_key("shop discount uses"), email.strip().lower().encode(), "sha256").hexdigest()
    return [f"email:{digest}"] + ([f"account:{customer.id}"] if customer else [])


def _take_place(code_id: int, key: str, limit: int, order_id: int) -> bool:
    """One of the customer's `limit` numbered places for this code; False when all are taken. A place lost to
    a checkout at the same moment is a unique violation, undone by its savepoint: the next number is tried."""
    taken = set(db.session.scalars(sa.select(DiscountUse.slot).where(DiscountUse.code_id == code_id,
                                                                    DiscountUse.customer_key == key)))
    for slot in (n for n in range(1, limit + 1) if n not in taken):
        try:
            with savepoint():
                db.session.add(DiscountUse(code_id=code_id, customer_key=key, slot=slot, order_id=order_id))
        except sa.exc.IntegrityError:
            continue
        return True
    return False


_USE_LEFT = sa.or_(DiscountCode.max_uses.is_(None), DiscountCode.uses < DiscountCode.max_uses)


def reserve(order: Order, code: DiscountCode, keys: list[str]) -> None:
    """Count one use for this order, in one conditional statement, and the customer's places; refused (and,
    in the caller's savepoint, undone) when the code is used up or the customer has had their uses."""
    counted = changed_rows(sa.update(DiscountCode).where(DiscountCode.id == code.id, _USE_LEFT)
                           .values(uses=DiscountCode.uses + 1).execution_options(synchronize_session=False))
    db.session.expire(code, ["uses"])
    if counted != 1:
        raise DiscountRefused(_l("This discount code has been used up."))
    if code.max_uses_per_customer is not None:
        for key in keys:
            if not _take_place(code.id, key, code.max_uses_per_customer, order.id):
                raise DiscountRefused(_l("You have already used this discount code as many times as it allows."))
    order.discount_held = True


def give_back(order: Order) -> None:
    """The order no longer holds its use (expired or cancelled unpaid): the count and the places come back, once,
    whatever else runs at the same moment (the flag changes in one conditional statement)."""
    if order.discount_code_id is None:
        return
    if changed_rows(sa.update(Order).where(Order.id == order.id, Order.discount_held)
                    .values(discount_held=False).execution_options(synchronize_session=False)) != 1:
        return
    db.session.execute(sa.update(DiscountCode).where(DiscountCode.id == order.discount_code_id, DiscountCode.uses > 0)
                       .values(uses=DiscountCode.uses - 1).execution_options(synchronize_session=False))
    _forget_count(order.discount_code_id)
    db.session.execute(sa.delete(DiscountUse).where(DiscountUse.order_id == order.id)
                       .execution_options(synchronize_session=False))
    order.discount_held = False


def take_again(order: Order) -> None:
    """Paid after its hold ended: the use is counted again if the code has one left. The order keeps the price
    it was paid at either way — Stripe has the money — but the limit is never passed."""
    if order.discount_code_id is None or order.discount_held:
        return
    if changed_rows(sa.update(DiscountCode).where(DiscountCode.id == order.discount_code_id, _USE_LEFT)
                    .values(uses=DiscountCode.uses + 1).execution_options(synchronize_session=False)) == 1:
        order.discount_held = True
    _forget_count(order.discount_code_id)


def _forget_count(code_id: int) -> None:
    """The count changed in SQL: a copy the session holds reads it again when next used."""
    cached = db.session.identity_map.get(identity_key(DiscountCode, code_id))
    if cached is not None:
        db.session.expire(cached, ["uses"])


# --- staff and managers ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NewCode:
    code: str
    kind: str
    value: int  # percent, or satang
    enterprise_id: int | None
    min_order_minor: int = 0
    starts_on: date | None = None
    ends_on: date | None = None
    max_uses: int | None = None
    max_uses_per_customer: int | None = None


def create(actor: User, new: NewCode) -> DiscountCode:
    """A new code, checked here so that every refusal is a clear sentence (the CHECK constraints back it)."""
    code = normalise(new.code)
    if not (3 <= len(code) <= 40) or any(c not in CODE_CHARACTERS for c in code):
        raise ShopError(_l("A code has 3 to 40 letters, digits, - or _."), "code")
    if new.kind == "percent" and not 1 <= new.value <= 100:
        raise ShopError(_l("A percentage is from 1 to 100."), "percent")
    if new.kind == "amount" and not 0 < new.value < new.min_order_minor:
        raise ShopError(_l("A fixed amount must be more than 0 and less than the minimum order."), "amount_thb")
    if new.starts_on and new.ends_on and new.starts_on > new.ends_on:
        raise ShopError(_l("The last day must not be before the first."), "ends_on")
    if db.session.scalar(sa.select(DiscountCode.id).where(DiscountCode.code == code)) is not None:
        raise ShopError(_l("This code exists already."), "code")
    item = DiscountCode(code=code, kind=new.kind, percent=new.value if new.kind == "percent" else None,
                        amount_minor=new.value if new.kind == "amount" else None, enterprise_id=new.enterprise_id,
                        min_order_minor=new.min_order_minor, starts_on=new.starts_on, ends_on=new.ends_on,
                        max_uses=new.max_uses, max_uses_per_customer=new.max_uses_per_customer,
                        created_by_id=actor.id)
    try:
        with savepoint():  # the same code sent twice at once: the unique index decides, the loser is told
            db.session.add(item)
            db.session.flush()
    except sa.exc.IntegrityError:
        raise ShopError(_l("This code exists already."), "code") from None
    audit.record("discount_code.create", "discount_code", item.id, actor=actor,
                 detail={"code": code, "kind": new.kind, "value": new.value, "enterprise": new.enterprise_id})
    return item


def set_paused(actor: User, code: DiscountCode, paused: bool) -> None:
    """Pause or resume: a second press (or two at once) finds it done and changes and records nothing more."""
    changed = changed_rows(sa.update(DiscountCode).where(DiscountCode.id == code.id, DiscountCode.paused != paused)
                           .values(paused=paused).execution_options(synchronize_session=False))
    db.session.expire(code, ["paused"])
    if changed == 1:
        audit.record("discount_code.pause" if paused else "discount_code.resume", "discount_code", code.id,
                     actor=actor)
    db.session.flush()


def listed(enterprise_id: int | None) -> sa.Select:
    """Newest first; a manager sees their enterprise's codes, staff every code."""
    query = sa.select(DiscountCode).order_by(DiscountCode.created_at.desc(), DiscountCode.id.desc())
    return query if enterprise_id is None else query.where(DiscountCode.enterprise_id == enterprise_id)


@dataclass(frozen=True)
class CodeResult:
    """What a code brought in: paid orders that used it, the discount kept by buyers (refunded items give theirs
    back) and what was paid for the items it covered after refunds, in satang."""
    orders: int = 0
    discount_minor: int = 0
    sales_minor: int = 0


def results(code_ids: list[int], enterprise_id: int | None) -> dict[int, CodeResult]:
    """Each listed code's results, in one statement for the page's codes whatever the number of orders: a
    manager counts only their enterprise's items (a shop-wide code's other items are another shop's)."""
    from marketplace.reports import SOLD

    if not code_ids:
        return {}
    kept = OrderLine.quantity - OrderLine.refunded_quantity
    query = (sa.select(Order.discount_code_id, sa.func.count(sa.distinct(Order.id)),
                       sa.func.coalesce(sa.func.sum(OrderLine.unit_discount_minor * kept), 0),
                       sa.func.coalesce(sa.func.sum(OrderLine.unit_price_minor * OrderLine.quantity
                                                    - OrderLine.refunded_minor), 0))
             .join(OrderLine, OrderLine.order_id == Order.id)
             .where(Order.discount_code_id.in_(code_ids), Order.status.in_(SOLD), OrderLine.unit_discount_minor > 0,
                    OrderLine.status != "cancelled")  # cancelled: nothing came in, or all of it went back
             .group_by(Order.discount_code_id))
    if enterprise_id is not None:
        query = query.where(OrderLine.enterprise_id == enterprise_id)
    return {code_id: CodeResult(int(orders), int(discount), int(sales))
            for code_id, orders, discount, sales in db.session.execute(query) if code_id is not None}
