"""Public pages served from a cache of rendered pages, for visitors who are not signed in.

An anonymous page is the same for every visitor who reads it in the same language on the same day, so each
worker keeps the rendered body of the pages marked `@page_cached(models…)` and serves it again without running
the view. A kept page is used only while

- the request is the same: path and query string, the page's language, the programme's day;
- the data it was made from has not changed: the view names the models it reads, and any change to them gives
  the page a new version in `cache_versions` (core.versioned_cache), read in one small query per request;
- it is younger than PAGE_CACHE_SECONDS (a minute): what changes with time alone, not with a row (a cart's
  hold on stock running out), is at most that old.

Never for a signed-in person (their pages carry their name and their forms' tokens), nor while a message waits to
be shown (flash), nor for a response that changed the visitor's session or is not a plain 200 page. A page that
carries a form keeps its CSRF token out of the kept body: a marker stands in for it and each visitor's own
token is put in as the page is sent. A test reads every table each cached page queries and fails when one is not
watched (tests/core/test_page_cache.py).
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence

from flask import Flask, Response, current_app, g, has_request_context, message_flashed, request, session
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf

from core import clock, versioned_cache
from core.features import registries

TOKEN_MARKER = "\x00csrf-token\x00"  # noqa: S105 # nosec B105 - a placeholder; NUL is never in a page
# A person's own page, or a message or a refused form's values (core.kept_input) waiting for this visitor.
_SIGNED_IN_KEYS = ("_user_id", "_flashes", "_kept_form")
MAX_PAGES = 400  # per worker
MAX_BYTES = 8 * 1024 * 1024  # per worker, whatever the pages weigh
MAX_QUERY = 200  # bytes of query string: the site's own links (filters, a page number) stay far below
_PAGES: OrderedDict[tuple, tuple[int, float, bytes, bool]] = OrderedDict()
_SIZE = [0]  # bytes held in _PAGES
_LOCK = threading.Lock()
STATS = {"hits": 0, "misses": 0, "stored": 0}  # for the benchmark and the tests


def page_cached(*models: type) -> Callable[[Callable], Callable]:
    """Mark a public view whose anonymous page may be kept; `models` are every model its page reads."""
    def mark(view: Callable) -> Callable:
        view.page_cache_watches = tuple(models)  # type: ignore[attr-defined]
        return view
    return mark


def version_name(endpoint: str) -> str:
    return f"page:{endpoint}"


def watches(app: Flask) -> dict[str, Sequence[type]]:
    """endpoint -> the models its page reads, for every page that may be kept."""
    found = {endpoint: getattr(view, "page_cache_watches", None) for endpoint, view in app.view_functions.items()}
    return {endpoint: models for endpoint, models in found.items() if models is not None}


def making_kept_page() -> bool:
    """Whether this request makes a page to be kept for every anonymous visitor (no one's own token in it)."""
    return has_request_context() and g.get("page_cache_key") is not None


def csrf_token_for_page() -> str:
    """The CSRF token a template writes into a form: the marker in a page that will be kept, the visitor's own
    token otherwise."""
    return TOKEN_MARKER if making_kept_page() else generate_csrf()


def _may_use(endpoint: str) -> bool:
    if request.method not in ("GET", "HEAD") or not current_app.config.get("PAGE_CACHE_SECONDS"):
        return False
    view = current_app.view_functions.get(endpoint)
    if view is None or getattr(view, "page_cache_watches", None) is None:
        return False
    # Not kept: words someone searched for (whether a search was just made must not show, and each is new
    # anyway); an address too long to be a link of the site's own (filling the cache); the marker's NUL typed
    # into the address (it would become this visitor's token in the search box).
    if len(request.query_string) > MAX_QUERY or "q" in request.args or "\x00" in request.full_path \
            or any("\x00" in value for value in request.args.values()):
        return False
    remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return not any(key in session for key in _SIGNED_IN_KEYS) and remember not in request.cookies


def _send(body: bytes, has_token: bool) -> Response:
    if has_token:
        body = body.replace(TOKEN_MARKER.encode(), generate_csrf().encode())
    response = Response(body, mimetype="text/html")
    _say(response, "hit")
    return response


def _say(response: Response, what: str) -> None:
    """`X-Page-Cache: hit|stored` for tests and benchmarks only (PAGE_CACHE_HEADER): to others it would tell
    which page someone else asked for within the minute."""
    if current_app.config.get("PAGE_CACHE_HEADER"):
        response.headers["X-Page-Cache"] = what


def serve_kept_page() -> Response | None:
    """before_request: the kept page when there is one for this request, else None (the view runs)."""
    endpoint = request.endpoint
    if endpoint is None or not _may_use(endpoint):
        return None
    # The prefix the server was told it is mounted under (SCRIPT_NAME) and the host are in every link a page
    # could write: a request that sends its own is kept apart, never shown to others.
    key = (current_app.config["SQLALCHEMY_DATABASE_URI"], endpoint, request.script_root, request.host,
           request.full_path, str(get_locale()), clock.today().isoformat())
    # A page that reads no rows (the start page, the notice, the languages) has nothing to ask the database.
    watched = getattr(current_app.view_functions[endpoint], "page_cache_watches", ())
    versions = versioned_cache.version_apart(version_name(endpoint)) if watched else 0
    with _LOCK:
        kept = _PAGES.get(key)
        if kept is not None:
            _PAGES.move_to_end(key)
    if kept is not None and kept[0] == versions and time.monotonic() - kept[1] < current_app.config[
            "PAGE_CACHE_SECONDS"]:
        STATS["hits"] += 1
        return _send(kept[2], kept[3])
    STATS["misses"] += 1
    g.page_cache_key = (key, versions)
    return None


def keep_page(response: Response) -> Response:
    """after_request: keep a page made for the cache, then put the visitor's token where the marker stands."""
    entry = g.pop("page_cache_key", None)
    if entry is None:
        return response
    body = response.get_data()
    has_token = TOKEN_MARKER.encode() in body
    # Not kept: a page with this visitor's own token in it (a view that asked Flask-WTF for one itself), a
    # message flashed while it was made, or a sign-in during the request.
    own_token = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token") in g
    if (response.status_code == 200 and response.mimetype == "text/html" and not own_token
            and not g.get("page_cache_flashed") and not any(key in session for key in _SIGNED_IN_KEYS)):
        key, versions = entry
        with _LOCK:
            if (old := _PAGES.pop(key, None)) is not None:
                _SIZE[0] -= len(old[2])
            _PAGES[key] = (versions, time.monotonic(), body, has_token)
            _SIZE[0] += len(body)
            while len(_PAGES) > MAX_PAGES or _SIZE[0] > MAX_BYTES:
                _SIZE[0] -= len(_PAGES.popitem(last=False)[1][2])
        STATS["stored"] += 1
        _say(response, "stored")
    if has_token:
        response.set_data(body.replace(TOKEN_MARKER.encode(), generate_csrf().encode()))
    return response


def _flashed(sender, **extra) -> None:
    g.page_cache_flashed = True


def forget_all() -> None:
    """Drop every kept page of this worker (tests; a deployment changes templates by restarting)."""
    with _LOCK:
        _PAGES.clear()
        _SIZE[0] = 0


def init_app(app: Flask) -> None:
    """After the features are installed: each kept page's models are watched like any versioned cache."""
    app.config.setdefault("PAGE_CACHE_SECONDS", 60)
    app.config.setdefault("PAGE_CACHE_HEADER", app.testing)
    message_flashed.connect(_flashed, app)
    for endpoint, models in watches(app).items():
        registries(app).add_watch(version_name(endpoint), models)
    app.before_request(serve_kept_page)
    app.after_request(keep_page)
    app.jinja_env.globals["csrf_token"] = csrf_token_for_page
