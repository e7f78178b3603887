"""Contact by the person's own choice, and one notification service for every message to a person."""
from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
import time_machine

from accounts.contact_steps import STEPS as CONTACT_STEPS
from accounts.models import ContactProposal
from core import notify, outbox
from core.extensions import db
from core.models import AuditEntry, Notice, OutboxMessage, Role, User
from tests.conftest import post_form
from tests.steps_walks import answer_steps


def _save_contact(client, values: dict):
    """"How to reach me" as a browser sends it: each question, then "Save" on its page."""
    answer_steps(client, "/me/contact", CONTACT_STEPS, values)
    return post_form(client, "/me/contact")


def _user(app, user_id: int) -> User:
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        return user


def test_the_person_sets_their_own_details_and_how_to_be_reached(app, signed_in):
    client, person_id = signed_in(Role.PARTICIPANT)
    saved = _save_contact(client, {"phone": "081 234 5678", "email": "", "line_id": "malee.k",
                                              "contact_channel": "line", "quiet_from_hour": "21",
                                              "quiet_to_hour": "8"})
    assert saved.status_code == 302
    user = _user(app, person_id)
    assert (user.phone, user.line_id, user.contact_channel, user.quiet_from_hour, user.quiet_to_hour) == \
        ("081 234 5678", "malee.k", "line", 21, 8)
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "contact.update"))
        assert "081" not in str(entry.detail) and "phone" in entry.detail["fields"]
    # A way of reaching them that they have not given cannot be chosen; nothing changes.
    refused = _save_contact(client, {"phone": "", "line_id": "malee.k", "contact_channel": "sms"})
    assert refused.status_code == 200 and "Add the Phone first" in refused.get_data(as_text=True)
    assert _user(app, person_id).phone == "081 234 5678"
    removed = _save_contact(client, {"phone": "", "line_id": "", "contact_channel": ""})
    assert removed.status_code == 302
    assert (_user(app, person_id).phone, _user(app, person_id).line_id) == (None, None)


def test_someone_who_signs_in_with_their_email_cannot_remove_it(app, signed_in):
    client, person_id = signed_in(Role.PARTICIPANT, email="kanya@example.org")
    refused = _save_contact(client, {"email": "", "contact_channel": ""})
    assert "You sign in with your e-mail" in refused.get_data(as_text=True)
    assert _user(app, person_id).email == "kanya@example.org"


def test_staff_only_suggest_a_phone_and_it_changes_when_the_person_says_yes(app, signed_in, people):
    staff, _ = signed_in(Role.STAFF)
    person_id = people.make(Role.PARTICIPANT, "Ploy")
    post_form(staff, f"/staff/participants/{person_id}/edit", {"display_name": "Ploy", "phone": "089 111 2222",
                                                              "email": "", "line_id": "", "locale": ""})
    assert _user(app, person_id).phone is None, "staff cannot save a number the person does not have"
    person = app.test_client()
    from tests.conftest import sign_in
    sign_in(person, people.login_name(person_id))
    page = person.get("/me/contact").get_data(as_text=True)
    assert "089 111 2222" in page and "Staff suggest a new Phone" in page
    assert "Please check your contact details" in person.get("/me/messages").get_data(as_text=True)
    with app.app_context():
        proposal_id = db.session.scalar(sa.select(ContactProposal.id))
    post_form(person, f"/me/contact/suggestions/{proposal_id}/refuse")
    assert _user(app, person_id).phone is None
    assert post_form(person, f"/me/contact/suggestions/{proposal_id}/accept").status_code == 302
    assert _user(app, person_id).phone is None, "an answered suggestion cannot be answered again"
    post_form(staff, f"/staff/participants/{person_id}/edit", {"display_name": "Ploy", "phone": "089 111 3333",
                                                              "email": "", "line_id": "", "locale": ""})
    with app.app_context():
        second = db.session.scalar(sa.select(ContactProposal.id).where(ContactProposal.status == "waiting"))
    post_form(person, f"/me/contact/suggestions/{second}/accept")
    assert _user(app, person_id).phone == "089 111 3333"
    other_id = people.make(Role.PARTICIPANT, "Somsri")
    other = app.test_client()
    sign_in(other, people.login_name(other_id))
    with app.app_context():
        db.session.add(ContactProposal(user_id=person_id, field="phone", value="080 000 0000"))
        db.session.commit()
        third = db.session.scalar(sa.select(ContactProposal.id).where(ContactProposal.status == "waiting"))
    post_form(other, f"/me/contact/suggestions/{third}/accept")  # not hers to answer
    assert _user(app, person_id).phone == "089 111 3333" and _user(app, other_id).phone is None


def test_a_notice_goes_on_the_persons_chosen_channel_after_the_commit_and_waits_for_quiet_hours(app, people):
    person_id = people.make(Role.PARTICIPANT, "Niran", email="niran@example.org")
    with app.app_context():
        person = db.session.get(User, person_id)
        person.phone, person.line_id, person.contact_channel = "081 234 5678", "niran.l", "line"
        person.quiet_from_hour, person.quiet_to_hour = 21, 8
        db.session.commit()
        # 22:30 in Bangkok: inside the quiet hours, so the LINE message waits until 08:00.
        with time_machine.travel(datetime(2026, 11, 26, 15, 30, tzinfo=UTC), tick=False):
            notify.notify(person, "contact.proposed", link="/me/contact")
            db.session.commit()
            message = db.session.scalar(sa.select(OutboxMessage))
            assert (message.channel, message.recipient) == ("line", "niran.l")
            assert message.send_after == datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
            assert outbox.deliver() == 0 and message.status == "pending"
        with time_machine.travel(datetime(2026, 11, 27, 1, 1, tzinfo=UTC), tick=False):
            assert outbox.deliver() == 1
        assert "/me/contact" in message.body and "Programme staff suggest" in message.body
        person.contact_channel = "none"
        notify.notify(person, "contact.proposed")
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 1, "none: only on their pages"
        assert db.session.scalar(sa.select(sa.func.count(Notice.id)).where(Notice.user_id == person_id)) == 2


def test_a_message_is_written_in_the_persons_language(app, people):
    person_id = people.make(Role.PARTICIPANT, "Kanya", email="kanya.th@example.org")
    with app.app_context():
        person = db.session.get(User, person_id)
        person.locale = "th"
        notify.notify(person, "contact.proposed")
        db.session.commit()
        body = db.session.scalar(sa.select(OutboxMessage.body))
    assert "Programme staff" not in body and any("\u0e00" <= ch <= "\u0e7f" for ch in body)


def test_every_kind_of_notice_reads_without_the_past(app):
    # The words of every registered kind: no trafficking history, victim words or place of origin.
    banned = ("traffick", "victim", "survivor", "rescued", "exploit")
    with app.app_context():
        assert notify.kinds(), "kinds are registered at start"
        for kind, found in notify.kinds().items():
            words = f"{found.subject} {found.text}".lower()
            assert not any(word in words for word in banned), kind


def test_a_message_is_marked_new_the_first_time_it_is_shown_only(app, signed_in, people):
    staff, _ = signed_in(Role.STAFF)
    person_id = people.make(Role.PARTICIPANT, "Ploy")
    post_form(staff, f"/staff/participants/{person_id}/edit", {"display_name": "Ploy", "phone": "089 111 2222",
                                                              "email": "", "line_id": "", "locale": ""})
    person = app.test_client()
    from tests.conftest import sign_in
    sign_in(person, people.login_name(person_id))
    first = person.get("/me/messages").get_data(as_text=True)
    assert "Please check your contact details" in first and "<strong>New</strong>" in first and "unread" in first
    again = person.get("/me/messages").get_data(as_text=True)
    assert "Please check your contact details" in again and "<strong>New</strong>" not in again
