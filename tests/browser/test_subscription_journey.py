"""Journey: a bag of coffee every month (issue #34, item 5), in a real browser against the app served with Stripe
keys pointing at the tests' Stripe fake (FakeBilling). The manager offers the Doi Chang coffee every month; a
customer subscribes to a 500 g bag ground for filter, goes to (fake) Stripe Checkout in subscription mode, and
the signed webhooks make the subscription active and its first order; the fake's clock moves a month and the
second order appears; the customer pauses, then cancels, and each change shows only once Stripe's webhook
confirms it. And the same without JavaScript, shipped to Bangkok."""
from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in_as, sign_out
from tests.marketplace.stripe_fakes import signature

COFFEE = "Doi Chang medium roast"
BAG = "500 g, Ground for filter"


@pytest.fixture
def shop(browser, stripe_live):
    """A page on the app that has Stripe keys (the same database as the other journeys)."""
    app, fake = stripe_live
    context = browser.new_context(base_url=app.config["LIVE_URL"])
    yield context.new_page(), app, fake
    context.close()


@pytest.fixture
def shop_without_javascript(browser, stripe_live):
    app, fake = stripe_live
    context = browser.new_context(base_url=app.config["LIVE_URL"], java_script_enabled=False)
    yield context.new_page(), app, fake
    context.close()


def _deliver_webhooks(app, fake) -> int:
    """What Stripe did since the last call, sent to the app as Stripe sends it: signed events, oldest first."""
    sent = 0
    for payload in fake.billing.take_events():
        response = requests.post(app.config["LIVE_URL"] + "/shop/stripe/webhook", data=payload, timeout=30,
                                 headers={"Stripe-Signature": signature(payload), "Content-Type": "application/json"})
        assert response.status_code == 200, response.text
        sent += 1
    return sent


def _manager_offers_the_coffee_every_month(page, axe_audit=None) -> None:
    sign_in_as(page, "manager@demo.pathways")
    page.get_by_role("link", name="My shop").click()
    page.get_by_role("link", name=COFFEE).click()
    page.get_by_role("link", name="Subscriptions", exact=True).click()
    expect(page.get_by_text("Card payments are not set up")).to_have_count(0)  # this app has Stripe keys
    if axe_audit:
        axe_audit.check(page)
    page.get_by_label("Every month").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    expect(page.get_by_label("Every month")).to_be_checked()
    sign_out(page)


def _orders(page) -> list[str]:
    """The customer's orders on "My orders", newest first ("Order 12")."""
    page.get_by_role("link", name="My orders").first.click()
    return page.get_by_role("link", name=re.compile(r"^Order \d+$")).all_inner_texts()


def _newest_subscription(page):
    page.get_by_role("link", name="My subscriptions").first.click()
    return page.locator("ul.subscriptions > li").first


def _subscribe(page, *, shipped: bool, axe_audit=None) -> str:
    """From the product page to Stripe's hosted page; returns the Checkout Session's id."""
    page.get_by_role("link", name="Shop").first.click()
    page.get_by_role("link", name=COFFEE).click()
    expect(page.get_by_role("heading", name="Have it delivered regularly")).to_be_visible()
    if axe_audit:
        axe_audit.check(page)  # the product page with its subscription offer
    page.get_by_role("link", name="Subscribe", exact=True).click()
    if axe_audit:
        axe_audit.check(page)
    page.get_by_label("Which one").select_option(label=f"{BAG} — 580.00 ฿")
    page.get_by_label("Every month").check()
    page.get_by_label("Quantity").fill("1")
    if shipped:
        page.get_by_label("Ship within Thailand").check()
        page.get_by_label("Address for shipping").fill("88 Sukhumvit Soi 11, Khlong Toei Nuea, Watthana")
        page.get_by_label("Province of the address").select_option(label="Bangkok")
    page.get_by_role("button", name="Subscribe and pay by card").click()
    assert "/pay/cs_test_" in page.url, page.locator("main").inner_text()  # the hosted page (the local fake)
    return page.url.rsplit("/", 1)[1]


def _sent_to_stripe(fake, session_id: str) -> dict:
    """What the app asked of Stripe for this Checkout Session."""
    return next(c["params"] for c in fake.created
                if fake.by_idempotency.get(c["idempotency_key"], {}).get("id") == session_id)


def _paid_on_stripe(page, fake, session_id: str) -> str:
    """The customer pays on Stripe's page and comes back to the success address before Stripe's webhooks
    arrive; returns the Stripe subscription's id."""
    sent = _sent_to_stripe(fake, session_id)
    assert sent["mode"] == "subscription" and sent["payment_method_types"] == ["card"]  # no PromptPay
    paid = requests.post(f"{fake.base}/_test/pay/{session_id}", timeout=30).json()
    page.goto(sent["success_url"])  # Stripe sends the customer back
    return paid["subscription"]


def test_a_customer_subscribes_gets_two_months_then_pauses_and_cancels(shop, axe_audit):
    page, app, fake = shop
    _manager_offers_the_coffee_every_month(page, axe_audit)

    sign_in_as(page, "customer@demo.pathways")
    before = _orders(page)
    session_id = _subscribe(page, shipped=False, axe_audit=axe_audit)
    (item,) = _sent_to_stripe(fake, session_id)["line_items"]  # picked up: no shipping line
    assert item["quantity"] == "1" and fake.billing.prices[item["price"]]["unit_amount"] == 58000
    stripe_id = _paid_on_stripe(page, fake, session_id)

    # Back from Stripe, before its webhooks: thanked, and the subscription waits for Stripe's word.
    expect(page.get_by_text("Thank you. Your subscription appears here as active once Stripe confirms")).to_be_visible()
    mine = page.locator("ul.subscriptions > li").first
    expect(mine.get_by_role("heading", name=f"{COFFEE} — {BAG}")).to_be_visible()
    expect(mine).to_contain_text("Status: Waiting for Stripe to confirm")
    expect(mine.get_by_role("button")).to_have_count(0)  # nothing to pause or cancel yet
    axe_audit.check(page)
    assert _orders(page) == before

    # checkout.session.completed and invoice.paid arrive, signed: active, and the first month's order.
    assert _deliver_webhooks(app, fake) == 3  # customer.subscription.created, invoice.paid, session completed
    mine = _newest_subscription(page)
    expect(mine).to_contain_text("Status: Active")
    expect(mine).to_contain_text("1 each time · Every month · 580.00 ฿ each delivery")
    expect(mine.get_by_role("button", name="Pause")).to_be_visible()
    screenshot(page, "subscription-active")
    first = _orders(page)
    assert len(first) == len(before) + 1 and first[1:] == before
    expect(page.get_by_role("listitem").filter(has_text=first[0])).to_contain_text("580.00 ฿ · Paid")
    axe_audit.check(page)
    page.get_by_role("link", name=first[0], exact=True).click()
    expect(page.get_by_role("cell", name=f"{COFFEE} — {BAG}", exact=True)).to_be_visible()
    axe_audit.check(page)

    # A month later Stripe charges again: the second order.
    assert fake.billing.advance(stripe_id) is not None
    assert _deliver_webhooks(app, fake) == 1  # invoice.paid
    second = _orders(page)
    assert len(second) == len(before) + 2 and second[1:] == first
    expect(page.get_by_role("listitem").filter(has_text=second[0])).to_contain_text("580.00 ฿ · Paid")

    # The manager sees it among the enterprise's subscriptions.
    sign_out(page)
    sign_in_as(page, "manager@demo.pathways")
    page.get_by_role("link", name="My shop").click()
    page.get_by_role("link", name="Subscriptions", exact=True).click()
    ours = fake.sessions[session_id]["metadata"]["subscription_id"]
    row = page.get_by_role("row", name=re.compile(rf"^{ours} Sam Customer {COFFEE} — {BAG} 1 Every month"))
    for cell in ("580.00 ฿", "Pick up at the shop", "Active"):
        expect(row.get_by_role("cell", name=cell, exact=True)).to_be_visible()
    axe_audit.check(page)
    sign_out(page)
    sign_in_as(page, "customer@demo.pathways")

    # Pause: asked of Stripe, shown as waiting; paused once its webhook confirms it.
    mine = _newest_subscription(page)
    mine.get_by_role("button", name="Pause").click()
    expect(page.get_by_text("Asked. Your subscription changes here as soon as Stripe confirms it.")).to_be_visible()
    mine = page.locator("ul.subscriptions > li").first
    expect(mine).to_contain_text("Status: Active")
    expect(mine).to_contain_text("Waiting for confirmation from Stripe: pausing.")
    expect(mine.get_by_role("button")).to_have_count(0)
    axe_audit.check(page)  # the page with a change waiting, and the message that it was asked
    assert _deliver_webhooks(app, fake) == 1  # customer.subscription.updated (collection paused)
    mine = _newest_subscription(page)
    expect(mine).to_contain_text("Status: Paused")
    expect(mine).not_to_contain_text("Waiting for confirmation")
    expect(mine.get_by_role("button", name="Resume")).to_be_visible()
    screenshot(page, "subscription-paused")

    # Paused: the next month's invoice is void, no order.
    fake.billing.advance(stripe_id)
    assert _deliver_webhooks(app, fake) == 1  # invoice.voided
    assert _orders(page) == second

    # Cancel at the end of the paid period: waiting, then confirmed, then ended when the period ends.
    mine = _newest_subscription(page)
    mine.get_by_role("button", name="Cancel at the end of the paid period").click()
    mine = page.locator("ul.subscriptions > li").first
    expect(mine).to_contain_text("Waiting for confirmation from Stripe: cancelling at the end of the paid period.")
    expect(mine).not_to_contain_text("Ends at the end of the paid period")
    assert _deliver_webhooks(app, fake) == 1  # customer.subscription.updated (cancel_at_period_end)
    mine = _newest_subscription(page)
    expect(mine).to_contain_text("Ends at the end of the paid period")
    expect(mine).not_to_contain_text("Waiting for confirmation")
    expect(mine.get_by_role("button", name="Cancel at the end of the paid period")).to_have_count(0)
    fake.billing.advance(stripe_id)
    assert _deliver_webhooks(app, fake) == 1  # customer.subscription.deleted
    mine = _newest_subscription(page)
    expect(mine).to_contain_text("Status: Cancelled")
    expect(mine.get_by_role("button")).to_have_count(0)
    screenshot(page, "subscription-cancelled")
    assert _orders(page) == second


def test_a_customer_subscribes_with_shipping_and_cancels_without_javascript(shop_without_javascript):
    page, app, fake = shop_without_javascript
    _manager_offers_the_coffee_every_month(page)  # the manager's form, without JavaScript too

    sign_in_as(page, "customer@demo.pathways")
    before = _orders(page)
    session_id = _subscribe(page, shipped=True)
    bag, postage = _sent_to_stripe(fake, session_id)["line_items"]
    assert [fake.billing.prices[line["price"]]["unit_amount"] for line in (bag, postage)] == [58000, 6000]  # 520 g
    _paid_on_stripe(page, fake, session_id)
    expect(page.locator("ul.subscriptions > li").first).to_contain_text("Status: Waiting for Stripe to confirm")
    _deliver_webhooks(app, fake)
    mine = _newest_subscription(page)
    expect(mine).to_contain_text("Status: Active")
    expect(mine).to_contain_text("640.00 ฿ each delivery (shipping included)")
    orders = _orders(page)
    assert len(orders) == len(before) + 1
    expect(page.get_by_role("listitem").filter(has_text=orders[0])).to_contain_text("640.00 ฿ · Paid")

    mine = _newest_subscription(page)
    mine.get_by_role("button", name="Cancel at the end of the paid period").click()
    expect(page.locator("ul.subscriptions > li").first).to_contain_text("Waiting for confirmation from Stripe")
    _deliver_webhooks(app, fake)
    mine = _newest_subscription(page)
    expect(mine).to_contain_text("Status: Active · Ends at the end of the paid period")
    expect(mine.get_by_role("button", name="Pause")).to_be_visible()  # it may still be paused until then
