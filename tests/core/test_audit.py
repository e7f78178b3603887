"""Staff reading or changing a participant's record is logged in the same transaction; admin can filter it."""
from datetime import date

import sqlalchemy as sa

from accounts import people as people_service
from core import audit
from core.extensions import db
from core.models import AuditEntry, Role, User
from tests.conftest import post_form


def _entries(app, action):
    with app.app_context():
        return db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)).all()


def test_staff_opening_a_record_writes_an_entry(app, signed_in, people):
    client, staff_id = signed_in(Role.STAFF)
    participant_id = people.make(Role.PARTICIPANT, "Malee")
    response = client.get(f"/staff/participants/{participant_id}", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert response.status_code == 200 and "Malee" in response.get_data(as_text=True)
    [entry] = _entries(app, "participant.view")
    assert (entry.actor_id, entry.actor_role, entry.record_type, entry.record_id, entry.ip_address) == \
           (staff_id, "staff", "participant", str(participant_id), "10.1.2.3")


def test_staff_change_writes_an_entry_with_field_names_only(app, signed_in, people):
    client, staff_id = signed_in(Role.STAFF)
    participant_id = people.make(Role.PARTICIPANT, "Malee")
    response = post_form(client, f"/staff/participants/{participant_id}/edit",
                         {"display_name": "Malee S.", "phone": "081 234 5678", "email": "", "locale": "th"})
    assert response.status_code == 302
    [entry] = _entries(app, "participant.update")
    assert entry.actor_id == staff_id
    assert sorted(entry.detail["fields"]) == ["display_name", "locale"]
    [suggestion] = _entries(app, "contact.propose")  # a phone number is only suggested to the person
    assert suggestion.detail == {"field": "phone"} and "081" not in str(entry.detail)
    with app.app_context():
        assert db.session.get(User, participant_id).phone is None


def test_audit_entry_and_change_share_one_transaction(ctx):
    staff = User(role="staff", display_name="S", username="s1")
    participant = User(role="participant", display_name="P", username="p1")
    db.session.add_all([staff, participant])
    db.session.commit()
    audit.record("participant.update", "participant", participant.id, actor=staff)
    participant.display_name = "Changed"
    db.session.rollback()  # the change fails: the entry must not survive it
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
        AuditEntry.action == "participant.update", AuditEntry.record_id == str(participant.id))) == 0
    assert db.session.get(User, participant.id).display_name == "P"


def test_enrolment_writes_entries(app, signed_in):
    client, staff_id = signed_in(Role.STAFF)
    response = post_form(client, "/staff/participants/new", {"display_name": "Kham", "username": "kham"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Set-up code" in body
    actions = {e.action for e in _entries(app, "participant.enrol") + _entries(app, "account.setup_code_issued")}
    assert actions == {"participant.enrol", "account.setup_code_issued"}


def test_admin_filters_the_log(app, signed_in, people):
    staff_client, staff_id = signed_in(Role.STAFF)
    participant_id = people.make(Role.PARTICIPANT)
    staff_client.get(f"/staff/participants/{participant_id}")
    admin_client, _ = signed_in(Role.ADMIN)
    staff_login = people.login_name(staff_id)
    page = admin_client.get("/admin/audit", query_string={"action": "participant.view", "actor": staff_login})
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "participant.view" in body and "account.create" not in body
    empty = admin_client.get("/admin/audit", query_string={"action": "participant.view", "until": "2001-01-01"})
    assert "participant.view" not in empty.get_data(as_text=True).split("<tbody>")[1]


def test_search_service_filters_by_date_in_bangkok_time(ctx):
    audit.record("test.event", "thing", 1)
    db.session.commit()
    today = date.today()
    rows, total = audit.search(action="test.", since=today.replace(year=today.year - 1))
    assert total == 1 and rows[0].action == "test.event"
    assert audit.search(action="test.", until=today.replace(year=today.year - 1))[1] == 0


def test_staff_list_of_participants_is_searchable(app, signed_in, people):
    people.make(Role.PARTICIPANT, "Somsri")
    people.make(Role.PARTICIPANT, "Nok")
    client, _ = signed_in(Role.STAFF)
    body = client.get("/staff/participants", query_string={"q": "soms"}).get_data(as_text=True)
    assert "Somsri" in body and "Nok" not in body
    with app.app_context():
        assert people_count() == 2


def people_count():
    return people_service.list_participants(None, 1)[1]
