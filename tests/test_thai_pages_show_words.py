"""Every page every account reaches, in Thai, shows stored codes as words: a crawl of the world as each demo
account with Thai chosen finds no code (a snake_case value such as `pending_review`) in the page's own text.
Literal identifiers a person must type (the columns of an import file, the audit log's action codes that its
filter searches) are in `<code>`. What people wrote (names, titles, messages) is marked `data-user-content`
and is theirs to write in any language."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from core.labels import code_kinds
from tests.conftest import RolledBackDatabase, post_form, sign_in
from tests.site_crawl import crawl
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, build_world

pytestmark = pytest.mark.real_commits  # it builds its own world in a rolled-back transaction

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
        skip = tag in ("script", "style", "code") or "data-user-content" in names or (
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


def test_no_page_in_thai_shows_a_stored_code(app):
    found: dict[str, set[str]] = {}
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
        for who, login in DEMO_LOGINS.items():
            client = app.test_client()
            sign_in(client, login, DEMO_PASSWORD)
            post_form(client, "/language", {"language": "th", "next": "/"})
            for url, html in crawl(app, client, limit=150).pages.items():
                text = own_text(html)
                codes = set(SNAKE.findall(text))
                if codes:
                    found.setdefault(f"{who} {url}", set()).update(codes)
    assert _stored_codes()
    assert found == {}, "stored codes shown as they are: " + "; ".join(
        f"{page}: {sorted(codes)}" for page, codes in sorted(found.items())[:10])
