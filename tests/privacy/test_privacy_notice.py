"""At first sign-in a participant reads a short notice in their language and makes their choices."""
import re

from core.extensions import db
from core.models import Role, User
from privacy import services as privacy
from tests.conftest import csrf_token, sign_in


def post_form(client, path, data):
    # Until the notice is read, the choice after it is the one page with a form to take the token from.
    return client.post(path, data={"csrf_token": csrf_token(client, "/me/welcome/choice"), **data})


def _first_sign_in(app, people, **kwargs):
    uid = people.make(Role.PARTICIPANT, read_notice=False, **kwargs)
    client = app.test_client()
    assert sign_in(client, people.login_name(uid)).status_code == 302
    return client, uid


def test_every_page_waits_for_the_notice_and_comes_back_after_it(app, people):
    client, uid = _first_sign_in(app, people)
    for page in ("/me/data", "/me/matches", "/grants", "/"):
        response = client.get(page)
        assert response.status_code == 302 and response.location.startswith("/me/welcome"), page
    notice = client.get("/me/welcome?next=/me/matches").get_data(as_text=True)
    for heading in ("What we keep", "Who sees it", "For how long", "How to delete it"):
        assert heading in notice
    assert client.get("/leave").status_code == 303  # the ways out stay open
    client, uid = _first_sign_in(app, people)
    facts = client.get("/me/welcome?next=/me/matches").get_data(as_text=True)
    assert "<form" not in facts.split("<main", 1)[1].split("</main>")[0]  # the facts, then Continue: no choice yet
    step = re.search(r'<a class="button" href="([^"]+)" data-main-action>', facts).group(1)
    assert step == "/me/welcome/choice?next=/me/matches"
    choice = client.get(step).get_data(as_text=True)
    assert 'name="share_with_employers"' in choice and 'href="/me/welcome?next=/me/matches"' in choice
    done = post_form(client, step, {"share_with_employers": "y"})
    assert done.location == "/me/matches"
    assert client.get("/me/data").status_code == 200
    with app.app_context():
        user = db.session.get(User, uid)
        assert privacy.has_consent(user, "privacy_notice") and privacy.has_consent(user, "share_with_employers")


def test_sharing_with_employers_is_the_persons_own_choice(app, people):
    client, uid = _first_sign_in(app, people)
    post_form(client, "/me/welcome/choice", {})
    with app.app_context():
        user = db.session.get(User, uid)
        assert privacy.has_consent(user, "privacy_notice")
        assert not privacy.has_consent(user, "share_with_employers")


def test_the_notice_is_in_the_persons_language(app, people):
    client, _ = _first_sign_in(app, people)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "th"
    assert "ข้อมูลที่เราเก็บ" in client.get("/me/welcome").get_data(as_text=True)


def test_a_new_version_of_the_notice_is_read_again(app, people, monkeypatch):
    uid = people.make(Role.PARTICIPANT)
    client = app.test_client()
    sign_in(client, people.login_name(uid))
    assert client.get("/me/data").status_code == 200
    monkeypatch.setitem(app.config, "PRIVACY_NOTICE_VERSION", "2027-01")
    assert client.get("/me/data").location.startswith("/me/welcome")
    post_form(client, "/me/welcome/choice", {})
    assert client.get("/me/data").status_code == 200


def test_other_roles_are_not_stopped(signed_in):
    for role in (Role.STAFF, Role.CUSTOMER, Role.EMPLOYER):
        client, _ = signed_in(role)
        assert client.get("/me/data").status_code == 200, role
