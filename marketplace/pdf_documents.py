"""The shop's PDFs: a paid order's receipt, in the buyer's language with English beside, and the tax invoices
and credit notes, in Thai with English beside.

Drawn with fpdf2, whose text shaping (uharfbuzz) places Thai vowels and tone marks, Myanmar, Khmer and Lao as
they are written; both install from pip alone. The fonts are the full Noto ones in pdf_fonts/ (the web's
subsets lack glyphs): Noto Sans for Latin and Vietnamese, the others as fallbacks for their scripts. A
document is drawn the same each time from what is stored (its creation date is its issue time), so it never
changes after it is issued.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from fpdf import FPDF, FontFace
from fpdf.fonts import TTFFont

from core import clock
from marketplace.models import Order, OrderLine, TaxDocument
from marketplace.tax_invoices import branch_label, number_label

FONTS = Path(__file__).with_name("pdf_fonts")
LATIN = "NotoSans-Regular.latin.ttf"
FALLBACKS = {"thai": "NotoSansThai-Regular.ttf", "myanmar": "NotoSansMyanmar-Regular.ttf",
             "khmer": "NotoSansKhmer-Regular.ttf", "lao": "NotoSansLao-Regular.ttf"}
THAI_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
               "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")


def baht(minor: int) -> str:
    sign = "-" if minor < 0 else ""
    return f"{sign}{abs(minor) // 100:,}.{abs(minor) % 100:02d}"


def thai_date(day: date) -> str:
    """6 ธันวาคม 2569 (2026-12-06): the Thai way, Buddhist Era, with the ISO date beside."""
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {day.year + 543} ({day.isoformat()})"


def _document(title: str, created: datetime) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(created)
    pdf.set_title(title)
    pdf.set_author("Pathways shop")
    pdf.add_font("latin", fname=str(FONTS / LATIN))
    for name, file in FALLBACKS.items():
        pdf.add_font(name, fname=str(FONTS / file))
    pdf.set_font("latin", size=10)
    pdf.set_fallback_fonts(list(FALLBACKS))
    pdf.set_text_shaping(True)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    return pdf


class _MapsToNothing(tuple):
    """The text of a glyph that draws only part of a character another glyph of its cluster already carries:
    HarfBuzz draws Thai SARA AM (ำ) as NIKHAHIT + SARA AA, and fpdf2 2.8.9 leaves the second out of the
    ToUnicode map, so copying or extracting the text gave a stray control character ("กำ\x05"). Counted as one
    entry, it is written as mapping to nothing (`<0005> <>`), and the text reads back as it was written."""

    def __len__(self) -> int:
        return 1


def _finished(pdf: FPDF) -> bytes:
    for font in pdf.fonts.values():
        if not isinstance(font, TTFFont):
            continue
        for glyph, _code in font.subset.items():
            if glyph is not None and glyph.unicode == ():
                glyph.unicode = _MapsToNothing()  # its hash is its glyph id: the subset's dict is unchanged
    return bytes(pdf.output())


def _write(pdf: FPDF, text: str, size: float = 10, height: float = 5.5) -> None:
    pdf.set_font_size(size)
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font_size(10)


def _table(pdf: FPDF, widths: tuple[int, ...], heading: list[str], rows: list[list[str]],
           feet: list[tuple[str, str]]) -> None:
    """A table of lines, then its totals (label, figure) under the last column."""
    pdf.ln(2)
    align = ("LEFT",) * 2 + ("RIGHT",) * (len(widths) - 2)
    # headings in the regular face with a shade: one font file per script is shipped, no bold
    with pdf.table(col_widths=widths, text_align=align, line_height=5.5, padding=1,
                   headings_style=FontFace(emphasis="", fill_color=(235, 235, 235))) as table:
        for row in [heading, *rows]:
            cells = table.row()
            for text in row:
                cells.cell(text)
    for label, figure in feet:
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(pdf.epw * 0.75, 6, label, align="R", new_x="RIGHT", new_y="TOP")
        pdf.multi_cell(0, 6, figure, align="R", new_x="LMARGIN", new_y="NEXT")


def _bilingual(locale: str | None) -> Callable[[object], str]:
    """Words in the buyer's language with the English beside ("ใบเสร็จรับเงิน / Receipt"), English alone for
    an English buyer."""
    def both(message) -> str:
        with force_locale("en"):
            english = str(message)
        if not locale or locale == "en":
            return english
        with force_locale(locale):
            theirs = str(message)
        return english if theirs == english else f"{theirs} / {english}"
    return both


# --- the receipt --------------------------------------------------------------------------------------------

def receipt_ready(order: Order) -> bool:
    """Every paid order has a receipt, also once it is refunded or cancelled after payment."""
    return order.status == "paid" or (order.paid_at is not None and order.status in ("refunded", "cancelled"))


def receipt_pdf(order: Order, lines: list[OrderLine] | None = None) -> bytes:
    """The order's receipt (the buyer's); with `lines`, one enterprise's part of it (its manager's copy: the
    shipping only when every line is theirs)."""
    both = _bilingual(order.locale)
    paid = order.paid_at or order.created_at
    part = lines is not None and len(lines) < len(order.lines)
    # a line cancelled before a pay-on-collection order was paid was never bought (nothing paid, nothing back)
    shown = [line for line in (order.lines if lines is None else lines)
             if not (line.status == "cancelled" and not line.refunded_minor)]
    pdf = _document(f"Receipt {order.id}", paid)
    _write(pdf, both(_l("Receipt")), size=16, height=9)
    _write(pdf, "Pathways shop")
    _write(pdf, f"{both(_l('Order number'))}: {order.id}")
    _write(pdf, f"{both(_l('Paid on'))}: {paid.astimezone(clock.zone()).date().isoformat()}")
    _write(pdf, f"{both(_l('Buyer'))}: {order.name}")
    method = {"stripe": _l("Card or PromptPay (Stripe)"), "invoice": _l("Bank transfer (on invoice)")}
    _write(pdf, f"{both(_l('Payment'))}: " + both(method.get(order.payment_method, _l("Paid on collection"))))
    if part:
        _write(pdf, both(_l("Only the items of one enterprise in this order are shown.")))
    rows = [[line.name, str(line.quantity), baht(line.unit_price_minor), baht(line.total_minor)] for line in shown]
    feet = []
    if order.discount_minor and not part:
        feet.append((both(_l("Discount (already taken off the prices above)")), baht(-order.discount_minor)))
    shipping = order.shipping_minor if not part else 0
    if shipping:
        feet.append((both(_l("Shipping")), baht(shipping)))
    feet.append((both(_l("Total paid")) + " (THB)", baht(sum(line.total_minor for line in shown) + shipping)))
    refunded = order.refunded_minor if not part else sum(line.refunded_minor for line in shown)
    if refunded:
        feet.append((both(_l("Refunded")), baht(refunded)))
    _table(pdf, (52, 12, 18, 18), [both(_l("Product")), both(_l("Quantity")), both(_l("Unit price")),
                                   both(_l("Amount"))], rows, feet)
    pdf.ln(4)
    _write(pdf, both(_l("Prices include VAT where the seller is registered for VAT.")), size=8, height=4.5)
    return _finished(pdf)


# --- tax invoices and credit notes --------------------------------------------------------------------------

def _party(pdf: FPDF, heading: str, party: dict) -> None:
    _write(pdf, heading, size=11, height=6.5)
    _write(pdf, party["name"])
    if party.get("address"):
        _write(pdf, party["address"])
    _write(pdf, f"เลขประจำตัวผู้เสียภาษี / Tax ID: {party['tax_id']}   {branch_label(party['branch'])}")


def tax_document_pdf(document: TaxDocument) -> bytes:
    """A tax invoice (ใบกำกับภาษี) or a credit note (ใบลดหนี้), from its frozen figures."""
    invoice = document.kind == "invoice"
    rate = f"{document.vat_rate_bp / 100:g}%"
    pdf = _document(f"{'Tax invoice' if invoice else 'Credit note'} {number_label(document)}", document.issued_at)
    _write(pdf, "ใบกำกับภาษี / Tax invoice" if invoice else "ใบลดหนี้ / Credit note", size=16, height=9)
    _write(pdf, f"เลขที่ / No.: {number_label(document)}")
    _write(pdf, f"วันที่ออก / Date of issue: {thai_date(document.issued_on)}")
    _write(pdf, f"คำสั่งซื้อ / Order: {document.order_id}")
    if document.original is not None:
        original = document.original
        _write(pdf, f"อ้างถึงใบกำกับภาษีเลขที่ / For tax invoice No.: {number_label(original)}   "
                    f"ลงวันที่ / dated {thai_date(original.issued_on)}")
    pdf.ln(2)
    _party(pdf, "ผู้ขาย / Seller", document.seller)
    pdf.ln(1)
    _party(pdf, "ผู้ซื้อ / Buyer", document.buyer)
    # A note issued before amount refunds had quantity 1 froze 0 there: it was one amount all the same.
    rows = [[line["name"], str(line["quantity"] or 1), baht(line["unit_price_minor"]), baht(line["amount_minor"]),
             baht(line["vat_minor"])] for line in document.lines]
    net = document.total_minor - document.vat_minor
    if invoice:
        feet = [("มูลค่าสินค้าหรือบริการ (ไม่รวมภาษี) / Value before VAT", baht(net)),
                (f"ภาษีมูลค่าเพิ่ม / VAT {rate}", baht(document.vat_minor)),
                ("จำนวนเงินรวมทั้งสิ้น / Total, VAT included (THB)", baht(document.total_minor))]
    else:
        before = document.before_minor or 0
        feet = [("มูลค่าตามใบกำกับภาษีเดิม / Value of the original invoice (VAT incl.)", baht(before)),
                ("มูลค่าที่ถูกต้อง / Correct value (VAT incl.)", baht(before - document.total_minor)),
                ("ผลต่าง (ไม่รวมภาษี) / Difference before VAT", baht(net)),
                (f"ภาษีมูลค่าเพิ่มของผลต่าง / VAT on the difference {rate}", baht(document.vat_minor)),
                ("ผลต่างรวมภาษี / Difference, VAT included (THB)", baht(document.total_minor))]
    _table(pdf, (44, 10, 16, 16, 14), ["รายการ / Item", "จำนวน / Qty", "ราคาต่อหน่วย / Unit price",
                                       "จำนวนเงิน / Amount", f"ภาษี / VAT {rate}"], rows, feet)
    pdf.ln(4)
    _write(pdf, "ราคารวมภาษีมูลค่าเพิ่มแล้ว ภาษีของแต่ละรายการ = จำนวนเงิน × อัตรา ÷ (100 + อัตรา) ปัดเศษครึ่งสตางค์ขึ้น / "
                "Prices include VAT; each line's VAT = amount × rate ÷ (100 + rate), rounded half up to the satang.",
           size=8, height=4.5)
    return _finished(pdf)
