"""Low reading (#17, item 7): no page a participant uses needs more than one screen of text before its main
action. Every page a participant or a visitor reaches (a crawl of a whole world, so each state's page is met) is
opened in Chromium at a low-end phone's size, in each of the six languages, and the page's main action must
begin on the first screen: the element marked `data-main-action`, else the first field, button or link in the
page's own content. A page of a long form asked one question at a time (core.steps, #32) must mark the button
that sends its answer, and that button must be whole on the first screen, not only begin there. A page with
nothing to act on either fits one screen or is one of the pages people only read (the privacy notice, the
results page). At that size, in Thai, each page also passes axe."""
from __future__ import annotations

import re
import threading
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from werkzeug.serving import make_server

from accounts.contact_steps import STEPS as CONTACT_STEPS
from grants.check_in_steps import STEPS as VISIT_STEPS
from tests.conftest import make_app, reset_schema, sign_in
from tests.site_crawl import crawl
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, build_world
from training.apply_steps import STEPS as APPLY_STEPS
from training.check_in_steps import STEPS as CHECK_IN_STEPS
from training.profile_steps import STEPS as PROFILE_STEPS

PHONE = {"width": 360, "height": 640}  # CSS pixels of a common low-end Android phone
READING_PAGES = {"/privacy", "/impact"}
FIRST_ACTION = """() => {
  const main = document.querySelector('main');
  const marked = main.querySelector('[data-main-action]');
  const shown = [...main.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href], summary')]
    .filter(element => element.getClientRects().length > 0);
  const action = marked || shown[0];
  const step = main.querySelector('form.step') !== null;
  if (!action) return {top: null, height: document.documentElement.scrollHeight, step};
  const box = action.getBoundingClientRect();
  return {top: Math.round(box.top + window.scrollY), bottom: Math.round(box.bottom + window.scrollY),
          what: action.outerHTML.slice(0, 80), step, marked: marked !== null,
          submits: marked !== null && marked.type === 'submit' && marked.form !== null
                   && marked.form.classList.contains('step')};
}"""


@pytest.fixture(scope="module")
def world_site(tmp_path_factory):
    """A served copy of the whole world, and the pages its visitor and participant reach."""
    tmp = tmp_path_factory.mktemp("one-screen")
    app = make_app(tmp, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp}/world.db", LOGIN_FAILURES_PER_MINUTE=50,
                   LOGIN_FAILURES_PER_ADDRESS=500)
    reset_schema(app)
    with app.app_context():
        build_world()
    pages = {}
    for who in ("visitor", "participant"):
        client = app.test_client()
        if who == "participant":
            sign_in(client, DEMO_LOGINS["participant"], DEMO_PASSWORD)
        pages[who] = sorted(crawl(app, client, limit=260, per_endpoint=3).pages)  # 3: the awarded grant too
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", pages, app.config["LANGUAGES"]
    server.shutdown()


def test_every_participant_page_shows_its_main_action_on_the_first_screen(browser, world_site):
    base, pages, languages = world_site
    too_far, measured, only_read, inaccessible, axe = [], 0, set(), {}, Axe()
    steps_measured, unmarked_steps, lowest = set(), [], (0, "")
    for who, urls in pages.items():
        context = browser.new_context(base_url=base, viewport=PHONE)
        page = context.new_page()
        if who == "participant":
            page.goto("/sign-in")
            page.fill("#login_name", DEMO_LOGINS["participant"])
            page.fill("#password", DEMO_PASSWORD)
            page.locator("main button[type=submit]").click()
        for language in languages:
            page.goto("/languages")  # on a phone the header's menu is closed: the list has a page of its own
            page.click(f"main .languages [lang={language}]")
            for url in urls:
                page.goto(url)
                if language == "th":  # the phone layout passes axe too (once a page, in the script-heavy language)
                    inaccessible[(who, url)] = [(v["id"], [n["target"] for n in v["nodes"]][:2])
                                         for v in axe.run(page).response["violations"]
                                         if v["impact"] in ("serious", "critical")]
                action = page.evaluate(FIRST_ACTION)
                if action["top"] is None:
                    if action["height"] > PHONE["height"]:  # a page that fits one screen has nothing to scroll
                        only_read.add(url)
                    continue
                measured += 1
                if action["step"]:  # a question page: its own "Continue", whole on the first screen
                    steps_measured.add(urlsplit(url).path)
                    lowest = max(lowest, (action["bottom"], f"{language} {url}"))
                    if not action["submits"]:
                        unmarked_steps.append((language, url, action["what"]))
                    if action["bottom"] > PHONE["height"]:
                        too_far.append((language, who, url, action["bottom"], action["what"]))
                elif action["marked"] and action["bottom"] > PHONE["height"]:  # "Check your answers"' send, too
                    too_far.append((language, who, url, action["bottom"], action["what"]))
                elif action["top"] >= PHONE["height"]:
                    too_far.append((language, who, url, action["top"], action["what"]))
        context.close()
    print(f"\none screen: {measured} pages measured in {len(languages)} languages at {PHONE['width']}x"
          f"{PHONE['height']}; axe on {len(inaccessible)} pages in Thai; only read: {sorted(only_read)}")
    print(f"question pages (their submit whole on the first screen): {len(steps_measured)}; lowest submit's bottom: "
          f"{lowest}; too far: {too_far}")
    assert measured > 250 and len(inaccessible) > 40
    question_pages = {re.sub(r"/\d+", "/<id>", path) for path in steps_measured}
    for base, steps in (("/me/profile", PROFILE_STEPS), ("/me/contact", CONTACT_STEPS),
                        ("/posts/<id>/apply", APPLY_STEPS), ("/me/check-ins/<id>", CHECK_IN_STEPS),
                        ("/grants/visits/<id>/check-in", VISIT_STEPS)):
        assert {f"{base}/{step.slug}" for step in steps} <= question_pages, base
    assert unmarked_steps == []
    assert only_read <= READING_PAGES  # a long page whose action went missing is not "only read"
    assert too_far == []
    assert {page: found for page, found in inaccessible.items() if found} == {}
