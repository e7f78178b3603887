"""What a first visit to a page costs a phone: bytes of HTML, CSS and fonts the browser actually downloads, and
the height of the header (quick exit and site header) at 360×640, per language. Prints figures; asserts
nothing (tests/browser/test_header.py holds the header to its limit, tests/core/test_fonts.py the fonts).

Serves the demo on a fresh SQLite database and opens each page in Debian's Chromium with an empty cache, as a
visitor and as the demo participant, in English, Thai and Burmese (`--languages` for others). Bytes are the
bodies as served (before any compression on the wire): what the page costs is the same either way in fonts,
which are compressed already.

Run: .venv/bin/python bench/page_weight.py [--languages en th my km lo vi]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 360, "height": 640}
# A visitor's start and sign-in pages; a participant's start page, suggestions and profile.
PAGES = {"visitor": ("site.home", "auth.login"),
         "participant": ("site.home", "training.my_matches", "training.my_profile")}
HEADER_BOTTOM = """() => {
  const parts = [document.getElementById('quick-exit'), document.querySelector('.site-header')].filter(Boolean);
  return Math.max(...parts.map(part => part.getBoundingClientRect().bottom + window.scrollY));
}"""
KINDS = {"document": "html", "stylesheet": "css", "font": "fonts"}


def _serve():
    from flask import url_for
    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from app import create_app
    from core.commands import seed_demo

    folder = tempfile.mkdtemp()
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/weight.sqlite3", "SECRET_KEY": "bench",
                      "LOGIN_FAILURES_PER_MINUTE": 10**6, "LOGIN_FAILURES_PER_ADDRESS": 10**6,
                      "TWO_FACTOR_REQUIRED_FOR_WORK_ACCOUNTS": False})
    with app.app_context(), contextlib.redirect_stdout(io.StringIO()):  # the demo's keys are not figures
        upgrade()
        seed_demo()
    with app.test_request_context():
        paths = {who: [url_for(endpoint) for endpoint in endpoints] for who, endpoints in PAGES.items()}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}", paths


def _signed_in_state(browser, base: str, who: str, language: str, folder: str) -> str:
    """Cookies of a visit in `language` (signed in as the demo participant for "participant"), saved so each
    page can then be opened with an empty cache."""
    context = browser.new_context(base_url=base, viewport=PHONE)
    page = context.new_page()
    if who == "participant":
        page.goto("/sign-in")
        page.fill("#login_name", DEMO_LOGINS["participant"])
        page.fill("#password", DEMO_PASSWORD)
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
    page.goto("/")
    # A click from script: the language list may sit in a closed menu, which a person would open first.
    with page.expect_navigation():
        # a button once signed in, a plain link for a visitor (core.page_cache)
        page.evaluate("code => document.querySelector(`.languages [lang=${code}]`).click()", language)
    state = os.path.join(folder, f"{who}-{language}.json")
    context.storage_state(path=state)
    context.close()
    return state


def _weigh(browser, base: str, state: str, path: str) -> tuple[dict[str, int], list[str], float]:
    context = browser.new_context(base_url=base, viewport=PHONE, storage_state=state)
    page = context.new_page()
    sizes: dict[str, int] = defaultdict(int)
    fonts: list[str] = []

    def count(request) -> None:
        kind, response = KINDS.get(request.resource_type), request.response()
        if kind is None or response is None or response.status != 200:
            return
        length = response.header_value("content-length")
        sizes[kind] += int(length) if length else len(response.body())
        if kind == "fonts":
            fonts.append(Path(request.url.split("?")[0]).name.split("-")[0].replace("NotoSans", ""))

    page.on("requestfinished", count)
    page.goto(path)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    header = page.evaluate(HEADER_BOTTOM)
    context.close()
    return dict(sizes), sorted(fonts), header


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="+", default=["en", "th", "my"])
    args = parser.parse_args()
    if not os.path.exists(CHROMIUM):
        print(f"page bytes not measured: {CHROMIUM} not found (apt-get install chromium)")
        return
    from playwright.sync_api import sync_playwright

    for noisy in ("werkzeug", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    server, base, paths = _serve()
    folder = tempfile.mkdtemp()
    env = {**os.environ, "XDG_CONFIG_HOME": f"{folder}/config", "XDG_CACHE_HOME": f"{folder}/cache"}
    print(f"{'language':<9}{'who':<12}{'page':<20}{'header px':>10}{'html':>9}{'css':>8}{'fonts':>9}{'total':>9}"
          "  fonts downloaded")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"],
                                                 env=env)
            for language in args.languages:
                for who, urls in paths.items():
                    state = _signed_in_state(browser, base, who, language, folder)
                    for url in urls:
                        sizes, fonts, header = _weigh(browser, base, state, url)
                        total = sum(sizes.values())
                        print(f"{language:<9}{who:<12}{url:<20}{header:>10.0f}{sizes.get('html', 0):>9,}"
                              f"{sizes.get('css', 0):>8,}{sizes.get('fonts', 0):>9,}{total:>9,}  "
                              f"{' '.join(fonts) or '-'}")
            browser.close()
    finally:
        server.shutdown()
    print("bytes as served, per first visit with an empty cache")


if __name__ == "__main__":
    main()
