from tests.conftest import sign_in, PASSWORD
from core.models import Role


def test_home(client):
    assert client.get("/").status_code == 200


def test_sign_in(client, people):
    uid = people.make(Role.STAFF)
    r = sign_in(client, people.login_name(uid))
    assert r.status_code == 302
    assert client.get("/staff/participants").status_code == 200
