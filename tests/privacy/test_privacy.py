"""A participant sees, downloads and asks to delete their data; staff confirm; consent is recorded."""
import csv
import io
import json

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.features import registries
from core.models import Consent, Role, User
from privacy import services as privacy
from privacy.models import DeletionRequest
from tests.conftest import PASSWORD, post_form, sign_in

# Words that would mean the record holds someone's past. The participant record must have none of them.
PAST_WORDS = ("traffick", "victim", "exploit", "rescue", "abuse", "history", "case_story", "trauma")


def test_the_person_record_has_no_field_for_a_past(app):
    columns = [c.name.lower() for c in User.__table__.columns]
    assert not [c for c in columns if any(word in c for word in PAST_WORDS)]


def test_participant_sees_everything_stored(signed_in, app):
    client, uid = signed_in(Role.PARTICIPANT, name="Malee", username="malee")
    post_form(client, "/me/privacy", {"purpose": "privacy_notice", "agree": "1"})
    body = client.get("/me/data").get_data(as_text=True)
    for expected in ("Malee", "malee", "I have read how Pathways uses my information, and I agree.",
                     "Who at the programme opened or changed your record", "Account type", "Participant"):
        assert expected in body
    assert "privacy_notice" not in body and "display_name" not in body.lower()


def test_export_json_and_csv(signed_in):
    client, uid = signed_in(Role.PARTICIPANT, name="Malee", username="malee")
    post_form(client, "/me/privacy", {"purpose": "share_with_employers", "agree": "1"})
    response = client.get("/me/data.json")
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(response.get_data(as_text=True))["data"]
    assert data["account"][0]["display_name"] == "Malee"
    assert {row["purpose"] for row in data["consents"]} == {"privacy_notice", "share_with_employers"}
    rows = list(csv.DictReader(io.StringIO(client.get("/me/data.csv").get_data().decode("utf-8-sig"))))
    assert {"section": "Your account", "row": "1", "field": "Username", "value": "malee", "section_code": "account",
            "field_code": "username"} in rows
    consents = {row["value"] for row in rows if row["field_code"] == "purpose"}
    assert "When I apply to an employer, they may see the details I choose to share." in consents
    readable = json.loads(response.get_data(as_text=True))["readable"]
    account = next(section for section in readable if section["section"] == "Your account")
    assert account["rows"][0]["Name"] == "Malee" and account["rows"][0]["Account type"] == "Participant"


def test_export_is_only_ever_ones_own(signed_in, people):
    other = people.make(Role.PARTICIPANT, "Somebody Else")
    client, _ = signed_in(Role.PARTICIPANT, name="Me")
    assert "Somebody Else" not in client.get("/me/data.json").get_data(as_text=True)
    assert other


def test_deletion_request_then_staff_confirm_anonymises(app, signed_in, people):
    participant_client, uid = signed_in(Role.PARTICIPANT, name="Malee", email="malee@example.org")
    post_form(participant_client, "/me/privacy", {"purpose": "privacy_notice", "agree": "1"})
    assert post_form(participant_client, "/me/delete-request").status_code == 302
    assert post_form(participant_client, "/me/delete-request").status_code == 302  # twice: one request
    with app.app_context():
        [request_id] = db.session.scalars(sa.select(DeletionRequest.id)).all()
    staff_client, staff_id = signed_in(Role.STAFF)
    assert "Malee" in staff_client.get("/staff/deletion-requests").get_data(as_text=True)
    post_form(staff_client, f"/staff/deletion-requests/{request_id}/confirm")
    with app.app_context():
        user = db.session.get(User, uid)
        assert (user.display_name, user.email, user.password_hash, user.active) == ("—", None, None, False)
        assert user.anonymised_at is not None
        assert db.session.scalar(sa.select(sa.func.count(Consent.id)).where(Consent.user_id == uid)) == 0
        assert db.session.get(DeletionRequest, request_id).status == "completed"
    assert participant_client.get("/me/data").status_code == 302  # the old session is gone
    assert sign_in(app.test_client(), "malee@example.org", PASSWORD).status_code == 200  # cannot sign in


def test_deletion_is_all_or_nothing(app, people):
    uid = people.make(Role.PARTICIPANT, "Malee", username="malee-a")
    staff_id = people.make(Role.STAFF)

    def broken(user):
        raise RuntimeError("a feature failed half-way")

    with app.app_context():
        user = db.session.get(User, uid)
        deletion = privacy.request_deletion(user)
        db.session.commit()  # the participant's request was one unit of work, the staff decision another
        sections = registries(app).data_sections
        sections["zz_broken"] = privacy.DataSection("zz_broken", "Broken", lambda u: [], broken)
        try:
            with pytest.raises(RuntimeError):
                privacy.confirm_deletion(deletion.id, db.session.get(User, staff_id))
        finally:
            sections.pop("zz_broken")
        db.session.rollback()  # what the unit of work does on any error
        user = db.session.get(User, uid)
        assert user.display_name == "Malee" and user.username == "malee-a" and user.anonymised_at is None
        assert db.session.get(DeletionRequest, deletion.id).status == "pending"


def test_only_staff_confirm_a_deletion(app, people):
    uid = people.make(Role.PARTICIPANT)
    with app.app_context():
        user = db.session.get(User, uid)
        deletion = privacy.request_deletion(user)
        with pytest.raises(privacy.PrivacyError):
            privacy.confirm_deletion(deletion.id, user)


def test_consent_records_what_when_and_notice_version(app, signed_in):
    client, uid = signed_in(Role.PARTICIPANT)
    post_form(client, "/me/privacy", {"purpose": "share_with_employers", "agree": "1"})
    with app.app_context():
        user = db.session.get(User, uid)
        assert privacy.has_consent(user, "share_with_employers")
        [consent] = [c for c in user.consents if c.purpose == "share_with_employers"]
        assert consent.notice_version == app.config["PRIVACY_NOTICE_VERSION"] and consent.agreed_at
    post_form(client, "/me/privacy", {"purpose": "share_with_employers", "withdraw": "1"})
    with app.app_context():
        user = db.session.get(User, uid)
        assert not privacy.has_consent(user, "share_with_employers")
        [consent] = [c for c in user.consents if c.purpose == "share_with_employers"]
        assert consent.withdrawn_at is not None  # kept as evidence of what was agreed and when


@pytest.mark.parametrize("lang", ["en", "th", "my", "km", "lo", "vi"])
def test_the_downloads_say_in_plain_words_what_each_is_for(signed_in, lang):
    """Not "JSON" and "CSV" (names of formats a participant need not know): what each download is for."""
    from tests.html_facts import page_facts

    client, _ = signed_in(Role.PARTICIPANT)
    with client.session_transaction() as session:
        session["lang"] = lang
    links = dict(page_facts(client.get("/me/data").get_data(as_text=True)).links)
    words = (links["/me/data.json"], links["/me/data.csv"])
    assert all(w and "JSON" not in w and "CSV" not in w for w in words) and words[0] != words[1]
    if lang == "en":
        assert words == ("Download my information (for another app)", "Download my information (for a spreadsheet)")
