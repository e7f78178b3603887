"""Consent takes effect at once: employers lose what a person stops sharing, and a withdrawn or closed
application shows no contact details."""
import sqlalchemy as sa

from core.extensions import db
from core.models import Role, User
from tests.conftest import post_form, sign_in
from tests.steps_walks import apply_to_post
from tests.training.test_applications import _employer_with_post
from training.models import Application

NAME, PHONE, EMAIL = "Malee", "081 111 2222", "malee@example.org"


def _applied(app, training, people, signed_in, number):
    employer_id, post_id = _employer_with_post(training, people, number)
    client, participant_id = signed_in(Role.PARTICIPANT, name=NAME)
    with app.app_context():
        person = db.session.get(User, participant_id)
        person.phone, person.email = PHONE, EMAIL
        db.session.commit()
    post_form(client, "/me/privacy", {"purpose": "share_with_employers", "agree": "1"})
    assert apply_to_post(client, post_id,
                         {"shared_fields": ["display_name", "phone", "email"], "message": "Hello"}).status_code == 302
    employer = app.test_client()
    sign_in(employer, people.login_name(employer_id))
    page = f"/employer/posts/{post_id}/applications"
    assert all(value in employer.get(page).get_data(as_text=True) for value in (NAME, PHONE, EMAIL))
    with app.app_context():
        application_id = db.session.scalar(sa.select(Application.id)
                                           .where(Application.participant_id == participant_id))
    return client, employer, page, application_id


def test_withdrawing_consent_hides_everything_shared_at_once(app, training, people, signed_in):
    client, employer, page, _ = _applied(app, training, people, signed_in, "0105500000031")
    post_form(client, "/me/privacy", {"purpose": "share_with_employers", "withdraw": "1"})
    html = employer.get(page).get_data(as_text=True)
    assert not any(value in html for value in (NAME, PHONE, EMAIL))
    assert "does not share their details with you now" in html
    # Agreeing again later shares only what the person ticks on a new application, not the old fields.
    post_form(client, "/me/privacy", {"purpose": "share_with_employers", "agree": "1"})
    assert not any(value in employer.get(page).get_data(as_text=True) for value in (NAME, PHONE, EMAIL))


def test_a_withdrawn_application_shows_no_contact_details(app, training, people, signed_in):
    client, employer, page, application_id = _applied(app, training, people, signed_in, "0105500000032")
    assert post_form(client, f"/me/applications/{application_id}/step-back").status_code == 302
    html = employer.get(page).get_data(as_text=True)
    assert PHONE not in html and EMAIL not in html


def test_a_closed_application_without_a_hire_shows_no_contact_details(app, training, people, signed_in):
    client, employer, page, application_id = _applied(app, training, people, signed_in, "0105500000033")
    post_form(employer, f"/employer/applications/{application_id}/not_hired")
    html = employer.get(page).get_data(as_text=True)
    assert PHONE not in html and EMAIL not in html


def test_after_a_hire_the_employer_keeps_the_contact(app, training, people, signed_in):
    client, employer, page, application_id = _applied(app, training, people, signed_in, "0105500000034")
    post_form(employer, f"/employer/applications/{application_id}/hired")
    assert PHONE in employer.get(page).get_data(as_text=True)
