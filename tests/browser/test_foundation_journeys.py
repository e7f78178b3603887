"""Journeys through the shared pages: quick exit, enrolment with a set-up code, data and deletion, Thai."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import NEUTRAL_SITE, past_year_of_training, screenshot, sign_in_as, sign_out


def test_quick_exit_button_leaves_the_site(page, axe_audit):
    page.goto("/")
    page.goto("/privacy")
    axe_audit.check(page)
    page.get_by_role("link", name="Leave this site quickly").click()
    expect(page).to_have_url(NEUTRAL_SITE)
    expect(page).to_have_title("Weather today")
    page.go_back()
    assert "/privacy" not in page.url  # the page the person was reading is not in the history
    screenshot(page, "05-quick-exit-button")


def test_quick_exit_signs_out_and_back_shows_nothing_personal(page):
    sign_in_as(page, "participant@demo.pathways")
    page.get_by_role("link", name="My information").click()
    expect(page.get_by_text("participant@demo.pathways").first).to_be_visible()
    page.goto("/me/privacy")
    page.get_by_role("link", name="Leave this site quickly").click()
    expect(page).to_have_url(NEUTRAL_SITE)
    for _ in range(2):  # Back, and Back again: each page is asked for anew (no-store) and the person is out
        page.go_back()
        if page.url.startswith(NEUTRAL_SITE) or page.url == "about:blank":
            continue
        body = page.content()
        assert "participant@demo.pathways" not in body and "Malee" not in body, page.url
    page.goto("/me/data")
    expect(page).to_have_url(re.compile(r"/sign-in"))
    screenshot(page, "05-quick-exit-back")


def test_quick_exit_with_shift_three_times(page):
    page.goto("/")
    for _ in range(3):
        page.keyboard.press("Shift")
    expect(page).to_have_url(NEUTRAL_SITE)
    screenshot(page, "05-quick-exit-shift")


def test_staff_enrols_a_participant_who_sets_up_and_asks_for_deletion(page, axe_audit):
    sign_in_as(page, "staff@demo.pathways")
    axe_audit.check(page)
    page.get_by_role("link", name="Participants").click()
    axe_audit.check(page)
    page.get_by_role("link", name="Enrol a participant").click()
    axe_audit.check(page)
    page.get_by_label("Name to use").fill("Kham")
    page.get_by_label("Username").fill("kham.browser")
    page.get_by_role("button", name="Save").click()
    code = page.locator(".code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    axe_audit.check(page)
    sign_out(page)

    page.get_by_role("link", name="I have a set-up code").click()
    axe_audit.check(page)
    page.get_by_label("Username or e-mail").fill("kham.browser")
    page.get_by_label("Set-up code from programme staff").fill(code)
    page.get_by_label("Choose a password").fill("the river is wide")
    page.get_by_role("button", name="Save my password").click()
    expect(page.get_by_text("Your password is saved. Welcome to Pathways.")).to_be_visible()
    # First, the short privacy notice and the person's own choice about employers.
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    axe_audit.check(page)
    page.get_by_role("link", name="Continue").click()
    axe_audit.check(page)
    page.get_by_label("When I apply to an employer").check()
    page.get_by_role("button", name="I have read this. Continue").click()
    expect(page.get_by_text("Your choices are saved.")).to_be_visible()
    page.get_by_role("link", name="My information").click()
    axe_audit.check(page)
    expect(page.get_by_text("kham.browser").first).to_be_visible()
    page.get_by_role("button", name="Ask to delete my information").click()
    expect(page.get_by_text("We have your request.")).to_be_visible()
    page.get_by_role("link", name="What I share").click()
    axe_audit.check(page)
    screenshot(page, "00-participant-my-data")
    sign_out(page)

    sign_in_as(page, "staff@demo.pathways")
    page.get_by_role("link", name="My work").first.click()
    page.get_by_role("link", name="Deletion requests").click()
    axe_audit.check(page)
    row = page.get_by_role("row").filter(has_text="kham.browser")
    row.get_by_role("button", name="Delete the information").click()
    expect(page.get_by_text("The information is removed.")).to_be_visible()
    screenshot(page, "00-staff-deletion-confirmed")


def test_admin_reads_the_audit_log(page, axe_audit):
    sign_in_as(page, "admin@demo.pathways")
    page.get_by_role("link", name="Audit log").click()
    page.get_by_label("Action").fill("account.sign_in")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("cell", name="account.sign_in").first).to_be_visible()
    axe_audit.check(page)
    page.get_by_role("link", name="Accounts").click()
    axe_audit.check(page)
    screenshot(page, "00-admin-audit")


def test_thai_on_every_shared_page(page):
    page.goto("/")
    page.get_by_role("link", name="ไทย").click()  # a visitor's language is a plain link
    expect(page.locator("html")).to_have_attribute("lang", "th")
    page.get_by_role("link", name="เข้าสู่ระบบ").first.click()
    page.get_by_label("ชื่อผู้ใช้หรืออีเมล").fill("participant@demo.pathways")
    page.get_by_label("รหัสผ่าน").fill("pathways-demo")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    for link in ("ข้อมูลของฉัน", "สิ่งที่ฉันแบ่งปัน", "หน้าแรก"):
        page.get_by_role("link", name=link).first.click()
        expect(page.locator("html")).to_have_attribute("lang", "th")
        body = page.locator("main").inner_text()
        assert re.search(r"[\u0E00-\u0E7F]", body), f"no Thai on {page.url}"
        for english in ("Sign in", "Sign out", "My information", "Leave this site quickly"):
            assert english not in page.content(), (english, page.url)
    screenshot(page, "06-thai-shared-pages")


def test_the_programme_results_and_the_donor_report_pass_axe(page, live_app, axe_audit):
    from core import clock
    past_year_of_training(live_app, clock.today().year - 2)  # closed, whatever the month
    page.goto("/impact")
    expect(page.get_by_role("heading", name="What the programme achieved", level=1)).to_be_visible()
    axe_audit.check(page)
    sign_in_as(page, "staff@demo.pathways")
    page.get_by_role("link", name="Donor report").click()
    page.get_by_role("link", name="Internal figures, small numbers shown (kept in the audit log)").click()
    expect(page.get_by_role("alert")).to_contain_text("Do not publish them")
    expect(page.get_by_role("row", name=re.compile("Bangkok"))).to_contain_text("3")
    axe_audit.check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download XLSX, a sheet per theme").click()
    assert download.value.suggested_filename.startswith("impact-internal-")
