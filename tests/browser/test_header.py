"""The light phone header (#32, item 4): at 360×640, in each of the six languages, for a visitor and for a
participant (who has the most menu entries), the quick exit and the header together stay within 120 px; the
quick exit is the first thing a keyboard reaches; "Menu" opens the whole menu without JavaScript; the page's
language links to the list of languages, where every name shows whole; and the open menu passes axe."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.commands import DEMO_PASSWORD

PHONE = {"width": 360, "height": 640}
HEADER_LIMIT = 120  # CSS pixels
HEADER_BOTTOM = """() => Math.max(...[document.getElementById('quick-exit'), document.querySelector('.site-header')]
  .filter(Boolean).map(part => part.getBoundingClientRect().bottom + window.scrollY))"""
WHOLE = """element => element.scrollWidth <= element.clientWidth
  && element.getBoundingClientRect().right <= document.documentElement.clientWidth"""


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


def _choose(page, code: str) -> None:
    page.goto("/languages")
    page.click(f"main .languages [lang={code}]")  # a link for a visitor, a button once signed in


@pytest.mark.parametrize("who", ["visitor", "participant"])
def test_the_phone_header_is_light_in_every_language_and_its_menu_opens_without_javascript(phone, live_app, who):
    page = phone
    if who == "participant":
        page.goto("/sign-in")
        page.fill("#login_name", "participant@demo.pathways")
        page.fill("#password", DEMO_PASSWORD)
        page.locator("main button[type=submit]").click()
    heights = {}
    for code, name in live_app.config["LANGUAGES"].items():
        _choose(page, code)
        page.goto("/")
        heights[code] = page.evaluate(HEADER_BOTTOM)
        # the skip link, then the quick exit, before anything else
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "quick-exit", code
        language_link = page.locator(".language-now")
        assert language_link.is_visible() and name in language_link.inner_text()
        menu = page.locator(".menu > summary")
        assert menu.is_visible() and menu.bounding_box()["y"] < HEADER_LIMIT
        home = page.locator(".menu .nav a").first
        assert not home.is_visible(), "the menu starts closed"
        menu.click()  # no script on this page: the <details> opens by itself
        assert home.is_visible()
        entries = page.locator(".menu .nav a")
        assert all(entries.nth(i).is_visible() for i in range(entries.count()))
        if who == "participant":
            assert entries.count() >= 10 and page.locator(".menu .account button[type=submit]").is_visible()
        for button in page.locator(".menu .languages :is(button, a)").all():
            assert button.is_visible() and button.evaluate(WHOLE), (code, button.inner_text())
        page.locator(".language-now").click()
        assert page.url.endswith("/languages?next=/")
        for button in page.locator("main .languages :is(button, a)").all():
            assert button.evaluate(WHOLE), (code, button.inner_text())
    _choose(page, "en")  # a signed-in person's choice is kept on the account: the later journeys read English
    print(f"\nheader at 360×640 ({who}): {heights}")
    assert max(heights.values()) <= HEADER_LIMIT, heights


def test_the_list_of_languages_takes_the_reader_back_in_their_language(phone):
    page = phone
    page.goto("/languages?next=/privacy")
    page.locator("main").get_by_role("link", name="ไทย").click()
    assert page.url.endswith("/privacy")
    assert page.locator("html").get_attribute("lang") == "th"
    page.goto("/languages?next=https://evil.example/")
    page.locator("main").get_by_role("link", name="English").click()
    assert "evil" not in page.url and page.locator("html").get_attribute("lang") == "en"


def test_on_a_laptop_the_menu_is_a_row_without_opening_it(page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto("/")
    assert not page.locator(".menu > summary").is_visible()
    assert page.locator(".menu-row .nav a").first.is_visible()
    assert page.locator(".menu-row .languages [lang=vi]").is_visible()


def test_the_open_menu_passes_axe(browser, base_url):
    """axe runs as a script: a page of its own with JavaScript on, the menu opened as a person would."""
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    page, axe = context.new_page(), Axe()
    for code in ("th", "my"):
        _choose(page, code)
        page.goto("/")
        page.locator(".menu > summary").click()
        bad = [(v["id"], [n["target"] for n in v["nodes"]][:2]) for v in axe.run(page).response["violations"]
               if v["impact"] in ("serious", "critical")]
        assert bad == [], (code, bad)
    context.close()
