"""Signing in and out, set-up codes, password rules, and sessions that really end."""
import re
from datetime import timedelta

import pytest
import time_machine

from accounts import services as accounts
from accounts.passwords import password_problem
from core.db import utcnow
from core.extensions import db
from core.models import Role, User
from tests.conftest import PASSWORD, post_form, sign_in


def _session_cookie(client):
    cookie = client.get_cookie("pathways_session")
    return cookie.value if cookie else None


def test_sign_in_with_email_or_username(app, people):
    by_email = people.make(Role.CUSTOMER, email="Buyer@Example.org")
    by_name = people.make(Role.PARTICIPANT, username="malee")
    for login_name in ("buyer@example.org", "BUYER@example.org ", "malee", "Malee"):
        client = app.test_client()
        response = sign_in(client, login_name)
        assert response.status_code == 302, login_name
        assert client.get("/me/data").status_code == 200
    assert by_email != by_name


def test_wrong_password_is_refused_with_a_plain_message(client, people):
    uid = people.make(Role.STAFF)
    response = sign_in(client, people.login_name(uid), "wrong password!")
    assert response.status_code == 200
    assert "That username or password is not right." in response.get_data(as_text=True)
    assert client.get("/me/data").status_code == 302  # still signed out


def test_sign_in_starts_a_new_session(client, people):
    uid = people.make(Role.PARTICIPANT)
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    sign_in(client, people.login_name(uid))
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].startswith(f"{uid}:")


def test_no_remember_me_cookie(client, people):
    uid = people.make(Role.PARTICIPANT)
    response = sign_in(client, people.login_name(uid))
    assert "remember_token" not in response.headers.get("Set-Cookie", "")
    assert client.get_cookie("remember_token") is None


def test_sign_out_ends_the_old_session_on_the_server(app, people):
    uid = people.make(Role.STAFF)
    client = app.test_client()
    sign_in(client, people.login_name(uid))
    stolen = _session_cookie(client)
    assert post_form(client, "/sign-out").status_code == 302
    replay = app.test_client()
    replay.set_cookie("pathways_session", stolen)
    assert replay.get("/staff/participants").status_code == 302  # sent to sign in


def test_sign_out_refuses_get(signed_in):
    client, _ = signed_in(Role.PARTICIPANT)
    assert client.get("/sign-out").status_code == 405
    assert client.get("/me/data").status_code == 200  # still signed in


def test_password_change_ends_other_sessions_but_keeps_this_one(app, people):
    uid = people.make(Role.PARTICIPANT)
    phone, laptop = app.test_client(), app.test_client()
    sign_in(phone, people.login_name(uid))
    sign_in(laptop, people.login_name(uid))
    response = post_form(laptop, "/account/password", {"current_password": PASSWORD,
                                                        "new_password": "a new long phrase"})
    assert response.status_code == 302
    assert laptop.get("/me/data").status_code == 200
    assert phone.get("/me/data").status_code == 302
    assert sign_in(app.test_client(), people.login_name(uid), "a new long phrase").status_code == 302


def test_password_change_needs_the_current_password(signed_in):
    client, _ = signed_in(Role.PARTICIPANT)
    response = post_form(client, "/account/password", {"current_password": "not it at all",
                                                        "new_password": "a new long phrase"})
    assert "Your current password is not right." in response.get_data(as_text=True)


@pytest.mark.parametrize("password,problem", [
    ("short", "at least 8"), ("x" * 129, "at most 128"), ("password123", "too common"),
    ("iloveyou", "too common"), ("Qwertyuiop", "too common"),
])
def test_password_rules(ctx, password, problem):
    assert problem in str(password_problem(password))


@pytest.mark.parametrize("password", ["eight ch", "ต้นไม้สีเขียวริมน้ำ", "no Rules-needed", "x" * 128])
def test_passwords_without_composition_rules_are_fine(ctx, password):
    assert password_problem(password) is None


def test_passwords_are_hashed_with_argon2id_at_the_recommended_cost(ctx, real_password_cost):
    user = accounts.create_account(Role.CUSTOMER, "C", email="c@example.org", password=PASSWORD)
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    # RFC 9106's second recommended option: 64 MiB of memory, three passes.
    assert re.search(r"\$m=(\d+),t=(\d+),p=\d+\$", user.password_hash).groups() == ("65536", "3")


def test_idle_timeout_after_30_minutes(app, people):
    uid = people.make(Role.PARTICIPANT)
    with time_machine.travel(utcnow(), tick=False) as clock:
        client = app.test_client()
        sign_in(client, people.login_name(uid))
        clock.shift(timedelta(minutes=29))
        assert client.get("/me/data").status_code == 200
        clock.shift(timedelta(minutes=29))  # active again within 30 minutes: still signed in
        assert client.get("/me/data").status_code == 200
        clock.shift(timedelta(minutes=31))
        response = client.get("/me/data")
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_absolute_limit_of_12_hours_even_when_active(app, people):
    uid = people.make(Role.STAFF)
    with time_machine.travel(utcnow(), tick=False) as clock:
        client = app.test_client()
        sign_in(client, people.login_name(uid))
        steps = 0
        while client.get("/staff/participants").status_code == 200 and steps < 40:
            clock.shift(timedelta(minutes=29))  # busy all day: a click every 29 minutes
            steps += 1
    # Signed out at the first click after 12 hours, never before.
    assert (steps - 1) * 29 <= 12 * 60 < steps * 29


def test_setup_code_lets_a_person_choose_a_password_once(app, people):
    staff_id = people.make(Role.STAFF)
    with app.app_context():
        staff = db.session.get(User, staff_id)
        participant = accounts.create_account(Role.PARTICIPANT, "Noi", username="noi", created_by=staff)
        code = accounts.issue_setup_code(participant, staff)
    client = app.test_client()
    response = post_form(client, "/account/set-up", {"login_name": "noi", "code": code.lower(),
                                                     "new_password": "rice fields at dawn"})
    assert response.status_code == 302
    assert client.get("/me/data").location.startswith("/me/welcome")  # the privacy notice comes first
    again = post_form(app.test_client(), "/account/set-up", {"login_name": "noi", "code": code,
                                                             "new_password": "another long phrase"})
    assert "do not match, or the code has expired" in again.get_data(as_text=True)
    assert sign_in(app.test_client(), "noi", "rice fields at dawn").status_code == 302


def test_setup_code_expires_after_7_days(app, people):
    staff_id = people.make(Role.STAFF)
    with app.app_context():
        staff = db.session.get(User, staff_id)
        participant = accounts.create_account(Role.PARTICIPANT, "Noi", username="noi2", created_by=staff)
        code = accounts.issue_setup_code(participant, staff)
    with time_machine.travel(utcnow() + timedelta(days=7, minutes=1)):
        response = post_form(app.test_client(), "/account/set-up",
                             {"login_name": "noi2", "code": code, "new_password": "rice fields at dawn"})
    assert "the code has expired" in response.get_data(as_text=True)


def test_username_and_email_are_unique_across_both(ctx):
    accounts.create_account(Role.CUSTOMER, "A", email="same@example.org", password=PASSWORD)
    with pytest.raises(accounts.AccountError):
        accounts.create_account(Role.CUSTOMER, "B", email="SAME@example.org", password=PASSWORD)
    accounts.create_account(Role.PARTICIPANT, "C", username="kham", password=PASSWORD)
    with pytest.raises(accounts.AccountError):
        accounts.create_account(Role.PARTICIPANT, "D", username="Kham", password=PASSWORD)


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.STAFF])
def test_a_signed_in_request_reads_the_account_once(app, signed_in, role):
    """The seals (grants.sealing) asked who the viewer was while the viewer's account was being loaded, which
    loaded it a second time on every request (issue 35)."""
    import sqlalchemy as sa
    client, _user_id = signed_in(role)
    client.get("/me/pathway" if role == Role.PARTICIPANT else "/staff/participants")
    reads: list[str] = []

    def note(conn, cursor, statement, *args):
        if re.match(r"\s*SELECT users\.id, users\.username", statement) \
                and re.search(r"WHERE users\.id = (\?|%\(\w+\)s)", statement):  # by its key: SQLite or PostgreSQL
            reads.append(statement)
    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        assert client.get("/me/pathway" if role == Role.PARTICIPANT else "/staff/participants").status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    assert len(reads) == 1


def test_a_participants_page_reads_their_consents_with_their_account(app, signed_in):
    """Every page of a participant asks whether they have read the privacy notice (privacy.views.notice_first):
    their consents come with their account, not by a statement of their own (issue 35)."""
    import sqlalchemy as sa
    client, _user_id = signed_in(Role.PARTICIPANT)
    client.get("/me/pathway")
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def note(conn, cursor, statement, *args):
        statements.append(statement)
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        assert client.get("/me/pathway").status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    assert not [s for s in statements if re.match(r"\s*SELECT consents\.", s)]
    assert len([s for s in statements if "FROM users LEFT OUTER JOIN consents" in s]) == 1
