"""Journey 4 in a real browser: a customer buys coffee and a necklace, paying on collection (no Stripe keys:
the embedded default) and by Stripe Checkout against the local fakes; the enterprise manager marks it packed.
And the shop in Thai."""
import re

import requests
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in_as, sign_out


def _add(page, axe_audit, name, choices=None):
    page.get_by_role("link", name="Shop").first.click()
    axe_audit.check(page)
    page.get_by_role("link", name=name).click()
    axe_audit.check(page)
    for option, value in (choices or {}).items():  # the script shows the chosen variant's price at once
        page.get_by_label(option).select_option(label=value)
    page.get_by_label("Quantity").fill("1")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_text("Added to your cart.")).to_be_visible()


def test_customer_buys_and_pays_on_collection_then_manager_packs(page, axe_audit):
    sign_in_as(page, "customer@demo.pathways")
    _add(page, axe_audit, "Doi Chang medium roast", {"Weight": "500 g", "Grind": "Ground for filter"})
    expect(page.get_by_role("row", name="Total 580.00 ฿")).to_be_visible()  # the cart's total: one 500 g bag
    _add(page, axe_audit, "Silver leaf necklace")
    axe_audit.check(page)
    page.get_by_role("link", name="Check out").click()
    axe_audit.check(page)
    page.get_by_label("Your name").fill("Sam Customer")
    page.get_by_label("E-mail (for the order confirmation)").fill("customer@demo.pathways")
    page.get_by_role("button", name="Place order").click()
    expect(page.get_by_text("Your order is placed. Pay when you collect it.")).to_be_visible()
    axe_audit.check(page)
    page.get_by_role("link", name="My orders").click()
    axe_audit.check(page)
    order_link = page.get_by_role("link", name=re.compile(r"Order \d+")).first
    order_name = order_link.inner_text()
    sign_out(page)

    sign_in_as(page, "manager@demo.pathways")
    page.get_by_role("link", name="My shop").click()
    axe_audit.check(page)
    page.get_by_role("link", name=order_name).click()
    axe_audit.check(page)
    expect(page.get_by_role("cell", name="Doi Chang medium roast — 500 g, Ground for filter", exact=True)) \
        .to_be_visible()
    expect(page.get_by_text("Silver leaf necklace")).to_have_count(0)  # another enterprise's line
    page.get_by_role("button", name="Mark as paid").click()
    page.get_by_role("button", name="Mark as packed").click()
    expect(page.get_by_role("cell", name="Packed").first).to_be_visible()
    screenshot(page, "04-manager-packed")


def test_customer_pays_with_stripe_checkout(page, axe_audit, stripe_live):
    app, fake = stripe_live
    page.goto(app.config["LIVE_URL"] + "/shop/")
    page.get_by_role("link", name="Drip bags, box of 10").click()
    page.get_by_role("button", name="Add to cart").click()
    page.get_by_role("link", name="Check out").click()
    expect(page.get_by_text("Next you pay on a secure Stripe page")).to_be_visible()
    page.get_by_label("Your name").fill("Guest Buyer")
    page.get_by_label("E-mail (for the order confirmation)").fill("guest@example.org")
    page.get_by_role("button", name="Place order").click()
    assert "/pay/cs_test_" in page.url, page.locator("main").inner_text()  # the hosted page (the local fake)
    session_id = page.url.rsplit("/", 1)[1]
    order_url = fake.sessions[session_id]["metadata"]["order_id"]
    paid = requests.post(f"{fake.base}/_test/pay/{session_id}").json()
    from tests.marketplace.stripe_fakes import event, signature
    payload = event("checkout.session.completed", paid)
    response = requests.post(app.config["LIVE_URL"] + "/shop/stripe/webhook", data=payload,
                             headers={"Stripe-Signature": signature(payload), "Content-Type": "application/json"})
    assert response.status_code == 200 and order_url
    from core.extensions import db
    from marketplace.models import Order
    with app.app_context():
        token = db.session.get(Order, int(order_url)).token
    page.goto(f"{app.config['LIVE_URL']}/shop/orders/{token}")
    expect(page.get_by_text("Paid", exact=True)).to_be_visible()
    axe_audit.check(page)
    screenshot(page, "04-stripe-paid")


def test_the_shop_in_thai(page):
    page.goto("/shop/")
    page.get_by_role("link", name="ไทย").click()  # a visitor's language is a plain link
    page.get_by_role("link", name="กาแฟดอยช้าง คั่วกลาง").click()
    for choice in page.locator("select[data-option]").all():  # weight and grind, by their first value
        choice.select_option(index=1)
    page.get_by_role("button", name="ใส่ตะกร้า").click()
    for check in ("ตะกร้าของคุณ", "ชำระเงิน"):
        expect(page.locator("html")).to_have_attribute("lang", "th")
        assert re.search(r"[\u0E00-\u0E7F]", page.locator("main").inner_text())
        for english in ("Add to cart", "Your cart", "Check out", "Quantity"):
            assert english not in page.locator("main").inner_text(), (english, page.url)
        if check == "ตะกร้าของคุณ":
            page.get_by_role("link", name="ชำระเงิน").click()
    screenshot(page, "06-thai-shop")


def test_customer_buys_ground_coffee_with_a_code_and_downloads_the_tax_invoice(page, axe_audit):
    """Issue 34's journey: the manager registers for VAT and makes a thank-you code; a customer buys a 500 g bag
    ground for filter with the code, asks for a full tax invoice, pays on collection, and downloads it."""
    from tests.marketplace.test_tax_invoices import BUYER_TAX_ID, SELLER_TAX_ID, pdf_text

    sign_in_as(page, "manager@demo.pathways")
    page.get_by_role("link", name="My shop").click()
    page.get_by_role("link", name="VAT and tax invoices").click()
    axe_audit.check(page)
    page.get_by_label("We are registered for VAT and issue full tax invoices").check()
    page.get_by_label("Registered name").fill("Doi Chang Roasters Co., Ltd.")
    page.get_by_label("Registered address").fill("12 Moo 3, Wawi, Mae Suai, Chiang Rai 57180")
    page.get_by_label("Tax ID (13 digits)").fill(SELLER_TAX_ID)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Discount codes").first.click()
    axe_audit.check(page)
    page.get_by_label("Code (letters and digits; buyers may type it in any case)").fill("THANKYOU10")
    page.get_by_label("A percentage off").check()
    page.get_by_label("Percentage off (1 to 100)").fill("10")
    page.get_by_role("button", name="Create the code").click()
    expect(page.get_by_role("cell", name="THANKYOU10", exact=True)).to_be_visible()
    sign_out(page)

    sign_in_as(page, "customer@demo.pathways")
    _add(page, axe_audit, "Doi Chang medium roast", {"Weight": "500 g", "Grind": "Ground for filter"})
    page.get_by_label("Discount code").fill("thankyou10")  # any case
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("row", name=re.compile(r"Discount \(code THANKYOU10\)"))).to_be_visible()
    axe_audit.check(page)
    page.get_by_role("link", name="Check out").click()
    page.get_by_label("Your name").fill("Malee Somsak")
    page.get_by_label("E-mail (for the order confirmation)").fill("customer@demo.pathways")
    page.get_by_label("I need a full tax invoice").check()
    page.get_by_label("Name on the tax invoice (person or company)").fill("Malee Trading Co., Ltd.")
    page.get_by_label("Address on the tax invoice").fill("99 Nimman Road, Chiang Mai 50200")
    page.get_by_label("Tax ID (13 digits)").fill(BUYER_TAX_ID)
    page.get_by_role("button", name="Place order").click()
    expect(page.get_by_text("Your order is placed. Pay when you collect it.")).to_be_visible()
    page.get_by_role("link", name="My orders").click()
    order_name = page.get_by_role("link", name=re.compile(r"Order \d+")).first.inner_text()
    sign_out(page)

    sign_in_as(page, "manager@demo.pathways")
    page.get_by_role("link", name="My shop").click()
    page.get_by_role("link", name=order_name).click()
    expect(page.get_by_text("Discount code THANKYOU10 took")).to_be_visible()
    page.get_by_role("button", name="Mark as paid").click()  # the customer paid at the counter
    sign_out(page)

    sign_in_as(page, "customer@demo.pathways")
    page.get_by_role("link", name="My orders").click()
    page.get_by_role("link", name=order_name).click()
    axe_audit.check(page)
    link = page.get_by_role("link", name=re.compile(r"Tax invoice .* \(PDF\)"))
    expect(link).to_have_count(1)
    response = page.context.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    for wanted in ("ใบกำกับภาษี", "Malee Trading Co., Ltd.", "Doi Chang Roasters Co., Ltd.", "500 g"):
        assert wanted in text, wanted
    assert "".join(BUYER_TAX_ID) in text.replace("-", "").replace(" ", "")
    screenshot(page, "04-tax-invoice")
