"""Staff record any of the site's languages as a person's language, from the one list in the settings."""
import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import Role, User
from tests.conftest import post_form


@pytest.mark.parametrize("locale", ["my", "km", "lo", "vi"])
def test_staff_enrol_a_participant_who_reads_a_mekong_language(app, signed_in, locale):
    client, _staff_id = signed_in(Role.STAFF)
    page = client.get("/staff/participants/new").get_data(as_text=True)
    assert f'value="{locale}"' in page and app.config["LANGUAGES"][locale] in page
    response = post_form(client, "/staff/participants/new",
                         {"display_name": "Aye", "username": f"aye-{locale}", "email": "", "phone": "",
                          "locale": locale})
    assert response.status_code == 200
    with app.app_context():
        person = db.session.scalar(sa.select(User).where(User.username == f"aye-{locale}"))
        assert person is not None and person.locale == locale


def test_every_form_that_chooses_a_persons_language_offers_every_site_language(app):
    from accounts import forms

    with app.test_request_context():
        for form_class in (forms.ParticipantForm, forms.ParticipantEditForm, forms.AccountEditForm):
            offered = [choice.value for choice in form_class().locale.iter_choices()]
            assert offered == ["", *app.config["LANGUAGES"]], form_class.__name__


def test_a_language_chosen_before_signing_in_is_the_one_shown_after(app, people):
    from tests.conftest import sign_in

    person = people.make(Role.PARTICIPANT)
    with app.app_context():
        db.session.get(User, person).locale = "vi"
        db.session.commit()
    client = app.test_client()
    post_form(client, "/language", {"language": "th", "next": "/"})
    assert sign_in(client, people.login_name(person)).status_code == 302
    assert '<html lang="th"' in client.get("/").get_data(as_text=True)


def test_a_language_left_by_someone_elses_sign_out_gives_way_to_the_accounts_own(app, people):
    from tests.conftest import sign_in

    first, second = people.make(Role.PARTICIPANT), people.make(Role.PARTICIPANT)
    with app.app_context():
        db.session.get(User, first).locale = "my"
        db.session.get(User, second).locale = "vi"
        db.session.commit()
    client = app.test_client()
    assert sign_in(client, people.login_name(first)).status_code == 302
    assert '<html lang="my"' in client.get("/").get_data(as_text=True)
    post_form(client, "/sign-out", {})
    assert '<html lang="my"' in client.get("/").get_data(as_text=True)  # signing out keeps the language
    assert sign_in(client, people.login_name(second)).status_code == 302
    assert '<html lang="vi"' in client.get("/").get_data(as_text=True)
