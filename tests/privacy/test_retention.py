"""How long records are kept: a participant's record 3 years after their last activity or the closing of their
case, read entries 2 years, ended applications' words 1 year; staff confirm in batches, or the job does it."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
import time_machine

from core.extensions import db
from core.models import AuditEntry, Role, User
from grants.models import GrantApplication
from impact.models import ImpactSnapshot
from privacy import retention
from privacy import services as privacy
from tests.conftest import post_form
from tests.grants.conftest import Grants

START = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)


def later(**kw) -> datetime:
    return START + timedelta(**kw)


def _user(user_id: int) -> User:
    return db.session.get(User, user_id)


def _due_ids() -> set[int]:
    return {person.id for person in retention.participants_due_page(1).rows}


@pytest.fixture
def at_start():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_signing_up_sets_last_activity_and_activity_keeps_a_record(app, ctx, people, at_start):
    grants = Grants(app, people)
    participant = grants.eligible_participant()  # a pathway step: activity
    assert participant.last_activity_at == START
    round_id = grants.round()
    at_start.move_to(later(days=365 * 2))
    grants.submitted(round_id, participant=participant)
    db.session.commit()
    db.session.expire_all()
    assert _user(participant.id).last_activity_at == later(days=365 * 2)
    at_start.move_to(later(days=365 * 3 + 5))
    assert participant.id not in _due_ids()  # three years from the start, but active a year ago
    at_start.move_to(later(days=365 * 5 + 5))
    assert participant.id in _due_ids()


def test_staff_opening_a_record_or_a_reminder_is_not_activity(app, ctx, people, at_start):
    grants = Grants(app, people)
    participant = grants.eligible_participant()
    application = grants.submitted(grants.round(), participant=participant)
    db.session.commit()
    at_start.move_to(later(days=30))
    application.reminded_at = later(days=30)  # a job's reminder
    db.session.commit()
    assert _user(participant.id).last_activity_at == START


def test_three_years_after_last_activity_confirming_anonymises_as_a_deletion_request_does(app, ctx, people,
                                                                                         at_start):
    grants = Grants(app, people)
    round_id = grants.round()
    twins = []
    for name in ("Malee", "Malee"):
        participant = grants.eligible_participant(name)
        grants.submitted(round_id, participant=participant)
        twins.append(participant.id)
    staff = _user(people.make(Role.STAFF))
    db.session.commit()
    at_start.move_to(later(days=365 * 3 + 2))
    assert set(twins) <= _due_ids()
    asked, due = twins
    privacy.confirm_deletion(privacy.request_deletion(_user(asked)).id, staff)
    assert retention.anonymise_participants([due], staff) == 1
    db.session.commit()
    db.session.expire_all()
    by_request, by_time = _user(asked), _user(due)
    skip = {"id", "username", "email", "last_activity_at"}
    assert {c.name: getattr(by_request, c.key) for c in User.__table__.columns if c.name not in skip} == \
        {c.name: getattr(by_time, c.key) for c in User.__table__.columns if c.name not in skip}
    assert by_time.anonymised_at is not None and by_time.display_name == "—"

    def what_is_left(person: User) -> dict:  # all but the log about them, and the placeholder name by id
        data = {k: v for k, v in privacy.collect_data(person).items() if k != "access"}
        data["account"] = [{**row, "username": row["username"].replace(str(person.id), "<id>")}
                           for row in data["account"]]
        return data

    assert what_is_left(by_request) == what_is_left(by_time)
    assert db.session.scalar(sa.select(GrantApplication.business_idea)
                             .where(GrantApplication.participant_id == due)) == ""
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
        AuditEntry.action == "privacy.retention_anonymised", AuditEntry.record_id == str(due))) == 1
    assert due not in _due_ids()


def test_a_closed_case_counts_from_its_closing(app, ctx, people, at_start):
    participant = _user(people.make(Role.PARTICIPANT, "Malee"))
    staff = _user(people.make(Role.STAFF))
    at_start.move_to(later(days=365 * 2))
    retention.close_case(participant, staff)
    db.session.commit()
    at_start.move_to(later(days=365 * 3 + 5))
    assert participant.id not in _due_ids()  # inactive for three years, but closed only a year ago
    at_start.move_to(later(days=365 * 5 + 5))
    assert participant.id in _due_ids()
    retention.reopen_case(participant, staff)
    assert participant.case_closed_at is None
    assert participant.id not in _due_ids()  # reopening is activity: a reopened case is never due at once
    with pytest.raises(retention.RetentionError):
        retention.reopen_case(participant, staff)
    assert {e.action for e in db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.record_id == str(participant.id), AuditEntry.record_type == "participant"))} >= {
        "participant.case_closed", "participant.case_reopened"}


def _read_entry(at: datetime, participant_id: int) -> int:
    entry = AuditEntry(at=at, action="participant.view", record_type="participant", record_id=str(participant_id))
    db.session.add(entry)
    db.session.flush()
    return entry.id


def test_read_entries_older_than_two_years_go_newer_stay(app, ctx, people, at_start):
    participant_id = people.make(Role.PARTICIPANT)
    old, new = _read_entry(START, participant_id), _read_entry(later(days=400), participant_id)
    change = AuditEntry(at=START, action="participant.update", record_type="participant",
                        record_id=str(participant_id))
    db.session.add(change)
    db.session.commit()
    at_start.move_to(later(days=365 * 2 + 2))
    assert retention.other_records_due().read_entries == 1
    done = retention.forget_other_records(_user(people.make(Role.STAFF)))
    db.session.commit()
    assert done.read_entries == 1
    assert db.session.get(AuditEntry, old) is None and db.session.get(AuditEntry, new) is not None
    assert db.session.get(AuditEntry, change.id) is not None  # what was changed stays in the audit log


def test_withdrawn_and_declined_applications_lose_their_words_after_a_year(app, ctx, people, at_start):
    grants = Grants(app, people)
    round_id = grants.round()
    withdrawn = grants.submitted(round_id)
    from grants import applications
    applications.withdraw(withdrawn, withdrawn.participant)
    kept = grants.submitted(round_id, participant=grants.eligible_participant("Somchai"))
    db.session.commit()
    at_start.move_to(later(days=200))
    late = grants.submitted(round_id, participant=grants.eligible_participant("Nok"))
    applications.withdraw(late, late.participant)
    db.session.commit()
    at_start.move_to(later(days=370))
    assert dict((str(t), n) for t, n in retention.other_records_due().applications)["Grant applications"] == 1
    retention.forget_other_records(_user(people.make(Role.STAFF)))
    db.session.commit()
    db.session.expire_all()
    assert (withdrawn.business_idea, withdrawn.market, withdrawn.amount_requested_thb) == ("", "", 20_000)
    assert late.business_idea and kept.business_idea  # too recent; not ended
    assert withdrawn.participant.anonymised_at is None  # only the application's words


def test_automatic_mode_does_it_all_at_night(app, ctx, people, at_start):
    participant_id = people.make(Role.PARTICIPANT)
    old = _read_entry(START, participant_id)
    db.session.commit()
    at_start.move_to(later(days=365 * 3 + 2))
    assert "waiting for staff" in retention.nightly()
    db.session.expire_all()
    assert _user(participant_id).anonymised_at is None and db.session.get(AuditEntry, old) is not None
    app.config["RETENTION_AUTOMATIC"] = True
    try:
        assert "anonymised 1 participants" in retention.nightly()
    finally:
        app.config["RETENTION_AUTOMATIC"] = False
    db.session.commit()
    db.session.expire_all()
    assert _user(participant_id).anonymised_at is not None and db.session.get(AuditEntry, old) is None
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "privacy.retention_anonymised"))
    assert entry.actor_id is None and entry.detail == {"automatic": True}


def test_nothing_due_changes_nothing_and_impact_figures_stay(app, ctx, people, at_start):
    grants = Grants(app, people)
    grants.submitted(grants.round())
    participant_id = people.make(Role.PARTICIPANT)
    _read_entry(START, participant_id)
    db.session.add(ImpactSnapshot(years=[2026], public={"people": 12}, internal={"people": 12}))
    db.session.commit()

    def state():
        return (db.session.execute(sa.select(User.id, User.display_name, User.anonymised_at)).all(),
                db.session.execute(sa.select(AuditEntry.id)).all(),
                db.session.execute(sa.select(GrantApplication.id, GrantApplication.business_idea)).all())

    snapshot = db.session.execute(sa.select(ImpactSnapshot.id, ImpactSnapshot.public)).all()
    before = state()
    app.config["RETENTION_AUTOMATIC"] = True
    try:
        at_start.move_to(later(days=30))
        retention.nightly()
        db.session.commit()
        assert state() == before
        at_start.move_to(later(days=365 * 4))
        retention.nightly()  # everything due now: people anonymised, but the figures stay
        db.session.commit()
    finally:
        app.config["RETENTION_AUTOMATIC"] = False
    assert db.session.execute(sa.select(ImpactSnapshot.id, ImpactSnapshot.public)).all() == snapshot


def test_staff_confirm_a_page_or_chosen_rows(app, signed_in, people):
    with time_machine.travel(START, tick=False) as traveller:
        ids = [people.make(Role.PARTICIPANT, f"Old {n}") for n in range(3)]
        traveller.move_to(later(days=365 * 3 + 2))
        client, staff_id = signed_in(Role.STAFF)
        page = client.get("/staff/retention").get_data(as_text=True)
        assert all(f'value="{i}"' in page for i in ids) and "Old 1" in page
        post_form(client, "/staff/retention/participants", {"ids": [str(ids[0])]})
        with app.app_context():
            assert [_user(i).anonymised_at is not None for i in ids] == [True, False, False]
        post_form(client, "/staff/retention/participants", {"all": "1", "page_ids": [str(i) for i in ids]})
        with app.app_context():
            assert all(_user(i).anonymised_at is not None for i in ids)
            assert _user(staff_id).anonymised_at is None  # staff are never "due": only participants
        assert "No participant" in client.get("/staff/retention").get_data(as_text=True)


def test_staff_close_and_reopen_a_case_from_the_record(app, signed_in, people):
    participant_id = people.make(Role.PARTICIPANT, "Malee")
    client, _ = signed_in(Role.STAFF)
    assert "Close the case" in client.get(f"/staff/participants/{participant_id}").get_data(as_text=True)
    post_form(client, f"/staff/participants/{participant_id}/case/close")
    assert "Reopen the case" in client.get(f"/staff/participants/{participant_id}").get_data(as_text=True)
    post_form(client, f"/staff/participants/{participant_id}/case/reopen")
    with app.app_context():
        assert _user(participant_id).case_closed_at is None


def test_the_notice_and_my_information_state_the_periods(app, signed_in, client):
    notice = client.get("/privacy").get_data(as_text=True)
    assert "We keep your record for 3 years after you last use Pathways" in notice
    assert "is kept for 2 years" in notice and "removed 1 year after it ended" in notice
    participant, _ = signed_in(Role.PARTICIPANT)
    assert "is kept for 2 years" in participant.get("/me/data").get_data(as_text=True)
    post_form(participant, "/language", {"language": "th"})
    assert "เก็บไว้ 2 ปี" in participant.get("/me/data").get_data(as_text=True)


def test_signing_in_is_activity(app, people):
    from tests.conftest import sign_in
    with time_machine.travel(START, tick=False) as traveller:
        participant_id = people.make(Role.PARTICIPANT, "Malee", username="malee-r")
        traveller.move_to(later(days=500))
        assert sign_in(app.test_client(), "malee-r").status_code == 302
        with app.app_context():
            assert _user(participant_id).last_activity_at == later(days=500)
