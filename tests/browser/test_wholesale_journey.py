"""Journey: a café orders on invoice (issue #34, item 4), in a real browser with the demo data. The demo café
(approved, 30 days on invoice) sees its wholesale prices, is told what its cart lacks of NightLight Coffee's
2,000-baht minimum, orders three 1 kg bags on invoice, downloads the invoice PDF (its Thai text read back); the
manager marks the transfer received and the order is paid."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in_as, sign_out
from tests.marketplace.test_tax_invoices import pdf_text


def test_a_cafe_orders_on_invoice_and_the_manager_marks_it_paid(page, axe_audit):
    sign_in_as(page, "cafe@demo.pathways")
    page.get_by_role("link", name="Shop").first.click()
    expect(page.get_by_text("Your wholesale price: from 255.00 ฿").first).to_be_visible()
    axe_audit.check(page)
    page.get_by_role("link", name="Doi Chang medium roast").click()
    page.get_by_label("Weight").select_option(label="1 kg")
    page.get_by_label("Grind").select_option(label="Whole beans")
    expect(page.get_by_text("Your wholesale price: from 255.00 ฿")).to_be_visible()
    axe_audit.check(page)
    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_role("cell", name="1,050.00 ฿ 840.00 ฿")).to_be_visible()  # its price, the shop's struck
    expect(page.get_by_text("add 320.00 ฿ more")).to_be_visible()  # 1,680 of the 2,000 baht minimum
    expect(page.get_by_role("link", name="Check out")).to_have_count(0)
    axe_audit.check(page)
    page.get_by_label(re.compile("Quantity of Doi Chang")).fill("3")
    page.get_by_role("button", name="Update").click()
    expect(page.get_by_text("minimum wholesale order of 2,000.00 ฿ is reached")).to_be_visible()
    expect(page.get_by_role("row", name="Total 2,520.00 ฿")).to_be_visible()
    page.get_by_role("link", name="Check out").click()
    axe_audit.check(page)
    page.get_by_label("Pick up at the shop").check()
    page.get_by_label("On invoice: bank transfer within your terms").check()
    page.get_by_role("button", name="Place order").click()
    expect(page.get_by_text("Your order is placed on invoice.")).to_be_visible()
    expect(page.get_by_text("123-4-56789-0")).to_be_visible()  # the bank account to transfer to
    axe_audit.check(page)
    order_name = page.get_by_role("heading", level=1).inner_text()  # "Order 12"
    with page.expect_download() as download:
        page.get_by_role("link", name="Invoice (PDF)").click()
    text = pdf_text(open(download.value.path(), "rb").read())
    for words in ("ใบแจ้งหนี้", "ครบกำหนดชำระ", "Doi Café Co., Ltd.", "3100100123451", "2,520.00", "123-4-56789-0"):
        assert words in text, words
    screenshot(page, "wholesale-cafe-order")
    sign_out(page)

    sign_in_as(page, "manager@demo.pathways")
    page.get_by_role("link", name="My shop").click()
    page.get_by_role("link", name=order_name).click()
    expect(page.get_by_text("On invoice, awaiting payment").first).to_be_visible()
    axe_audit.check(page)
    page.get_by_role("button", name="Mark the transfer received").click()
    expect(page.get_by_text("The invoice is marked paid.")).to_be_visible()
    expect(page.get_by_role("link", name="Receipt (PDF)")).to_be_visible()
    screenshot(page, "wholesale-manager-paid")
