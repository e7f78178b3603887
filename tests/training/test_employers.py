"""Employers: unverified ones publish nothing; flagged posts wait; staff approve, ask for changes or reject;
a report hides a post until staff look."""
from datetime import date

import sqlalchemy as sa

from core.extensions import db
from core.models import AuditEntry, Role
from tests.conftest import post_form, post_review, sign_in
from tests.training.conftest import CLEAN_POST
from training.employer_models import WorkPost

ON = date(2026, 11, 23)

POST_FORM = {
    "kind": "job", "title": "Kitchen helper", "description": "Prepare vegetables.", "isco_code": "9412",
    "sector": "food", "province_code": "50", "district_code": "5001", "days": ["0", "1", "2", "3", "4"],
    "hours_from": "8", "hours_to": "17", "overtime_hours_week": "0", "pay_amount_thb": "400", "pay_period": "day",
    "openings": "1", "language": "th", "reading_level_needed": "none", "worker_fee_thb": "0",
    "declares_no_fees": "y", "declares_keeps_documents": "y", "declares_free_to_leave": "y",
    "declares_minimum_wage": "y", "declares_legal_hours": "y", "contract_type": "permanent",
}


def _register(client, number="0105500000099"):
    return post_form(client, "/employer/", {"name": "Good Food Co", "registration_number": number,
                                            "address": "Chiang Mai", "province_code": "50", "contact_name": "K",
                                            "contact_phone": "053 111"})


def _statuses(app):
    with app.app_context():
        return db.session.execute(sa.select(WorkPost.title, WorkPost.status, WorkPost.red_flags)).all()


def test_unverified_employer_publishes_nothing_until_verified(app, training, signed_in):
    training.wages()
    employer, _ = signed_in(Role.EMPLOYER)
    _register(employer)
    assert post_form(employer, "/employer/posts/new", POST_FORM).status_code == 302
    [(title, status, flags)] = _statuses(app)
    assert status == "pending_review" and flags == ["unverified_employer"]
    assert "Kitchen helper" not in app.test_client().get("/opportunities").get_data(as_text=True)
    staff, _ = signed_in(Role.STAFF)
    from training.employer_models import EmployerOrganisation
    with app.app_context():
        org_id = db.session.scalar(sa.select(EmployerOrganisation.id))
    post_form(staff, f"/staff/training/employers/{org_id}/verify")
    assert _statuses(app)[0][1] == "published"
    assert "Kitchen helper" in app.test_client().get("/opportunities").get_data(as_text=True)


def test_wage_under_minimum_waits_then_changes_then_approval(app, training, signed_in, people):
    training.wages()
    employer_id = people.make(Role.EMPLOYER)
    training.organisation(employer_id)
    employer = app.test_client()
    sign_in(employer, people.login_name(employer_id))
    post_form(employer, "/employer/posts/new", {**POST_FORM, "kind": "apprenticeship", "duration_months": "3",
                                                "pay_amount_thb": "250"})
    [(_, status, flags)] = _statuses(app)
    assert (status, flags) == ("pending_review", ["wage_under_minimum"])
    assert "The pay is under the minimum wage" in employer.get("/employer/").get_data(as_text=True)
    staff, _ = signed_in(Role.STAFF)
    with app.app_context():
        post_id = db.session.scalar(sa.select(WorkPost.id))
    no_note = post_review(staff, f"/staff/training/posts/{post_id}/review", {"decision": "changes", "note": ""})
    assert "Write a note for the employer." in no_note.get_data(as_text=True)
    post_review(staff, f"/staff/training/posts/{post_id}/review", {"decision": "changes",
                                                                   "note": "Pay at least 380 baht a day."})
    assert _statuses(app)[0][1] == "changes_requested"
    assert "Pay at least 380 baht a day." in employer.get("/employer/").get_data(as_text=True)
    post_form(employer, f"/employer/posts/{post_id}/edit", {**POST_FORM, "kind": "apprenticeship",
                                                            "duration_months": "3", "pay_amount_thb": "390"})
    assert _statuses(app)[0][1:] == ("pending_review", [])  # fixed, and back with staff who asked for it
    post_review(staff, f"/staff/training/posts/{post_id}/review", {"decision": "approve", "note": ""})
    assert _statuses(app)[0][1] == "published"


def test_staff_reject_and_audit(app, training, signed_in, people):
    org_id = training.organisation(people.make(Role.EMPLOYER))
    post_id = training.post(org_id, status="pending_review", red_flags=["worker_fee"], worker_fee_thb=5000)
    staff, staff_id = signed_in(Role.STAFF)
    post_review(staff, f"/staff/training/posts/{post_id}/review",
                {"decision": "reject", "note": "Fees are not allowed."})
    with app.app_context():
        assert db.session.get(WorkPost, post_id).status == "rejected"
        assert db.session.scalar(sa.select(AuditEntry.actor_id).where(AuditEntry.action == "post.review.reject")) \
            == staff_id


def test_a_report_hides_the_post_until_staff_look(app, training, signed_in, people):
    org_id = training.organisation(people.make(Role.EMPLOYER))
    post_id = training.post(org_id, title="Suspicious offer")
    participant, _ = signed_in(Role.PARTICIPANT)
    post_form(participant, f"/posts/{post_id}/report", {"reason_code": "documents",
                                                        "reason": "They asked me for my passport."})
    assert app.test_client().get(f"/posts/{post_id}").status_code == 404
    assert "Suspicious offer" not in app.test_client().get("/opportunities").get_data(as_text=True)
    staff, _ = signed_in(Role.STAFF)
    assert "Suspicious offer" in staff.get("/staff/training/").get_data(as_text=True)
    post_review(staff, f"/staff/training/posts/{post_id}/review", {"decision": "approve", "note": "Checked."})
    assert app.test_client().get(f"/posts/{post_id}").status_code == 200


def test_bad_post_input_is_refused_and_nothing_saved(app, training, signed_in, people):
    employer_id = people.make(Role.EMPLOYER)
    training.organisation(employer_id)
    employer = app.test_client()
    sign_in(employer, people.login_name(employer_id))
    negative = post_form(employer, "/employer/posts/new", {**POST_FORM, "pay_amount_thb": "-5"})
    backwards = post_form(employer, "/employer/posts/new", {**POST_FORM, "hours_from": "17", "hours_to": "8"})
    assert "Number must be between 0 and 1000000." in negative.get_data(as_text=True)
    assert "The end time must be after the start time." in backwards.get_data(as_text=True)
    assert _statuses(app) == []


def test_a_report_gives_its_reason_is_linked_to_the_application_and_stays_on_record_when_upheld(
        app, training, signed_in, people):
    from core.extensions import db
    from core.models import User
    from privacy.services import give_consent
    from training import applications
    from training.employer_models import PostReport

    org_id = training.organisation(people.make(Role.EMPLOYER))
    post_id = training.post(org_id, title="Factory work")
    participant, participant_id = signed_in(Role.PARTICIPANT)
    with app.app_context():
        person = db.session.get(User, participant_id)
        person.email = "reporter@example.org"  # the way she shares with the employer
        give_consent(person, "share_with_employers", "2026-11")
        applications.apply_to_post(person, db.session.get(WorkPost, post_id), ["email"], "", ON)
    refused = post_form(participant, f"/posts/{post_id}/report", {"reason_code": "other", "reason": ""})
    assert "Tell us in a few words what is wrong." in refused.get_data(as_text=True)
    post_form(participant, f"/posts/{post_id}/report", {"reason_code": "fee"})
    staff, _ = signed_in(Role.STAFF)
    page = staff.get(f"/staff/training/posts/{post_id}/review").get_data(as_text=True)
    assert "Was asked to pay a fee or deposit" in page and "after applying" in page and "I was asked" not in page
    post_review(staff, f"/staff/training/posts/{post_id}/review", {"decision": "reject", "note": "Fee confirmed."})
    with app.app_context():
        [report] = db.session.scalars(sa.select(PostReport)).all()
        assert (report.reason_code, report.upheld) == ("fee", True) and report.application_id is not None
    another = training.post(org_id, title="Second post", status="pending_review")
    record = staff.get(f"/staff/training/posts/{another}/review").get_data(as_text=True)
    assert "1 report upheld against this employer." in record


def test_a_suspended_employer_shows_no_post_and_publishes_nothing(app, training, signed_in, people):
    employer_id = people.make(Role.EMPLOYER)
    org_id = training.organisation(employer_id)
    post_id = training.post(org_id, title="Rice mill helper")
    staff, _ = signed_in(Role.STAFF)
    refused = post_form(staff, f"/staff/training/employers/{org_id}/suspend", {"reason": "short"},
                        follow_redirects=True)
    assert "Write why the employer is suspended." in refused.get_data(as_text=True)
    post_form(staff, f"/staff/training/employers/{org_id}/suspend", {"reason": "Three workers report fees asked."})
    visitor = app.test_client()
    assert visitor.get(f"/posts/{post_id}").status_code == 404
    assert "Rice mill helper" not in visitor.get("/opportunities").get_data(as_text=True)
    with app.app_context():
        from core.models import User
        from training import employers

        saved = employers.save_post(db.session.get(User, employer_id), {**CLEAN_POST, "title": "While suspended"}, ON)
        assert saved.status == "pending_review" and "employer_suspended" in saved.red_flags
    post_form(staff, f"/staff/training/employers/{org_id}/lift-suspension", {})
    assert visitor.get(f"/posts/{post_id}").status_code == 200


def test_a_post_the_screening_held_stays_with_staff_when_its_words_are_changed(app, training, signed_in, people):
    """Rewording a held post until it publishes is how a recruiter who reads the reasons gets past any screen
    (issue 27: each rules-aware attacker did exactly that against the screen). Once held for what it says, a
    change of words does not publish it: staff decide."""
    training.wages()
    employer_id = people.make(Role.EMPLOYER)
    training.organisation(employer_id)
    employer = app.test_client()
    sign_in(employer, people.login_name(employer_id))
    post_form(employer, "/employer/posts/new", {
        **POST_FORM, "description": "Prepare vegetables. A recruitment fee of 5,000 baht is paid before starting."})
    [(_, status, flags)] = _statuses(app)
    assert status == "pending_review" and flags, flags
    with app.app_context():
        post_id = db.session.scalar(sa.select(WorkPost.id))
    # The sentence taken out (the fee may still be asked for, by phone): nothing in the words is flagged now.
    post_form(employer, f"/employer/posts/{post_id}/edit", POST_FORM)
    status, flags = _statuses(app)[0][1:]
    assert flags == [] and status == "pending_review", "a held post reworded past the screen was published"
    staff, _ = signed_in(Role.STAFF)
    page = staff.get(f"/staff/training/posts/{post_id}/review").get_data(as_text=True)
    assert "the employer has changed the words since. It was held for: The text asks the worker for a fee" in page, page
    post_review(staff, f"/staff/training/posts/{post_id}/review",
                {"decision": "changes", "note": "Workers pay nothing to keep a place."})
    assert _statuses(app)[0][1] == "changes_requested"
    post_form(employer, "/employer/posts/new", {**POST_FORM, "title": "Dish washer"})  # while it is sent back
    assert {t: (s, f) for t, s, f in _statuses(app)}["Dish washer"] == ("pending_review", ["employer_post_held"])


def test_a_held_post_reworded_before_its_employer_is_verified_is_not_published_by_the_verification(
        app, training, signed_in):
    """The verification screens an unverified employer's waiting posts again and publishes those without a flag.
    A post held for its words, then reworded to pass while the employer waited, is still the screening's to hold:
    staff decide on it, not the verification."""
    training.wages()
    employer, _ = signed_in(Role.EMPLOYER)
    _register(employer)
    post_form(employer, "/employer/posts/new", {
        **POST_FORM, "description": "Prepare vegetables. A recruitment fee of 5,000 baht is paid before starting."})
    with app.app_context():
        post_id = db.session.scalar(sa.select(WorkPost.id))
    post_form(employer, f"/employer/posts/{post_id}/edit", POST_FORM)
    assert _statuses(app)[0][1:] == ("pending_review", ["unverified_employer"])
    staff, _ = signed_in(Role.STAFF)
    from training.employer_models import EmployerOrganisation
    with app.app_context():
        org_id = db.session.scalar(sa.select(EmployerOrganisation.id))
    post_form(staff, f"/staff/training/employers/{org_id}/verify")
    assert _statuses(app)[0][1] == "pending_review"
    page = staff.get(f"/staff/training/posts/{post_id}/review").get_data(as_text=True)
    assert "It was held for: The text asks the worker for a fee" in page


def test_while_a_post_is_held_for_what_it_says_the_employers_new_posts_wait_too(app, training, signed_in, people):
    """Writing the held offer again as a new post, in other words, is the next way round a held post. While one
    post of an employer waits for staff for what it says (or was closed or rejected so in the last 30 days), its
    new posts wait too, saying why, and staff approve them without a written reason (the flag is not the post's)."""
    training.wages()
    employer_id = people.make(Role.EMPLOYER)
    training.organisation(employer_id)
    employer = app.test_client()
    sign_in(employer, people.login_name(employer_id))
    post_form(employer, "/employer/posts/new", {
        **POST_FORM, "description": "Prepare vegetables. A recruitment fee of 5,000 baht is paid before starting."})
    with app.app_context():
        held_id = db.session.scalar(sa.select(WorkPost.id))
    post_form(employer, "/employer/posts/new", {**POST_FORM, "title": "Kitchen helper (new)"})
    statuses = {title: (status, flags) for title, status, flags in _statuses(app)}
    assert statuses["Kitchen helper (new)"] == ("pending_review", ["employer_post_held"])
    assert "Another post of this employer waits for programme staff" in employer.get("/employer/").get_data(
        as_text=True)
    post_form(employer, f"/employer/posts/{held_id}/close")
    assert {t: s for t, s, _ in _statuses(app)}["Kitchen helper"] == "closed"
    post_form(employer, "/employer/posts/new", {**POST_FORM, "title": "Dish washer"})
    assert {t: s for t, s, _ in _statuses(app)}["Dish washer"] == "pending_review"  # closed while held: still
    staff, _ = signed_in(Role.STAFF)
    with app.app_context():
        waiting = db.session.scalar(sa.select(WorkPost.id).where(WorkPost.title == "Dish washer"))
    post_review(staff, f"/staff/training/posts/{waiting}/review", {"decision": "approve", "note": ""})
    assert {t: s for t, s, _ in _statuses(app)}["Dish washer"] == "published"  # no written reason needed for it


def test_a_held_post_reworded_then_closed_keeps_the_employers_posts_and_its_copy_with_staff(app, training, people):
    """Two more ways round a held post, each two harmless steps: reword it (it stays held, with no flag now),
    then write a new post; or reword it, close it and press "Post again". Both wait for staff."""
    training.wages()
    employer_id = people.make(Role.EMPLOYER)
    training.organisation(employer_id)
    employer = app.test_client()
    sign_in(employer, people.login_name(employer_id))
    post_form(employer, "/employer/posts/new", {
        **POST_FORM, "description": "Prepare vegetables. A recruitment fee of 5,000 baht is paid before starting."})
    with app.app_context():
        held_id = db.session.scalar(sa.select(WorkPost.id))
    post_form(employer, f"/employer/posts/{held_id}/edit", POST_FORM)  # reworded: no flag, still waiting
    post_form(employer, "/employer/posts/new", {**POST_FORM, "title": "Cook"})
    assert {t: s for t, s, _ in _statuses(app)}["Cook"] == "pending_review"
    post_form(employer, f"/employer/posts/{held_id}/close")
    post_form(employer, f"/employer/posts/{held_id}/post-again")
    with app.app_context():
        copy = db.session.scalar(sa.select(WorkPost).where(WorkPost.id != held_id, WorkPost.title == "Kitchen helper"))
        assert copy is not None and copy.status == "pending_review", copy and copy.status


def test_a_post_held_only_for_a_fact_the_employer_corrects_publishes_when_corrected(app, training, people):
    """The pay under the minimum is a fact the employer corrects, not words to take back: corrected, the post
    publishes at once, and while it waited the employer's other posts were not kept back."""
    training.wages()
    employer_id = people.make(Role.EMPLOYER)
    training.organisation(employer_id)
    employer = app.test_client()
    sign_in(employer, people.login_name(employer_id))
    post_form(employer, "/employer/posts/new", {**POST_FORM, "pay_amount_thb": "250"})
    with app.app_context():
        post_id = db.session.scalar(sa.select(WorkPost.id))
    assert _statuses(app)[0][1:] == ("pending_review", ["wage_under_minimum"])
    post_form(employer, "/employer/posts/new", {**POST_FORM, "title": "Cook"})
    assert {t: s for t, s, _ in _statuses(app)}["Cook"] == "published"
    post_form(employer, f"/employer/posts/{post_id}/edit", POST_FORM)
    assert {t: s for t, s, _ in _statuses(app)}["Kitchen helper"] == "published"


def test_a_held_post_saved_many_times_with_clean_words_still_waits(app, training, people):
    """The hold is read from the post's history: however many clean saves follow the held one (more than any
    page of history read at once), the post still waits for staff."""
    training.wages()
    employer_id = people.make(Role.EMPLOYER)
    training.organisation(employer_id)
    employer = app.test_client()
    sign_in(employer, people.login_name(employer_id))
    post_form(employer, "/employer/posts/new", {
        **POST_FORM, "description": "Prepare vegetables. A recruitment fee of 5,000 baht is paid before starting."})
    with app.app_context():
        post_id = db.session.scalar(sa.select(WorkPost.id))
    for n in range(55):
        post_form(employer, f"/employer/posts/{post_id}/edit", {**POST_FORM, "description": f"Prepare vegetables {n}."})
    assert _statuses(app)[0][1:] == ("pending_review", [])
