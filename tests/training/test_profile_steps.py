"""The profile one question a page (#32, "one thing per page"): answers kept between pages in the drafts table
(not the session cookie), a wrong answer refused on its own page with what was typed kept, "Change" from "My
profile" going back there, a new province forgetting the old district, and the draft gone once saved, at the
quick exit, after DRAFT_DAYS, and with the account's data."""
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import json

from accounts import drafts
from accounts.models import Draft
from core.db import utcnow
from core.extensions import db
from core.models import Role, User
from privacy.services import data_sections
from tests.conftest import post_form
from tests.training.test_views import PROFILE, answer_profile
from training.forms import ProfileForm
from training.models import Profile
from training.profile_steps import STEPS


def _draft(app, uid) -> dict | None:
    with app.app_context():
        row = db.session.scalar(sa.select(Draft).where(Draft.user_id == uid))
        return dict(row.answers) if row else None


def test_every_field_of_the_profile_is_asked_once(app):
    with app.test_request_context():
        fields = [name for name in ProfileForm(meta={"csrf": False}, formdata=None)._fields if name != "submit"]
    asked = [name for step in STEPS for name in step.fields]
    assert sorted(asked) == sorted(fields) and len(set(asked)) == len(asked)


def test_each_question_has_its_page_with_continue_under_it_and_the_first_visit_starts_there(app, signed_in):
    client, _uid = signed_in(Role.PARTICIPANT)
    first = client.get("/me/profile").get_data(as_text=True)  # the form's address asks the first question
    assert 'action="/me/profile/goal"' in first and "<h1>What would you like next?</h1>" in first
    page = client.get("/me/profile/goal").get_data(as_text=True)
    assert "<h1>What would you like next?</h1>" in page and "Question 1 of 16" in page
    form = page[page.index('<form method="post" novalidate class="step">'):]
    assert form.index('name="goal"') < form.index("data-main-action") < form.index("</form>")
    assert len(STEPS) == 16 and 'name="sectors"' not in form  # one thing: the other questions are elsewhere


def test_answers_wait_in_a_draft_not_in_the_session_and_are_saved_at_the_end(app, signed_in):
    client, uid = signed_in(Role.PARTICIPANT)
    assert post_form(client, "/me/profile/goal", {"goal": "business"}).headers["Location"].endswith("/work")
    assert _draft(app, uid)["goal"] == ["business"]
    with client.session_transaction() as session:
        assert "business" not in json.dumps(dict(session))
    assert '<input checked id="goal-2"' in client.get("/me/profile/goal").get_data(as_text=True)
    answer_profile(client, {**PROFILE, "goal": "business"})
    with app.app_context():
        assert db.session.get(Profile, uid) is None  # nothing saved before "Save my profile"
    summary = client.get("/me/profile").get_data(as_text=True)
    assert "They are not saved yet." in summary and "My own business" in summary
    assert "Cooking: Some experience" in summary
    assert post_form(client, "/me/profile").headers["Location"].endswith("/me/matches")
    with app.app_context():
        assert db.session.get(Profile, uid).goal == "business"
    assert _draft(app, uid) is None


def test_a_wrong_answer_stays_on_its_page_with_its_words_and_what_was_typed(app, signed_in):
    client, uid = signed_in(Role.PARTICIPANT)
    response = post_form(client, "/me/profile/travel", {"max_travel_minutes": "9999"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Number must be between 0 and 600." in page
    assert 'value="9999"' in page and _draft(app, uid) is None
    missing = post_form(client, "/me/profile/speak", {})
    assert "Choose at least one language." in missing.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["th", "my", "km", "lo", "vi"])
def test_a_wrong_answer_is_said_in_the_readers_language(app, signed_in, lang):
    client, _uid = signed_in(Role.PARTICIPANT)
    with client.session_transaction() as session:
        session["lang"] = lang
    page = post_form(client, "/me/profile/travel", {"max_travel_minutes": "9999"}).get_data(as_text=True)
    error = page.split('class="error"', 1)[1].split("</p>", 1)[0]
    assert "600" in error and "Number must be" not in error and 'value="9999"' in page
    question = client.get("/me/profile/goal").get_data(as_text=True)
    assert "Continue" not in question.split('data-main-action>', 1)[1].split("</button>", 1)[0]


def test_change_goes_back_to_my_profile_and_a_new_province_asks_the_district_again(app, signed_in):
    client, uid = signed_in(Role.PARTICIPANT)
    answer_profile(client, PROFILE)
    assert post_form(client, "/me/profile").status_code == 302
    summary = client.get("/me/profile").get_data(as_text=True)
    assert "/me/profile/hours?from=check" in summary and "not saved yet" not in summary
    back = post_form(client, "/me/profile/days?from=check", {"days": ["5", "6"]})
    assert back.headers["Location"].endswith("/me/profile")
    moved = post_form(client, "/me/profile/province?from=check", {"province_code": "10"})
    assert moved.headers["Location"].endswith("/me/profile/district?from=check")
    assert _draft(app, uid)["district_code"] == []
    district_page = client.get("/me/profile/district?from=check").get_data(as_text=True)
    assert 'value="1001"' in district_page and 'value="5001"' not in district_page
    assert post_form(client, "/me/profile/district?from=check", {"district_code": "1001"}).status_code == 302
    assert post_form(client, "/me/profile").status_code == 302
    with app.app_context():
        profile = db.session.get(Profile, uid)
        assert (profile.province_code, profile.district_code, profile.days_mask) == ("10", "1001", 0b1100000)


def test_a_draft_goes_at_the_quick_exit(app, signed_in):
    client, uid = signed_in(Role.PARTICIPANT)
    post_form(client, "/me/profile/goal", {"goal": "job"})
    assert _draft(app, uid) is not None
    client.get("/leave")
    assert _draft(app, uid) is None


def test_drafts_expire_and_the_nightly_job_removes_them(app, signed_in):
    client, uid = signed_in(Role.PARTICIPANT)
    post_form(client, "/me/profile/goal", {"goal": "job"})
    with app.app_context():
        db.session.execute(sa.update(Draft).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert client.get("/me/profile/goal").get_data(as_text=True).count("checked") == 0  # expired: not used
    with app.app_context():
        assert drafts.purge_expired() == 1
        db.session.commit()
    assert _draft(app, uid) is None
    assert app.config["DRAFT_DAYS"] == 7 and "accounts.purge_expired_drafts" in app.extensions["pathways"].jobs


def test_a_draft_is_in_my_information_and_goes_with_the_account(app, signed_in):
    client, uid = signed_in(Role.PARTICIPANT)
    post_form(client, "/me/profile/goal", {"goal": "apprenticeship"})
    with app.test_request_context():
        person = db.session.get(User, uid)
        section = {s.name: s for s in data_sections()}["drafts"]
        shown = section.readable(section.export(person))
        assert ("Form", "My profile") in shown[0]
        assert ("Your answers", "What would you like next?: An apprenticeship") in shown[0]
        section.anonymise(person)
        assert section.export(person) == []
