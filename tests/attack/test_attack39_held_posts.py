"""Attack brief 39, change 2: a post the screening held stays with staff when its employer changes the words
(training.employers.held_by_staff). The hold is read from the post's *current* flags: once one save of clean
words has cleared them, the post is "waiting for staff" with no flag, and nothing says it was ever held. Every
later step that decides "public or waiting" (a second save, a translation, staff verifying the employer, close and
"Post again") sees a clean waiting post and publishes it without any staff member having read the new words."""
from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.attack.test_attack36_screening import _edit, _form, _status, _translate
from tests.conftest import sign_in
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, build_world

pytestmark = pytest.mark.real_commits

FEE = " Before you start, pay a recruitment fee of 5,000 baht to our agent."
HONEST_THAI = {"title": "พนักงานแพ็คสินค้า", "description": "งานแพ็คสินค้าในโรงงาน ค่าจ้างตามกฎหมาย มีวันหยุดทุกสัปดาห์"}


@pytest.fixture
def employer(app):
    """The demo employer signed in, and one of its public posts that nobody reported (a report would hold it)."""
    from training.employer_models import EmployerMember, PostReport, WorkPost

    with app.app_context():
        people = build_world()
        db.session.commit()
        organisation_id = db.session.get(EmployerMember, people["employer"].id).organisation_id
        post_id = db.session.scalar(sa.select(WorkPost.id).where(
            WorkPost.organisation_id == organisation_id, WorkPost.status == "published",
            ~sa.exists().where(PostReport.post_id == WorkPost.id)).order_by(WorkPost.id))
        assert post_id is not None
    client = app.test_client()
    signed = sign_in(client, DEMO_LOGINS["employer"], DEMO_PASSWORD)
    assert signed.status_code == 302 and "/sign-in" not in signed.headers["Location"], signed.headers
    return client, post_id, people


def _held_then_reworded(app, client, post_id) -> str:
    """The employer's post is held by the screening for a fee, then reworded once without it: still waiting
    (the promise of this session's change). Returns the clean description."""
    from training.employer_models import WorkPost

    with app.app_context():
        clean = db.session.get(WorkPost, post_id).description
    _edit(client, post_id, worker_fee_thb="0", description=clean + FEE)
    status, _note, flags = _status(app, post_id)
    assert status == "pending_review" and "text_recruitment_fee" in flags, (status, flags)
    _edit(client, post_id, worker_fee_thb="0", description=clean + " Reworded.")
    status, _note, flags = _status(app, post_id)
    assert status == "pending_review", (status, flags)  # held for staff, as promised
    return clean


def test_a_held_post_saved_twice_with_clean_words_is_not_public_without_staff(app, employer):
    """Harm (critical): a recruiter whose post asked for a 5,000 baht fee is held; they reword it once (still
    waiting, "staff check it after a change") and simply press Save again: the first save cleared the stored
    flags, so the second finds a waiting post with no flag, not held, and publishes it. No staff member ever read
    the words the screening held, nor the reworded ones, and every participant can apply. Issue 27's rewording
    attack is back with one extra click."""
    client, post_id, _people = employer
    clean = _held_then_reworded(app, client, post_id)
    _edit(client, post_id, worker_fee_thb="0", description=clean + " Reworded.")
    status, _note, flags = _status(app, post_id)
    assert status == "pending_review", f"public without a staff decision after a second save ({status}, {flags})"


def test_a_held_and_reworded_post_is_not_published_by_adding_a_language(app, employer):
    """Harm (critical): as above, but the second step is an honest Thai text on the "Other languages" page:
    translate_post finds a clean waiting post, not held, and publishes the reworded post nobody read."""
    client, post_id, _people = employer
    _held_then_reworded(app, client, post_id)
    _translate(client, post_id, "th", HONEST_THAI)
    status, _note, flags = _status(app, post_id)
    assert status == "pending_review", f"public without a staff decision after a translation ({status}, {flags})"


def test_a_held_post_closed_and_posted_again_waits_for_staff(app, employer):
    """Harm (critical): the held post is closed by its employer and written again with "Post again": post_again
    carries staff's note and reports to the copy, but not that the screening held the closed post; the copy of
    the reworded words is screened clean and public at once, never read by staff."""
    from training.employer_models import WorkPost

    client, post_id, _people = employer
    _held_then_reworded(app, client, post_id)
    page = f"/employer/posts/{post_id}/applications"
    closing = _form(client, page, f"/employer/posts/{post_id}/close")
    answer = client.post(f"/employer/posts/{post_id}/close", data=closing)
    assert answer.status_code == 302, answer.get_data(as_text=True)[:1000]
    assert _status(app, post_id)[0] == "closed"
    again = _form(client, page, f"/employer/posts/{post_id}/post-again")
    answer = client.post(f"/employer/posts/{post_id}/post-again", data=again)
    assert answer.status_code == 302, answer.get_data(as_text=True)[:1000]
    with app.app_context():
        copy_id = db.session.get(WorkPost, post_id).reposted_as_id
    assert copy_id is not None
    status, _note, flags = _status(app, copy_id)
    assert status == "pending_review", f"the copy is public without a staff decision ({status}, {flags})"


def test_verifying_an_employer_does_not_publish_its_post_the_screening_held(app):
    """Harm (critical): an unverified employer's post asks for a fee (held: fee and unverified). Its employer
    rewords it (held: still waiting). Staff verify the organisation, a check of its registration, not of the
    post: verify_organisation re-screens the waiting post, finds no flag and no review, and publishes it. No
    staff member read the reworded words of a post the screening held for a fee."""
    from training import employers, vetting
    from training.employer_models import EmployerOrganisation, WorkPost

    with app.app_context():
        people = build_world()
        db.session.commit()
        organisation = db.session.scalar(sa.select(EmployerOrganisation).where(
            EmployerOrganisation.verified_at.is_(None), EmployerOrganisation.refused_at.is_(None),
            EmployerOrganisation.suspended_at.is_(None))
            .order_by(EmployerOrganisation.id))
        assert organisation is not None
        member = db.session.scalar(sa.select(employers.EmployerMember).where(
            employers.EmployerMember.organisation_id == organisation.id))
        user = db.session.get(employers.User, member.user_id)
        template = db.session.scalar(sa.select(WorkPost).where(WorkPost.status == "published")
                                     .order_by(WorkPost.id))
        values = {field: getattr(template, field) for field in employers.POST_FIELDS}
        values.update(worker_fee_thb=0, description=template.description + FEE)
        post = employers.save_post(user, values, date.today())
        assert "text_recruitment_fee" in post.red_flags and post.status == "pending_review", post.red_flags
        post = employers.save_post(user, {**values, "description": template.description + " Reworded."},
                                   date.today(), post)
        assert post.status == "pending_review", post.status
        post_id = post.id
        db.session.commit()
        vetting.verify_organisation(db.session.get(EmployerOrganisation, organisation.id), people["staff"],
                                    date.today())
        db.session.commit()
        status = db.session.get(WorkPost, post_id).status
    assert status == "pending_review", f"public on the employer's verification, never read by staff ({status})"


def test_staff_see_what_a_post_was_held_for_when_it_still_waits_for_another_flag(app, employer):
    """Harm (medium): staff are not told that the employer asked for a recruitment fee. The post is held for the
    fee; its employer takes the fee out of the words and writes a day's pay under the minimum (an everyday flag:
    "pay under the minimum wage"). The review page shows only that flag: earlier_flags answers nothing while the
    post has any flag now, so "It was held for:" is missing, and staff approve a piece-rate explanation without
    knowing this recruiter was caught charging workers a fee a minute earlier."""
    client, post_id, _people = employer
    with app.app_context():
        from training.employer_models import WorkPost

        clean = db.session.get(WorkPost, post_id).description
    _edit(client, post_id, worker_fee_thb="0", description=clean + FEE)
    assert "text_recruitment_fee" in _status(app, post_id)[2]
    _edit(client, post_id, worker_fee_thb="0", description=clean + " Reworded.", pay_amount_thb="10",
          pay_period="day")
    status, _note, flags = _status(app, post_id)
    assert status == "pending_review" and "wage_under_minimum" in flags and "text_recruitment_fee" not in flags, \
        (status, flags)
    staff = app.test_client()
    assert sign_in(staff, DEMO_LOGINS["staff"], DEMO_PASSWORD).status_code == 302
    page = staff.get(f"/staff/training/posts/{post_id}/review")
    assert page.status_code == 200, page.status_code
    assert "It was held for:" in page.get_data(as_text=True), "the review page hides the fee it was held for"


def test_staff_see_what_a_post_written_again_was_held_for(app, employer):
    """Harm (medium): the review page does not say the post was held for a fee. The employer's post asks for a
    fee and is held; they close it and press "Post again": the copy is screened, held for the same fee, and that
    screening is recorded as "post.post_again". They reword the copy once (it waits for staff, as promised).
    earlier_flags reads only "post.save" and "post.translate" entries, so staff reviewing the copy are not shown
    "It was held for:" and approve a recruiter's reworded ad as a post that was never held."""
    from training.employer_models import WorkPost

    client, post_id, _people = employer
    with app.app_context():
        clean = db.session.get(WorkPost, post_id).description
    _edit(client, post_id, worker_fee_thb="0", description=clean + FEE)
    assert "text_recruitment_fee" in _status(app, post_id)[2]
    page = f"/employer/posts/{post_id}/applications"
    assert client.post(f"/employer/posts/{post_id}/close",
                       data=_form(client, page, f"/employer/posts/{post_id}/close")).status_code == 302
    assert client.post(f"/employer/posts/{post_id}/post-again",
                       data=_form(client, page, f"/employer/posts/{post_id}/post-again")).status_code == 302
    with app.app_context():
        copy_id = db.session.get(WorkPost, post_id).reposted_as_id
    status, _note, flags = _status(app, copy_id)
    assert status == "pending_review" and "text_recruitment_fee" in flags, (status, flags)
    _edit(client, copy_id, worker_fee_thb="0", description=clean + " Reworded.")
    status, _note, flags = _status(app, copy_id)
    # Its words raise no flag now; it may wait for the closed post it was written from (the employer watch).
    assert status == "pending_review" and not set(flags) - {"unverified_employer", "employer_post_held"}, \
        (status, flags)
    staff = app.test_client()
    assert sign_in(staff, DEMO_LOGINS["staff"], DEMO_PASSWORD).status_code == 302
    review = staff.get(f"/staff/training/posts/{copy_id}/review")
    assert review.status_code == 200, review.status_code
    assert "It was held for:" in review.get_data(as_text=True), "the review page hides the fee it was held for"
