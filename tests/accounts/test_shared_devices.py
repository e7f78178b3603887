"""Safe on a shared phone: sessions end with the browser unless the person keeps them, the quick exit signs
out on the server from every page a participant sees, and no page is stored by the browser."""
from datetime import timedelta

import pytest
import time_machine

from core.db import utcnow
from core.models import Role
from tests.conftest import PASSWORD, RolledBackDatabase, post_form, sign_in
from tests.site_crawl import crawl
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, WORLD_LOGINS, build_world


def _sign_in(client, login_name, keep):
    data = {"login_name": login_name, "password": PASSWORD}
    if keep:
        data["keep_signed_in"] = "y"
    response = post_form(client, "/sign-in", data)
    assert response.status_code == 302
    return [v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith("pathways_session=")][0]


def test_a_session_ends_with_the_browser_unless_the_person_keeps_it(app, people):
    participant = people.login_name(people.make(Role.PARTICIPANT))
    staff = people.login_name(people.make(Role.STAFF))
    assert "Expires" not in _sign_in(app.test_client(), participant, keep=False)
    assert "Expires" in _sign_in(app.test_client(), participant, keep=True)
    # Work accounts open other people's records: never kept, whatever is ticked.
    assert "Expires" not in _sign_in(app.test_client(), staff, keep=True)


def test_a_kept_session_outlasts_the_idle_limit_but_not_its_days(app, people):
    name = people.login_name(people.make(Role.PARTICIPANT))
    kept, shared = app.test_client(), app.test_client()
    _sign_in(kept, name, keep=True)
    _sign_in(shared, name, keep=False)
    with time_machine.travel(utcnow() + timedelta(hours=2)):
        assert kept.get("/me/data").status_code == 200
        assert shared.get("/me/data").status_code == 302
    with time_machine.travel(utcnow() + timedelta(days=app.config["KEEP_SIGNED_IN_DAYS"], hours=1)):
        assert kept.get("/me/data").status_code == 302


def test_quick_exit_signs_out_on_the_server_and_forgets_the_device(app, people):
    name = people.login_name(people.make(Role.PARTICIPANT))
    client = app.test_client()
    _sign_in(client, name, keep=True)
    stolen = client.get_cookie("pathways_session").value
    assert client.get_cookie("pathways_device") is not None
    leave = client.get("/leave")
    assert leave.status_code == 303 and leave.location == app.config["QUICK_EXIT_URL"]
    assert leave.headers["Cache-Control"] == "no-store"
    assert client.get_cookie("pathways_device") is None
    assert client.get("/me/data").status_code == 302
    replay = app.test_client()
    replay.set_cookie("pathways_session", stolen)
    assert replay.get("/me/data").status_code == 302  # the old cookie does not work anywhere any more


def test_quick_exit_works_for_a_visitor_too(client):
    assert client.get("/leave").status_code == 303


@pytest.mark.slow  # a crawl of the whole site
@pytest.mark.real_commits  # it builds its own world in a rolled-back transaction
def test_every_page_a_participant_sees_offers_the_quick_exit_and_no_page_is_stored(app):
    checked = 0
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
        for who, login in {"visitor": None, **DEMO_LOGINS, **WORLD_LOGINS}.items():
            client = app.test_client()
            if login:
                assert sign_in(client, login, DEMO_PASSWORD).status_code == 302
            pages = crawl(app, client, limit=150, per_endpoint=2).pages
            for url in pages:
                response = client.get(url)
                assert response.headers.get("Cache-Control") == "no-store", (who, url)
                if who in ("visitor", "participant", "customer"):
                    assert 'href="/leave"' in response.get_data(as_text=True), (who, url)
                checked += 1
    assert checked > 100
