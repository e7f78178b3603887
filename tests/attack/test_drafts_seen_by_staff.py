"""Outside attack: words a participant typed on a form in steps but never sent (a draft) are, by the app's own
rule (accounts.drafts, docs/architecture.md), seen only by the person. The staff record of the participant shows
every privacy data section, the drafts one included, so staff read what the person has not chosen to send."""
import sqlalchemy as sa

from accounts.models import Draft
from core.extensions import db
from core.models import Role
from tests.conftest import post_form


def test_staff_do_not_read_answers_a_participant_has_not_sent(app, signed_in):
    person, person_id = signed_in(Role.PARTICIPANT)
    typed = post_form(person, "/me/contact/line", {"line_id": "notsentyet4821"})
    assert typed.status_code == 302  # kept as a draft, not saved: the person has not pressed "Save"
    with app.app_context():
        assert db.session.scalar(sa.select(Draft.answers).where(Draft.user_id == person_id)) == {
            "line_id": ["notsentyet4821"]}
    assert "notsentyet4821" in person.get("/me/data").get_data(as_text=True)  # their own "My information"
    staff, _staff_id = signed_in(Role.STAFF)
    record = staff.get(f"/staff/participants/{person_id}")
    assert record.status_code == 200
    assert "notsentyet4821" not in record.get_data(as_text=True)
