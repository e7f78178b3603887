"""Every page every account reaches, in Thai, shows stored codes as words and no English of its own: a crawl
of the world as each demo account with Thai chosen finds no code (a snake_case value such as `pending_review`)
and no English words in the page's own text. Literal identifiers a person must type (the columns of an import
file, the audit log's action codes that its filter searches) are in `<code>`. What people wrote (names,
titles, messages, what is typed in a box) is marked `data-user-content` or carries its own `lang`, and is
theirs to write in any language."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from core.labels import code_kinds
from tests.conftest import RolledBackDatabase, post_form, sign_in
from tests.site_crawl import crawl
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, build_world

pytestmark = [pytest.mark.real_commits, pytest.mark.slow]  # it builds its own world in a rolled-back transaction

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class OwnText(HTMLParser):
    """The text of a page that the site itself wrote: not inside user content, scripts, styles or elements
    marked with a language of their own."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_skipped, self.stack, self.parts = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        names = dict(attrs)
        skip = tag in ("script", "style", "code", "textarea", "title") or "data-user-content" in names or (
            "lang" in names and tag != "html")
        self.stack.append(skip)
        self.depth_skipped += skip

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        self.depth_skipped -= self.stack.pop()

    def handle_data(self, data):
        if not self.depth_skipped:
            self.parts.append(data)


def own_text(html: str) -> str:
    parser = OwnText()
    parser.feed(html)
    return " ".join(parser.parts)


def _stored_codes() -> set[str]:
    """Codes of the registered lists that cannot be mistaken for anything else on a Thai page."""
    return {str(code) for labels in code_kinds().values() for code in labels
            if isinstance(code, str) and re.fullmatch(r"[a-z]+(_[a-z]+)+", code)}


# English as the site would write it: two words or more, or one lower-case word (a code such as "cash"), not
# part of an address, a file name or a number. Capitalised single words (Pathways, LINE, XLSX) are names.
NOT_A_WORD_BEFORE, NOT_A_WORD_AFTER = r"(?<![A-Za-z0-9@./_-])", r"(?![A-Za-z0-9@./_-])"
ENGLISH_WORDS = re.compile(NOT_A_WORD_BEFORE + r"(?:[A-Za-z][a-z'’-]+(?:[ ,]+[A-Za-z][a-z'’-]+)+|[a-z]{2,})"
                           + NOT_A_WORD_AFTER)


@pytest.fixture(scope="module")
def thai_pages(app) -> dict[str, str]:
    """The site's own text of every page each demo account reaches, with Thai chosen (one crawl for the
    module's tests)."""
    pages: dict[str, str] = {}
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
        for who, login in DEMO_LOGINS.items():
            client = app.test_client()
            sign_in(client, login, DEMO_PASSWORD)
            post_form(client, "/language", {"language": "th", "next": "/"})
            for url, html in crawl(app, client, limit=150).pages.items():
                pages[f"{who} {url}"] = own_text(html)
    return pages


def _found(pages: dict[str, str], pattern: re.Pattern) -> dict[str, set[str]]:
    return {page: set(pattern.findall(text)) for page, text in pages.items() if pattern.search(text)}


def test_no_page_in_thai_shows_a_stored_code(app, thai_pages):
    with app.app_context():
        assert _stored_codes() and len(thai_pages) > 100
    found = _found(thai_pages, SNAKE)
    assert found == {}, "stored codes shown as they are: " + "; ".join(
        f"{page}: {sorted(codes)}" for page, codes in sorted(found.items())[:10])


def test_no_page_in_thai_shows_english_outside_what_people_wrote(thai_pages):
    found = _found(thai_pages, ENGLISH_WORDS)
    assert found == {}, "English in the site's own text: " + "; ".join(
        f"{page}: {sorted(words)}" for page, words in sorted(found.items())[:10])


def test_the_english_check_sees_english_and_lets_marked_content_and_names_pass():
    page = ('<p>ยืนยัน <span data-user-content>Coffee cart at the market</span> Pathways LINE XLSX '
            'somchai@example.org report.csv</p><p>จ่ายแบบ cash</p><p>ยัง</p><p>Not translated yet</p>'
            '<textarea>typed words here</textarea><p lang="en">English name</p>')
    assert ENGLISH_WORDS.findall(own_text(page)) == ["cash", "Not translated yet"]
