"""What Lighthouse's SEO and best-practice audits look at, checked on the public pages in every language without
a browser (the browser tests add console errors): a title, the page's language, the character set, a viewport,
a meaningful description of the page's own in the reader's language, an icon (and /favicon.ico answering),
links with words that say where they go, pictures with a text, and nothing telling search engines to stay away."""
from __future__ import annotations

import pytest

from core.models import Role
from tests.html_facts import page_facts
from tests.marketplace.conftest import Shop

LANGUAGES = ("en", "th", "my", "km", "lo", "vi")
# Words Lighthouse's "link-text" audit counts as saying nothing about where a link goes.
VAGUE = {"click here", "click this", "go", "here", "this", "start", "right here", "more", "learn more",
         "read more", "continue", "link"}


@pytest.fixture
def public_pages(app, people):
    shop = Shop(app, people)
    enterprise_id, _ = shop.enterprise(slug="audits", manager=False)
    product_id = shop.product(enterprise_id, name="Doi Chang coffee")
    return {"home": "/", "opportunities": "/opportunities", "shop": "/shop/", "product": f"/shop/products/{product_id}",
            "impact": "/impact", "privacy notice": "/privacy"}


def _page(client, lang: str, path: str):
    with client.session_transaction() as session:
        session["lang"] = lang
    response = client.get(path)
    assert response.status_code == 200, path
    return page_facts(response.get_data(as_text=True))


def test_every_public_page_passes_the_search_and_best_practice_audits_in_every_language(app, public_pages):
    client = app.test_client()
    english = {name: _page(client, "en", path).meta["description"] for name, path in public_pages.items()}
    assert len(set(english.values())) == len(english)  # each page describes itself, not the site
    assert "Doi Chang coffee" in english["product"] and "Audits" in english["product"]
    for lang in LANGUAGES:
        for name, path in public_pages.items():
            facts = _page(client, lang, path)
            where = f"{name} in {lang}"
            assert facts.html_lang == lang and facts.charset == "utf-8", where
            assert facts.title.strip() and not facts.title.strip().startswith("·"), where
            assert "width=device-width" in facts.meta["viewport"], where
            description = facts.meta.get("description", "")
            assert len(description) >= 40, where
            if lang != "en":
                assert description != english[name], f"{where}: the description is not translated"
            assert "noindex" not in facts.meta.get("robots", ""), where
            assert facts.icons, where
            vague = [(href, words) for href, words in facts.links if words.lower().strip(" .") in VAGUE or not words]
            assert vague == [], where
            assert facts.images_without_alt == [], where


def test_the_site_icon_answers_and_is_kept_for_a_year(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.mimetype == "image/x-icon"
    assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age=31536000" in response.headers["Cache-Control"] and "no-store" not in response.headers[
        "Cache-Control"]
    linked = page_facts(client.get("/").get_data(as_text=True)).icons[0]
    icon = client.get(linked)
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml" and b"<svg" in icon.data


def test_a_signed_in_page_has_the_sites_description(signed_in):
    client, _ = signed_in(Role.PARTICIPANT)
    facts = page_facts(client.get("/me/data").get_data(as_text=True))
    assert facts.meta["description"].startswith("Pathways: training, apprenticeships and work in Thailand")
