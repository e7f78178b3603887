"""A staff member turns on two-step sign-in with an authenticator app, then signs in with a code from it and,
having "lost the phone", with a recovery code. The app is pyotp, fed the key shown on the page."""
import time

import pyotp
from playwright.sync_api import expect

from core.commands import DEMO_PASSWORD
from tests.browser.conftest import screenshot, sign_in_as, sign_out


def _second_step(page, code: str) -> None:
    expect(page.get_by_role("heading", name="Second step of signing in")).to_be_visible()
    page.get_by_label("Code", exact=True).fill(code)
    page.get_by_role("button", name="Continue").click()


def test_staff_member_turns_on_two_step_sign_in_and_uses_it(page, live_app, axe_audit):
    with live_app.app_context():
        from accounts import services as accounts
        from core.extensions import db
        from core.models import Role

        if accounts.find_by_login_name("totp.browser") is None:
            accounts.create_account(Role.STAFF, "Totp Browser", username="totp.browser", password=DEMO_PASSWORD)
            db.session.commit()
    sign_in_as(page, "totp.browser")
    page.get_by_role("link", name="Password").click()
    page.get_by_role("link", name="Sign-in security").click()
    axe_audit.check(page)
    page.get_by_role("link", name="Set up two-step sign-in").click()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    axe_audit.check(page)
    screenshot(page, "09-two-step-set-up")
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    app = pyotp.TOTP(secret)
    page.get_by_label("Code from your app").fill(app.now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_text("Two-step sign-in is on.")).to_be_visible()
    recovery = page.locator(".recovery-codes code").all_inner_texts()
    assert len(recovery) == 10
    axe_audit.check(page)
    sign_out(page)

    sign_in_as(page, "totp.browser", second_step=False)
    axe_audit.check(page)
    _second_step(page, app.at(time.time() + 30))  # the code used to enrol is spent: the next one, drift allowed
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    sign_out(page)

    sign_in_as(page, "totp.browser", second_step=False)
    _second_step(page, recovery[0])
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.goto("/account/security")
    expect(page.get_by_text("9 recovery codes left.")).to_be_visible()
    sign_out(page)
    sign_in_as(page, "totp.browser", second_step=False)
    _second_step(page, recovery[0])  # each recovery code works once
    expect(page.get_by_text("That code is not right, or it was used already.")).to_be_visible()
