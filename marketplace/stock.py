"""The stock ledger: every change of a product's stock is a row (sale hold, release, refund restock, manual
adjustment with a note), written in the same transaction as the change itself, so the product's stock is always
the sum of its rows. Made-to-order products (stock None) have no ledger."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit
from core.content_languages import shown
from core.extensions import changed_rows, db
from core.models import User
from marketplace.cart import ShopError
from marketplace.models import Product, StockMovement

REASON_LABELS = {
    "initial": _l("Stock at the start"), "hold": _l("Held for an order"), "release": _l("Back from an unpaid order"),
    "refund_restock": _l("Returned by a buyer"), "adjustment": _l("Counted again"),
}


def _record(product_id: int, change: int, reason: str, order_id: int | None = None, actor: User | None = None,
            note: str = "") -> None:
    db.session.add(StockMovement(product_id=product_id, change=change, reason=reason, order_id=order_id,
                                 actor_id=actor.id if actor else None, note=note[:300]))


def take(product_id: int, quantity: int, order_id: int | None = None) -> bool:
    """Hold stock for an order in one conditional statement; True when it was there (or made to order)."""
    if changed_rows(sa.update(Product).where(Product.id == product_id, Product.stock.is_not(None),
                                             Product.stock >= quantity).values(stock=Product.stock - quantity)) == 1:
        _record(product_id, -quantity, "hold", order_id)
        return True
    return db.session.scalar(sa.select(Product.stock.is_(None)).where(Product.id == product_id)) is True


def give_back(product_id: int | None, quantity: int, reason: str = "release", order_id: int | None = None,
              actor: User | None = None) -> None:
    if product_id is None or quantity <= 0:
        return
    if changed_rows(sa.update(Product).where(Product.id == product_id, Product.stock.is_not(None))
                    .values(stock=Product.stock + quantity)) == 1:
        _record(product_id, quantity, reason, order_id, actor)


def ledger_sum(product_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(StockMovement.change), 0))
                             .where(StockMovement.product_id == product_id)) or 0


def set_count(product: Product, actor: User | None, counted: int | None, note: str) -> None:
    """The stock as counted (the product form, or a recount): the difference from the ledger is recorded."""
    if counted is None:
        product.stock = None  # made to order from now on: the ledger rests until it is counted again
        return
    if counted < 0:
        raise ShopError(_l("Stock cannot be below 0."), "stock")
    difference = counted - (ledger_sum(product.id) if product.id else 0)
    product.stock = counted
    db.session.flush()
    if difference:
        _record(product.id, difference, "initial" if not _has_ledger(product.id) else "adjustment",
                actor=actor, note=note)


def adjust(product: Product, manager: User, change: int, note: str) -> None:
    """A manual change with its reason (found broken, counted again…); never below 0."""
    if not note.strip():
        raise ShopError(_l("Say why the stock changes."), "note")
    if product.stock is None:
        raise ShopError(_l("This product is made to order: it has no stock count."))
    if change == 0 or product.stock + change < 0:
        raise ShopError(_l("The change must not be 0 and must not take the stock below 0."), "change")
    set_count(product, manager, product.stock + change, note.strip())
    audit.record("product.stock_adjust", "product", product.id, actor=manager, detail={"change": change})


def _has_ledger(product_id: int) -> bool:
    return db.session.scalar(sa.select(StockMovement.id).where(StockMovement.product_id == product_id)
                             .limit(1)) is not None


def history(product_id: int, limit: int = 30) -> list[StockMovement]:
    return list(db.session.scalars(sa.select(StockMovement).where(StockMovement.product_id == product_id)
                                   .order_by(StockMovement.at.desc(), StockMovement.id.desc()).limit(limit)))


def discrepancies() -> list[tuple[int, int, int]]:
    """(product id, stock, sum of its ledger) for every counted product where the two disagree."""
    sums = sa.select(StockMovement.product_id, sa.func.sum(StockMovement.change).label("total")) \
        .group_by(StockMovement.product_id).subquery()
    rows = db.session.execute(sa.select(Product.id, Product.stock, sa.func.coalesce(sums.c.total, 0))
                              .outerjoin(sums, sums.c.product_id == Product.id)
                              .where(Product.stock.is_not(None))).all()
    return [(pid, stock, total) for pid, stock, total in rows if stock != total]


def running_low(enterprise_id: int | None = None) -> list[Product]:
    """Counted products for sale at or under their own threshold (all enterprises when none is given)."""
    query = sa.select(Product).where(Product.active, Product.stock.is_not(None),
                                     Product.stock <= Product.low_stock_at)
    if enterprise_id is not None:
        query = query.where(Product.enterprise_id == enterprise_id)
    return list(db.session.scalars(query.order_by(Product.stock, Product.name)))


def low_stock_alerts() -> int:
    """Scheduled once a day: each enterprise's managers get one e-mail listing what runs low. Returns how many."""
    from core import outbox
    from marketplace.models import EnterpriseManager

    by_enterprise: dict[int, list[Product]] = {}
    for product in running_low():
        by_enterprise.setdefault(product.enterprise_id, []).append(product)
    sent = 0
    for enterprise_id, products in by_enterprise.items():
        managers = db.session.scalars(sa.select(User).join(EnterpriseManager, EnterpriseManager.user_id == User.id)
                                      .where(EnterpriseManager.enterprise_id == enterprise_id,
                                             User.email.is_not(None), User.email != "", User.active)).all()
        for manager in managers:
            language = outbox.language_of(manager)  # each product named in the manager's language when written
            outbox.queue_email(manager.email or "", language, _l("Stock running low"), [
                _l("These products are running low:"),
                *(_l("%(product)s: %(n)d left", product=shown(p, "name", language).text, n=p.stock)
                  for p in products)])
            sent += 1
    return sent
