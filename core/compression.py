"""Compression of the static files only (style sheets, scripts, the site's icon), never of pages.

Every page carries a secret (the CSRF token of the header's forms) and the search pages write back what was
typed: compressing such a page lets someone who can both inject text and watch the response sizes guess the
secret a letter at a time (BREACH). The static files are the same for everyone and hold no secret, so they are
compressed, once per file version in each worker (the file's ETag names the version), and sent with
`Content-Encoding` and `Vary: Accept-Encoding`. Fonts are WOFF2, compressed already (Brotli inside the format):
compressing them again gains nothing. Brotli is used when the `brotli` package is installed, gzip otherwise."""
from __future__ import annotations

import gzip
from collections.abc import Callable
from functools import lru_cache
from types import ModuleType

from flask import Flask, Response, current_app, request

COMPRESSIBLE = frozenset({"text/css", "text/javascript", "application/javascript", "image/svg+xml",
                          "image/x-icon", "image/vnd.microsoft.icon", "text/plain", "application/json"})
SMALLEST = 256  # bytes: below this the headers cost more than the saving


def _brotli() -> ModuleType | None:
    """Optional: the test requirements have it (fonttools' WOFF2); production may pin it for smaller files."""
    try:
        import brotli
    except ImportError:  # pragma: no cover - depends on the installation
        return None
    return brotli


def _encoders() -> dict[str, Callable[[bytes], bytes]]:
    found: dict[str, Callable[[bytes], bytes]] = {"gzip": lambda data: gzip.compress(data, 9, mtime=0)}
    brotli = _brotli()
    if brotli is not None:
        found["br"] = lambda data: brotli.compress(data, quality=11)
    return found


ENCODERS = _encoders()


@lru_cache(maxsize=512)
def _compressed(version: str, coding: str, data: bytes) -> bytes:
    # keyed by the file's version and encoding; `data` rides along (same version, same bytes)
    return ENCODERS[coding](data)


def _is_static_file(endpoint: str | None) -> bool:
    view = current_app.view_functions.get(endpoint or "")
    return endpoint == "static" or bool(getattr(view, "cacheable", False) and getattr(view, "public", False))


def choose_encoding() -> str | None:
    """The best encoding the browser accepts (br, then gzip), or None."""
    accepted = request.accept_encodings
    for coding in ("br", "gzip"):
        if coding in ENCODERS and accepted[coding] > 0:
            return coding
    return None


def compress_static(response: Response) -> Response:
    if not _is_static_file(request.endpoint) or response.mimetype not in COMPRESSIBLE:
        return response
    response.vary.add("Accept-Encoding")  # caches keep the plain and the compressed file apart
    coding = choose_encoding()
    etag, weak = response.get_etag()
    if (coding is None or response.status_code != 200 or request.method not in ("GET", "HEAD")
            or "Content-Encoding" in response.headers or not etag):
        return response
    response.direct_passthrough = False  # read the file (they are small: tens of KB)
    data = response.get_data()
    if len(data) < SMALLEST:
        return response
    body = _compressed(etag, coding, data)
    if len(body) >= len(data):
        return response
    response.set_data(body)
    response.headers["Content-Encoding"] = coding
    response.set_etag(f"{etag}-{coding}", bool(weak))  # a different body: its own validator
    return response


def init_app(app: Flask) -> None:
    app.after_request(compress_static)
