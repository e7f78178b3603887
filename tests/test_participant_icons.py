"""Every main action a participant or a visitor meets carries a simple picture beside its words: a crawl of
their pages finds every button (a link or button styled as one) and requires an inline SVG icon inside it, so
a new page's actions are checked the day it is added."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.conftest import RolledBackDatabase, sign_in
from tests.site_crawl import crawl
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, build_world

pytestmark = [pytest.mark.real_commits, pytest.mark.slow]  # it builds its own world in a rolled-back transaction


class Buttons(HTMLParser):
    """Each element styled as a button, with whether an icon is drawn inside it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[list] = []  # [tag, text, has_icon]
        self.found: list[tuple[str, str, bool]] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if "button" in (names.get("class") or "").split():
            if tag == "input":  # an input cannot hold a picture
                self.found.append((tag, names.get("value") or "", False))
            else:
                self.open.append([tag, "", False])
        elif tag == "svg" and self.open and "icon" in (names.get("class") or "").split():
            self.open[-1][2] = True

    def handle_data(self, data):
        if self.open:
            self.open[-1][1] += data

    def handle_endtag(self, tag):
        if self.open and tag == self.open[-1][0]:
            opened, text, has_icon = self.open.pop()
            self.found.append((opened, " ".join(text.split()), has_icon))


def test_every_action_on_participant_and_visitor_pages_has_a_picture(app):
    missing, seen = set(), 0
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
        visitor = app.test_client()
        participant = app.test_client()
        sign_in(participant, DEMO_LOGINS["participant"], DEMO_PASSWORD)
        for client in (visitor, participant):
            for url, html in crawl(app, client, limit=150).pages.items():
                parser = Buttons()
                parser.feed(html)
                for tag, text, has_icon in parser.found:
                    seen += 1
                    if not has_icon:
                        missing.add((url.split("?")[0], tag, text))
    assert seen > 50
    assert sorted(missing) == []
