"""Walk the site as a person would, and list every form on the way.

Starts from every GET route without arguments in the app's URL map, follows the site's own links, and reads
each page's forms (action, method, fields with their type, value, options and length limit). Tests that must
hold for "every page" or "every form" use this instead of a hand-made list, so a new page or form is covered
the day it is added.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from werkzeug.exceptions import HTTPException

# A visitor's language links (/language/<code>) change the language of the rest of the walk: a walk chooses its
# language once, before it starts.
SKIP_PREFIXES = ("/static/", "/shop/images/", "/language/")
SKIP_SUFFIXES = (".csv", ".xlsx", ".json")
SIGNS_OUT = {"/leave"}  # the quick exit is a plain link that ends the session: the walk would end there


@dataclass
class FormField:
    name: str
    kind: str  # text, textarea, number, date, email, password, hidden, select, radio, checkbox, file, submit…
    value: str = ""
    maxlength: int | None = None
    options: list[str] = field(default_factory=list)
    checked: bool = False
    helper: bool = False  # a submit button with formnovalidate: it asks for help (a list), it saves nothing
    numeric: bool = False  # a text input for a number (inputmode numeric or decimal)


@dataclass
class FoundForm:
    page: str
    action: str
    method: str
    enctype: str
    fields: list[FormField]
    endpoint: str = ""

    def names(self) -> tuple[str, ...]:
        return tuple(sorted({f.name for f in self.fields}))


@dataclass
class _Select:
    name: str
    options: list[str]
    selected: str | None


class PageParser(HTMLParser):
    """Links, forms and ids of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[FoundForm] = []
        self._form: FoundForm | None = None
        self._select: _Select | None = None
        self._textarea: FormField | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.selected = a.get("value", "")
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = FoundForm(page="", action=a.get("action", ""), method=a.get("method", "get").lower(),
                                   enctype=a.get("enctype", ""), fields=[])
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            maxlength = int(a["maxlength"]) if a.get("maxlength", "").isdigit() else None
            self._form.fields.append(FormField(a["name"], kind, a.get("value", ""), maxlength,
                                               checked="checked" in a, helper="formnovalidate" in a,
                                               numeric=a.get("inputmode") in ("numeric", "decimal")))
        elif tag == "button" and a.get("type", "submit") == "submit":
            self._form.fields.append(FormField(a["name"], "submit", a.get("value", ""),
                                               helper="formnovalidate" in a))
        elif tag == "textarea":
            maxlength = int(a["maxlength"]) if a.get("maxlength", "").isdigit() else None
            self._textarea = FormField(a["name"], "textarea", "", maxlength)
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = _Select(a["name"], [], None)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = self._select.selected if self._select.selected is not None else (
                self._select.options[0] if self._select.options else "")
            self._form.fields.append(FormField(self._select.name, "select", chosen, options=self._select.options))
            self._select = None



def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def _local(url: str, base: str) -> str | None:
    joined = urljoin("http://localhost" + base, url)
    parts = urlsplit(joined)
    if parts.netloc not in ("localhost", "") or parts.scheme not in ("http", ""):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if path.startswith(SKIP_PREFIXES) or parts.path.endswith(SKIP_SUFFIXES) or parts.path in SIGNS_OUT:
        return None
    return path


def start_urls(app) -> list[str]:
    urls = ["/"]
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments and rule.endpoint != "static" \
                and rule.rule not in SIGNS_OUT:
            urls.append(rule.rule)
    return sorted(set(urls))


@dataclass
class Crawl:
    pages: dict[str, str]  # url -> HTML of the pages that answered 200 with HTML
    forms: list[FoundForm]
    files: list[str] = field(default_factory=list)  # links that answered 200 with something else (receipts)


def crawl(app, client, limit: int = 300, per_endpoint: int = 6) -> Crawl:
    """Breadth-first over the site's links as this client; at most `per_endpoint` pages of one endpoint
    (the tenth order page teaches nothing the first did not)."""
    adapter = app.url_map.bind("localhost")
    queue, seen, pages, forms, counts, files = deque(start_urls(app)), set(), {}, [], {}, []
    while queue and len(pages) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        try:
            endpoint = adapter.match(urlsplit(url).path, method="GET")[0]
        except HTTPException:
            continue
        if counts.get(endpoint, 0) >= per_endpoint:
            continue
        response = client.get(url)
        if response.status_code == 200 and response.mimetype != "text/html":
            files.append(url)
        if response.status_code != 200 or not response.mimetype == "text/html":
            continue
        counts[endpoint] = counts.get(endpoint, 0) + 1
        html = response.get_data(as_text=True)
        pages[url] = html
        parsed = parse_page(html)
        for form in parsed.forms:
            form.page = url
            form.action = _local(form.action or url, url) or ""
            try:
                form.endpoint = adapter.match(urlsplit(form.action).path, method=form.method.upper())[0]
            except HTTPException:
                form.endpoint = ""
            forms.append(form)
        for link in parsed.links:
            target = _local(link, url)
            if target and target not in seen:
                queue.append(target)
    return Crawl(pages, forms, files)
