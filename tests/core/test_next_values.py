"""A `next` value is followed only when it is a plain local path: a control character (a line break cannot go
in a Location header, a tab is dropped by browsers) sends the person to the usual page instead of failing."""
import pytest

from core.models import Role
from tests.conftest import PASSWORD, post_form

HOSTILE = ["/\nenv;", "/\r\nSet-Cookie: x=1", "/\t/evil.example/", "/\x00", "/\x7f", "/\x85",
           "//evil.example/", "https://evil.example/", "/\\evil.example"]


@pytest.mark.parametrize("target", HOSTILE)
def test_the_language_switch_drops_a_next_value_that_is_not_a_plain_local_path(app, target):
    client = app.test_client()
    response = post_form(client, "/language", {"language": "th", "next": target})
    assert response.status_code == 302 and response.location == "/"


@pytest.mark.parametrize("target", ["%0Aenv;", "%0D%0ASet-Cookie:%20x=1", "%09/evil.example/", "%00", "%7F"])
def test_a_crafted_sign_in_link_still_signs_in(app, people, target):
    login_name = people.login_name(people.make(Role.CUSTOMER))
    client = app.test_client()
    response = post_form(client, f"/sign-in?next=/{target}", {"login_name": login_name, "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/"
    assert client.get("/me/data").status_code == 200


def test_a_plain_local_path_is_still_followed(app, people):
    login_name = people.login_name(people.make(Role.CUSTOMER))
    client = app.test_client()
    response = post_form(client, "/sign-in?next=/me/data", {"login_name": login_name, "password": PASSWORD})
    assert response.location == "/me/data"
    assert post_form(client, "/language", {"language": "th", "next": "/me/data?tab=1"}).location == "/me/data?tab=1"
