"""Protection on every page: CSRF, no state change over GET, headers and cookie flags, size limit, error pages."""
import threading

import pytest
import requests
from flask import Blueprint
from werkzeug.serving import make_server

from core.models import Role
from core.security import CSP, public
from tests.conftest import make_app

EXPECTED_CSP_PARTS = ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]


def test_post_without_csrf_token_is_refused(client, people):
    uid = people.make(Role.STAFF)
    response = client.post("/sign-in", data={"login_name": people.login_name(uid), "password": "x"})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Something was wrong with that request" in body and "Traceback" not in body


def test_post_with_a_wrong_csrf_token_changes_nothing(signed_in, app):
    client, uid = signed_in(Role.PARTICIPANT)
    response = client.post("/me/delete-request", data={"csrf_token": "forged"})
    assert response.status_code == 400
    import sqlalchemy as sa

    from core.extensions import db
    from privacy.models import DeletionRequest
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(DeletionRequest.id))) == 0


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """The app behind a real HTTP server on a free loopback port."""
    from tests.conftest import reset_schema
    tmp = tmp_path_factory.mktemp("live")
    app = make_app(tmp, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp}/live.db", TRUST_PROXY=True)
    reset_schema(app)
    with app.app_context():
        from accounts import services as accounts
        accounts.create_account(Role.STAFF, "S", email="s@example.org", password="live server pass")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _token(session, url):
    import re
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', session.get(url).text).group(1)


def test_headers_over_real_http(live):
    response = requests.get(live + "/", timeout=5)
    headers = response.headers
    for part in EXPECTED_CSP_PARTS:
        assert part in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # plain HTTP: no HSTS
    assert "Set-Cookie" not in headers  # a page anyone may read sets no cookie (core.page_cache)
    cookie = requests.get(live + "/sign-in", timeout=5).headers["Set-Cookie"]  # the sign-in form's token
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert "<script>" not in response.text and " onclick=" not in response.text  # no inline script


def test_signed_in_pages_are_not_stored(live):
    with requests.Session() as browser:
        token = _token(browser, live + "/sign-in")
        signed = browser.post(live + "/sign-in", data={"csrf_token": token, "login_name": "s@example.org",
                                                       "password": "live server pass"}, timeout=5)
        assert signed.url.endswith("/my-work")  # staff land on their work home
        page = browser.get(live + "/staff/participants", timeout=5)
        assert page.status_code == 200
        assert page.headers["Cache-Control"] == "no-store"
    assert requests.get(live + "/privacy", timeout=5).headers["Cache-Control"] == "no-store"
    assert "no-store" not in requests.get(live + "/static/css/site.css", timeout=5).headers.get("Cache-Control", "")


def test_https_behind_a_proxy_gets_hsts_and_secure_cookies(live):
    response = requests.get(live + "/sign-in", headers={"X-Forwarded-Proto": "https"}, timeout=5)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in response.headers["Set-Cookie"]  # the sign-in form's token: a visitor's other pages set none


def test_upload_over_the_limit_gets_a_friendly_413(tmp_path):
    app = make_app(tmp_path, MAX_CONTENT_LENGTH=1000, WTF_CSRF_ENABLED=False)
    response = app.test_client().post("/sign-in", data={"login_name": "x" * 5000, "password": "y"})
    assert response.status_code == 413
    assert "That file is too large" in response.get_data(as_text=True)


def test_not_found_page_is_friendly(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


def test_server_error_page_leaks_nothing(tmp_path):
    app = make_app(tmp_path, TESTING=False, PROPAGATE_EXCEPTIONS=False)
    broken = Blueprint("broken", __name__)

    @broken.route("/broken")
    @public
    def explode():
        raise RuntimeError("secret internal detail in /srv/pathways/db.py")

    app.register_blueprint(broken)
    response = app.test_client().get("/broken")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in body
    assert "secret internal detail" not in body and "Traceback" not in body


def test_csp_constant_has_every_required_directive():
    for part in EXPECTED_CSP_PARTS:
        assert part in CSP


def test_with_stripe_on_forms_may_lead_to_the_hosted_checkout_only(tmp_path):
    app = make_app(tmp_path, STRIPE_SECRET_KEY="sk_test_x", STRIPE_WEBHOOK_SECRET="whsec_x")
    policy = app.test_client().get("/").headers["Content-Security-Policy"]
    assert "form-action 'self' https://checkout.stripe.com;" in policy
    plain = make_app(tmp_path).test_client().get("/").headers["Content-Security-Policy"]
    assert "form-action 'self';" in plain
