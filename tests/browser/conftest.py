"""Browser journeys: Playwright drives Debian's Chromium against the app served by a real WSGI server on a free
loopback port, with the demo data. Screenshots land in BROWSER_ARTIFACTS (default test-artifacts/browser)."""
from __future__ import annotations

import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from werkzeug.serving import make_server

from core.commands import DEMO_PASSWORD, seed_demo
from tests.conftest import make_app, reset_schema

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", "test-artifacts/browser"))
NEUTRAL_SITE = "https://weather.example/"
LIVE: dict = {}  # the live app, for the second step of the demo work accounts' sign-in


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright's own browser download cannot work here: use Debian's Chromium.
    options = {k: v for k, v in browser_type_launch_args.items() if k != "channel"}
    env = {**os.environ, "XDG_CONFIG_HOME": "/tmp/pathways-chromium/config",
           "XDG_CACHE_HOME": "/tmp/pathways-chromium/cache"}
    return {**options, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "env": env}


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    app = make_app(tmp, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp}/browser.db", QUICK_EXIT_URL=NEUTRAL_SITE,
                   LOGIN_FAILURES_PER_MINUTE=50, LOGIN_FAILURES_PER_ADDRESS=500)
    reset_schema(app)
    with app.app_context():
        seed_demo()
        from accounts import services as accounts
        from core.models import Role
        for name in ("reviewer.one", "reviewer.two"):  # a grant needs two reviewers and a third person to decide
            accounts.create_account(Role.STAFF, name.replace(".", " ").title(), username=name,
                                    password=DEMO_PASSWORD)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    LIVE["app"] = app
    yield app
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(live_app):
    return live_app.config["LIVE_URL"]


@pytest.fixture(autouse=True)
def neutral_site(context):
    """The quick exit's neutral site, served locally: the machine has no outside network."""
    context.route(NEUTRAL_SITE + "**", lambda route: route.fulfill(
        status=200, content_type="text/html",
        body="<!doctype html><html lang='en'><title>Weather today</title><h1>Weather today</h1></html>"))


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


class AxeAudit:
    """Runs axe-core once per page (path) the journeys visit; serious or critical violations fail."""

    def __init__(self):
        self.axe = Axe()
        self.checked: set[str] = set()

    def check(self, page) -> None:
        path = urlsplit(page.url).path
        if path in self.checked or not page.url.startswith("http://127.0.0.1"):
            return
        self.checked.add(path)
        results = self.axe.run(page)
        bad = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], f"accessibility violations on {path}: {bad}"


@pytest.fixture(scope="session")
def axe_audit():
    return AxeAudit()


def sign_in_as(page, email: str, password: str = DEMO_PASSWORD, *, second_step: bool = True) -> None:
    """Sign in through the form, as a person would (with the app's code for an account with a second factor,
    unless `second_step=False` stops at that page)."""
    page.goto("/")
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Username or e-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if second_step and page.url.endswith("/sign-in/code"):  # the demo work accounts have an authenticator app
        from tests.conftest import current_code

        page.get_by_label("Code", exact=True).fill(current_code(LIVE["app"], email))
        page.get_by_role("button", name="Continue").click()


PROMISES = ("The worker pays no recruitment fee or deposit", "The worker keeps their own identity documents",
            "The worker is free to leave the job", "The pay is at least the provincial minimum wage",
            "Hours and overtime are within the law")


def fill_post(page, *, kind: str, title: str, description: str, isco: str, pay: str, sector: str | None = None,
              months: str | None = None, province: str = "Chiang Mai") -> None:
    """Fill the employer's post form as a person would, with every safe-recruitment promise ticked."""
    page.get_by_label(kind, exact=True).check()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Description of the work").fill(description)
    page.get_by_label("Occupation", exact=True).fill(isco)
    if sector:
        page.get_by_label("Sector").select_option(sector)
    page.get_by_label("Province").select_option(label=province)
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        page.get_by_label(day).check()
    page.get_by_label("Pay (baht)").fill(pay)
    if months:
        page.get_by_label("Apprenticeship length in months").fill(months)
    for promise in PROMISES:
        page.get_by_label(promise).check()
    page.get_by_role("button", name="Save and send for checking").click()


def expect_notice(page, title: str, *, participant: bool = False) -> None:
    """The signed-in person's messages hold this notice: a participant's menu leads there, a work account's
    "My work" begins with its new messages."""
    if participant:
        page.get_by_role("link", name="Messages", exact=True).first.click()
    else:
        page.get_by_role("link", name="My work").first.click()
        page.get_by_role("link", name="New messages").click()
    expect(page.get_by_text(title).first).to_be_visible()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


@pytest.fixture(scope="session")
def stripe_live(live_app, tmp_path_factory):
    """A second live server on the same database, with Stripe keys pointing at localstripe and the fake."""
    from tests.marketplace.stripe_fakes import API_KEY, WEBHOOK_SECRET, FakeCheckout, start_localstripe
    process, base = start_localstripe()
    fake = FakeCheckout(base)
    app = make_app(tmp_path_factory.getbasetemp(), SQLALCHEMY_DATABASE_URI=live_app.config["SQLALCHEMY_DATABASE_URI"],
                   QUICK_EXIT_URL=NEUTRAL_SITE, STRIPE_SECRET_KEY=API_KEY, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
                   STRIPE_API_BASE=fake.base, STRIPE_CHECKOUT_ORIGIN=fake.base)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    LIVE["app"] = app
    yield app, fake
    server.shutdown()
    fake.stop()
    process.terminate()


def past_year_of_training(app, year: int) -> None:
    """Twelve people finished a course in Chiang Mai, five in Chiang Rai and three in Bangkok in a finished year
    (one whose closing date has passed); the night's figures computed. (With 12 and 3 alone, every figure but
    "fewer than 5" is hidden: a hidden count keeps at least 5 values.)"""
    from datetime import date

    from accounts import services as accounts
    from core import clock
    from core.extensions import db
    from core.models import Role
    from impact import services as impact
    from training.models import Course, PathwayStep, Profile

    with app.test_request_context():
        if accounts.find_by_login_name("past-50-0") is not None:
            return  # another journey made them
        for province, people in (("50", 12), ("57", 5), ("10", 3)):
            course = Course(title=f"Course in {province}", isco_code="5132", sector="food", provider="School",
                            province_code=province)
            db.session.add(course)
            db.session.flush()
            for n in range(people):
                person = accounts.create_account(Role.PARTICIPANT, f"Past {province} {n}",
                                                 username=f"past-{province}-{n}", password=None)
                db.session.add(Profile(user_id=person.id, languages_spoken=["th"], languages_read=["th"],
                                       reading_level="basic", province_code=province, travel_daily=True,
                                       max_travel_minutes=60, relocate=False, days_mask=0b1111111, hours_from=6,
                                       hours_to=22, childcare_needed=False, must_earn=False, sectors=["food"],
                                       skills={}, goal="job"))
                db.session.add(PathwayStep(participant_id=person.id, course_id=course.id, step="exam_passed",
                                           on_date=date(year, 6, 1)))
        impact.refresh(clock.today())
        db.session.commit()

