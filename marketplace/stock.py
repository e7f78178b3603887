"""The stock ledger: every change of a variant's stock is a row (sale hold, release, refund restock, manual
adjustment with a note), written in the same transaction as the change itself, so the variant's stock is always
the sum of its rows. Made-to-order variants (stock None) have no ledger. Each variant of a product has its own
stock: selling the last 500 g bag leaves the 250 g bags as they were."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit
from core.extensions import changed_rows, db
from core.models import User
from marketplace.cart import ShopError
from marketplace.models import Product, ProductVariant, StockMovement

REASON_LABELS = {
    "initial": _l("Stock at the start"), "hold": _l("Held for an order"), "release": _l("Back from an unpaid order"),
    "refund_restock": _l("Returned by a buyer"), "adjustment": _l("Counted again"),
}


_Variant = ProductVariant


def _record(variant_id: int, change: int, reason: str, order_id: int | None = None, actor: User | None = None,
            note: str = "") -> None:
    product_id = db.session.scalar(sa.select(_Variant.product_id).where(_Variant.id == variant_id))
    db.session.add(StockMovement(product_id=product_id, variant_id=variant_id, change=change, reason=reason,
                                 order_id=order_id, actor_id=actor.id if actor else None, note=note[:300]))


def take(variant_id: int, quantity: int, order_id: int | None = None) -> bool:
    """Hold stock for an order in one conditional statement; True when it was there (or made to order)."""
    if changed_rows(sa.update(_Variant).where(_Variant.id == variant_id, _Variant.stock.is_not(None),
                                              _Variant.stock >= quantity).values(stock=_Variant.stock - quantity)
                    .execution_options(synchronize_session=False)) == 1:
        _record(variant_id, -quantity, "hold", order_id)
        return True
    return db.session.scalar(sa.select(_Variant.stock.is_(None)).where(_Variant.id == variant_id)) is True


def give_back(variant_id: int | None, quantity: int, reason: str = "release", order_id: int | None = None,
              actor: User | None = None) -> None:
    if variant_id is None or quantity <= 0:
        return
    if changed_rows(sa.update(_Variant).where(_Variant.id == variant_id, _Variant.stock.is_not(None))
                    .values(stock=_Variant.stock + quantity).execution_options(synchronize_session=False)) == 1:
        _record(variant_id, quantity, reason, order_id, actor)


def ledger_sum(variant_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(StockMovement.change), 0))
                             .where(StockMovement.variant_id == variant_id)) or 0


class StockChanged(ShopError):
    """A count was made against a figure that is no longer the stock: `now` is the stock as it is."""

    def __init__(self, now: int | None):
        message = _l("This product became made to order since this page was shown. Check and save again.") \
            if now is None else _l("The stock changed since this page was shown: %(n)d in stock now. Check your "
                                   "count and save again.", n=now)
        super().__init__(message, "counted")
        self.now = now


def _move(variant: ProductVariant, values: dict, *conditions) -> bool:
    """One conditional UPDATE of the variant's stock; the figure in memory is read again after it."""
    done = changed_rows(sa.update(_Variant).where(_Variant.id == variant.id, *conditions).values(**values)
                        .execution_options(synchronize_session=False)) == 1
    db.session.expire(variant, ["stock"])
    return done


def _stock_now(variant_id: int) -> int | None:
    return db.session.scalar(sa.select(_Variant.stock).where(_Variant.id == variant_id))


def recount(variant: ProductVariant, actor: User | None, counted: int, shown: int | None, note: str) -> None:
    """The stock as counted replaces the figure the counter was shown (None: made to order, or a new product),
    only while the stock is still that figure: a sale or another count since then refuses it (StockChanged).
    The difference is a row of the ledger."""
    if counted < 0:
        raise ShopError(_l("Stock cannot be below 0."), "counted")
    still_shown = _Variant.stock.is_(None) if shown is None else _Variant.stock == shown
    if not _move(variant, {"stock": counted}, still_shown):
        raise StockChanged(_stock_now(variant.id))
    # Counted from made to order: the ledger rested meanwhile (nothing takes from a stock that is not counted),
    # and this row now holds it, so its sum read here is the one the count replaces.
    before = ledger_sum(variant.id) if shown is None else shown
    if counted != before:
        _record(variant.id, counted - before, "adjustment" if _has_ledger(variant.id) else "initial",
                actor=actor, note=note)


def set_count(variant: ProductVariant, actor: User | None, counted: int | None, note: str) -> None:
    """A new product's first count (None: made to order, nothing to count)."""
    if counted is not None:
        recount(variant, actor, counted, None, note)


def make_to_order(variant: ProductVariant) -> None:
    """Made to order from now on: the count is dropped and the ledger rests until it is counted again."""
    _move(variant, {"stock": None}, _Variant.stock.is_not(None))


def adjust(variant: ProductVariant, manager: User, change: int, note: str) -> None:
    """A manual change with its reason (found broken, counted again…), by the change alone in one conditional
    statement, so changes at the same time all count; never below 0."""
    if not note.strip():
        raise ShopError(_l("Say why the stock changes."), "note")
    if change == 0:
        raise ShopError(_l("The change must not be 0 and must not take the stock below 0."), "change")
    if not _move(variant, {"stock": _Variant.stock + change}, _Variant.stock.is_not(None),
                 _Variant.stock + change >= 0):
        now = _stock_now(variant.id)
        if now is None:
            raise ShopError(_l("This product is made to order: it has no stock count."))
        raise ShopError(_l("The change must not take the stock below 0: %(n)d in stock now.", n=now), "change")
    _record(variant.id, change, "adjustment", actor=manager, note=note.strip())
    audit.record("product.stock_adjust", "product", variant.product_id, actor=manager,
                 detail={"change": change, "variant": variant.id})


def _has_ledger(variant_id: int) -> bool:
    return db.session.scalar(sa.select(StockMovement.id).where(StockMovement.variant_id == variant_id)
                             .limit(1)) is not None


def history(product_id: int, limit: int = 30) -> list[StockMovement]:
    """The product's latest stock changes, of all its variants."""
    return list(db.session.scalars(sa.select(StockMovement).where(StockMovement.product_id == product_id)
                                   .order_by(StockMovement.at.desc(), StockMovement.id.desc()).limit(limit)))


def discrepancies() -> list[tuple[int, int, int]]:
    """(variant id, stock, sum of its ledger) for every counted variant where the two disagree."""
    sums = sa.select(StockMovement.variant_id, sa.func.sum(StockMovement.change).label("total")) \
        .group_by(StockMovement.variant_id).subquery()
    rows = db.session.execute(sa.select(_Variant.id, _Variant.stock, sa.func.coalesce(sums.c.total, 0))
                              .outerjoin(sums, sums.c.variant_id == _Variant.id)
                              .where(_Variant.stock.is_not(None))).all()
    return [(vid, stock, total) for vid, stock, total in rows if stock != total]


def running_low(enterprise_id: int | None = None) -> list[ProductVariant]:
    """Counted variants for sale at or under their own threshold (all enterprises when none is given)."""
    query = sa.select(_Variant).join(Product).where(Product.active, _Variant.active, _Variant.stock.is_not(None),
                                                    _Variant.stock <= _Variant.low_stock_at)
    if enterprise_id is not None:
        query = query.where(Product.enterprise_id == enterprise_id)
    return list(db.session.scalars(query.order_by(_Variant.stock, Product.name, _Variant.position)))


def low_stock_alerts() -> int:
    """Scheduled once a day: each enterprise's managers get one e-mail listing what runs low. Returns how many."""
    from core import outbox
    from marketplace.models import EnterpriseManager
    from marketplace.variants import label

    by_enterprise: dict[int, list[ProductVariant]] = {}
    for variant in running_low():
        by_enterprise.setdefault(variant.product.enterprise_id, []).append(variant)
    sent = 0
    for enterprise_id, variants in by_enterprise.items():
        managers = db.session.scalars(sa.select(User).join(EnterpriseManager, EnterpriseManager.user_id == User.id)
                                      .where(EnterpriseManager.enterprise_id == enterprise_id,
                                             User.email.is_not(None), User.email != "", User.active)).all()
        for manager in managers:
            language = outbox.language_of(manager)  # each product named in the manager's language when written
            outbox.queue_email(manager.email or "", language, _l("Stock running low"), [
                _l("These products are running low:"),
                *(_l("%(product)s: %(n)d left", product=label(v, language), n=v.stock) for v in variants)])
            sent += 1
    return sent
