"""Offers: the person accepts or declines by a date, is reminded once, and is never closed out for not
answering; whoever made the offer is told either way."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from core import clock
from core.extensions import db
from core.models import Notice, Role, User
from tests.conftest import post_form, sign_in
from training import applications
from training.models import APPLICATION_STATUSES, PATHWAY_STEPS, Application, Course, PathwayStep
from training.templating import STATUS_LABELS, STEP_LABELS


def _notices(user_id: int) -> list[str]:
    return list(db.session.scalars(sa.select(Notice.kind).where(Notice.user_id == user_id).order_by(Notice.id)))


def test_the_participant_accepts_a_course_offer_and_staff_are_told(app, training, people, signed_in):
    client, participant_id = signed_in(Role.PARTICIPANT)
    staff_id = people.make(Role.STAFF)
    course_id = training.course(title="Barista", seats=2)
    post_form(client, f"/courses/{course_id}/apply")
    staff = app.test_client()
    sign_in(staff, people.login_name(staff_id))
    with app.app_context():
        application_id = db.session.scalar(sa.select(Application.id))
    answer_by = clock.today() + timedelta(days=5)
    post_form(staff, f"/staff/training/applications/{application_id}/offer", {"answer_by": answer_by.isoformat()})
    page = client.get("/me/pathway").get_data(as_text=True)
    assert "Accept this offer" in page and "Decline this offer" in page and "Please answer by" in page
    messages = client.get("/me/messages").get_data(as_text=True)
    assert "You have an offer: <span data-user-content>Barista</span>" in messages
    assert post_form(client, f"/me/applications/{application_id}/accept").status_code == 302
    with app.app_context():
        application = db.session.get(Application, application_id)
        assert (application.status, application.answer_by, application.offered_by_id) == \
            ("accepted", answer_by, staff_id)
        steps = db.session.scalars(sa.select(PathwayStep.step).where(PathwayStep.participant_id == participant_id))
        assert "offer_accepted" in set(steps)
        assert _notices(staff_id) == ["offer.accepted"] and _notices(participant_id) == ["offer.made"]
    assert "You said yes to this offer" in client.get("/me/pathway").get_data(as_text=True)
    # Saying yes closes no door: the person can still stop, and the seat is given back.
    post_form(client, f"/me/applications/{application_id}/step-back")
    with app.app_context():
        assert db.session.get(Application, application_id).status == "withdrawn"
        assert db.session.get(Course, course_id).seats_taken == 0
        assert _notices(staff_id) == ["offer.accepted", "offer.declined"]


def test_an_employer_offer_is_answered_and_the_employer_is_told(app, training, people):
    employer_id = people.make(Role.EMPLOYER)
    participant_id = people.make(Role.PARTICIPANT, email="ploy@example.org")
    post_id = training.post(training.organisation(employer_id), title="Kitchen helper")
    today = clock.today()
    with app.app_context():
        participant, employer = db.session.get(User, participant_id), db.session.get(User, employer_id)
        from privacy import services as privacy
        from training.employer_models import WorkPost
        privacy.give_consent(participant, "share_with_employers", "v1")
        application = applications.apply_to_post(participant, db.session.get(WorkPost, post_id), ["email"], "", today)
        with pytest.raises(applications.PathwayError):
            applications.offer_post(application, employer, today, today - timedelta(days=1))  # a past date
        assert application.status == "applied"
        applications.offer_post(application, employer, today)
        assert application.answer_by == today + timedelta(days=applications.OFFER_ANSWER_DAYS)
        applications.step_back(application, participant, today)
        assert application.status == "declined"
        assert _notices(employer_id) == ["application.received", "offer.declined"]
        again = applications.apply_to_post(participant, db.session.get(WorkPost, post_id), ["email"], "", today)
        applications.offer_post(again, employer, today)
        applications.accept_offer(again, participant, today)
        applications.record_outcome(again, employer, "hired", today)  # hired after saying yes
        assert again.status == "completed"


def test_one_reminder_two_days_before_and_no_answer_closes_nothing(app, training, people):
    participant_id, staff_id = people.make(Role.PARTICIPANT), people.make(Role.STAFF)
    course_id = training.course(seats=3)
    today = date(2026, 12, 1)
    with app.app_context():
        participant, staff = db.session.get(User, participant_id), db.session.get(User, staff_id)
        application = applications.apply_to_course(participant, db.session.get(Course, course_id), today)
        applications.offer_course_place(application, staff, today, today + timedelta(days=6))
        assert applications.remind_unanswered_offers(today + timedelta(days=3)) == 0  # three days before
        assert applications.remind_unanswered_offers(today + timedelta(days=4)) == 1  # two days before
        assert applications.remind_unanswered_offers(today + timedelta(days=5)) == 0  # only once
        assert _notices(participant_id) == ["offer.made", "offer.reminder"]
        assert applications.remind_unanswered_offers(today + timedelta(days=30)) == 0
        assert application.status == "offered" and db.session.get(Course, course_id).seats_taken == 1
        applications.accept_offer(application, participant, today + timedelta(days=30))  # late, still fine
        assert application.status == "accepted"


def test_staff_record_a_yes_given_in_person(app, training, people, signed_in):
    staff, staff_id = signed_in(Role.STAFF)
    participant_id = people.make(Role.PARTICIPANT)
    course_id = training.course(seats=1)
    with app.app_context():
        participant = db.session.get(User, participant_id)
        application = applications.apply_to_course(participant, db.session.get(Course, course_id), clock.today())
        applications.offer_course_place(application, db.session.get(User, staff_id), clock.today())
        db.session.commit()
        application_id = application.id
    page = staff.get(f"/staff/training/courses/{course_id}").get_data(as_text=True)
    assert "Record a yes given in person" in page and "Answer by" in page
    post_form(staff, f"/staff/training/applications/{application_id}/accepted-in-person")
    with app.app_context():
        assert db.session.get(Application, application_id).status == "accepted"
        step = db.session.scalar(sa.select(PathwayStep).where(PathwayStep.step == "offer_accepted"))
        assert step.recorded_by_id == staff_id and "in person" in step.note


def test_someone_else_cannot_accept_an_offer(app, training, people, signed_in):
    other, _ = signed_in(Role.PARTICIPANT)
    participant_id, staff_id = people.make(Role.PARTICIPANT), people.make(Role.STAFF)
    course_id = training.course()
    with app.app_context():
        application = applications.apply_to_course(db.session.get(User, participant_id),
                                                   db.session.get(Course, course_id), clock.today())
        applications.offer_course_place(application, db.session.get(User, staff_id), clock.today())
        db.session.commit()
        application_id = application.id
    post_form(other, f"/me/applications/{application_id}/accept")
    with app.app_context():
        assert db.session.get(Application, application_id).status == "offered"


def test_every_state_and_step_has_words_for_the_person():
    assert set(APPLICATION_STATUSES) <= set(STATUS_LABELS)
    assert set(PATHWAY_STEPS) <= set(STEP_LABELS)
