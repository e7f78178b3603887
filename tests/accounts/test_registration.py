"""Customer registration answers the same for every address; what happens next goes to that address."""
import re
from datetime import timedelta

import sqlalchemy as sa
import time_machine

from accounts import services as accounts
from core.db import utcnow
from core.extensions import db
from core.models import OutboxMessage, Role, User
from tests.conftest import PASSWORD, post_form, sign_in, unit_of_work

NEW_PASSWORD = "a long enough phrase"


def _register(app, email, password=NEW_PASSWORD, name="Sam", address="10.1.0.1"):
    client = app.test_client()
    return client, post_form(client, "/register", {"display_name": name, "email": email, "password": password},
                             environ_base={"REMOTE_ADDR": address})


def _visible(response) -> str:
    # The page without its per-request CSRF token.
    return re.sub(r'value="[^"]*"', "", response.get_data(as_text=True))


def _mails_to(app, email):
    with app.app_context():
        return db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.recipient == email)
                                  .order_by(OutboxMessage.id)).all()


def _link(message) -> str:
    return re.search(r"http://localhost(/register/confirm/\S+)", message.body).group(1)


def test_every_address_gets_the_same_answer(app, people):
    people.make(Role.CUSTOMER, email="customer@example.org")
    people.make(Role.PARTICIPANT, email="participant@example.org")
    people.make(Role.STAFF, email="staff@example.org")
    answers = []
    for index, email in enumerate(("new@example.org", "customer@example.org", "participant@example.org",
                                   "staff@example.org")):
        client, response = _register(app, email, address=f"10.1.1.{index}")
        assert response.status_code == 200
        assert client.get("/me/data").status_code == 302  # nobody is signed in by registering
        answers.append(_visible(response))
    assert len(set(answers)) == 1
    assert "Check your e-mail" in answers[0] and "taken" not in answers[0]


def test_a_new_address_signs_in_only_after_the_link_in_its_mail(app):
    client, _ = _register(app, "Sam@Example.org")
    [mail] = _mails_to(app, "sam@example.org")
    assert "finish creating" in mail.subject.lower()
    # The right password before the link answers like a wrong one (else it tells the registering stranger
    # that the address had no account); the link goes to the mailbox again.
    refused = sign_in(app.test_client(), "sam@example.org", NEW_PASSWORD)
    assert refused.status_code == 200
    assert "That username or password is not right." in refused.get_data(as_text=True)
    wrong = sign_in(app.test_client(), "sam@example.org", "not the password")
    assert _visible(wrong) == _visible(refused)
    first, again = _mails_to(app, "sam@example.org")
    assert again.subject == first.subject and _link(again) != ""
    # Sent by the scheduled delivery, not during the answer: sending would make it slower than a wrong password.
    assert first.status == "sent" and again.status == "pending"
    confirmed = client.get(_link(mail))
    assert confirmed.status_code == 302 and confirmed.location.endswith("/sign-in")
    assert sign_in(app.test_client(), "sam@example.org", NEW_PASSWORD).status_code == 302
    assert client.get(_link(mail)).location.endswith("/register")  # the link works once


def test_the_link_is_mailed_again_a_few_times_an_hour_at_most(app, monkeypatch):
    monkeypatch.setitem(app.config, "REGISTRATION_MAILS_PER_ADDRESS_PER_HOUR", 2)
    _register(app, "often@example.org")
    for _ in range(4):
        sign_in(app.test_client(), "often@example.org", NEW_PASSWORD)
    assert len(_mails_to(app, "often@example.org")) == 1 + 2
    # Spending the reminders does not touch registration's own limit, which a page shows.
    assert _register(app, "often@example.org", address="10.1.5.5")[1].status_code == 200


def test_an_existing_address_gets_a_mail_and_nothing_changes(app, people):
    uid = people.make(Role.CUSTOMER, email="kept@example.org")
    _register(app, "kept@example.org", password="an attacker's phrase", name="Someone else")
    [mail] = _mails_to(app, "kept@example.org")
    assert "already have" in mail.subject and "set-up code" in mail.body
    assert "/register/confirm/" not in mail.body
    with app.app_context():
        user = db.session.get(User, uid)
        assert user.display_name == "Customer" and not user.awaiting_confirmation
    assert sign_in(app.test_client(), "kept@example.org", PASSWORD).status_code == 302
    assert sign_in(app.test_client(), "kept@example.org", "an attacker's phrase").status_code == 200


def test_registering_again_before_confirming_keeps_the_first_password_and_tells_the_mailbox(app):
    # The first registration may be a stranger's, made to wait for the owner: its password never changes,
    # the second mail has no link that confirms it, and the owner can cancel it and register again.
    _register(app, "twice@example.org", password="first long phrase")
    _register(app, "twice@example.org", password="second long phrase", name="Owner", address="10.1.2.2")
    first, second = _mails_to(app, "twice@example.org")
    assert "/register/confirm/" not in second.body and "waiting" in second.subject
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "twice@example.org"))
        assert user.display_name == "Sam" and user.awaiting_confirmation
    client = app.test_client()
    assert client.get(_link(first)).location.endswith("/sign-in")
    assert sign_in(app.test_client(), "twice@example.org", "second long phrase").status_code == 200
    assert sign_in(app.test_client(), "twice@example.org", "first long phrase").status_code == 302


def test_the_owner_cancels_a_waiting_registration_and_registers_again(app):
    _register(app, "taken@example.org", password="a stranger's phrase")
    _register(app, "taken@example.org", password="the owner's phrase", address="10.1.6.1")
    _, waiting = _mails_to(app, "taken@example.org")
    cancel = re.search(r"http://localhost(/register/cancel\?token=\S+)", waiting.body).group(1)
    client = app.test_client()
    assert client.get(cancel).status_code == 200  # a mail scanner opening the link changes nothing
    with app.app_context():
        assert db.session.scalar(sa.select(User).where(User.email == "taken@example.org")) is not None
    forged = post_form(client, "/register/cancel", {"token": "forged"})
    assert forged.status_code == 200 and "does not work any more" in forged.get_data(as_text=True)
    assert post_form(client, cancel).location.endswith("/register")
    with app.app_context():
        assert db.session.scalar(sa.select(User).where(User.email == "taken@example.org")) is None
    _register(app, "taken@example.org", password="the owner's phrase", address="10.1.6.2")
    confirm = _link(_mails_to(app, "taken@example.org")[-1])
    assert client.get(confirm).location.endswith("/sign-in")
    assert sign_in(app.test_client(), "taken@example.org", "the owner's phrase").status_code == 302
    assert post_form(client, cancel).status_code == 200  # a cancel link works only while it waits


def test_a_forged_or_old_link_does_nothing(app):
    _register(app, "late@example.org")
    [mail] = _mails_to(app, "late@example.org")
    client = app.test_client()
    assert client.get("/register/confirm/not-a-token").location.endswith("/register")
    with time_machine.travel(utcnow() + timedelta(days=3)):
        assert client.get(_link(mail)).location.endswith("/register")
    with app.app_context():
        assert db.session.scalar(sa.select(User.awaiting_confirmation).where(User.email == "late@example.org"))


def test_registration_is_throttled_per_address_and_per_mailbox(app, monkeypatch):
    monkeypatch.setitem(app.config, "REGISTRATION_MAILS_PER_ADDRESS_PER_HOUR", 2)
    monkeypatch.setitem(app.config, "REGISTRATIONS_PER_ADDRESS_PER_HOUR", 3)
    for index in range(2):
        assert _register(app, "target@example.org", address=f"10.1.3.{index}")[1].status_code == 200
    assert _register(app, "target@example.org", address="10.1.3.9")[1].status_code == 429
    assert len(_mails_to(app, "target@example.org")) == 2  # nobody can flood a mailbox
    for index in range(3):
        assert _register(app, f"n{index}@example.org", address="10.1.4.1")[1].status_code == 200
    assert _register(app, "n9@example.org", address="10.1.4.1")[1].status_code == 429


def test_common_passwords_are_refused_before_anything_is_sent(app):
    _, response = _register(app, "weak@example.org", password="password123")
    assert "too common" in response.get_data(as_text=True)
    assert _mails_to(app, "weak@example.org") == []


def test_unconfirmed_registrations_are_forgotten_after_the_link_expired(app):
    _register(app, "gone@example.org")
    with unit_of_work(app), time_machine.travel(utcnow() + timedelta(days=5)):
        assert accounts.forget_unconfirmed_registrations() == 1
    with app.app_context():
        assert db.session.scalar(sa.select(User).where(User.email == "gone@example.org")) is None
