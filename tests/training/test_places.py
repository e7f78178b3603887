"""Choosing a province fills the district list: at once with the small script, and without JavaScript with a
button that sends the form back. Every form of the site with a district list is found by crawling as each
demo account and checked, so a new one is covered without being named here."""
from __future__ import annotations

import pytest

from core.extensions import db
from tests.conftest import RolledBackDatabase, post_form, sign_in, table_fingerprint
from tests.site_crawl import crawl, parse_page
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, build_world
from training.geo import district_choices

pytestmark = pytest.mark.real_commits  # it builds its own world in a rolled-back transaction

BANGKOK, PATHUM_WAN = "10", "1007"


def _fields(form) -> dict[str, str]:
    values = {}
    for f in form.fields:
        if f.kind in ("submit", "file") or not f.name:
            continue
        if f.kind in ("checkbox", "radio") and not f.checked:
            continue
        values.setdefault(f.name, f.value)
    return values


@pytest.mark.slow  # a crawl of the whole site
def test_every_form_with_a_district_list_shows_the_districts_of_the_chosen_province_without_script(app):
    checked = set()
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
        for who, login in DEMO_LOGINS.items():
            client = app.test_client()
            assert sign_in(client, login, DEMO_PASSWORD).status_code == 302
            for form in crawl(app, client, limit=150, per_endpoint=1).forms:
                names = form.names()
                if "district_code" not in names or "province_code" not in names or form.endpoint in checked:
                    continue
                with app.app_context():
                    before = table_fingerprint(db.session.connection())
                response = client.post(form.action, data={**_fields(form), "province_code": BANGKOK,
                                                          "show_districts": "1"})
                assert response.status_code == 200, (who, form.action)
                [again] = [f for f in parse_page(response.get_data(as_text=True)).forms
                           if "district_code" in f.names()]
                district = next(f for f in again.fields if f.name == "district_code")
                assert PATHUM_WAN in district.options and "5001" not in district.options, (who, form.action)
                with app.app_context():
                    assert table_fingerprint(db.session.connection()) == before, f"{form.action} saved something"
                checked.add(form.endpoint)
    # The staff's one-page profile, courses and posts at least; the minimum wage table too. (The participant's
    # profile asks the province and the district on pages of their own: tests/training/test_profile_steps.py.)
    assert {"training_staff.participant_profile", "training_staff.edit_course", "employer.edit_post"} <= checked, \
        checked


def test_the_script_reads_the_districts_in_the_readers_language(client):
    english = client.get(f"/places/districts?province={BANGKOK}").get_json()["districts"]
    assert [PATHUM_WAN, "Pathum Wan"] in english
    assert len(english) == len(district_choices(BANGKOK))
    post_form(client, "/language", {"language": "th"})
    thai = dict(client.get(f"/places/districts?province={BANGKOK}").get_json()["districts"])
    assert thai[PATHUM_WAN] == "เขตปทุมวัน"
    assert client.get("/places/districts?province=xx").get_json() == {"districts": []}
