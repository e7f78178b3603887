"""Static files are sent compressed (gzip, or Brotli where installed) with Content-Encoding and Vary; pages never
are: each carries a CSRF token and search pages write back what was typed (BREACH)."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static"


def _static_url(client, filename: str) -> str:
    with client.application.test_request_context():
        from flask import url_for
        return url_for("static", filename=filename)


@pytest.mark.parametrize("filename", ["css/site.css", "css/fonts.css", "js/places.js", "js/occupations.js"])
def test_a_static_file_is_sent_gzipped_when_the_browser_accepts_it(client, filename):
    url = _static_url(client, filename)
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and "Accept-Encoding" in plain.headers["Vary"]
    assert plain.data == (STATIC / filename).read_bytes()
    zipped = client.get(url, headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped.status_code == 200 and zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"] and "max-age=31536000" in zipped.headers["Cache-Control"]
    assert gzip.decompress(zipped.data) == plain.data and len(zipped.data) < len(plain.data)
    assert int(zipped.headers["Content-Length"]) == len(zipped.data)
    assert zipped.headers["ETag"] != plain.headers["ETag"]  # another body, another validator


def test_brotli_when_installed_and_asked_for(client):
    brotli = pytest.importorskip("brotli")
    url = _static_url(client, "css/site.css")
    response = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.data) == (STATIC / "css/site.css").read_bytes()


def test_files_compressed_already_are_sent_as_they_are(client):
    """The icon holds a PNG and fonts are WOFF2: gzip would not make them smaller, so they go as they are."""
    icon = client.get("/favicon.ico", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in icon.headers and "Accept-Encoding" in icon.headers["Vary"]
    assert icon.data == (STATIC / "favicon.ico").read_bytes() and len(icon.data) < 2048
    font = client.get(_static_url(client, "fonts/NotoSansThai-Regular.subset.woff2"),
                      headers={"Accept-Encoding": "gzip, br"})
    assert font.status_code == 200 and "Content-Encoding" not in font.headers  # WOFF2 is compressed already


@pytest.mark.parametrize("path", ["/", "/opportunities?q=secret-guess", "/shop/?q=csrf_token", "/privacy",
                                  "/sign-in"])
def test_pages_are_never_compressed(client, path):
    response = client.get(path, headers={"Accept-Encoding": "gzip, br"}, follow_redirects=True)
    assert response.status_code == 200 and "Content-Encoding" not in response.headers
    if path == "/sign-in":  # the others carry no form for a visitor who is not signed in (core.page_cache)
        assert "csrf_token" in response.get_data(as_text=True)
