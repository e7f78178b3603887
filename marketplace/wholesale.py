"""Wholesale (issue #34, item 4): business customers, their own prices, a minimum order, and orders on invoice.

- A signed-in customer applies as a business (name, 13-digit tax ID with its check digit, head office or branch,
  address, contact). Staff or any enterprise's manager approve it (with its payment terms, and whether it may pay
  on invoice), refuse it, suspend it or reinstate it; each decision names who took it, in the audit log.
- Managers price their variants for every approved business, and optionally for one business (which wins). An
  approved business sees those prices in the shop and its cart; nobody else ever does.
- Each enterprise may ask a minimum wholesale order (its items at wholesale prices, without shipping).
- An approved business pays by card (Stripe Checkout, as any order) or, when allowed, on invoice: the order is
  placed as "invoiced" with a due date (today + its terms), stock taken with checkout's own conditional
  statements, the goods may be packed and sent, and the manager marks it paid when the transfer arrives (one
  conditional UPDATE of the order's status: two clicks record it once). Then the receipt and any tax invoice
  follow as for a card payment. An invoice order holds one enterprise's items: one seller, one bank account.
- Overdue invoices are on the manager's list; a daily job sends each buyer one reminder (a conditional UPDATE of
  `reminded_at`: two runs or two runners never send twice).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask import g
from flask_babel import lazy_gettext as _l

from core import audit, clock
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import Role, User
from marketplace import cart, checkout, tax_invoices
from marketplace.cart import ShopError
from marketplace.models import (
    LINE_LIFECYCLE,
    ORDER_LIFECYCLE,
    Enterprise,
    EnterpriseManager,
    Order,
    OrderState,
    ProductVariant,
)
from marketplace.wholesale_access import approved_business, business_of, signed_in_business
from marketplace.wholesale_models import (
    BUSINESS_LIFECYCLE,
    PAYMENT_TERMS_DAYS,
    BusinessCustomer,
    BusinessState,
    OrderInvoice,
    WholesalePrice,
    WholesaleTerms,
)

INVOICE_METHOD = "invoice"  # orders.payment_method of an order on invoice
BUSINESS_STATUS = {"pending": _l("Waiting for a decision"), "approved": _l("Approved"),
                   "refused": _l("Refused"), "suspended": _l("Suspended")}  # the code list "wholesale_status"


@dataclass(frozen=True)
class BusinessDetails:
    name: str
    tax_id: str
    branch: str
    address: str
    contact_name: str
    contact_phone: str = ""


# --- applying and deciding ------------------------------------------------------------------------------------

def check_details(details: BusinessDetails) -> BusinessDetails:
    clean = BusinessDetails(details.name.strip(), tax_invoices.tax_id_digits(details.tax_id),
                            (details.branch or "").strip() or tax_invoices.HEAD_OFFICE, details.address.strip(),
                            details.contact_name.strip(), details.contact_phone.strip())
    if not clean.name:
        raise ShopError(_l("Write the business's registered name."), "name")
    if not tax_invoices.valid_tax_id(clean.tax_id):
        raise ShopError(_l("A tax ID has 13 digits and a correct check digit. Check the number."), "tax_id")
    if not tax_invoices.valid_branch(clean.branch):
        raise ShopError(_l("The branch is 5 digits: 00000 for the head office."), "branch")
    if len(clean.address) < 10:
        raise ShopError(_l("Write the business's full address."), "address")
    if not clean.contact_name:
        raise ShopError(_l("Write whom we speak to."), "contact_name")
    return clean


def apply(user: User, details: BusinessDetails) -> BusinessCustomer:
    """A customer's application, or its correction while it waits or after a refusal (which applies again)."""
    if not user.has_role(Role.CUSTOMER):
        raise ShopError(_l("Only a customer account can buy wholesale."))
    clean = check_details(details)
    business = business_of(user)
    if business is not None and business.status in (BusinessState.APPROVED.value, BusinessState.SUSPENDED.value):
        raise ShopError(_l("Your business is already decided on. To change its details, write to the programme."))
    if business is None:
        business = BusinessCustomer(user_id=user.id)
        db.session.add(business)
    business.name, business.tax_id, business.branch = clean.name, clean.tax_id, clean.branch
    business.address, business.contact_name, business.contact_phone = (clean.address, clean.contact_name,
                                                                       clean.contact_phone)
    db.session.flush()
    if business.status == BusinessState.REFUSED.value:
        BUSINESS_LIFECYCLE.apply(business, "reapply", actor=user, action="business_customer.reapply")
    else:
        audit.record("business_customer.apply", "business_customer", business.id, actor=user)
    db.session.flush()
    return business


def may_decide(person: User) -> bool:
    return person.has_role(Role.STAFF, Role.ADMIN, Role.MANAGER)


def _decided(business: BusinessCustomer, actor: User, event: str, note: str = "", detail: dict | None = None) -> None:
    if not may_decide(actor):
        raise ShopError(_l("Only programme staff and shop managers decide on businesses."))
    BUSINESS_LIFECYCLE.apply(business, event, actor=actor, detail={**(detail or {}), "note": note[:200]},
                             refusal=ShopError(_l("This business has been decided on meanwhile. Open it again.")))
    business.decided_by_id, business.decided_at, business.decision_note = actor.id, utcnow(), note.strip()[:500]
    db.session.flush()


def _check_terms(terms_days: int, pay_on_invoice: bool) -> None:
    if terms_days not in PAYMENT_TERMS_DAYS:
        raise ShopError(_l("Choose payment terms from the list."), "terms_days")
    if pay_on_invoice and terms_days == 0:
        raise ShopError(_l("Paying on invoice needs payment terms of at least 7 days."), "terms_days")


def approve(business: BusinessCustomer, actor: User, terms_days: int, pay_on_invoice: bool, note: str = "") -> None:
    _check_terms(terms_days, pay_on_invoice)
    business.terms_days, business.pay_on_invoice = terms_days, pay_on_invoice
    _decided(business, actor, "approve", note, {"terms_days": terms_days, "pay_on_invoice": pay_on_invoice})


def change_terms(business: BusinessCustomer, actor: User, terms_days: int, pay_on_invoice: bool) -> None:
    """New terms for an approved (or suspended) business: orders already placed keep their due dates."""
    if not may_decide(actor):
        raise ShopError(_l("Only programme staff and shop managers decide on businesses."))
    if business.status not in (BusinessState.APPROVED.value, BusinessState.SUSPENDED.value):
        raise ShopError(_l("Approve the business first."))
    _check_terms(terms_days, pay_on_invoice)
    business.terms_days, business.pay_on_invoice = terms_days, pay_on_invoice
    audit.record("business_customer.terms", "business_customer", business.id, actor=actor,
                 detail={"terms_days": terms_days, "pay_on_invoice": pay_on_invoice})
    db.session.flush()


def refuse(business: BusinessCustomer, actor: User, note: str) -> None:
    if not note.strip():
        raise ShopError(_l("Say why, so the business can correct it."), "note")
    _decided(business, actor, "refuse", note)


def suspend(business: BusinessCustomer, actor: User, note: str) -> None:
    if not note.strip():
        raise ShopError(_l("Say why, so the business can correct it."), "note")
    _decided(business, actor, "suspend", note)


def reinstate(business: BusinessCustomer, actor: User) -> None:
    _decided(business, actor, "reinstate")


def count_to_decide(_person: User) -> int:
    return db.session.scalar(sa.select(sa.func.count(BusinessCustomer.id))
                             .where(BusinessCustomer.status == BusinessState.PENDING.value)) or 0


def businesses(status: str = "") -> sa.Select:
    """Waiting ones first, oldest first (the list a decider works through)."""
    query = sa.select(BusinessCustomer)
    if status:
        query = query.where(BusinessCustomer.status == status)
    return query.order_by(BusinessCustomer.status != BusinessState.PENDING.value, BusinessCustomer.created_at,
                          BusinessCustomer.id)


# --- prices and terms -----------------------------------------------------------------------------------------

def prices_for(business: BusinessCustomer | None, variant_ids=None) -> dict[int, int]:
    """{variant id: the price this business pays}: its own wholesale price winning over the one for all, and
    never above the shop price (a manager may lower the shop price under a saved wholesale price: a sale; the
    business then pays the shop price, and no "wholesale price" is shown). The one function the shop's pages,
    the cart, the order and so the invoice read; in one statement (every priced variant when `variant_ids` is
    None: a short list, kept for the request)."""
    if business is None:
        return {}
    query = (sa.select(WholesalePrice.variant_id, WholesalePrice.price_minor, ProductVariant.price_minor)
             .join(ProductVariant, ProductVariant.id == WholesalePrice.variant_id)
             .where(sa.or_(WholesalePrice.business_id.is_(None), WholesalePrice.business_id == business.id)))
    if variant_ids is not None:
        query = query.where(WholesalePrice.variant_id.in_(list(variant_ids)))
    found: dict[int, tuple[int, int]] = {}
    for variant_id, price, shop_price in db.session.execute(
            query.order_by(WholesalePrice.business_id.is_not(None))):
        found[variant_id] = (price, shop_price)  # the business's own comes last and wins
    return {variant_id: price for variant_id, (price, shop_price) in found.items() if price < shop_price}


def request_prices() -> dict[int, int]:
    """The signed-in business's prices, read once per request (the shop's pages show them beside each product)."""
    business = signed_in_business()
    if business is None:
        return {}
    if "wholesale_prices" not in g:
        g.wholesale_prices = prices_for(business)
    return g.wholesale_prices


def own_variant(enterprise_id: int, variant_id: int | None) -> ProductVariant:
    variant = db.session.get(ProductVariant, variant_id) if variant_id else None
    if variant is None or variant.product.enterprise_id != enterprise_id:
        raise ShopError(_l("Choose one of your products."), "variant_id")
    return variant


def set_price(manager: User, enterprise_id: int, variant_id: int | None, price_minor: int | None,
              business_id: int | None = None) -> None:
    """A variant's wholesale price for every business (or for one); no price removes it."""
    variant = own_variant(enterprise_id, variant_id)
    if business_id is not None and db.session.get(BusinessCustomer, business_id) is None:
        raise ShopError(_l("Choose a business from the list."), "business_id")
    if price_minor is not None and not 0 < price_minor <= variant.price_minor:
        raise ShopError(_l("A wholesale price is above 0 and at most the shop price (%(price)s baht).",
                           price=f"{variant.price_minor / 100:,.2f}"), "price_thb")
    where = [WholesalePrice.variant_id == variant.id,
             WholesalePrice.business_id == business_id if business_id else WholesalePrice.business_id.is_(None)]
    db.session.execute(sa.delete(WholesalePrice).where(*where).execution_options(synchronize_session=False))
    if price_minor is not None:
        db.session.add(WholesalePrice(variant_id=variant.id, business_id=business_id, price_minor=price_minor))
    audit.record("product.wholesale_price", "product", variant.product_id, actor=manager,
                 detail={"variant": variant.id, "business": business_id, "price": price_minor})
    db.session.flush()


def terms_of(enterprise_id: int) -> WholesaleTerms:
    return db.session.get(WholesaleTerms, enterprise_id) or WholesaleTerms(enterprise_id=enterprise_id,
                                                                          minimum_order_minor=0, bank_details="")


def save_terms(manager: User, enterprise_id: int, minimum_minor: int, bank_details: str) -> None:
    if minimum_minor < 0:
        raise ShopError(_l("The minimum is 0 baht or more."), "minimum_thb")
    terms = db.session.get(WholesaleTerms, enterprise_id)
    if terms is None:
        terms = WholesaleTerms(enterprise_id=enterprise_id)
        db.session.add(terms)
    terms.minimum_order_minor, terms.bank_details = minimum_minor, bank_details.strip()
    audit.record("enterprise.wholesale_terms", "enterprise", enterprise_id, actor=manager,
                 detail={"minimum": minimum_minor})
    db.session.flush()


# --- the cart -------------------------------------------------------------------------------------------------

@dataclass
class Part:
    """One enterprise's items of a wholesale cart, and its minimum."""
    enterprise: Enterprise
    subtotal: int
    minimum: int
    bank_details: str

    @property
    def missing(self) -> int:
        return max(0, self.minimum - self.subtotal)


@dataclass
class WholesaleCart:
    business: BusinessCustomer
    prices: dict[int, int]  # variant id -> the price this business pays
    lines: list[tuple[ProductVariant, int, int]]  # variant, quantity, price of one
    parts: list[Part] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(price * quantity for _v, quantity, price in self.lines)

    @property
    def short(self) -> list[Part]:
        return [part for part in self.parts if part.missing]

    @property
    def invoice_refusal(self):
        """Why this cart cannot be paid on invoice (None: it can)."""
        if not self.business.pay_on_invoice:
            return _l("Your business pays by card. Ask the programme if you would like to pay on invoice.")
        if len(self.parts) != 1:
            return _l("An order on invoice holds one enterprise's items: order from each enterprise separately.")
        if not self.parts[0].bank_details:
            return _l("This enterprise has not given its bank account yet: pay by card for now.")
        return None


def cart_for(business: BusinessCustomer, rows: list[tuple[ProductVariant, int]]) -> WholesaleCart:
    """The cart at this business's prices (the shop price where a variant has no wholesale price), with each
    enterprise's part and its minimum, in two statements whatever the cart holds."""
    prices = prices_for(business, [v.id for v, _q in rows])
    lines = [(v, q, prices.get(v.id, v.price_minor)) for v, q in rows]
    subtotals: dict[int, int] = defaultdict(int)
    for variant, quantity, price in lines:
        subtotals[variant.product.enterprise_id] += price * quantity
    terms = {t.enterprise_id: t for t in db.session.scalars(
        sa.select(WholesaleTerms).where(WholesaleTerms.enterprise_id.in_(list(subtotals))))}
    enterprises = {v.product.enterprise_id: v.product.enterprise for v, _q, _p in lines}
    parts = [Part(enterprises[e], subtotals[e], terms[e].minimum_order_minor if e in terms else 0,
                  terms[e].bank_details if e in terms else "") for e in sorted(subtotals)]
    return WholesaleCart(business, {v.id: p for v, _q, p in lines}, lines, parts)


def _checked_cart(business: BusinessCustomer, items: dict[int, int]) -> WholesaleCart:
    rows = [(v, items[v.id]) for v in db.session.scalars(
        sa.select(ProductVariant).where(ProductVariant.id.in_(list(items))).order_by(ProductVariant.id))]
    summary = cart_for(business, rows)
    for part in summary.short:
        raise ShopError(_l("%(enterprise)s's minimum wholesale order is %(minimum)s baht: add %(missing)s baht more.",
                           enterprise=part.enterprise.name, minimum=f"{part.minimum / 100:,.2f}",
                           missing=f"{part.missing / 100:,.2f}"))
    return summary


def tax_buyer_of(business: BusinessCustomer) -> tax_invoices.TaxBuyer:
    return tax_invoices.TaxBuyer(business.name, business.address, business.tax_id, business.branch)


# --- placing an order -----------------------------------------------------------------------------------------

def place_order(items: dict[int, int], buyer: checkout.Buyer, user: User, on_invoice: bool,
                use_stripe: bool, locale: str | None = None, session_id: str | None = None,
                hold_key: str | None = None, from_cart: bool = False) -> Order:
    """An approved business's order at its prices, above each enterprise's minimum: on invoice (stock taken,
    due in its terms) or to be paid as any order (card through Stripe Checkout, or on collection). Its full tax
    invoice is made out to the business whenever an enterprise of the order is VAT-registered. `from_cart`:
    `items` are the user's saved cart, taken out of it before the order is written (cart.take_out), so one
    cart sent several times at once (a double click) makes one order; the others are refused."""
    business = approved_business(user)
    if business is None:
        raise ShopError(_l("Wholesale prices are for approved businesses."))
    if not items:
        raise ShopError(_l("Your cart is empty."))
    if from_cart and not cart.take_out(user, items):
        raise cart.CartTaken()
    summary = _checked_cart(business, items)
    if on_invoice and (why := summary.invoice_refusal) is not None:
        raise ShopError(why, "payment")
    enterprise_ids = {part.enterprise.id for part in summary.parts}
    tax_buyer = tax_buyer_of(business) if tax_invoices.offers_invoices(enterprise_ids) else None
    order = checkout.place_order(items, buyer, user, use_stripe=use_stripe and not on_invoice, hold_key=hold_key,
                                 session_id=session_id, locale=locale, tax_buyer=tax_buyer, prices=summary.prices,
                                 on_invoice=on_invoice)
    if on_invoice:
        today = clock.today()
        part = summary.parts[0]
        db.session.add(OrderInvoice(
            order_id=order.id, business_id=business.id, enterprise_id=part.enterprise.id, issued_on=today,
            due_on=today + timedelta(days=business.terms_days), terms_days=business.terms_days,
            buyer={"name": business.name, "address": business.address, "tax_id": business.tax_id,
                   "branch": business.branch, "contact": business.contact_name, "phone": business.contact_phone},
            bank_details=part.bank_details))
        audit.record("order.invoice_issued", "order", order.id, actor=user,
                     detail={"business": business.id, "due_in_days": business.terms_days})
        db.session.flush()
    return order


def invoice_of(order: Order) -> OrderInvoice | None:
    return db.session.get(OrderInvoice, order.id) if order.payment_method == INVOICE_METHOD else None


def _own_invoice(order: Order, manager: User) -> OrderInvoice:
    invoice = invoice_of(order)
    link = db.session.get(EnterpriseManager, manager.id)
    if invoice is None or link is None or invoice.enterprise_id != link.enterprise_id:
        raise ShopError(_l("This order is not on invoice from your enterprise."))
    return invoice


def mark_paid(order: Order, manager: User) -> None:
    """The transfer arrived. The status moves in one conditional UPDATE (`WHERE status = 'invoiced'`): of two
    clicks at once, the second finds the order paid and is refused, so it is recorded once. The receipt and any
    tax invoice follow as for a card payment."""
    invoice = _own_invoice(order, manager)
    ORDER_LIFECYCLE.apply(order, "settle", actor=manager, action="order.invoice_paid",
                          refusal=ShopError(_l("This invoice is not waiting for payment (already marked paid, or "
                                               "cancelled).")))
    order.paid_at = utcnow()
    invoice.paid_marked_by_id = manager.id
    tax_invoices.issue_invoices(order)
    db.session.flush()


def cancel(order: Order, manager: User) -> None:
    """An unpaid invoice order cancelled before anything left: its stock comes back."""
    _own_invoice(order, manager)
    if any(line.status not in ("open", "packed") for line in order.lines):
        raise ShopError(_l("Some items have left already: they cannot be cancelled here."))
    ORDER_LIFECYCLE.apply(order, "cancel", actor=manager, action="order.invoice_cancelled",
                          refusal=ShopError(_l("Only an unpaid invoice order can be cancelled here.")))
    checkout.release(order)
    for line in order.lines:
        if LINE_LIFECYCLE.allows(line.status, "cancel"):
            LINE_LIFECYCLE.apply(line, "cancel", actor=manager, action="order.line_cancelled",
                                 audit_as=("order", order.id))
    db.session.flush()


# --- overdue --------------------------------------------------------------------------------------------------

def open_invoices(enterprise_id: int, overdue_only: bool = False) -> sa.Select:
    """This enterprise's unpaid invoices, the longest overdue first."""
    query = (sa.select(Order, OrderInvoice).join(OrderInvoice, OrderInvoice.order_id == Order.id)
             .where(OrderInvoice.enterprise_id == enterprise_id, Order.status == OrderState.INVOICED.value))
    if overdue_only:
        query = query.where(OrderInvoice.due_on < clock.today())
    return query.order_by(OrderInvoice.due_on, OrderInvoice.order_id)


def count_overdue(manager: User) -> int:
    theirs = sa.select(EnterpriseManager.enterprise_id).where(EnterpriseManager.user_id == manager.id)
    return db.session.scalar(sa.select(sa.func.count(OrderInvoice.order_id)).join(
        Order, Order.id == OrderInvoice.order_id).where(
        OrderInvoice.enterprise_id.in_(theirs), Order.status == OrderState.INVOICED.value,
        OrderInvoice.due_on < clock.today())) or 0


def can_remind(order: Order) -> bool:
    """Whether the buyer can still be written to: an account deleted since has left its orders without an
    address (privacy's anonymising), so its overdue invoice is the manager's to follow up, not an e-mail's."""
    return bool(order.email)


def send_overdue_reminders() -> int:
    """Daily: one reminder to the buyer of each invoice past its due date, in the language they ordered in.
    Claimed by one conditional UPDATE of `reminded_at` before the e-mail is queued (in the same transaction):
    a second run, or a second runner at the same moment, finds it claimed and sends nothing. An invoice whose
    buyer's account was deleted (no address left: `can_remind`) is left unclaimed: nobody is written to, and the
    manager's list says why."""
    from marketplace import mail

    due = db.session.scalars(sa.select(OrderInvoice.order_id).join(Order, Order.id == OrderInvoice.order_id).where(
        Order.status == OrderState.INVOICED.value, OrderInvoice.due_on < clock.today(),
        OrderInvoice.reminded_at.is_(None), Order.email != "").order_by(OrderInvoice.order_id)).all()
    sent = 0
    for order_id in due:
        if changed_rows(sa.update(OrderInvoice).where(OrderInvoice.order_id == order_id,
                                                      OrderInvoice.reminded_at.is_(None))
                        .values(reminded_at=utcnow()).execution_options(synchronize_session=False)) != 1:
            continue
        order = db.session.get_one(Order, order_id)
        invoice = db.session.get_one(OrderInvoice, order_id)
        mail.send_order_email(order, _l("Reminder: invoice for order %(n)d is overdue", n=order.id), [
            _l("Our invoice for order %(n)d was due on %(date)s and we have not received the transfer yet.",
               n=order.id, date=invoice.due_on.isoformat()),
            _l("Amount due: %(amount)s baht.", amount=f"{order.total_minor / 100:,.2f}"),
            _l("If you have paid already, thank you, and please ignore this message."),
        ])
        audit.record("order.invoice_reminded", "order", order_id)
        sent += 1
    db.session.flush()
    return sent


# --- the audit log's words (declared in the shop's feature()) ---------------------------------------------------

AUDIT_ACTIONS = {
    "business_customer.apply": _l("Business applied to buy wholesale"),
    "business_customer.reapply": _l("Business applied again"),
    "business_customer.approve": _l("Business approved for wholesale"),
    "business_customer.refuse": _l("Business refused for wholesale"),
    "business_customer.suspend": _l("Business suspended"),
    "business_customer.reinstate": _l("Business reinstated"),
    "business_customer.terms": _l("Business payment terms changed"),
    "product.wholesale_price": _l("Wholesale price saved"),
    "enterprise.wholesale_terms": _l("Wholesale minimum and bank account saved"),
    "order.invoice_issued": _l("Order placed on invoice"),
    "order.invoice_paid": _l("Invoice marked paid"),
    "order.settle": _l("Invoice marked paid"),
    "order.invoice_cancelled": _l("Invoice order cancelled"),
    "order.invoice_reminded": _l("Overdue invoice reminder sent"),
}
AUDIT_RECORD_TYPES = {"business_customer": _l("Business customer")}
