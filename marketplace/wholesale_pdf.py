"""The invoice (ใบแจ้งหนี้) of an order on invoice, in Thai with English beside, drawn like the tax invoices
(marketplace/pdf_documents.py). It asks for payment: seller, buyer business (tax ID and branch), the lines, VAT
as the tax invoices compute it (per line, half up, when the seller is VAT-registered), the total, the due date
and the seller's bank account. It is not a tax invoice: that is issued when the transfer is marked received."""
from __future__ import annotations

from core.extensions import db
from marketplace import tax_invoices
from marketplace.models import Enterprise, Order
from marketplace.pdf_documents import _document, _finished, _party, _table, _write, baht, thai_date
from marketplace.wholesale_models import OrderInvoice


def invoice_pdf(order: Order, invoice: OrderInvoice) -> bytes:
    enterprise = db.session.get_one(Enterprise, invoice.enterprise_id)
    registered = enterprise.vat_registered
    rate = tax_invoices.vat_rate_bp(invoice.issued_on) if registered else 0
    lines = [(line.name, line.quantity, line.unit_price_minor, line.total_minor) for line in order.lines]
    if order.shipping_minor:
        lines.append((tax_invoices.SHIPPING_NAME, 1, order.shipping_minor, order.shipping_minor))
    vats = [tax_invoices.vat_in(amount, rate) if registered else 0 for _n, _q, _u, amount in lines]
    total = sum(amount for _n, _q, _u, amount in lines)
    pdf = _document(f"Invoice {order.id}", order.created_at)
    _write(pdf, "ใบแจ้งหนี้ / Invoice", size=16, height=9)
    _write(pdf, f"เลขที่ / No.: WS-{order.id:06d}   คำสั่งซื้อ / Order: {order.id}")
    _write(pdf, f"วันที่ออก / Date of issue: {thai_date(invoice.issued_on)}")
    _write(pdf, f"ครบกำหนดชำระ / Due date: {thai_date(invoice.due_on)} "
                f"(เครดิต {invoice.terms_days} วัน / {invoice.terms_days} days)")
    pdf.ln(2)
    seller = {"name": enterprise.legal_name or enterprise.name, "address": enterprise.legal_address,
              "tax_id": enterprise.tax_id or "-", "branch": enterprise.branch}
    _party(pdf, "ผู้ขาย / Seller", seller)
    pdf.ln(1)
    buyer = invoice.buyer
    _party(pdf, "ผู้ซื้อ / Buyer", {"name": buyer["name"], "address": buyer.get("address", ""),
                                   "tax_id": buyer["tax_id"], "branch": buyer.get("branch", tax_invoices.HEAD_OFFICE)})
    if buyer.get("contact"):
        _write(pdf, f"ผู้ติดต่อ / Contact: {buyer['contact']} {buyer.get('phone', '')}".strip())
    rows = [[name, str(quantity), baht(unit), baht(amount), baht(vat)]
            for (name, quantity, unit, amount), vat in zip(lines, vats, strict=True)]
    vat = sum(vats)
    shown_rate = f"{rate / 100:g}%"
    feet = ([("มูลค่าสินค้าหรือบริการ (ไม่รวมภาษี) / Value before VAT", baht(total - vat)),
             (f"ภาษีมูลค่าเพิ่ม / VAT {shown_rate}", baht(vat))] if registered else []) + [
        ("จำนวนเงินที่ต้องชำระ / Amount due (THB)", baht(total))]
    _table(pdf, (44, 10, 16, 16, 14), ["รายการ / Item", "จำนวน / Qty", "ราคาต่อหน่วย / Unit price",
                                       "จำนวนเงิน / Amount", f"ภาษี / VAT {shown_rate if registered else ''}"],
           rows, feet)
    pdf.ln(4)
    _write(pdf, "วิธีชำระเงิน / How to pay", size=11, height=6.5)
    _write(pdf, "โอนเงินเข้าบัญชี / Bank transfer to:")
    _write(pdf, invoice.bank_details or "-")
    _write(pdf, f"โปรดระบุเลขที่คำสั่งซื้อ {order.id} ในการโอน / Please quote order {order.id} with the transfer.")
    pdf.ln(3)
    if registered:
        note = ("เอกสารนี้ไม่ใช่ใบกำกับภาษี ผู้ขายจะออกใบกำกับภาษีเมื่อได้รับชำระเงิน ราคารวมภาษีมูลค่าเพิ่มแล้ว / "
                "This is not a tax invoice: the tax invoice is issued when the payment is received. "
                "Prices include VAT.")
    else:
        note = "ผู้ขายไม่ได้จดทะเบียนภาษีมูลค่าเพิ่ม / The seller is not registered for VAT."
    _write(pdf, note, size=8, height=4.5)
    return _finished(pdf)
