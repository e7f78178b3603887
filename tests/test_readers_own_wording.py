"""Each reader's own wording: a text about a participant's action or data speaks to whoever reads it. The
participant reads "You said yes" and "My name"; staff, reviewers, admins, employers and shop managers read
"Malee said yes" and "Name".

The test learns the participant's wording from the app itself: a crawl of the world as the participant collects
every text node of the site's own that speaks in the first or second person. A crawl as every work account then
fails when one of those texts, or any first-person singular phrase (I, my, me), is on a page of a work area.
Allowed, by rule and not by a list: the page's header, navigation and footer (about the reader: "My work"),
elements marked `data-reader` (a text where the reader speaks of themself: "Tell me when the stock is this
low"), blocks marked `data-quoted` (what the participant reads, quoted under a heading that says so), and what
people wrote (`data-user-content`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest

from tests.conftest import RolledBackDatabase, post_form, sign_in
from tests.site_crawl import crawl
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, WORLD_LOGINS, build_world

pytestmark = [pytest.mark.real_commits, pytest.mark.slow]  # it builds its own world in a rolled-back transaction

WORK_AREAS = ("/staff", "/reviews", "/admin", "/employer", "/manage", "/my-work")


def in_work_area(url: str) -> bool:
    """A page of a work area: the area's path itself or below it ("/employers/register", the page where a
    business speaks of itself before it has an account, is not "/employer")."""
    path = url.split("?", 1)[0]
    return any(path == area or path.startswith(area + "/") for area in WORK_AREAS)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
INLINE = {"a", "strong", "em", "span", "b", "i", "abbr", "time", "small", "mark", "q", "bdi"}
SKIPPED_TAGS = {"script", "style", "code", "textarea", "title", "header", "nav", "footer"}
SKIPPED_MARKS = {"data-user-content", "data-quoted", "data-reader"}
# Who speaks to whom: the reader addressed (you) or speaking (I).
FIRST_SINGULAR = re.compile(r"(?<![\w’'])I(?![\w])|\b(?i:my|me|mine|myself)\b")
PERSONAL = re.compile(FIRST_SINGULAR.pattern + r"|\b(?i:you|your|yours|yourself)\b")


class OwnTextNodes(HTMLParser):
    """The site's own text of a page as separate nodes (a paragraph, a label, a heading), without what people
    wrote, what is marked as quoted or as the reader's own, and the page's header, navigation and footer."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.skipped = 0
        self.nodes: list[str] = []
        self._words: list[str] = []

    def _end_node(self):
        text = " ".join("".join(self._words).split())
        if text:
            self.nodes.append(text)
        self._words = []

    def handle_starttag(self, tag, attrs):
        if tag not in INLINE:
            self._end_node()
        if tag in VOID:
            return
        names = dict(attrs)
        skip = tag in SKIPPED_TAGS or bool(SKIPPED_MARKS & names.keys()) or ("lang" in names and tag != "html")
        self.stack.append(skip)
        self.skipped += skip

    def handle_endtag(self, tag):
        if tag not in INLINE:
            self._end_node()
        if tag in VOID or not self.stack:
            return
        self.skipped -= self.stack.pop()

    def handle_data(self, data):
        if not self.skipped:
            self._words.append(data)


def own_text_nodes(html: str) -> list[str]:
    parser = OwnTextNodes()
    parser.feed(html)
    parser._end_node()
    return parser.nodes


def _client(app, who: str, language: str | None = None):
    client = app.test_client()
    sign_in(client, {**DEMO_LOGINS, **WORLD_LOGINS}[who], DEMO_PASSWORD)
    if language:
        post_form(client, "/language", {"language": language, "next": "/"})
    return client


# One page per work role, in Thai: the words said of the participant are translated, not left in English.
SAID_OF_THEM = {"staff": ("Languages spoken", "Still working there?", "Messages we sent them"),
                "admin": ("Who at the programme opened or changed this record",),
                "employer": ("E-mail",),
                "reviewer with sent reviews": ("Business idea", "Their plan for the first six months")}


@dataclass
class Readings:
    pages_by_reader: dict[str, dict[str, list[str]]]  # each account's crawl: url -> own text nodes
    in_thai: dict[tuple[str, str], tuple[str, list[str]]]  # (account, English words) -> a page with them, in Thai


@pytest.fixture(scope="module")
def readings(app) -> Readings:
    """The world crawled as every account, and one page per work role read again in Thai (all in one
    transaction rolled back at the end)."""
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
        pages_by_reader = {who: {url: own_text_nodes(html)
                                 for url, html in crawl(app, _client(app, who), limit=250).pages.items()}
                           for who in {**DEMO_LOGINS, **WORLD_LOGINS}}
        in_thai = {}
        for who, labels in SAID_OF_THEM.items():
            thai_client = _client(app, who, "th")
            for label in labels:
                url = next((url for url, nodes in pages_by_reader[who].items()
                            if in_work_area(url) and label in nodes), "")
                if url:
                    in_thai[who, label] = (url, own_text_nodes(thai_client.get(url).get_data(as_text=True)))
    return Readings(pages_by_reader, in_thai)


def participant_wording(pages: dict[str, list[str]]) -> set[str]:
    """The texts the participant is shown that speak to them or for them ("Your business idea", "My skills")."""
    return {node for nodes in pages.values() for node in nodes if PERSONAL.search(node)}


def spoken_as_the_participant(pages_by_reader, wording: set[str]) -> dict[str, list[str]]:
    """Page by page of the work areas, as each work account reads them: the participant's own wording, and
    anything else said as "I"."""
    found: dict[str, list[str]] = {}
    for who, pages in pages_by_reader.items():
        if who in ("participant", "customer"):
            continue
        for url, nodes in pages.items():
            if not in_work_area(url):
                continue
            wrong = sorted({node for node in nodes if node in wording or FIRST_SINGULAR.search(node)})
            if wrong:
                found[f"{who} {url}"] = wrong
    return found


def test_work_pages_speak_of_the_participant_not_as_them(readings):
    pages_by_reader = readings.pages_by_reader
    wording = participant_wording(pages_by_reader["participant"])
    assert len(wording) > 50 and {"Your profile", "Languages I speak"} <= wording
    work_pages = [url for who, pages in pages_by_reader.items() for url in pages if in_work_area(url)]
    assert len(work_pages) > 200
    found = spoken_as_the_participant(pages_by_reader, wording)
    assert found == {}, f"{len(found)} work pages speak as the participant:\n" + "\n".join(
        f"{page}: {texts}" for page, texts in sorted(found.items()))


def test_the_words_said_of_the_participant_are_translated(app, readings):
    from flask_babel import force_locale, gettext

    for who, labels in SAID_OF_THEM.items():
        for label in labels:
            assert (who, label) in readings.in_thai, f"{who} reads {label!r} on no work page"
            url, page = readings.in_thai[who, label]
            with app.test_request_context(), force_locale("th"):
                thai = gettext(label)
            assert thai != label and thai in page and label not in page, (who, url, label)


def test_the_rule_sees_the_participants_words_and_lets_marked_text_pass():
    page = ('<header><nav><a href="/my-work">My work</a></nav></header><main><h1 data-reader>My reviews</h1>'
            '<dl><dt>Languages I speak</dt><dd data-user-content>I speak Thai</dd><dt>Skills</dt></dl>'
            '<blockquote data-quoted><p>Keep the receipts of what you buy.</p></blockquote>'
            '<label>Your business idea</label><p>Malee said yes</p></main><footer>How we use your information</footer>')
    nodes = own_text_nodes(page)
    assert nodes == ["Languages I speak", "Skills", "Your business idea", "Malee said yes"]
    assert spoken_as_the_participant({"staff": {"/staff/x": nodes}}, {"Your business idea"}) == {
        "staff /staff/x": ["Languages I speak", "Your business idea"]}
