"""Wholesale (issue #34, item 4): a café applies as a business and is approved with terms; it sees its own prices
(and nobody else does), meets each enterprise's minimum, orders on invoice (a new order state, stock taken, due
in its terms), downloads the invoice PDF (its Thai text read back); the manager marks the transfer received
once, and the receipt and tax invoice follow; an overdue invoice is listed and reminded once."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
import time_machine

from core import clock
from core.extensions import db
from core.models import AuditEntry, OutboxMessage, Role, User
from marketplace import checkout, wholesale
from marketplace.models import Order, Product, TaxDocument
from marketplace.wholesale_models import BusinessCustomer, OrderInvoice, WholesalePrice
from tests.conftest import post_form, sign_in
from tests.marketplace.test_tax_invoices import SELLER_TAX_ID, pdf_text

CAFE_TAX_ID = "3100100123451"
CAFE = {"name": "Doi Café Co., Ltd.", "tax_id": "3-1001-00123-45-1", "branch": "00001",
        "address": "7 Nimman Soi 9, Chiang Mai 50200", "contact_name": "Ploy", "contact_phone": "081 234 5678"}


@pytest.fixture
def world(app, shop, people):
    """An enterprise (VAT-registered, 2,000 baht minimum, a bank account) with a coffee at 320 baht (20 in
    stock) priced 250 baht wholesale; a café approved by staff with 30 days on invoice, signed in."""
    enterprise_id, manager_id = shop.enterprise("coffee")
    product_id = shop.product(enterprise_id, stock=20)
    variant_id = shop.variant(product_id)
    staff_id = people.make(Role.STAFF)
    cafe_id = people.make(Role.CUSTOMER, "Ploy", email="ploy@example.org")
    with app.app_context():
        from marketplace import tax_invoices
        from marketplace.models import Enterprise
        manager = db.session.get(User, manager_id)
        tax_invoices.save_registration(manager, db.session.get(Enterprise, enterprise_id), True,
                                       "Nightlight Coffee Co., Ltd.", "12 Market Road, Chiang Mai 50000",
                                       SELLER_TAX_ID, "00000")
        wholesale.save_terms(manager, enterprise_id, 200000, "Kasikorn Bank, Nimman branch, Nightlight Coffee, "
                                                             "123-4-56789-0")
        wholesale.set_price(manager, enterprise_id, variant_id, 25000)
        db.session.commit()
    cafe = app.test_client()
    assert sign_in(cafe, people.login_name(cafe_id)).status_code == 302
    assert post_form(cafe, "/shop/business", CAFE).status_code == 302
    with app.app_context():
        business = db.session.scalar(sa.select(BusinessCustomer))
        wholesale.approve(business, db.session.get(User, staff_id), 30, True)
        db.session.commit()
        business_id = business.id
    manager_client = app.test_client()
    sign_in(manager_client, people.login_name(manager_id))
    return {"enterprise": enterprise_id, "manager": manager_id, "product": product_id, "variant": variant_id,
            "staff": staff_id, "cafe": cafe, "cafe_id": cafe_id, "business": business_id,
            "manager_client": manager_client}


def _order_on_invoice(cafe, product_id: int, quantity: int):
    post_form(cafe, "/shop/cart/add", {"product_id": str(product_id), "quantity": str(quantity)})
    return post_form(cafe, "/shop/business/checkout", {
        "name": "Ploy", "email": "ploy@example.org", "delivery": "pickup", "payment": "invoice"})


def test_an_application_is_checked_and_decided_with_the_decider_recorded(app, shop, people):
    customer_id = people.make(Role.CUSTOMER, email="cafe@example.org")
    client = app.test_client()
    sign_in(client, people.login_name(customer_id))
    refused = post_form(client, "/shop/business", {**CAFE, "tax_id": "3100100123450"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "correct check digit" in page and "Doi Café Co., Ltd." in page
    assert post_form(client, "/shop/business", CAFE).status_code == 302
    _enterprise_id, manager_id = shop.enterprise("tea")
    manager = app.test_client()
    sign_in(manager, people.login_name(manager_id))
    assert "Doi Café Co., Ltd." in manager.get("/manage/shop/businesses").get_data(as_text=True)
    with app.app_context():
        business_id = db.session.scalar(sa.select(BusinessCustomer.id))
    bad = post_form(manager, f"/manage/shop/businesses/{business_id}/approve", {"terms_days": "0",
                                                                                 "pay_on_invoice": "y"})
    assert bad.status_code == 400 and "at least 7 days" in bad.get_data(as_text=True)
    assert post_form(manager, f"/manage/shop/businesses/{business_id}/approve",
                     {"terms_days": "30", "pay_on_invoice": "y"}).status_code == 302
    # a second decision made from the old state is refused and changes nothing
    again = post_form(manager, f"/manage/shop/businesses/{business_id}/refuse", {"refuse-note": "Not a café"})
    assert again.status_code == 400
    with app.app_context():
        business = db.session.get(BusinessCustomer, business_id)
        assert (business.status, business.terms_days, business.pay_on_invoice, business.tax_id, business.branch) == \
            ("approved", 30, True, CAFE_TAX_ID, "00001")
        assert business.decided_by_id == manager_id
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "business_customer.approve"))
        assert entry.actor_id == manager_id and entry.record_id == str(business_id)
        told = db.session.scalar(sa.select(OutboxMessage).order_by(OutboxMessage.id.desc()))
        assert "approved for wholesale" in told.body
    assert post_form(manager, f"/manage/shop/businesses/{business_id}/suspend",
                     {"suspend-note": "Unpaid invoices"}).status_code == 302
    with app.app_context():
        assert wholesale.approved_business(db.session.get(User, customer_id)) is None


def test_only_an_approved_business_sees_its_prices_and_its_own_price_wins(app, world, people):
    product = f"/shop/products/{world['product']}"
    assert "250.00" in world["cafe"].get(product).get_data(as_text=True)
    assert "250.00" not in app.test_client().get(product).get_data(as_text=True)
    other = app.test_client()
    sign_in(other, people.login_name(people.make(Role.CUSTOMER)))
    assert "250.00" not in other.get(product).get_data(as_text=True)
    assert "250.00" not in other.get("/shop/").get_data(as_text=True)
    assert "250.00" in world["cafe"].get("/shop/").get_data(as_text=True)
    with app.app_context():
        manager = db.session.get(User, world["manager"])
        wholesale.set_price(manager, world["enterprise"], world["variant"], 24000, world["business"])
        db.session.commit()
        business = db.session.get(BusinessCustomer, world["business"])
        assert wholesale.prices_for(business) == {world["variant"]: 24000}
        assert db.session.scalar(sa.select(sa.func.count(WholesalePrice.id))) == 2
    assert "240.00" in world["cafe"].get(product).get_data(as_text=True)


def test_the_cart_says_what_is_missing_from_the_minimum_and_checkout_refuses_below_it(app, world):
    cafe = world["cafe"]
    post_form(cafe, "/shop/cart/add", {"product_id": str(world["product"]), "quantity": "6"})  # 1,500 baht
    page = cafe.get("/shop/cart").get_data(as_text=True)
    assert "minimum wholesale order is 2,000.00" in page and "add 500.00" in page
    assert "1,500.00" in page and 'name="code"' not in page  # no discount code with wholesale prices
    refused = post_form(cafe, "/shop/business/checkout", {"name": "Ploy", "email": "ploy@example.org",
                                                          "delivery": "pickup", "payment": "invoice"})
    assert refused.status_code == 400 and "add 500.00" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0
    # the business buys by the case: 8 of one item is more than a retail cart may hold
    post_form(cafe, "/shop/cart", {"variant_id": str(world["variant"]), "quantity": "8", "update": "Update"})
    assert "is reached" in cafe.get("/shop/cart").get_data(as_text=True)
    # the ordinary checkout sends the business to its own
    assert cafe.get("/shop/checkout").headers["Location"].endswith("/shop/business/checkout")


def test_an_order_on_invoice_takes_stock_is_due_in_its_terms_and_its_pdf_reads_in_thai(app, world):
    answer = _order_on_invoice(world["cafe"], world["product"], 8)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    with app.app_context():
        order = db.session.scalar(sa.select(Order))
        invoice = db.session.get(OrderInvoice, order.id)
        assert (order.status, order.payment_method, order.total_minor, order.expires_at) == \
            ("invoiced", "invoice", 200000, None)
        assert [line.unit_price_minor for line in order.lines] == [25000]
        assert invoice.due_on == clock.today() + timedelta(days=30)
        # the business's details fill the tax invoice: the enterprise is VAT-registered
        assert (order.invoice_tax_id, order.invoice_branch, order.invoice_name) == (CAFE_TAX_ID, "00001",
                                                                                    "Doi Café Co., Ltd.")
        assert db.session.get(Product, world["product"]).stock == 12
        token, order_id = order.token, order.id
    page = world["cafe"].get(f"/shop/orders/{token}").get_data(as_text=True)
    assert "123-4-56789-0" in page and "Invoice (PDF)" in page
    pdf = world["cafe"].get(f"/shop/orders/{token}/invoice.pdf")
    text = pdf_text(pdf.data)
    for words in ("ใบแจ้งหนี้", "Invoice", "ครบกำหนดชำระ", CAFE_TAX_ID, SELLER_TAX_ID, "สาขาที่ / Branch 00001",
                  "Doi Café Co., Ltd.", "123-4-56789-0", "2,000.00", "130.84", "ภาษีมูลค่าเพิ่ม"):
        assert words in text, words
    due = clock.today() + timedelta(days=30)
    assert f"{due.year + 543}" in text  # the Buddhist Era year of the due date
    assert world["manager_client"].get(f"/manage/shop/orders/{order_id}/invoice.pdf").status_code == 200


def test_the_manager_marks_the_transfer_received_once_and_the_tax_invoice_follows(app, world):
    _order_on_invoice(world["cafe"], world["product"], 8)
    with app.app_context():
        order_id = db.session.scalar(sa.select(Order.id))
    manager = world["manager_client"]
    assert "Mark the transfer received" in manager.get(f"/manage/shop/orders/{order_id}").get_data(as_text=True)
    assert post_form(manager, f"/manage/shop/orders/{order_id}/packed").status_code == 302  # goods leave unpaid
    first = post_form(manager, f"/manage/shop/orders/{order_id}/invoice-paid", follow_redirects=True)
    second = post_form(manager, f"/manage/shop/orders/{order_id}/invoice-paid", follow_redirects=True)
    assert "marked paid" in first.get_data(as_text=True)
    assert "not waiting for payment" in second.get_data(as_text=True)
    with app.app_context():
        order = db.session.get(Order, order_id)
        assert order.status == "paid" and order.paid_at is not None
        assert db.session.get(OrderInvoice, order_id).paid_marked_by_id == world["manager"]
        [document] = db.session.scalars(sa.select(TaxDocument)).all()
        assert document.buyer["tax_id"] == CAFE_TAX_ID and document.buyer["branch"] == "00001"
        assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
            AuditEntry.action == "order.invoice_paid")) == 1
        mail = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.subject.like("Payment received%")))
        assert "receipt.pdf" in mail.body and "tax-documents" in mail.body
    # refunds after payment work as for cash: given back by hand, recorded at once
    from marketplace import fulfilment
    with app.app_context():
        order = db.session.get(Order, order_id)
        result = fulfilment.refund_amount(order, db.session.get(User, world["manager"]), 10000, "broken bag")
        db.session.commit()
        assert result.amount == 10000 and db.session.get(Order, order_id).refunded_minor == 10000


def test_an_unpaid_invoice_order_cancelled_gives_its_stock_back(app, world):
    _order_on_invoice(world["cafe"], world["product"], 8)
    with app.app_context():
        order_id = db.session.scalar(sa.select(Order.id))
    assert post_form(world["manager_client"], f"/manage/shop/orders/{order_id}/cancelled").status_code == 302
    with app.app_context():
        order = db.session.get(Order, order_id)
        assert order.status == "cancelled" and not order.stock_held
        assert {line.status for line in order.lines} == {"cancelled"}
        assert db.session.get(Product, world["product"]).stock == 20
    again = post_form(world["manager_client"], f"/manage/shop/orders/{order_id}/invoice-paid", follow_redirects=True)
    assert "not waiting for payment" in again.get_data(as_text=True)


def test_a_card_payer_cannot_order_on_invoice(app, world):
    with app.app_context():
        business = db.session.get(BusinessCustomer, world["business"])
        wholesale.change_terms(business, db.session.get(User, world["staff"]), 0, False)
        db.session.commit()
    answer = _order_on_invoice(world["cafe"], world["product"], 8)
    assert answer.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0


def test_an_overdue_invoice_is_listed_and_reminded_once_in_the_buyers_language(app, world, people):
    post_form(world["cafe"], "/language", {"language": "th", "next": "/"})
    _order_on_invoice(world["cafe"], world["product"], 8)
    with app.app_context():
        order_id = db.session.scalar(sa.select(Order.id))
        due = db.session.get(OrderInvoice, order_id).due_on
    later = date(due.year, due.month, due.day) + timedelta(days=1)
    manager = app.test_client()
    with time_machine.travel(f"{later.isoformat()} 10:00:00+07:00", tick=False):
        sign_in(manager, people.login_name(world["manager"]))
        page = manager.get("/manage/shop/").get_data(as_text=True)
        assert "Overdue invoices" in page and f"/manage/shop/orders/{order_id}" in page
        listed = manager.get("/manage/shop/invoices?overdue=1").get_data(as_text=True)
        assert f"Order {order_id}" in listed
        with app.app_context():
            assert wholesale.send_overdue_reminders() == 1
            db.session.commit()
        with app.app_context():
            assert wholesale.send_overdue_reminders() == 0  # a second run, or a second runner: nothing
            db.session.commit()
            reminders = db.session.scalars(sa.select(OutboxMessage).where(
                OutboxMessage.recipient == "ploy@example.org", OutboxMessage.body.contains(str(order_id)))).all()
            [reminder] = [m for m in reminders if "เกินกำหนด" in m.subject]
            assert db.session.get(OrderInvoice, order_id).reminded_at is not None
    assert "Overdue invoices" not in world["manager_client"].get("/manage/shop/").get_data(as_text=True)


def test_the_reminder_claim_is_one_conditional_update(app, world):
    """Two runners that both read the invoice as not reminded: only the one whose UPDATE claims it sends."""
    _order_on_invoice(world["cafe"], world["product"], 8)
    with app.app_context():
        order_id = db.session.scalar(sa.select(Order.id))
        db.session.execute(sa.update(OrderInvoice).values(due_on=date(2020, 1, 1)))
        db.session.commit()
    from core.extensions import changed_rows
    with app.app_context():
        claim = sa.update(OrderInvoice).where(OrderInvoice.order_id == order_id, OrderInvoice.reminded_at.is_(None)) \
            .values(reminded_at=sa.func.current_timestamp())
        assert changed_rows(claim) == 1
        db.session.commit()
        assert wholesale.send_overdue_reminders() == 0  # the other runner, after the first committed


def test_placing_on_invoice_uses_checkouts_stock_statement_all_or_nothing(app, world):
    with app.app_context():
        user = db.session.get(User, world["cafe_id"])
        buyer = checkout.Buyer("Ploy", "ploy@example.org", "", "pickup", "")
        with pytest.raises(Exception, match="only 20"):
            wholesale.place_order({world["variant"]: 21}, buyer, user, on_invoice=True, use_stripe=False)
        db.session.rollback()
        assert db.session.get(Product, world["product"]).stock == 20
        assert db.session.scalar(sa.select(sa.func.count(OrderInvoice.order_id))) == 0


def test_the_receipt_says_bank_transfer_and_the_business_is_in_my_information(app, world):
    _order_on_invoice(world["cafe"], world["product"], 8)
    with app.app_context():
        order_id = db.session.scalar(sa.select(Order.id))
    post_form(world["manager_client"], f"/manage/shop/orders/{order_id}/invoice-paid")
    with app.app_context():
        token = db.session.get(Order, order_id).token
    assert "Bank transfer (on invoice)" in pdf_text(world["cafe"].get(f"/shop/orders/{token}/receipt.pdf").data)
    from marketplace import wholesale_privacy
    with app.app_context():
        user = db.session.get(User, world["cafe_id"])
        [row] = wholesale_privacy.export_business(user)
        assert (row["tax_id"], row["contact_name"], row["status"]) == (CAFE_TAX_ID, "Ploy", "approved")
        wholesale_privacy.anonymise_business(user)
        db.session.commit()
        assert wholesale.business_of(user) is None
        invoice = db.session.get(OrderInvoice, order_id)
        assert invoice.buyer["contact"] == "" and invoice.buyer["tax_id"] == CAFE_TAX_ID  # kept for the accounts


def test_an_overdue_invoice_of_a_deleted_account_reminds_nobody_and_says_so_to_the_manager(app, world, people):
    """The café's account is deleted (its business and its orders' contact anonymised) while an invoice is
    unpaid: the daily job writes to nobody (no e-mail to the emptied address, no reminder recorded), and the
    manager still has the invoice as overdue, marked as the account deleted, in English and Thai."""
    from privacy import services as privacy

    _order_on_invoice(world["cafe"], world["product"], 8)
    with app.app_context():
        order_id = db.session.scalar(sa.select(Order.id))
        due = db.session.get(OrderInvoice, order_id).due_on
        privacy.anonymise_person(db.session.get(User, world["cafe_id"]))
        db.session.commit()
        assert db.session.get(Order, order_id).email == ""
        mails_before = db.session.scalar(sa.select(sa.func.count(OutboxMessage.id)))
    later = date(due.year, due.month, due.day) + timedelta(days=1)
    manager = app.test_client()
    with time_machine.travel(f"{later.isoformat()} 10:00:00+07:00", tick=False):
        with app.app_context():
            assert wholesale.send_overdue_reminders() == 0
            db.session.commit()
            assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == mails_before
            assert db.session.get(OrderInvoice, order_id).reminded_at is None
            assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))
                                     .where(sa.func.coalesce(OutboxMessage.recipient, "") == "")) == 0
        sign_in(manager, people.login_name(world["manager"]))
        home = manager.get("/manage/shop/").get_data(as_text=True)
        assert "Overdue invoices" in home and f"/manage/shop/orders/{order_id}" in home
        assert "Account deleted: no reminder" in home
        listed = manager.get("/manage/shop/invoices?overdue=1").get_data(as_text=True)
        assert f"Order {order_id}" in listed and "Account deleted: no reminder" in listed
        post_form(manager, "/language", {"language": "th", "next": "/"})
        listed = manager.get("/manage/shop/invoices?overdue=1").get_data(as_text=True)
        assert "ลบบัญชีแล้ว" in listed
