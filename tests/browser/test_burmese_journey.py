"""Issue #32, "Done when": the journeys run once in Burmese end to end. Staff enrol a participant whose language
is Burmese; on a low-end phone (360×640, no JavaScript, the phone set to Burmese) she sets up her account with
the code, reads the welcome notice, answers her profile one question a page, sees her matches, says how to reach
her, applies to an apprenticeship, signs out and in again, accepts the employer's offer and, once hired, answers
her three-month check-in. On every page she sees: the page is Burmese (`lang="my"`), none of the site's own
words are left in English (the Thai check's rule: what people wrote, names and numbers aside), the page's main
action (as the one-screen test finds it) is whole on the first screen, and every message after a POST is
Burmese."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in_as, sign_out
from tests.browser.test_one_screen import FIRST_ACTION, PHONE
from tests.test_thai_pages_show_words import ENGLISH_WORDS, own_text
from training.profile_steps import STEPS as PROFILE_STEPS

BURMESE = re.compile(r"[\u1000-\u109f]")


def _district_names() -> re.Pattern:
    """Districts have no Burmese names (geothai has Thai and English ones; training.geo): on a Burmese page
    they are shown as in English, and count as the names they are."""
    from training import geo

    names = {english for province in geo.provinces() for english, _thai in geo.districts(province).values()}
    return re.compile("|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)))


DISTRICTS = _district_names()
POST = "Barista apprenticeship (3 months, paid)"  # two places: the other journeys hire for "Café assistant"
NAME, LOGIN, PASSWORD = "Hnin Wai", "hnin.wai", "the river is wide"
# Pages whose main action is below the first screen in Burmese: none (the welcome notice's facts and
# its choice are two pages since the facts took 13 lines).
BELOW_THE_FIRST_SCREEN: set[str] = set()


class BurmesePhone:
    """Her phone: each page she lands on is checked before she acts on it."""

    def __init__(self, page):
        self.page = page
        self.seen: list[str] = []
        self.below: list[tuple[str, int, int]] = []

    def check(self, *, told: bool = False) -> None:
        page = self.page
        where = "/" + page.url.split("/", 3)[-1]
        self.seen.append(where)
        assert page.locator("html").get_attribute("lang") == "my", where
        own = DISTRICTS.sub(" ", own_text(page.locator("body").inner_html()))
        assert BURMESE.search(page.locator("main").inner_text()), f"no Burmese on {where}"
        english = sorted(set(ENGLISH_WORDS.findall(own)))
        assert english == [], f"English on {where}: {english}"
        title = page.title()  # the post's own page is named by the post's title alone, as its employer wrote it
        assert (BURMESE.search(title) or title.startswith(POST)) and not ENGLISH_WORDS.search(
            title.replace(POST, " ")), (where, title)
        action = page.evaluate(FIRST_ACTION)
        assert action["top"] is not None, f"nothing to act on at {where}"
        if action["bottom"] > PHONE["height"]:
            self.below.append((where, action["top"], action["bottom"]))
        alerts = page.locator("main .alert")
        if told:
            assert alerts.count() >= 1, f"no message after the POST at {where}"
        for text in alerts.all_inner_texts() + page.locator("main .error").all_inner_texts():
            assert BURMESE.search(text) and not ENGLISH_WORDS.search(text), (where, text)

    def submit(self, *, told: bool = False) -> None:
        """The page's own button (a question's "Continue", the form's one button), then the next page."""
        marked = self.page.locator("main [data-main-action]")
        button = marked if marked.count() else self.page.locator("main form[method=post] button[type=submit]").last
        button.click()
        self.check(told=told)

    def menu(self, path: str) -> None:
        """An entry of the header's menu (closed on a phone; it opens without JavaScript)."""
        self.page.locator(".menu > summary").click()
        self.page.locator(f".menu .nav a[href='{path}']").click()
        self.check()

    def follow(self, selector: str) -> None:
        self.page.locator(selector).first.click()
        self.check()


@pytest.fixture
def burmese_phone(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport=PHONE, java_script_enabled=False, locale="my-MM")
    yield BurmesePhone(context.new_page())
    context.close()


def test_a_burmese_participant_from_enrolment_to_her_first_check_in(page, burmese_phone, live_app):
    # Staff (in English) enrol her with Burmese as her language, and hand her the set-up code.
    sign_in_as(page, "staff@demo.pathways")
    page.get_by_role("link", name="Participants").click()
    page.get_by_role("link", name="Enrol a participant").click()
    page.get_by_label("Name to use").fill(NAME)
    page.get_by_label("Username").fill(LOGIN)
    page.get_by_label("Preferred language").select_option("my")
    page.get_by_role("button", name="Save").click()
    code = page.locator(".code").inner_text()
    sign_out(page)

    # On her phone: the set-up page, then the welcome notice and her choice about employers.
    phone = burmese_phone
    her = phone.page
    her.goto("/account/set-up")
    phone.check()
    her.fill("#login_name", LOGIN)
    her.fill("#code", code)
    her.fill("#new_password", PASSWORD)
    phone.submit(told=True)  # "Your password is saved. Welcome to Pathways."
    assert "/me/welcome" in her.url
    phone.submit()  # the facts' "Continue", to the choice
    assert "/me/welcome/choice" in her.url
    her.check("#share_with_employers")
    phone.submit(told=True)  # "Thank you. Your choices are saved."

    # Her profile, one question a page, then her answers and "Save my profile".
    phone.menu("/me/profile")  # the first question, at the form's own address
    phone.submit()  # "Continue" with nothing chosen: the question again, with its error in Burmese
    expect(her.locator("main .error")).to_have_count(1)
    answers = {
        "goal": lambda: her.check("input[name=goal][value=apprenticeship]"),
        "work": lambda: her.check("input[name=sectors][value=food]"),
        "skills-1": lambda: her.select_option("#skill_barista", "1"),
        "speak": lambda: (her.check("input[name=languages_spoken][value=my]"),
                          her.check("input[name=languages_spoken][value=th]")),
        "read": lambda: her.check("input[name=languages_read][value=my]"),
        "reading": lambda: her.check("input[name=reading_level][value=basic]"),
        "province": lambda: her.select_option("#province_code", "50"),
        "travel": lambda: her.check("#travel_daily"),
        "days": lambda: [her.check(f"input[name=days][value='{day}']") for day in range(5)],
        "needs": lambda: her.check("#must_earn"),
    }
    for _question in range(len(PROFILE_STEPS)):
        answers.get(her.url.rsplit("/", 1)[-1], lambda: None)()
        phone.submit()
        if her.url.endswith("/me/profile"):  # "Check your answers"
            break
    assert her.url.endswith("/me/profile"), her.url
    phone.submit(told=True)  # "Save my profile": "Your profile is saved.", on her matches
    assert her.url.endswith("/me/matches")
    expect(her.locator("main a", has_text=POST)).to_have_count(1)

    # How to reach her: a phone number, and messages by SMS.
    phone.menu("/me/contact")
    phone.follow("main a[href*='/me/contact/phone']")
    her.fill("#phone", "081 234 5678")
    phone.submit()
    phone.follow("main a[href*='/me/contact/messages']")
    her.check("input[name=contact_channel][value=sms]")
    phone.submit()
    phone.submit(told=True)  # "Save": "Saved."

    # From her matches to the apprenticeship, and the application, one question a page.
    phone.menu("/me/matches")
    phone.follow(f"main a:has-text('{POST}')")
    phone.follow("main a[href$='/apply']")
    her.check("input[name=shared_fields][value=display_name]")
    her.check("input[name=shared_fields][value=phone]")
    phone.submit()
    her.fill("#message", "ကော်ဖီ ဖျော်တတ်ပါတယ်။")
    phone.submit()
    phone.submit(told=True)  # "Send my application": "Your application is sent.", on her pathway
    assert her.url.endswith("/me/pathway")
    her.locator(".menu > summary").click()
    her.locator(".menu .account button[type=submit]").click()  # she signs out
    phone.check(told=True)

    # The employer makes an offer.
    sign_in_as(page, "employer@demo.pathways")
    page.get_by_role("link", name="My organisation and posts").click()
    page.get_by_role("article").filter(has_text=POST).get_by_role("link", name="Applications").click()
    page.get_by_role("article").filter(has_text=NAME).get_by_role("button", name="Make an offer").click()
    expect(page.get_by_text("Saved.")).to_be_visible()

    # She signs in, reads the message about the offer and says yes.
    her.locator(".menu > summary").click()
    phone.follow(".menu .account a[href^='/sign-in']")
    her.fill("#login_name", LOGIN)
    her.fill("#password", PASSWORD)
    phone.submit()
    phone.menu("/me/messages")
    expect(her.locator("main article", has_text=POST)).to_have_count(1)
    phone.menu("/me/pathway")
    her.locator("main form[action$='/accept'] button").click()
    phone.check(told=True)  # "You said yes. The programme will tell you the next step."

    # The employer hires her; three months on, her check-in falls due and the daily job tells her.
    page.get_by_role("article").filter(has_text=NAME).get_by_role("button", name="Hired", exact=True).click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    with live_app.app_context():
        import sqlalchemy as sa

        from core import clock
        from core.extensions import db
        from core.models import User
        from training import check_ins
        from training.models import PlacementCheckIn
        three = db.session.scalar(sa.select(PlacementCheckIn).join(User, User.id == PlacementCheckIn.participant_id)
                                  .where(User.username == LOGIN, PlacementCheckIn.month == 3))
        three.due_on = clock.today()
        db.session.commit()
        assert check_ins.run_daily()["reminded"] >= 1
        db.session.commit()

    phone.menu("/me/messages")
    phone.follow("main article a[href*='/me/check-ins/']")
    her.check("input[name=still_working][value=yes]")
    phone.submit()
    her.check("input[name=paid_as_promised][value=yes]")
    for _question in range(4):  # no problem, no note, no call: "Continue" on each
        phone.submit()
    assert re.search(r"/me/check-ins/\d+$", her.url), her.url
    phone.submit()  # "Send my answers": the thanks, on the check-in's own page
    expect(her.locator("main a[href='/me/pathway']")).to_have_count(1)
    print(f"\n{len(phone.seen)} Burmese pages checked; main action not whole on the first screen: {phone.below}")
    assert {urlsplit(where).path for where, _top, _bottom in phone.below} == BELOW_THE_FIRST_SCREEN
    assert all(top < PHONE["height"] for _where, top, _bottom in phone.below), phone.below
    screenshot(her, "07-burmese-check-in-answered")
