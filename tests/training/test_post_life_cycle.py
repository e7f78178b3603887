"""An employer pauses, resumes, closes and posts again (issue 33): a paused or closed post is not open anywhere
a job seeker looks; resuming goes through the safe-recruitment check; closing ends the open applications
without a hire and tells each person in their language; a second press changes and records nothing."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from core import clock
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import AuditEntry, Notice, OutboxMessage, Role, User
from privacy import services as privacy
from tests.conftest import post_form, sign_in
from tests.training.test_employers import POST_FORM
from training import applications, listings, post_actions, recommendations
from training.employer_models import EmployerOrganisation, WorkPost
from training.employers import EmployerError, save_post
from training.models import Application
from training.refusals import PathwayError


def _audits(post_id: int, action: str) -> int:
    return db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
        AuditEntry.action == action, AuditEntry.record_type == "work_post", AuditEntry.record_id == str(post_id)))


@pytest.fixture
def world(app, training, people):
    """A verified employer with a public post (two places) and a participant who shares with employers."""
    employer_id = people.make(Role.EMPLOYER)
    organisation_id = training.organisation(employer_id)
    post_id = training.post(organisation_id, title="Rice cook", openings=2, published_at=utcnow())
    employer = app.test_client()
    sign_in(employer, people.login_name(employer_id))
    return {"employer_id": employer_id, "organisation_id": organisation_id, "post_id": post_id,
            "employer": employer}


_ADDRESSES = iter(range(10**6))


def _applicant(app, people, post_id: int, locale: str | None = None, email: str | None = None) -> int:
    # the e-mail is the way shared with the employer: one on record (apply_to_post refuses an empty one)
    participant_id = people.make(Role.PARTICIPANT, email=email or f"applicant{next(_ADDRESSES)}@example.org")
    with app.app_context():
        participant = db.session.get(User, participant_id)
        participant.locale = locale
        privacy.give_consent(participant, "share_with_employers", "v1")
        application = applications.apply_to_post(participant, db.session.get(WorkPost, post_id), ["email"], "",
                                                 clock.today())
        db.session.commit()
        return application.id


def test_pause_hides_the_post_everywhere_and_a_second_press_changes_and_records_nothing(app, world):
    post_id, employer = world["post_id"], world["employer"]
    assert "Rice cook" in app.test_client().get("/opportunities").get_data(as_text=True)
    page = employer.get(f"/employer/posts/{post_id}/applications").get_data(as_text=True)
    assert "Pause this post" in page and "Close this post for good" in page

    response = post_form(employer, f"/employer/posts/{post_id}/pause", follow_redirects=True)
    assert "Your post is paused" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(WorkPost, post_id).status == "paused"
        assert _audits(post_id, "work_post.pause") == 1
        # Not open anywhere a job seeker looks: listings, the matches' table, the post's own page.
        assert listings.public_post(post_id) is None
        columns = recommendations.opportunities()
        assert post_id not in set(columns.id[columns.kind != "course"].tolist())
    assert "Rice cook" not in app.test_client().get("/opportunities").get_data(as_text=True)
    assert "Rice cook" not in app.test_client().get("/opportunities?q=Rice").get_data(as_text=True)
    public = app.test_client().get(f"/posts/{post_id}", follow_redirects=True).get_data(as_text=True)
    assert "The employer has paused this offer" in public

    again = post_form(employer, f"/employer/posts/{post_id}/pause", follow_redirects=True).get_data(as_text=True)
    assert "This post is already paused." in again
    with app.app_context():
        assert db.session.get(WorkPost, post_id).status == "paused"
        assert _audits(post_id, "work_post.pause") == 1  # no second row
    assert "Resume this post" in employer.get(f"/employer/posts/{post_id}/applications").get_data(as_text=True)


def test_a_second_pause_that_read_the_post_before_the_first_moved_it_updates_no_row(app, world, ctx):
    """Two presses at once: both read "published"; the first conditional UPDATE moves it, the second's WHERE
    finds no published row (0 rows) and it is told the post is already paused, with no second audit row."""
    employer, post = db.session.get(User, world["employer_id"]), db.session.get(WorkPost, world["post_id"])
    post_actions.pause_post(employer, post)
    assert changed_rows(sa.update(WorkPost).where(WorkPost.id == post.id, WorkPost.status == "published")
                        .values(status="paused").execution_options(synchronize_session=False)) == 0
    set_committed_value(post, "status", "published")  # what the second request read before the first wrote
    with pytest.raises(EmployerError) as refused:
        post_actions.pause_post(employer, post)
    assert str(refused.value.message).startswith("This post is already paused")
    assert post.status == "paused" and _audits(post.id, "work_post.pause") == 1


def test_applications_to_a_paused_post_stay_and_can_be_answered_but_nobody_can_apply(app, world, people):
    post_id, employer = world["post_id"], world["employer"]
    application_id = _applicant(app, people, post_id)
    post_form(employer, f"/employer/posts/{post_id}/pause")
    assert post_form(employer, f"/employer/applications/{application_id}/offer").status_code == 302
    with app.app_context():
        assert db.session.get(Application, application_id).status == "offered"
    newcomer_id = people.make(Role.PARTICIPANT, email="newcomer@example.org")
    with app.app_context():
        newcomer = db.session.get(User, newcomer_id)
        privacy.give_consent(newcomer, "share_with_employers", "v1")
        db.session.commit()
        with pytest.raises(PathwayError, match="paused this offer"):
            applications.apply_to_post(newcomer, db.session.get(WorkPost, post_id), ["email"], "", clock.today())
        db.session.rollback()
    client = app.test_client()
    sign_in(client, people.login_name(newcomer_id))
    for path in (f"/posts/{post_id}/apply", f"/posts/{post_id}/apply/share"):
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200 and "The employer has paused this offer" in response.get_data(as_text=True)
    assert post_form(client, f"/posts/{post_id}/apply", {"shared_fields": ["email"]}).status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Application.id)).where(
            Application.participant_id == newcomer_id)) == 0


def test_thai_applicant_is_refused_a_paused_post_in_thai(app, world, people):
    post_form(world["employer"], f"/employer/posts/{world['post_id']}/pause")
    participant_id = people.make(Role.PARTICIPANT)
    client = app.test_client()
    sign_in(client, people.login_name(participant_id))
    page = client.get(f"/posts/{world['post_id']}/apply", headers={"Accept-Language": "th"},
                      follow_redirects=True).get_data(as_text=True)
    assert "นายจ้างพักประกาศนี้ไว้" in page


def test_resume_is_checked_again_like_a_save(app, world, training, people):
    training.wages()
    post_id, employer = world["post_id"], world["employer"]
    post_form(employer, f"/employer/posts/{post_id}/pause")
    assert post_form(employer, f"/employer/posts/{post_id}/resume").status_code == 302
    with app.app_context():
        post = db.session.get(WorkPost, post_id)
        assert post.status == "published" and post.published_at is not None
        assert _audits(post_id, "work_post.resume") == 1
    again = post_form(employer, f"/employer/posts/{post_id}/resume", follow_redirects=True).get_data(as_text=True)
    assert "This post is already public." in again
    # While paused, a fee appears in the post: resuming holds it for staff instead.
    post_form(employer, f"/employer/posts/{post_id}/pause")
    with app.app_context():
        db.session.get(WorkPost, post_id).worker_fee_thb = 2000
        db.session.commit()
    post_form(employer, f"/employer/posts/{post_id}/resume")
    with app.app_context():
        post = db.session.get(WorkPost, post_id)
        assert post.status == "pending_review" and "worker_fee" in post.red_flags
        assert _audits(post_id, "work_post.hold") == 1 and _audits(post_id, "work_post.resume") == 1
        assert listings.public_post(post_id) is None


@pytest.mark.parametrize("employer_state", ["suspended", "unverified"])
def test_a_suspended_or_unverified_employer_resumes_into_staff_hands(app, world, employer_state):
    post_id, employer = world["post_id"], world["employer"]
    post_form(employer, f"/employer/posts/{post_id}/pause")
    with app.app_context():
        organisation = db.session.get(EmployerOrganisation, world["organisation_id"])
        if employer_state == "suspended":
            organisation.suspended_at = utcnow()
        else:
            organisation.verified_at = None
        db.session.commit()
    page = post_form(employer, f"/employer/posts/{post_id}/resume", follow_redirects=True).get_data(as_text=True)
    assert "waits for programme staff" in page
    with app.app_context():
        assert db.session.get(WorkPost, post_id).status == "pending_review"


def test_a_clean_change_to_a_paused_post_keeps_it_paused(app, world, ctx):
    employer, post = db.session.get(User, world["employer_id"]), db.session.get(WorkPost, world["post_id"])
    post_actions.pause_post(employer, post)
    save_post(employer, {"title": "Rice cook (mornings)"}, clock.today(), post)
    assert post.status == "paused" and listings.public_post(post.id) is None


def test_closing_ends_open_applications_without_a_hire_and_tells_each_person_in_their_language(
        app, world, people):
    post_id, employer = world["post_id"], world["employer"]
    waiting = _applicant(app, people, post_id, locale="th", email="ploy@example.org")
    offered = _applicant(app, people, post_id, locale="vi", email="lan@example.org")
    hired = _applicant(app, people, post_id)
    post_form(employer, f"/employer/applications/{offered}/offer")
    post_form(employer, f"/employer/applications/{hired}/hired")
    page = post_form(employer, f"/employer/posts/{post_id}/close", follow_redirects=True).get_data(as_text=True)
    assert "2 open applications were closed" in page and "Post again as a new post" in page
    with app.app_context():
        assert db.session.get(WorkPost, post_id).status == "closed"
        assert _audits(post_id, "work_post.close") == 1
        rows = {a.id: a for a in db.session.scalars(sa.select(Application).where(Application.post_id == post_id))}
        assert (rows[waiting].status, rows[waiting].outcome) == ("not_offered", None)  # nothing against them
        assert (rows[offered].status, rows[offered].outcome) == ("not_offered", None)
        assert (rows[hired].status, rows[hired].outcome) == ("completed", "hired")  # a hire stands
        told = set(db.session.scalars(sa.select(Notice.user_id).where(Notice.kind == "application.post_closed")))
        assert told == {rows[waiting].participant_id, rows[offered].participant_id}
        subjects = dict(db.session.execute(sa.select(OutboxMessage.recipient, OutboxMessage.subject).where(
            OutboxMessage.recipient.in_(["ploy@example.org", "lan@example.org"]),
            OutboxMessage.body.contains("Rice cook"))).all())
        assert subjects == {"ploy@example.org": "งานที่คุณสมัครไว้ปิดรับแล้ว",
                            "lan@example.org": "Công việc bạn đã ứng tuyển đã đóng"}
        # They may apply again elsewhere (and nothing blocks them here either: the post is just closed).
        other = WorkPost(organisation_id=world["organisation_id"], status="published", kind="job",
                         title="Dish washer", isco_code="9412", sector="food", province_code="50", openings=1)
        db.session.add(other)
        db.session.flush()
        person = db.session.get(User, rows[waiting].participant_id)
        assert applications.apply_to_post(person, other, ["email"], "", clock.today()).status == "applied"
        with pytest.raises(PathwayError, match="This offer is closed"):
            applications.apply_to_post(person, db.session.get(WorkPost, post_id), ["email"], "", clock.today())
    again = post_form(employer, f"/employer/posts/{post_id}/close", follow_redirects=True).get_data(as_text=True)
    assert "This post is already closed." in again
    with app.app_context():
        assert _audits(post_id, "work_post.close") == 1
    # Closed is final: no change, no resume.
    changed = post_form(employer, f"/employer/posts/{post_id}/edit", {**POST_FORM, "title": "Again"})
    assert changed.status_code == 200 and "This post is closed." in changed.get_data(as_text=True)
    resumed = post_form(employer, f"/employer/posts/{post_id}/resume", follow_redirects=True)
    assert "Only a paused post can be resumed." in resumed.get_data(as_text=True)
    with app.app_context():
        assert (db.session.get(WorkPost, post_id).title, db.session.get(WorkPost, post_id).status) == \
            ("Rice cook", "closed")


@pytest.mark.parametrize("status", ["pending_review", "changes_requested", "reported"])
def test_a_post_waiting_for_staff_can_be_closed(app, world, training, status):
    post_id = training.post(world["organisation_id"], status=status, title="Waiting post")
    assert post_form(world["employer"], f"/employer/posts/{post_id}/close").status_code == 302
    with app.app_context():
        assert db.session.get(WorkPost, post_id).status == "closed"


def test_post_again_copies_a_closed_post_as_a_new_one_that_is_checked(app, world, training):
    training.wages()
    post_id, employer = world["post_id"], world["employer"]
    refused = post_form(employer, f"/employer/posts/{post_id}/post-again", follow_redirects=True)
    assert "Only a closed post can be posted again." in refused.get_data(as_text=True)
    post_form(employer, f"/employer/posts/{post_id}/close")
    response = post_form(employer, f"/employer/posts/{post_id}/post-again")
    assert response.status_code == 302
    with app.app_context():
        old = db.session.get(WorkPost, post_id)
        new = db.session.scalar(sa.select(WorkPost).where(WorkPost.id != post_id, WorkPost.title == "Rice cook"))
        assert old.status == "closed" and new.status == "published" and new.filled == 0
        assert (new.openings, new.pay_amount_thb, new.declares_no_fees) == (2, old.pay_amount_thb, True)
        assert response.headers["Location"].endswith(f"/employer/posts/{new.id}/applications")
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "post.post_again"))
        assert entry.record_id == str(new.id) and entry.detail["from"] == post_id
        assert _audits(new.id, "work_post.publish") == 1  # through the same check as a new post


def _people(world, people):
    return db.session.get(User, world["employer_id"]), db.session.get(User, people.make(Role.STAFF))


@pytest.mark.parametrize("decision", ["changes", "reject"])
def test_a_post_staff_turned_back_waits_for_them_however_often_it_is_saved(app, world, training, people, decision):
    """Found from outside: after "ask for changes" or "reject", a first save sent the post to staff and a second,
    unchanged save published it. Staff's note now stands until they approve."""
    from training.employers import review_post

    training.wages()
    with app.app_context():
        employer, staff = _people(world, people)
        post = db.session.get(WorkPost, world["post_id"])
        post.status = "pending_review"
        review_post(post, staff, decision, "Known for keeping passports.")
        for _ in range(3):
            save_post(employer, {"pay_amount_thb": 450}, clock.today(), post)
            assert post.status == "pending_review" and listings.public_post(post.id) is None
        assert review_post(post, staff, "approve", "") == "published" and post.review_note == ""
        save_post(employer, {"pay_amount_thb": 460}, clock.today(), post)  # answered: a clean save stays public
        assert post.status == "published"


@pytest.mark.parametrize("before", ["reported", "changes_requested", "rejected"])
def test_closing_and_posting_again_does_not_get_round_staff(app, world, training, people, before):
    from training.employer_models import PostReport
    from training.employers import report_post, review_post

    training.wages()
    with app.app_context():
        employer, staff = _people(world, people)
        post = db.session.get(WorkPost, world["post_id"])
        if before == "reported":
            report_post(post, None, "They asked me for 20,000 baht for the agent on LINE.")
        else:
            post.status = "pending_review"
            review_post(post, staff, "changes" if before == "changes_requested" else "reject", "Not like this.")
        if before != "rejected":  # a rejected post is not open: nothing to close
            post_actions.close_post(employer, post, clock.today())
        else:
            post.status = "closed"
        copy = post_actions.post_again(employer, post, clock.today())
        assert copy.status == "pending_review" and listings.public_post(copy.id) is None
        assert db.session.scalar(sa.select(sa.func.count(PostReport.id))) == (1 if before == "reported" else 0)


def test_post_again_makes_one_copy_however_often_it_is_pressed(app, world, training):
    training.wages()
    post_id, employer = world["post_id"], world["employer"]
    post_form(employer, f"/employer/posts/{post_id}/close")
    assert post_form(employer, f"/employer/posts/{post_id}/post-again").status_code == 302
    again = post_form(employer, f"/employer/posts/{post_id}/post-again", follow_redirects=True)
    assert "This post is already posted again." in again.get_data(as_text=True)
    with app.app_context():
        copies = db.session.scalars(sa.select(WorkPost.id).where(WorkPost.id != post_id)).all()
        assert len(copies) == 1 and db.session.get(WorkPost, post_id).reposted_as_id == copies[0]
        # Two at once: the second read the closed post before the first linked its copy; its UPDATE finds the
        # link set, and it is refused (its copy goes with its rolled-back request).
        employer_user = db.session.get(User, world["employer_id"])
        stale = db.session.get(WorkPost, post_id)
        set_committed_value(stale, "reposted_as_id", None)
        with pytest.raises(EmployerError, match="already posted again"):
            post_actions.post_again(employer_user, stale, clock.today())


@pytest.mark.parametrize("upheld", [False, True])
def test_whoever_applied_can_report_a_paused_post_and_staff_see_it(app, world, people, upheld):
    """Found from outside (attack 36): a paused post answered every report with "not found", so a person who
    applied to it could not tell staff what happened to them. Now their pathway links to the report; the post
    waits for staff; an unfounded report puts it back as its employer left it (paused), an upheld one rejects it."""
    from training.employers import resolve_reports

    post_id, employer = world["post_id"], world["employer"]
    _applicant(app, people, post_id, email="harmed@example.org")
    with app.app_context():
        participant_id = db.session.scalar(sa.select(User.id).where(User.email == "harmed@example.org"))
    assert post_form(employer, f"/employer/posts/{post_id}/pause").status_code == 302
    stranger = app.test_client()
    assert stranger.get(f"/posts/{post_id}/report").status_code == 404  # not public, and they never applied
    applicant = app.test_client()
    sign_in(applicant, people.login_name(participant_id))
    pathway = applicant.get("/me/pathway").get_data(as_text=True)
    assert f'href="/posts/{post_id}/report"' in pathway
    answer = post_form(applicant, f"/posts/{post_id}/report",
                       {"reason_code": "documents", "reason": "They kept my ID card when I went to the interview."})
    assert answer.status_code == 302
    with app.app_context():
        post = db.session.get(WorkPost, post_id)
        assert post.status == "reported"
        assert f"/staff/training/posts/{post_id}/review" in _staff_dashboard(app, people)
        assert resolve_reports(post, db.session.get(User, people.make(Role.STAFF)), republish=not upheld,
                               note="Checked with the employer.") == ("rejected" if upheld else "paused")
        assert listings.public_post(post_id) is None


def _staff_dashboard(app, people) -> str:
    staff = app.test_client()
    sign_in(staff, people.login_name(people.make(Role.STAFF)))
    return staff.get("/staff/training/").get_data(as_text=True)


def test_staff_answer_a_reported_post_as_reports_not_as_an_approval(app, world, people):
    """A reported post's decision is an answer to its reports. It was offered as "Approve and publish / Ask for
    changes / Reject", where "Ask for changes" upheld the reports and hid the post without saying so."""
    post_id, employer = world["post_id"], world["employer"]
    _applicant(app, people, post_id, email="reporter@example.org")
    with app.app_context():
        participant_id = db.session.scalar(sa.select(User.id).where(User.email == "reporter@example.org"))
    applicant = app.test_client()
    sign_in(applicant, people.login_name(participant_id))
    assert post_form(applicant, f"/posts/{post_id}/report", {"reason_code": "documents"}).status_code == 302
    staff = app.test_client()
    sign_in(staff, people.login_name(people.make(Role.STAFF)))
    review = f"/staff/training/posts/{post_id}/review"
    page = staff.get(review).get_data(as_text=True)
    assert "Were the reports right?" in page
    assert "Not upheld: show the post again" in page and "Upheld: keep the post hidden and tell the employer" in page
    assert "Approve and publish" not in page and "Ask for changes" not in page
    # The old third answer is not one of these two: refused, and the post still waits for staff.
    assert post_form(staff, review, {"decision": "changes", "note": "x"}).status_code == 200
    with app.app_context():
        assert db.session.get(WorkPost, post_id).status == "reported"
    assert post_form(employer, f"/employer/posts/{post_id}/close").status_code == 302
    closed = staff.get(review).get_data(as_text=True)
    assert "Upheld: note it on the employer's record" in closed and "show the post again" not in closed
    # A post that waits for its first review is approved or not, as before.
    with app.app_context():
        post = db.session.get(WorkPost, post_id)
        post.status = "pending_review"
        db.session.commit()
    assert "Approve and publish" in staff.get(review).get_data(as_text=True)
