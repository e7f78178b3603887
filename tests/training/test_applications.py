"""The pathway: apply, offer, decline without losing anything, steps, seats never overbooked, employers'
view limited to what was shared."""
import threading
from datetime import date

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import Role, User
from privacy import services as privacy
from tests.conftest import post_form
from tests.steps_walks import apply_to_post
from training import applications
from training.models import Application, Course, PathwayStep

TODAY = date(2026, 11, 23)


def test_decline_an_offer_keeps_it_visible_and_allows_applying_again(app, training, people, signed_in):
    client, participant_id = signed_in(Role.PARTICIPANT)
    staff_id = people.make(Role.STAFF)
    course_id = training.course(seats=1)
    assert post_form(client, f"/courses/{course_id}/apply").status_code == 302
    with app.app_context():
        application = db.session.scalar(sa.select(Application))
        applications.offer_course_place(application, db.session.get(User, staff_id), TODAY)
        assert db.session.get(Course, course_id).seats_taken == 1
        application_id = application.id
    assert post_form(client, f"/me/applications/{application_id}/step-back").status_code == 302
    page = client.get("/me/pathway").get_data(as_text=True)
    assert "You said no to this offer" in page and "Said no to an offer" in page
    with app.app_context():
        assert db.session.get(Course, course_id).seats_taken == 0  # the seat is free again
    assert post_form(client, f"/courses/{course_id}/apply").status_code == 302
    with app.app_context():
        statuses = sorted(db.session.scalars(sa.select(Application.status)))
    assert statuses == ["applied", "declined"]


def test_cannot_apply_twice_while_open(app, training, signed_in):
    client, _ = signed_in(Role.PARTICIPANT)
    course_id = training.course()
    post_form(client, f"/courses/{course_id}/apply")
    response = post_form(client, f"/courses/{course_id}/apply", follow_redirects=True)
    assert "You have already applied to this course." in response.get_data(as_text=True)


def test_steps_through_to_exam_and_eligibility_facts(app, training, people):
    participant_id, staff_id = people.make(Role.PARTICIPANT), people.make(Role.STAFF)
    course_id = training.course()
    with app.app_context():
        participant, staff = db.session.get(User, participant_id), db.session.get(User, staff_id)
        application = applications.apply_to_course(participant, db.session.get(Course, course_id), TODAY)
        with pytest.raises(applications.PathwayError):
            applications.record_step(application, staff, "enrolled", TODAY)  # not offered yet
        applications.offer_course_place(application, staff, TODAY)
        applications.record_step(application, staff, "enrolled", TODAY)
        applications.record_step(application, staff, "completed", TODAY)
        applications.record_step(application, staff, "exam_failed", TODAY)
        assert applications.eligibility_facts(participant_id)["passed_exit_exam"] is False
        applications.record_step(application, staff, "exam_passed", TODAY)  # a retake
        facts = applications.eligibility_facts(participant_id)
        assert facts["completed_course"] and facts["passed_exit_exam"]
        assert db.session.get(Course, course_id).seats_taken == 0  # completed: the seat is released


def _accept_concurrently(app, application_ids, staff_id):
    results, barrier = [], threading.Barrier(len(application_ids))

    def accept(application_id):
        with app.app_context():
            application = db.session.get(Application, application_id)
            staff = db.session.get(User, staff_id)
            barrier.wait()
            try:
                applications.offer_course_place(application, staff, TODAY)
                db.session.commit()  # the thread is the request: it commits what it did
                results.append("won")
            except applications.PathwayError:
                results.append("full")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=(i,)) for i in application_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.real_commits  # threads on connections of their own
def test_concurrent_accepts_for_the_last_seat_exactly_one_wins(app, training, people):
    staff_id = people.make(Role.STAFF)
    course_id = training.course(seats=3, seats_taken=2)
    ids = []
    with app.app_context():
        course = db.session.get(Course, course_id)
        for _ in range(8):
            participant = db.session.get(User, people.make(Role.PARTICIPANT))
            ids.append(applications.apply_to_course(participant, course, TODAY).id)
            db.session.commit()  # each application is its own unit of work, as each request would be
    results = _accept_concurrently(app, ids, staff_id)
    assert sorted(results) == ["full"] * 7 + ["won"]
    with app.app_context():
        assert db.session.get(Course, course_id).seats_taken == 3
        assert db.session.scalar(sa.select(sa.func.count()).where(Application.status == "offered")) == 1


def test_seats_can_never_be_overbooked_even_by_a_direct_write(app, training):
    course_id = training.course(seats=1, seats_taken=1)
    with app.app_context():
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(sa.update(Course).where(Course.id == course_id).values(seats_taken=2))
            db.session.commit()
        db.session.rollback()


def _employer_with_post(training, people, number):
    employer_id = people.make(Role.EMPLOYER)
    org_id = training.organisation(employer_id, number=number)
    return employer_id, training.post(org_id)


def test_applying_to_a_post_needs_consent_and_shares_only_what_was_ticked(app, training, people, signed_in):
    employer_id, post_id = _employer_with_post(training, people, "0105500000011")
    client, participant_id = signed_in(Role.PARTICIPANT, name="Malee")
    with app.app_context():
        person = db.session.get(User, participant_id)
        person.phone, person.email = "081 111 2222", "malee@example.org"
        db.session.commit()
    refused = apply_to_post(client, post_id, {"shared_fields": ["phone"]})
    assert refused.status_code == 200 and "First agree that employers may see" in refused.get_data(as_text=True)
    assert 'href="/me/privacy">What I share</a>' in refused.get_data(as_text=True)  # where to agree
    post_form(client, "/me/privacy", {"purpose": "share_with_employers", "agree": "1"})
    assert apply_to_post(client, post_id, {"shared_fields": ["phone"], "message": "Hello"}).status_code == 302
    employer = app.test_client()
    from tests.conftest import sign_in
    sign_in(employer, people.login_name(employer_id))
    page = employer.get(f"/employer/posts/{post_id}/applications").get_data(as_text=True)
    assert "081 111 2222" in page and "Hello" in page
    assert "Malee" not in page and "malee@example.org" not in page  # not ticked: not shown
    for word in ("programme", "participant", "support"):
        assert word not in page.split('<main id="main">')[1].split("</main>")[0].lower()


def test_a_way_to_be_reached_that_is_empty_cannot_be_shared(app, training, people, signed_in):
    """Malee ticked "share phone" with no phone on record: the employer would have had no way to answer."""
    _, post_id = _employer_with_post(training, people, "0105500000012")
    client, participant_id = signed_in(Role.PARTICIPANT, name="Malee")
    post_form(client, "/me/privacy", {"purpose": "share_with_employers", "agree": "1"})
    refused = apply_to_post(client, post_id, {"shared_fields": ["phone"]})
    assert refused.status_code == 200 and "We have no phone number for you" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Application.id))) == 0
        person = db.session.get(User, participant_id)
        person.phone = "081 111 2222"
        db.session.commit()
    assert apply_to_post(client, post_id, {"shared_fields": ["phone"]}).status_code == 302


def test_an_employer_cannot_read_another_employers_applications(app, training, people, signed_in):
    _, post_id = _employer_with_post(training, people, "0105500000021")
    other, _ = signed_in(Role.EMPLOYER)
    training.organisation(people.make(Role.EMPLOYER), number="0105500000022")
    assert other.get(f"/employer/posts/{post_id}/applications").status_code == 404
    assert other.get(f"/employer/posts/{post_id}/edit").status_code == 404


def test_employer_records_hired_and_the_pathway_shows_it(app, training, people):
    employer_id, post_id = _employer_with_post(training, people, "0105500000031")
    participant_id = people.make(Role.PARTICIPANT, email="hired@example.org")  # the way the employer answers
    with app.app_context():
        participant = db.session.get(User, participant_id)
        privacy.give_consent(participant, "share_with_employers", "v1")
        from training.employer_models import WorkPost
        post = db.session.get(WorkPost, post_id)
        application = applications.apply_to_post(participant, post, ["email"], "", TODAY)
        applications.record_outcome(application, db.session.get(User, employer_id), "hired", TODAY)
        steps = db.session.scalars(sa.select(PathwayStep.step).where(
            PathwayStep.participant_id == participant_id)).all()
        assert steps == ["applied", "hired"]
        assert post.filled == 1
