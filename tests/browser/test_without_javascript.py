"""Every role's main task works with JavaScript turned off."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import NEUTRAL_SITE, PROMISES, fill_post, past_year_of_training, sign_in_as


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "java_script_enabled": False}


def test_participant_downloads_their_data_without_javascript(page):
    sign_in_as(page, "participant@demo.pathways")
    page.get_by_role("link", name="My information").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my information (for another app)").click()
    name = download.value.suggested_filename  # the date of the download is in its name
    assert re.fullmatch(r"my-pathways-data-\d{4}-\d{2}-\d{2}\.json", name), name


def test_quick_exit_link_works_without_javascript(page):
    page.goto("/")
    page.get_by_role("link", name="Leave this site quickly").click()
    expect(page).to_have_url(NEUTRAL_SITE)


def test_staff_enrols_without_javascript(page):
    sign_in_as(page, "staff@demo.pathways")
    page.get_by_role("link", name="Participants").click()
    page.get_by_role("link", name="Enrol a participant").click()
    page.get_by_label("Name to use").fill("Nok")
    page.get_by_label("Username").fill("nok.nojs")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".code")).to_be_visible()


def test_admin_filters_the_audit_log_without_javascript(page):
    sign_in_as(page, "admin@demo.pathways")
    page.get_by_role("link", name="Audit log").click()
    page.get_by_label("Action").fill("account.")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("cell", name="account.sign_in").first).to_be_visible()


def test_customer_buys_and_manager_packs_without_javascript(page):
    sign_in_as(page, "customer@demo.pathways")
    page.get_by_role("link", name="Shop").first.click()
    page.get_by_role("link", name="Espresso blend, 500 g").click()
    page.get_by_role("button", name="Add to cart").click()
    page.get_by_role("link", name="Check out").click()
    page.get_by_label("Your name").fill("Sam Customer")
    page.get_by_label("E-mail (for the order confirmation)").fill("customer@demo.pathways")
    page.get_by_role("button", name="Place order").click()
    expect(page.get_by_text("Pay when you collect it.")).to_be_visible()
    heading = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("button", name="Sign out").click()
    sign_in_as(page, "manager@demo.pathways")
    page.get_by_role("link", name="My shop").click()
    page.get_by_role("link", name=heading).click()
    page.get_by_role("button", name="Mark as paid").click()
    page.get_by_role("button", name="Mark as packed").click()
    expect(page.get_by_role("cell", name="Packed").first).to_be_visible()


def test_employer_posts_a_job_without_javascript(page):
    sign_in_as(page, "employer@demo.pathways")
    page.get_by_role("link", name="My organisation and posts").click()
    page.get_by_role("link", name="Post an apprenticeship or job").click()
    fill_post(page, kind="Job", title="Roastery helper", description="Weigh and pack roasted coffee.", isco="9321",
              pay="400")
    expect(page.get_by_text("Your post is public.")).to_be_visible()


def test_employer_finds_the_occupation_and_district_without_javascript(page):
    sign_in_as(page, "employer@demo.pathways")
    page.get_by_role("link", name="My organisation and posts").click()
    page.get_by_role("link", name="Post an apprenticeship or job").click()
    page.get_by_label("Province").select_option(label="Bangkok")
    page.get_by_role("button", name="Show the districts of this province").click()
    expect(page.get_by_label("District").locator("option", has_text="Pathum Wan")).to_have_count(1)
    fill_post(page, kind="Job", title="Bakery helper", description="Mix dough and bake bread.",
              isco="cook", pay="450", province="Bangkok")
    # Words that fit several occupations come back as a choice under the field: no code to type.
    page.get_by_label("Cooks (5120)").check()
    for promise in PROMISES:
        page.get_by_label(promise).check()
    page.get_by_role("button", name="Save and send for checking").click()
    expect(page.get_by_text("Your post is public.")).to_be_visible()


@pytest.mark.parametrize("email", ["employer@demo.pathways", "manager@demo.pathways", "customer@demo.pathways"])
def test_other_roles_sign_in_change_language_and_sign_out_without_javascript(page, email):
    sign_in_as(page, email)
    page.get_by_role("link", name="My information").click()
    expect(page.get_by_text(email).first).to_be_visible()
    page.get_by_role("button", name="ไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page.get_by_text("คุณออกจากระบบแล้ว")).to_be_visible()



def test_a_visitor_reads_the_programme_results_without_javascript(page, live_app):
    from core import clock
    past_year_of_training(live_app, clock.today().year - 2)  # closed, whatever the month
    page.goto("/")
    page.get_by_role("link", name="What the programme achieved").click()
    expect(page.get_by_role("heading", name="People who finished a course")).to_be_visible()
    table = page.locator("section", has=page.get_by_role("heading", name="People who finished a course"))
    expect(table.get_by_role("img", name="People who finished a course")).to_be_visible()  # the SVG chart
    expect(table.get_by_role("row", name=re.compile("Bangkok"))).to_contain_text("fewer than 5")
    expect(table.get_by_role("row", name=re.compile("Chiang Mai"))).to_contain_text("not shown")
    expect(table.get_by_role("row", name=re.compile("All"))).to_contain_text("20")
    expect(page.get_by_role("heading", name="How we count")).to_be_visible()


def test_a_buyer_chooses_the_coffees_size_and_grind_without_javascript(page):
    page.goto("/shop/")
    page.get_by_role("link", name="Doi Chang medium roast").click()
    page.get_by_label("Weight").select_option(label="1 kg")
    page.get_by_label("Grind").select_option(label="Ground for espresso")
    page.get_by_role("button", name="Show price and stock").click()  # the page comes back with that variant
    expect(page.get_by_text("1,050.00 ฿")).to_be_visible()
    expect(page.get_by_text("4 in stock")).to_be_visible()
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_text("1 kg, Ground for espresso")).to_be_visible()
