"""Receipts and Thai tax invoices (issue #34, item 3): the PDFs are opened and their text read back (pypdf), so
what is checked is what a person or the Revenue Department would read — the Thai words shaped and in order,
the parties' tax IDs, the running number, the VAT."""
from __future__ import annotations

import io

import pypdf
import pytest
import sqlalchemy as sa

from core.extensions import db
from marketplace import tax_invoices
from marketplace.models import Enterprise, Order, ProductVariant, TaxDocument
from tests.conftest import post_form, sign_in

SELLER_TAX_ID = "0105558012349"
BUYER_TAX_ID = "3100100123451"
TAX_BUYER = {"tax_invoice": "y", "invoice_name": "Malee Trading Co., Ltd.",
             "invoice_address": "99 Nimman Road, Chiang Mai 50200", "invoice_tax_id": "3-1001-00123-45-1",
             "invoice_branch": "00000"}


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_tax_id_check_digit_and_vat_per_line_rounded_half_up():
    assert tax_invoices.valid_tax_id(SELLER_TAX_ID) and tax_invoices.valid_tax_id(BUYER_TAX_ID)
    assert not tax_invoices.valid_tax_id("0105558012340")  # one digit off: the check digit says so
    assert not tax_invoices.valid_tax_id("010555801234") and not tax_invoices.valid_tax_id("๐๑๐๕๕๕๘๐๑๒๓๔๙")
    # VAT inside a VAT-inclusive amount: amount × 7 / 107, to the satang, half up
    assert tax_invoices.vat_in(10700, 700) == 700
    assert tax_invoices.vat_in(64000, 700) == 4187  # 4186.9159 satang
    assert tax_invoices.vat_in(100, 700) == 7 and tax_invoices.vat_in(50, 700) == 3  # 6.54 → 7, 3.27 → 3
    assert tax_invoices.vat_in(1, 10_000) == 1 and tax_invoices.vat_in(3, 10_000) == 2  # exact halves go up


def test_the_vat_rate_is_the_one_in_force_on_the_day(app):
    from datetime import date
    with app.app_context():
        assert tax_invoices.vat_rate_bp(date(2026, 12, 6)) == 700
        app.config["SHOP_VAT_RATES"] = [("2026-01-01", "7"), ("2027-10-01", "10")]
        try:
            assert tax_invoices.vat_rate_bp(date(2027, 9, 30)) == 700
            assert tax_invoices.vat_rate_bp(date(2027, 10, 1)) == 1000
        finally:
            del app.config["SHOP_VAT_RATES"]


def _registered(app, shop, slug="coffee") -> tuple[int, int, object]:
    """An enterprise whose manager registers it for VAT through the page; a product of 320 baht."""
    enterprise_id, manager_id = shop.enterprise(slug)
    manager = app.test_client()
    sign_in(manager, shop.people.login_name(manager_id))
    bad = post_form(manager, "/manage/shop/vat", {"vat_registered": "y", "legal_name": "Nightlight Coffee Co., Ltd.",
                                                  "legal_address": "12 Market Road, Chiang Mai 50000",
                                                  "tax_id": "0105558012340", "branch": "00000"})
    assert bad.status_code == 200 and "correct check digit" in bad.get_data(as_text=True)
    with app.app_context():
        assert not db.session.get(Enterprise, enterprise_id).vat_registered
    saved = post_form(manager, "/manage/shop/vat", {"vat_registered": "y",
                                                    "legal_name": "Nightlight Coffee Co., Ltd.",
                                                    "legal_address": "12 Market Road, Chiang Mai 50000",
                                                    "tax_id": SELLER_TAX_ID, "branch": "00000"})
    assert saved.status_code == 302
    return enterprise_id, manager_id, manager


def _checkout(app, product_id, quantity=2, language=None, **extra):
    client = app.test_client()
    if language:
        post_form(client, "/language", {"language": language, "next": "/"})
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": str(quantity)})
    answer = post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup",
                                                  **extra})
    return client, answer


def _last_order(app) -> Order:
    with app.app_context():
        order = db.session.scalars(sa.select(Order).order_by(Order.id.desc())).first()
        db.session.expunge_all()
        return order


def test_a_full_tax_invoice_when_the_buyer_asks_then_a_credit_note_for_the_refund(app, shop):
    enterprise_id, _manager_id, manager = _registered(app, shop)
    product_id = shop.product(enterprise_id, price=32000, stock=10)

    # Offered at checkout only for a VAT-registered enterprise's products; a wrong tax ID is refused there.
    client, refused = _checkout(app, product_id, **{**TAX_BUYER, "invoice_tax_id": "3100100123450"})
    assert refused.status_code == 200 and "correct check digit" in refused.get_data(as_text=True)
    assert 'name="invoice_tax_id"' in client.get("/shop/checkout").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0
    client, placed = _checkout(app, product_id, **TAX_BUYER)
    assert placed.status_code == 302
    order = _last_order(app)
    assert order.invoice_tax_id == BUYER_TAX_ID
    assert "issued when the order is paid" in client.get(f"/shop/orders/{order.token}").get_data(as_text=True)
    assert client.get(f"/shop/orders/{order.token}/receipt.pdf").status_code == 404  # not paid yet

    post_form(manager, f"/manage/shop/orders/{order.id}/paid")  # cash at the shop: the order is paid
    with app.app_context():
        invoice = db.session.scalar(sa.select(TaxDocument).where(TaxDocument.order_id == order.id))
        assert (invoice.kind, invoice.number, invoice.total_minor, invoice.vat_minor) == ("invoice", 1, 64000, 4187)
        invoice_id = invoice.id
    page = client.get(f"/shop/orders/{order.token}").get_data(as_text=True)
    link = f"/shop/orders/{order.token}/tax-documents/{invoice_id}.pdf"
    assert link in page and "IV-000001" in page
    answer = client.get(link)
    assert answer.mimetype == "application/pdf" and "no-store" in answer.headers["Cache-Control"]
    text = pdf_text(answer.data)
    for words in ("ใบกำกับภาษี", "Tax invoice", "IV-000001", SELLER_TAX_ID, BUYER_TAX_ID, "สำนักงานใหญ่",
                  "Nightlight Coffee Co., Ltd.", "Malee Trading Co., Ltd.", "ภาษีมูลค่าเพิ่ม", "41.87", "598.13",
                  "640.00", "7%"):
        assert words in text, words
    assert pdf_text(manager.get(f"/manage/shop/orders/{order.id}/tax-documents/{invoice_id}.pdf").data) == text

    # A later price (and name) changes nothing of what was issued.
    with app.app_context():
        variant = db.session.scalar(sa.select(ProductVariant).where(ProductVariant.product_id == product_id))
        variant.price_minor = 99900
        db.session.get(Enterprise, enterprise_id).legal_name = "Renamed Ltd."
        db.session.commit()
    assert client.get(link).data == answer.data

    # Half of it back: a credit note citing the invoice's number and date, with the difference and its VAT.
    response = post_form(manager, f"/manage/shop/orders/{order.id}/refund",
                         {"intent": "k" * 24, "refund-" + str(_line_id(app, order.id)): "1"})
    assert response.status_code == 302
    with app.app_context():
        note = db.session.scalar(sa.select(TaxDocument).where(TaxDocument.kind == "credit_note"))
        assert (note.number, note.original_id, note.total_minor, note.vat_minor, note.before_minor) == (
            1, invoice_id, 32000, 2093, 64000)
        note_id, issued = note.id, invoice.issued_on
    text = pdf_text(client.get(f"/shop/orders/{order.token}/tax-documents/{note_id}.pdf").data)
    for words in ("ใบลดหนี้", "Credit note", "CN-000001", "IV-000001", issued.isoformat(), "640.00", "320.00",
                  "20.93", "299.07", SELLER_TAX_ID, BUYER_TAX_ID):
        assert words in text, words
    receipt = pdf_text(client.get(f"/shop/orders/{order.token}/receipt.pdf").data)
    assert "Receipt" in receipt and "640.00" in receipt and "Refunded" in receipt
    # The buyer's e-mail about the money links each PDF: the receipt, the invoice and the new credit note.
    with app.app_context():
        from core.models import OutboxMessage
        mail = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.subject.like("Money returned%"))
                                 .order_by(OutboxMessage.id.desc()).limit(1))
    for name, path in (("Receipt (PDF)", f"/shop/orders/{order.token}/receipt.pdf"),
                       ("Tax invoice IV-000001 (PDF)", link),
                       ("Credit note CN-000001 (PDF)", f"/shop/orders/{order.token}/tax-documents/{note_id}.pdf")):
        assert f"{name}\nhttp" in mail.body and mail.body.split(f"{name}\n", 1)[1].split("\n")[0].endswith(path)

    # The other half: the note that credits the rest of the invoice takes the rest of its VAT, so the two notes
    # give back exactly the invoice's 41.87 (rounded one by one they came to 41.86; found from outside).
    post_form(manager, f"/manage/shop/orders/{order.id}/refund",
              {"intent": "m" * 24, "refund-" + str(_line_id(app, order.id)): "1"})
    with app.app_context():
        notes = db.session.scalars(sa.select(TaxDocument).where(TaxDocument.kind == "credit_note")
                                   .order_by(TaxDocument.number)).all()
        assert [(n.total_minor, n.vat_minor) for n in notes] == [(32000, 2093), (32000, 2094)]
        assert sum(n.vat_minor for n in notes) == 4187 and sum(n.total_minor for n in notes) == 64000


def _line_id(app, order_id: int) -> int:
    with app.app_context():
        return db.session.get(Order, order_id).lines[0].id


def test_receipts_are_in_the_buyers_language_with_english_beside(app, shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, name="Coffee beans", price=25000, stock=10)
    manager = app.test_client()
    sign_in(manager, shop.people.login_name(manager_id))
    for language, words in (("th", ["ใบเสร็จรับเงิน / Receipt", "ผู้ซื้อ / Buyer", "ยอดที่ชำระ / Total paid"]),
                            ("lo", ["ໃບຮັບເງິນ / Receipt", "ຜູ້ຊື້ / Buyer"]),
                            ("my", ["ပြေစာ / Receipt", "ဝယ်သူ / Buyer"]),
                            ("vi", ["Biên lai / Receipt", "Người mua / Buyer", "Tổng đã trả / Total paid"])):
        client, _ = _checkout(app, product_id, quantity=1, language=language)
        order = _last_order(app)
        assert order.locale == language and order.invoice_tax_id is None
        post_form(manager, f"/manage/shop/orders/{order.id}/paid")
        assert "receipt.pdf" in client.get(f"/shop/orders/{order.token}").get_data(as_text=True)
        text = pdf_text(client.get(f"/shop/orders/{order.token}/receipt.pdf").data)
        for expected in [*words, "Coffee beans", "250.00", str(order.id)]:
            assert expected in text, (language, expected, text)
        assert "ใบกำกับภาษี" not in text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(TaxDocument.id))) == 0  # not VAT-registered, not asked


def test_nobody_else_opens_an_orders_documents(app, shop):
    enterprise_id, _manager_id, manager = _registered(app, shop)
    product_id = shop.product(enterprise_id, price=32000, stock=10)
    mine, _ = _checkout(app, product_id, **TAX_BUYER)
    order = _last_order(app)
    post_form(manager, f"/manage/shop/orders/{order.id}/paid")
    theirs, _ = _checkout(app, product_id, quantity=1)
    other = _last_order(app)
    with app.app_context():
        invoice_id = db.session.scalar(sa.select(TaxDocument.id))
    assert mine.get(f"/shop/orders/{order.token}/tax-documents/{invoice_id}.pdf").status_code == 200
    # another customer, with the link to their own order, cannot reach this order's invoice through it
    assert theirs.get(f"/shop/orders/{other.token}/tax-documents/{invoice_id}.pdf").status_code == 404
    assert theirs.get(f"/shop/orders/{'x' * 43}/receipt.pdf").status_code == 404
    # a manager of another enterprise sees nothing of it
    _other_enterprise, other_manager_id = shop.enterprise("weaving")
    stranger = app.test_client()
    sign_in(stranger, shop.people.login_name(other_manager_id))
    assert stranger.get(f"/manage/shop/orders/{order.id}/tax-documents/{invoice_id}.pdf").status_code == 404
    assert stranger.get(f"/manage/shop/orders/{order.id}/receipt.pdf").status_code == 404
    assert app.test_client().get(f"/manage/shop/orders/{order.id}/receipt.pdf").status_code in (302, 401, 403)


def test_a_tax_invoice_is_not_offered_for_an_enterprise_not_registered_for_vat(app, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, stock=5)
    client, answer = _checkout(app, product_id, **TAX_BUYER)
    assert 'name="invoice_tax_id"' not in client.get("/shop/checkout").get_data(as_text=True)
    assert answer.status_code == 200 and "No enterprise in this order issues" in answer.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0


@pytest.mark.parametrize("language", ["th", "my", "km", "lo", "vi"])
def test_the_vat_page_and_the_checkout_choice_are_in_every_language(app, shop, language):
    enterprise_id, _manager_id, manager = _registered(app, shop)
    product_id = shop.product(enterprise_id, stock=5)
    post_form(manager, "/language", {"language": language, "next": "/"})
    page = manager.get("/manage/shop/vat").get_data(as_text=True)
    from flask_babel import force_locale
    from flask_babel import gettext as _
    with app.test_request_context(), force_locale(language):
        for english in ("VAT and tax invoices", "Registered address", "Tax ID (13 digits)"):
            assert _(english) != english and _(english) in page
        client = app.test_client()
        post_form(client, "/language", {"language": language, "next": "/"})
        post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
        checkout_page = client.get("/shop/checkout").get_data(as_text=True)
        assert _("I need a full tax invoice") in checkout_page and _("Full tax invoice") in checkout_page


def _register(enterprise_id: int, tax_id: str = SELLER_TAX_ID) -> None:
    enterprise = db.session.get(Enterprise, enterprise_id)
    tax_invoices.save_registration(None, enterprise, True, f"{enterprise.name} Co., Ltd.",
                                   "12 Market Road, Chiang Mai 50000", tax_id, "00001")


def test_each_registered_enterprise_invoices_its_own_lines_and_the_shipping_only_when_all_are_its_own(app, shop):
    from core.models import User
    from marketplace import checkout, fulfilment
    coffee, coffee_manager = shop.enterprise("coffee")
    weaving, _ = shop.enterprise("weaving")
    beans = shop.variant(shop.product(coffee, price=32000, stock=10))
    bag = shop.variant(shop.product(weaving, name="Woven bag", price=45000, stock=10, category="crafts"))
    buyer = checkout.Buyer("Sam", "sam@example.org", "", "shipping", "12 Market Road, Chiang Mai 50000", "50")
    tax_buyer = tax_invoices.TaxBuyer("Sam Co., Ltd.", "99 Nimman Road, Chiang Mai", BUYER_TAX_ID, "00000")
    with app.app_context():
        _register(coffee)
        manager = db.session.get(User, coffee_manager)
        both = checkout.place_order({beans: 1, bag: 1}, buyer, None, use_stripe=False, tax_buyer=tax_buyer)
        fulfilment.mark_paid_on_collection(both, manager)
        alone = checkout.place_order({beans: 2}, buyer, None, use_stripe=False, tax_buyer=tax_buyer)
        fulfilment.mark_paid_on_collection(alone, manager)
        first, second = db.session.scalars(sa.select(TaxDocument).order_by(TaxDocument.id)).all()
        # weaving is not VAT-registered: its bag is on the receipt only; so is the shipping of a shared order
        assert ([line["name"] for line in first.lines], first.total_minor, first.number) == (
            ["Coffee beans"], 32000, 1)
        assert [line["shipping"] for line in second.lines] == [False, True]
        assert (second.number, second.total_minor, second.seller["branch"]) == (2, 64000 + 8000, "00001")
        assert second.vat_minor == tax_invoices.vat_in(64000, 700) + tax_invoices.vat_in(8000, 700)
        text = pdf_text(pdf_documents_receipt(both, manager_lines=[both.lines[0]]))
        assert "Coffee beans" in text and "Woven bag" not in text and "Only the items of one enterprise" in text


def pdf_documents_receipt(order, manager_lines=None) -> bytes:
    from marketplace import pdf_documents
    return pdf_documents.receipt_pdf(order, manager_lines)


def test_staff_keeping_a_checked_payment_issues_the_invoice(app, shop, people):
    from core.models import Role, User
    from marketplace import checkout, fulfilment
    from marketplace.models import ORDER_LIFECYCLE
    coffee, _ = shop.enterprise("coffee")
    beans = shop.variant(shop.product(coffee, price=32000, stock=10))
    staff_id = people.make(Role.STAFF, "Staff")
    with app.app_context():
        _register(coffee)
        order = checkout.place_order({beans: 1}, checkout.Buyer("Sam", "sam@example.org", "", "pickup", ""), None,
                                     use_stripe=True, tax_buyer=tax_invoices.TaxBuyer(
                                         "Sam Co., Ltd.", "99 Nimman Road, Chiang Mai", BUYER_TAX_ID))
        ORDER_LIFECYCLE.apply(order, "mismatch", action="order.payment_mismatch")
        assert tax_invoices.documents_of(order) == []  # not paid: nothing issued
        fulfilment.accept_payment(order, db.session.get(User, staff_id))
        [invoice] = tax_invoices.documents_of(order)
        assert (invoice.number, invoice.total_minor, invoice.vat_minor, order.status) == (1, 32000, 2093, "paid")
        assert order.paid_at is not None


def test_a_customers_data_shows_the_tax_invoice_details_and_anonymising_keeps_only_issued_documents(
        app, shop, people):
    from core.models import Role, User
    from marketplace import checkout, fulfilment, privacy_data
    coffee, coffee_manager = shop.enterprise("coffee")
    beans = shop.variant(shop.product(coffee, price=32000, stock=10))
    customer_id = people.make(Role.CUSTOMER, "Sam")
    with app.app_context():
        _register(coffee)
        customer = db.session.get(User, customer_id)
        order = checkout.place_order({beans: 1}, checkout.Buyer("Sam", "sam@example.org", "", "pickup", ""),
                                     customer, use_stripe=False, tax_buyer=tax_invoices.TaxBuyer(
                                         "Sam Co., Ltd.", "99 Nimman Road, Chiang Mai", BUYER_TAX_ID))
        fulfilment.mark_paid_on_collection(order, db.session.get(User, coffee_manager))
        [row] = privacy_data.export_orders(customer)
        assert (row["invoice_name"], row["invoice_tax_id"]) == ("Sam Co., Ltd.", BUYER_TAX_ID)
        privacy_data.anonymise_orders(customer)
        db.session.refresh(order)
        assert (order.invoice_name, order.invoice_tax_id, order.invoice_address) == ("", None, "")
        [invoice] = tax_invoices.documents_of(order)
        assert invoice.buyer["tax_id"] == BUYER_TAX_ID  # kept for the Revenue Code's years


def test_items_cancelled_before_a_collection_order_was_paid_are_on_neither_receipt_nor_invoice(app, shop):
    from core.models import User
    from marketplace import checkout, fulfilment, pdf_documents
    coffee, coffee_manager = shop.enterprise("coffee")
    weaving, weaving_manager = shop.enterprise("weaving")
    beans = shop.variant(shop.product(coffee, price=32000, stock=10))
    bag = shop.variant(shop.product(weaving, name="Woven bag", price=45000, stock=10, category="crafts"))
    with app.test_request_context():
        _register(coffee)
        _register(weaving, BUYER_TAX_ID)
        order = checkout.place_order({beans: 1, bag: 1}, checkout.Buyer("Sam", "sam@example.org", "", "pickup", ""),
                                     None, use_stripe=False, tax_buyer=tax_invoices.TaxBuyer(
                                         "Sam Co., Ltd.", "99 Nimman Road, Chiang Mai", SELLER_TAX_ID))
        fulfilment.cancel_lines(order, db.session.get(User, weaving_manager))  # the bag: not paid, cancelled
        fulfilment.mark_paid_on_collection(order, db.session.get(User, coffee_manager))
        assert [d.enterprise_id for d in tax_invoices.documents_of(order)] == [coffee]
        text = pdf_text(pdf_documents.receipt_pdf(order))
        assert "Coffee beans" in text and "Woven bag" not in text and "320.00" in text and order.total_minor == 32000


def test_vat_registration_cannot_end_while_a_buyer_waits_for_a_tax_invoice(app, shop):
    """Found from outside: unticked before the order was paid, the invoice a buyer asked for was never issued
    while the order page still promised it."""
    enterprise_id, _manager_id, manager = _registered(app, shop)
    product_id = shop.product(enterprise_id, price=32000, stock=10)
    _client, placed = _checkout(app, product_id, **TAX_BUYER)
    assert placed.status_code == 302
    order = _last_order(app)
    stop = {"legal_name": "Nightlight Coffee Co., Ltd.", "legal_address": "12 Market Road, Chiang Mai 50000",
            "tax_id": SELLER_TAX_ID, "branch": "00000"}  # the box unticked
    refused = post_form(manager, "/manage/shop/vat", stop)
    assert refused.status_code == 200 and "asked for a tax invoice from you" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Enterprise, enterprise_id).vat_registered
    post_form(manager, f"/manage/shop/orders/{order.id}/paid")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(TaxDocument.id)).where(TaxDocument.order_id == order.id)) == 1
    assert post_form(manager, "/manage/shop/vat", stop).status_code == 302
    with app.app_context():
        assert not db.session.get(Enterprise, enterprise_id).vat_registered


def test_a_credit_note_for_an_amount_given_back_shows_one_amount_not_quantity_0(app, shop):
    """Found from outside: an amount refunded (a price mistake, no item returned) made a credit note whose line
    said quantity 0 with a price of 50 baht."""
    enterprise_id, _manager_id, manager = _registered(app, shop)
    product_id = shop.product(enterprise_id, price=32000, stock=10)
    client, placed = _checkout(app, product_id, **TAX_BUYER)
    assert placed.status_code == 302
    order = _last_order(app)
    post_form(manager, f"/manage/shop/orders/{order.id}/paid")
    answer = post_form(manager, f"/manage/shop/orders/{order.id}/refund-amount",
                       {"intent": "a" * 24, "amount_thb": "50", "reason": "Price mistake"})
    assert answer.status_code == 302
    with app.app_context():
        note = db.session.scalar(sa.select(TaxDocument).where(TaxDocument.kind == "credit_note"))
        assert note.total_minor == 5000
        assert [(x["quantity"], x["unit_price_minor"], x["amount_minor"]) for x in note.lines] == [(1, 5000, 5000)]
        note_id = note.id
    text = pdf_text(client.get(f"/shop/orders/{order.token}/tax-documents/{note_id}.pdf").data)
    assert "50.00" in text
    row = next(line for line in text.splitlines() if "50.00" in line and "Total" not in line)
    assert " 0 " not in f" {row} ", row


def test_a_branch_typed_while_vat_is_off_is_checked(app, shop):
    """Found from outside: with the VAT box unticked, a branch of "12ab" was saved (and shown on the invoices
    once VAT was ticked later). A branch typed is checked whatever the box; left empty it is the head office."""
    enterprise_id, manager_id = shop.enterprise("coffee")
    manager = app.test_client()
    sign_in(manager, shop.people.login_name(manager_id))
    refused = post_form(manager, "/manage/shop/vat", {"legal_name": "", "legal_address": "", "tax_id": "",
                                                      "branch": "12ab"})
    assert refused.status_code == 200 and 'id="branch-error"' in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Enterprise, enterprise_id).branch != "12ab"
        # The service refuses it as well, for any caller but the page.
        from marketplace.cart import ShopError
        with pytest.raises(ShopError) as refusal:
            tax_invoices.save_registration(None, db.session.get(Enterprise, enterprise_id), False, "", "", "", "12")
        assert refusal.value.field == "branch"
        db.session.rollback()
    saved = post_form(manager, "/manage/shop/vat", {"legal_name": "", "legal_address": "", "tax_id": "",
                                                    "branch": ""})
    assert saved.status_code == 302
    with app.app_context():
        assert db.session.get(Enterprise, enterprise_id).branch == tax_invoices.HEAD_OFFICE


def test_a_blank_registered_name_is_said_on_the_name(app, shop):
    """Found from outside: VAT ticked and the registered name left empty, the error sat under the address."""
    _enterprise_id, manager_id = shop.enterprise("coffee")
    manager = app.test_client()
    sign_in(manager, shop.people.login_name(manager_id))
    page = post_form(manager, "/manage/shop/vat", {"vat_registered": "y", "legal_name": " ",
                                                   "legal_address": "12 Market Road, Chiang Mai 50000",
                                                   "tax_id": SELLER_TAX_ID, "branch": "00000"}).get_data(as_text=True)
    assert 'id="legal_name-error"' in page and 'id="legal_address-error"' not in page
    assert 'aria-invalid="true" id="legal_name"' in page or 'id="legal_name" aria-invalid' in page or \
        'aria-describedby="legal_name-error"' in page
