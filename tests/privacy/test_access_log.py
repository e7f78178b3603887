"""privacy.access_log: reads of participant data recorded by design; participants see who opened their record."""
import re
from datetime import timedelta

import sqlalchemy as sa
import time_machine

from core.db import utcnow
from core.extensions import db
from core.models import AuditEntry, Role
from privacy.access_log import VIEW_ACTION
from tests.conftest import post_form


def _views(app, actor_id=None):
    with app.app_context():
        query = sa.select(AuditEntry).where(AuditEntry.action == VIEW_ACTION)
        if actor_id is not None:
            query = query.where(AuditEntry.actor_id == actor_id)
        return db.session.scalars(query.order_by(AuditEntry.id)).all()


def test_a_list_records_each_participant_it_shows_with_the_page(app, signed_in, people):
    client, staff_id = signed_in(Role.STAFF)
    shown = {people.make(Role.PARTICIPANT, f"Listed {n}") for n in range(3)}
    client.get("/staff/participants?q=listed")
    entries = _views(app, staff_id)
    assert {int(e.record_id) for e in entries} == shown
    assert {e.detail["page"] for e in entries} == {"people.participants"}


def test_a_person_paging_back_and_forth_writes_one_entry_per_participant_in_ten_minutes(app, signed_in, people):
    client, staff_id = signed_in(Role.STAFF)
    participant_id = people.make(Role.PARTICIPANT, "Malee")
    for _ in range(3):
        client.get(f"/staff/participants/{participant_id}")
    assert len(_views(app, staff_id)) == 1
    with time_machine.travel(utcnow() + timedelta(minutes=11)):
        client.get(f"/staff/participants/{participant_id}")
    assert len(_views(app, staff_id)) == 2


def test_a_form_shown_again_with_errors_still_records_what_it_showed(app, signed_in, people):
    client, staff_id = signed_in(Role.STAFF)
    participant_id = people.make(Role.PARTICIPANT, "Malee")
    response = post_form(client, f"/staff/participants/{participant_id}/edit",
                         {"display_name": "Malee", "phone": "", "email": "not an address", "locale": ""})
    assert response.status_code == 200 and "Malee" in response.get_data(as_text=True)
    assert [int(e.record_id) for e in _views(app, staff_id)] == [participant_id]


def test_a_participant_reading_their_own_pages_writes_no_view_entry(app, signed_in):
    client, participant_id = signed_in(Role.PARTICIPANT)
    for page in ("/me/data", "/me/profile", "/me/pathway", "/grants"):
        assert client.get(page).status_code == 200, page
    assert _views(app) == []


def test_nothing_is_recorded_for_a_page_that_was_not_shown(app, signed_in, people):
    client, staff_id = signed_in(Role.STAFF)
    assert client.get("/staff/participants/999999").status_code == 404
    assert _views(app, staff_id) == []


def test_participants_see_who_opened_their_record_by_role_not_name(app, signed_in, people, monkeypatch):
    participant, participant_id = signed_in(Role.PARTICIPANT)
    staff, _ = signed_in(Role.STAFF)
    staff.get(f"/staff/participants/{participant_id}")
    page = participant.get("/me/data").get_data(as_text=True)
    section = page.split('id="section-access"')[1].split("</section>")[0]
    assert "Programme staff" in section and "looked at your information" in section and "your record" in section
    assert "Staff" not in section.replace("Programme staff", "")  # the staff member's name ("Staff") is not shown
    monkeypatch.setitem(app.config, "SHOW_STAFF_NAMES_TO_PARTICIPANTS", True)
    named = participant.get("/me/data").get_data(as_text=True).split('id="section-access"')[1]
    assert "Staff (Programme staff)" in named


def test_a_long_access_list_shows_the_newest_fifty_and_downloads_them_all(app, signed_in, people):
    import json

    from core import audit
    participant, participant_id = signed_in(Role.PARTICIPANT)
    staff_id = people.make(Role.STAFF)
    with app.app_context():
        from core.models import User
        staff = db.session.get(User, staff_id)
        for _ in range(60):
            audit.record(VIEW_ACTION, "participant", participant_id, actor=staff, detail={"page": "people.participant"})
        db.session.commit()
    data = json.loads(participant.get("/me/data.json").get_data(as_text=True))["data"]
    assert len(data["access"]) == 61  # the 60 views and the making of the account
    section = participant.get("/me/data").get_data(as_text=True).split('id="section-access"')[1].split("</section>")[0]
    assert section.count('class="record"') == 50 and "and 11 more are in the download" in section


def _access_section(client) -> str:
    return client.get("/me/data").get_data(as_text=True).split('id="section-access"')[1].split("</section>")[0]


def test_a_suggested_contact_change_reads_as_words_on_my_information(app, signed_in, people):
    from accounts import contact
    from core.models import User

    participant, participant_id = signed_in(Role.PARTICIPANT)
    staff_id = people.make(Role.STAFF)
    with app.app_context():
        contact.propose_change(db.session.get(User, staff_id), db.session.get(User, participant_id), "phone",
                               "0812345678")
        db.session.commit()
    section = _access_section(participant)
    assert "contact.propose" not in section
    assert "suggested a change to your contact details" in section


def test_every_action_the_log_can_hold_about_a_person_reads_as_words(app, signed_in, people):
    import json

    from core import audit
    from core.features import registries
    from core.models import User

    participant, participant_id = signed_in(Role.PARTICIPANT)
    staff_id = people.make(Role.STAFF)
    ACTIONS = dict(registries(app).audit_actions)  # every feature's
    with app.app_context():
        staff = db.session.get(User, staff_id)
        for action in ACTIONS:
            audit.record(action, "participant", participant_id, actor=staff, detail={"page": "people.participant"})
        db.session.commit()
    readable = json.loads(participant.get("/me/data.json").get_data(as_text=True))["readable"]
    [access] = [section for section in readable if section["section"].startswith("Who at the programme")]
    said = {row["What"] for row in access["rows"]}
    assert len(access["rows"]) > len(ACTIONS) and not said & set(ACTIONS), sorted(said & set(ACTIONS))
    assert all(re.search(r"[a-z]+\.[a-z_]+", text) is None for text in said), said
    assert not set(ACTIONS) & set(re.findall(r"\b[a-z_]+\.[a-z_.]+\b", _access_section(participant)))
