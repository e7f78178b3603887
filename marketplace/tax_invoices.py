"""Full tax invoices (ใบกำกับภาษี) and credit notes (ใบลดหนี้) of VAT-registered enterprises (issue #34, item 3).

- A buyer asks for a full tax invoice at checkout, with their name, address, 13-digit tax ID and branch; it is
  offered only when an enterprise in the cart is VAT-registered.
- When the order becomes paid (Stripe's verified webhook, a manager taking cash, staff accepting a payment
  they checked), each VAT-registered enterprise in it issues one tax invoice for its lines — and for the
  shipping when every line is its own.
- When a refund of such an order is settled, each enterprise whose lines it paid back issues a credit note
  citing its invoice's number and date, with the amount given back and its VAT.
- Numbers run from 1 per enterprise and kind, with no gap and no repeat: one UPDATE of the enterprise's next
  number, in the transaction that issues the document, takes it (a row lock on PostgreSQL, the write lock
  on SQLite, until the commit). A transaction rolled back gives its number back with everything else; a
  unique constraint (enterprise, kind, number) stands behind it.
- Prices are VAT-inclusive. VAT of each line = its amount × rate / (100 + rate), rounded half up to the
  satang; a document's VAT is the sum of its lines'. The rate is the one in force on the date of issue
  (SHOP_VAT_RATES, dated); a credit note uses its invoice's rate.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from core import audit, clock
from core.extensions import db
from marketplace.cart import ShopError
from marketplace.models import Enterprise, Order, OrderLine, OrderState, Refund, TaxDocument

# (from this date, the rate in per cent): the last whose date has come applies. Thailand: 7% today.
VAT_RATES: tuple[tuple[str, str], ...] = (("2026-01-01", "7"),)
HEAD_OFFICE = "00000"
PREFIX = {"invoice": "IV", "credit_note": "CN"}
SHIPPING_NAME = "ค่าจัดส่ง / Shipping"


class TaxBuyer:
    """Whom a full tax invoice is made out to, as typed at checkout."""

    def __init__(self, name: str, address: str, tax_id: str, branch: str = HEAD_OFFICE):
        self.name, self.address = name.strip(), address.strip()
        self.tax_id, self.branch = tax_id_digits(tax_id), (branch or "").strip()


def tax_id_digits(typed: str | None) -> str:
    """A tax ID as people write it (0-1055-58012-34-5, with spaces): its digits."""
    return (typed or "").strip().replace("-", "").replace(" ", "")


# --- the rules ----------------------------------------------------------------------------------------------

def valid_tax_id(value: str) -> bool:
    """A Thai 13-digit tax ID (a company's, or a person's ID card number) with its check digit: the first 12
    digits weighted 13 down to 2, summed; (11 − sum mod 11) mod 10 is the 13th."""
    if len(value) != 13 or not value.isascii() or not value.isdigit():
        return False
    total = sum(int(digit) * (13 - position) for position, digit in enumerate(value[:12]))
    return (11 - total % 11) % 10 == int(value[12])


def valid_branch(value: str) -> bool:
    return len(value) == 5 and value.isascii() and value.isdigit()


def vat_rate_bp(on: date) -> int:
    """The VAT rate in force on a day, in hundredths of a per cent (700 is 7%)."""
    rates = sorted((date.fromisoformat(since), rate) for since, rate in
                   current_app.config.get("SHOP_VAT_RATES", VAT_RATES))
    in_force = [rate for since, rate in rates if since <= on]
    if not in_force:
        raise RuntimeError(f"no VAT rate in force on {on} (SHOP_VAT_RATES)")
    return round(float(in_force[-1]) * 100)


def vat_in(amount_minor: int, rate_bp: int) -> int:
    """The VAT inside a VAT-inclusive amount, to the satang, half up: amount × rate / (100 + rate)."""
    quotient, remainder = divmod(amount_minor * rate_bp, 10_000 + rate_bp)
    return quotient + (2 * remainder >= 10_000 + rate_bp)


def number_label(document: TaxDocument) -> str:
    return f"{PREFIX[document.kind]}-{document.number:06d}"


def branch_label(branch: str) -> str:
    return "สำนักงานใหญ่ / Head office" if branch == HEAD_OFFICE else f"สาขาที่ / Branch {branch}"


def check_buyer(buyer: TaxBuyer) -> None:
    """Bad details for a tax invoice: refused with the field to show it on, nothing saved."""
    if not buyer.name:
        raise ShopError(_l("Write the name the tax invoice is made out to."), "invoice_name")
    if len(buyer.address) < 10:
        raise ShopError(_l("Write the full address for the tax invoice."), "invoice_address")
    if not valid_tax_id(buyer.tax_id):
        raise ShopError(_l("A tax ID has 13 digits and a correct check digit. Check the number."), "invoice_tax_id")
    if not valid_branch(buyer.branch):
        raise ShopError(_l("The branch is 5 digits: 00000 for the head office."), "invoice_branch")


def offers_invoices(enterprise_ids) -> bool:
    """Whether any of these enterprises issues full tax invoices (the checkout offers one only then)."""
    ids = list(enterprise_ids)
    return bool(ids) and (db.session.scalar(sa.select(sa.func.count(Enterprise.id)).where(
        Enterprise.id.in_(ids), Enterprise.vat_registered)) or 0) > 0


# --- numbering ----------------------------------------------------------------------------------------------

def _take_number(enterprise_id: int, kind: str) -> int | None:
    """The enterprise's next number of this kind, in one UPDATE … RETURNING; None when it may not issue one
    (a tax invoice only while VAT-registered; a credit note always, for an invoice it issued)."""
    column = Enterprise.next_invoice_number if kind == "invoice" else Enterprise.next_credit_note_number
    where = [Enterprise.id == enterprise_id] + ([Enterprise.vat_registered] if kind == "invoice" else [])
    taken = db.session.execute(sa.update(Enterprise).where(*where).values({column: column + 1})
                               .returning(column).execution_options(synchronize_session=False)).scalar()
    return None if taken is None else taken - 1


# --- issuing ------------------------------------------------------------------------------------------------

def _seller(enterprise: Enterprise) -> dict:
    return {"name": enterprise.legal_name or enterprise.name, "address": enterprise.legal_address,
            "tax_id": enterprise.tax_id, "branch": enterprise.branch}


def _line(name: str, quantity: int, unit_price: int, amount: int, rate_bp: int, shipping: bool = False) -> dict:
    return {"name": name, "quantity": quantity, "unit_price_minor": unit_price, "amount_minor": amount,
            "vat_minor": vat_in(amount, rate_bp), "shipping": shipping}


def invoice_of(order_id: int, enterprise_id: int) -> TaxDocument | None:
    return db.session.scalar(sa.select(TaxDocument).where(TaxDocument.order_id == order_id,
                                                          TaxDocument.enterprise_id == enterprise_id,
                                                          TaxDocument.kind == "invoice"))


def issue_invoices(order: Order) -> list[TaxDocument]:
    """The order has just become paid: each VAT-registered enterprise in it issues its tax invoice, if the buyer
    asked for one (in enterprise order, so two payments never wait for each other's rows). Never twice."""
    if not order.invoice_tax_id:
        return []
    issued, today = [], clock.today()
    rate = vat_rate_bp(today)
    enterprise_ids = sorted({line.enterprise_id for line in order.lines})
    for enterprise_id in enterprise_ids:
        if invoice_of(order.id, enterprise_id) is not None:
            continue
        own = [line for line in order.lines if line.enterprise_id == enterprise_id]
        lines = [_line(line.name, bought, line.unit_price_minor, line.unit_price_minor * bought, rate)
                 # items cancelled before a pay-on-collection order was paid were never bought
                 for line in own if (bought := line.quantity - line.refunded_quantity)]
        if len(enterprise_ids) == 1 and order.shipping_minor:
            lines.append(_line(SHIPPING_NAME, 1, order.shipping_minor, order.shipping_minor, rate, shipping=True))
        if not lines:
            continue  # all its items were cancelled before payment: nothing sold, nothing to invoice
        number = _take_number(enterprise_id, "invoice")
        if number is None:
            continue  # not VAT-registered: its part is on the receipt only
        document = TaxDocument(
            enterprise_id=enterprise_id, kind="invoice", number=number, order_id=order.id, issued_on=today,
            vat_rate_bp=rate, seller=_seller(db.session.get_one(Enterprise, enterprise_id)),
            buyer={"name": order.invoice_name, "address": order.invoice_address, "tax_id": order.invoice_tax_id,
                   "branch": order.invoice_branch or HEAD_OFFICE},
            lines=lines, total_minor=sum(line["amount_minor"] for line in lines),
            vat_minor=sum(line["vat_minor"] for line in lines))
        db.session.add(document)
        db.session.flush()
        audit.record("order.tax_invoice_issued", "order", order.id,
                     detail={"enterprise": enterprise_id, "number": number})
        issued.append(document)
    return issued


def issue_credit_notes(refund: Refund) -> list[TaxDocument]:
    """A refund was settled: each enterprise that invoiced the lines it paid back issues a credit note citing
    that invoice, for the money given back on them (and the shipping, if its invoice had the shipping)."""
    order = refund.order
    lines = {str(line.id): line for line in order.lines}
    parts: dict[int, list[tuple[str, int, int, bool]]] = {}  # enterprise -> (name, quantity, amount, shipping)
    invoices = {d.enterprise_id: d for d in db.session.scalars(sa.select(TaxDocument).where(
        TaxDocument.order_id == order.id, TaxDocument.kind == "invoice"))}
    for key, amount in refund.money.items():
        if key == "shipping":
            shipper = next((e for e, d in invoices.items() if any(x.get("shipping") for x in d.lines)), None)
            if shipper is not None:
                parts.setdefault(shipper, []).append((SHIPPING_NAME, 1, amount, True))
        elif key in lines:
            line = lines[key]
            # An amount given back on a line (a price mistake), no item returned, is one amount: quantity 1.
            parts.setdefault(line.enterprise_id, []).append(
                (line.name, int(refund.lines.get(key, 0)) or 1, amount, False))
    issued, today = [], clock.today()
    for enterprise_id in sorted(parts):
        invoice = invoices.get(enterprise_id)
        if invoice is None:
            continue
        number = _take_number(enterprise_id, "credit_note")
        if number is None:
            continue
        credited, credited_vat = db.session.execute(sa.select(
            sa.func.coalesce(sa.func.sum(TaxDocument.total_minor), 0),
            sa.func.coalesce(sa.func.sum(TaxDocument.vat_minor), 0)).where(TaxDocument.original_id == invoice.id)).one()
        note_lines = [_line(name, quantity, amount // quantity if quantity else amount, amount,
                            invoice.vat_rate_bp, shipping) for name, quantity, amount, shipping in parts[enterprise_id]]
        # The note that credits what is left of the invoice takes what is left of its VAT: notes rounded one by one
        # could leave a satang of VAT declared on an order refunded in full (2 × 20.93 against 41.87).
        if credited + sum(x["amount_minor"] for x in note_lines) == invoice.total_minor and note_lines:
            note_lines[-1]["vat_minor"] += (invoice.vat_minor - credited_vat) - sum(x["vat_minor"] for x in note_lines)
        document = TaxDocument(
            enterprise_id=enterprise_id, kind="credit_note", number=number, order_id=order.id, refund_id=refund.id,
            original_id=invoice.id, issued_on=today, vat_rate_bp=invoice.vat_rate_bp, seller=invoice.seller,
            buyer=invoice.buyer, lines=note_lines, total_minor=sum(x["amount_minor"] for x in note_lines),
            vat_minor=sum(x["vat_minor"] for x in note_lines), before_minor=invoice.total_minor - credited)
        db.session.add(document)
        db.session.flush()
        audit.record("order.credit_note_issued", "order", order.id,
                     detail={"enterprise": enterprise_id, "number": number, "invoice": invoice.number})
        issued.append(document)
    return issued


def documents_of(order: Order, enterprise_id: int | None = None) -> list[TaxDocument]:
    """An order's tax invoices and credit notes (one enterprise's, for its manager), invoices first."""
    query = sa.select(TaxDocument).where(TaxDocument.order_id == order.id)
    if enterprise_id is not None:
        query = query.where(TaxDocument.enterprise_id == enterprise_id)
    return list(db.session.scalars(query.order_by(TaxDocument.kind.desc(), TaxDocument.id)))


def _invoices_owed(enterprise_id: int) -> bool:
    unpaid = (OrderState.PENDING_PAYMENT, OrderState.PAY_ON_COLLECTION, OrderState.PAYMENT_NEEDS_ATTENTION)
    return db.session.scalar(sa.select(sa.exists().where(
        Order.id == OrderLine.order_id, OrderLine.enterprise_id == enterprise_id, Order.invoice_tax_id.is_not(None),
        Order.status.in_([state.value for state in unpaid])))) or False


def save_registration(manager, enterprise: Enterprise, registered: bool, legal_name: str, legal_address: str,
                      tax_id: str, branch: str) -> None:
    """The enterprise's VAT registration, as its manager states it. Documents already issued keep the details
    they were issued with."""
    tax_id = tax_id_digits(tax_id)
    if (registered or tax_id) and not valid_tax_id(tax_id):
        raise ShopError(_l("A tax ID has 13 digits and a correct check digit. Check the number."), "tax_id")
    # A branch typed is checked even while VAT is off: it is kept, and shown on the invoices once it is on.
    # Left empty while VAT is off, it is the head office.
    if (registered or branch.strip()) and not valid_branch(branch.strip()):
        raise ShopError(_l("The branch is 5 digits: 00000 for the head office."), "branch")
    if registered and not legal_name.strip():
        raise ShopError(_l("A tax invoice needs the registered name."), "legal_name")
    if registered and len(legal_address.strip()) < 10:
        raise ShopError(_l("A tax invoice needs the registered name and full address."), "legal_address")
    if enterprise.vat_registered and not registered and _invoices_owed(enterprise.id):
        # Buyers who asked for a tax invoice at checkout, not paid yet: it would never be issued, unsaid.
        raise ShopError(_l("Buyers of orders not paid yet asked for a tax invoice from you. Settle those orders "
                           "(paid or cancelled) before you stop issuing tax invoices."), "vat_registered")
    enterprise.vat_registered, enterprise.tax_id = registered, tax_id
    enterprise.legal_name, enterprise.legal_address = legal_name.strip(), legal_address.strip()
    enterprise.branch = branch.strip() or HEAD_OFFICE
    audit.record("enterprise.vat_registration_save", "enterprise", enterprise.id, actor=manager,
                 detail={"vat_registered": registered})
    db.session.flush()
