"""What a page's HTML says, read with the standard library's parser: the facts the tests of labels, radios and
the search-engine audits (title, language, description, link words, image text) look at."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Radio:
    """A radio button or a tick box (type says which)."""
    name: str
    id: str
    inside_label: str | None = None  # the words of the <label> the radio sits in, if it sits in one
    type: str = "radio"


@dataclass
class PageFacts(HTMLParser):
    html_lang: str | None = None
    charset: str | None = None
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    icons: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # for= -> words
    radios: list[Radio] = field(default_factory=list)  # radios only
    boxes: list[Radio] = field(default_factory=list)  # tick boxes
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, words, including images' alt)
    images_without_alt: list[str] = field(default_factory=list)
    _in_title: bool = False
    _label: list | None = None  # [for, words, radios inside]
    _link: list | None = None  # [href, words]

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def checkboxes_named(self, name: str) -> list[Radio]:
        return [box for box in self.boxes if box.name == name]

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "meta" and "charset" in a:
            self.charset = a["charset"]
        elif tag == "meta" and "name" in a:
            self.meta[a["name"]] = a.get("content", "")
        elif tag == "link" and "icon" in a.get("rel", "").split():
            self.icons.append(a.get("href", ""))
        elif tag == "title":
            self._in_title = True
        elif tag == "label":
            self._label = [a.get("for"), "", []]
        elif tag == "input" and a.get("type") in ("radio", "checkbox"):
            radio = Radio(a.get("name", ""), a.get("id", ""), type=a["type"])
            (self.radios if radio.type == "radio" else self.boxes).append(radio)
            if self._label is not None:
                self._label[2].append(radio)
        elif tag == "a" and "href" in a:
            self._link = [a["href"], ""]
        elif tag == "img":
            if "alt" not in a:
                self.images_without_alt.append(a.get("src", ""))
            elif self._link is not None:
                self._link[1] += a["alt"]

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "label" and self._label is not None:
            target, words, radios = self._label
            words = " ".join(words.split())
            if target:
                self.labels[target] = words
            for radio in radios:
                radio.inside_label = words
            self._label = None
        elif tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._label is not None:
            self._label[1] += data
        if self._link is not None:
            self._link[1] += data


def page_facts(html: str) -> PageFacts:
    facts = PageFacts()
    facts.feed(html)
    facts.close()
    return facts
