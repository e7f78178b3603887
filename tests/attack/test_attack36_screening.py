"""Attack brief 36, target 1 and what is near it: screening when a post is saved, translated and held by staff.

Screening keeps the reading of the last 64 texts (training.screening `_READINGS`). What was tried against the
kept readings held (see the report); what did not hold is next to it, where a screened save decides "public or
waiting for staff": the save of a post's words in another language does so without staff's note, and a post
staff took down after an upheld report carries no note at all."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.concurrency.harness import payload
from tests.conftest import sign_in
from tests.site_crawl import parse_page
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, build_world

HONEST_THAI = {"title": "พนักงานแพ็คสินค้า", "description": "งานแพ็คสินค้าในโรงงาน ค่าจ้างตามกฎหมาย มีวันหยุดทุกสัปดาห์"}


@pytest.fixture
def employer(app):
    """The demo employer signed in, and one of its public posts."""
    from training.employer_models import EmployerMember, WorkPost

    with app.app_context():
        people = build_world()
        db.session.commit()
        organisation_id = db.session.get(EmployerMember, people["employer"].id).organisation_id
        post_id = db.session.scalar(sa.select(WorkPost.id).where(WorkPost.organisation_id == organisation_id,
                                                                 WorkPost.status == "published")
                                    .order_by(WorkPost.id))
        assert post_id is not None
    client = app.test_client()
    signed = sign_in(client, DEMO_LOGINS["employer"], DEMO_PASSWORD)
    assert signed.status_code == 302 and "/sign-in" not in signed.headers["Location"], signed.headers
    return client, post_id, people


def _form(client, page: str, action: str):
    html = client.get(page).get_data(as_text=True)
    found = [f for f in parse_page(html).forms if f.method == "post" and urlsplit(f.action or page).path == action]
    assert found, f"no form for {action} on {page}"
    return {k: v[0] for k, v in payload(found[0]).items()}


def _status(app, post_id: int) -> tuple[str, str, list]:
    from training.employer_models import WorkPost

    with app.app_context():
        post = db.session.get(WorkPost, post_id)
        return post.status, post.review_note or "", list(post.red_flags or [])


def _edit(client, post_id: int, **changes) -> None:
    page = f"/employer/posts/{post_id}/edit"
    data = _form(client, page, page)
    data.update(changes)
    answer = client.post(page, data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)[:2000]


def _translate(client, post_id: int, language: str, texts: dict) -> None:
    page = f"/employer/posts/{post_id}/languages"
    data = _form(client, f"{page}?language={language}", page)
    data.update({"language": language, **texts})
    answer = client.post(page, data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)[:2000]


def test_a_post_staff_rejected_stays_off_the_listings_when_its_employer_adds_a_language(app, employer):
    """Harm: a post programme staff rejected ("we know this recruiter") is public again without any staff
    decision, for every participant to apply to. The employer saves the post once (clean words): `save_post`
    holds it for staff because of their note, as promised ("a second save while it waits does not publish it").
    Then the employer adds a Thai text on the "Other languages" page: `translate_post` counts as held by staff
    only a post whose status is still changes_requested/rejected/reported, not one waiting with staff's note,
    so the clean screening publishes it. The same for "ask for changes": the changes are never looked at."""
    from training import employers
    from training.employer_models import WorkPost

    client, post_id, people = employer
    with app.app_context():
        post = db.session.get(WorkPost, post_id)
        employers._hold(post)
        employers.review_post(post, db.session.merge(people["staff"]), "reject",
                              "We know this recruiter from two reports: do not publish their posts.")
        db.session.commit()
    assert _status(app, post_id)[0] == "rejected"
    _edit(client, post_id, worker_fee_thb="0")  # saved again, words unchanged: it waits for staff
    status, note, flags = _status(app, post_id)
    assert (status, bool(note)) == ("pending_review", True), flags
    _translate(client, post_id, "th", HONEST_THAI)
    status, note, flags = _status(app, post_id)
    assert status == "pending_review", f"public without staff after their rejection ({note!r}, flags {flags})"


def test_a_post_hidden_by_an_upheld_report_stays_off_the_listings_after_its_employer_saves_it_twice(app, employer):
    """Harm: a participant reports a post ("they want to keep my passport"); staff uphold the report, and the
    post is rejected. Its employer opens the post and presses Save twice, words unchanged: the first save
    holds it for staff (its status is still "rejected"), the second publishes it, as nothing on the post says
    staff turned it down (`resolve_reports` writes no review note, and the staff form's note is not used for a
    reported post). The post is back in the listings for the next applicant, with no staff decision."""
    from training import employers
    from training.employer_models import WorkPost

    client, post_id, people = employer
    with app.app_context():
        post = db.session.get(WorkPost, post_id)
        employers.report_post(post, None, "They said they keep our passports until the contract ends.",
                              "documents")
        employers.resolve_reports(post, db.session.merge(people["staff"]), republish=False)
        db.session.commit()
    assert _status(app, post_id)[0] == "rejected"
    _edit(client, post_id, worker_fee_thb="0")
    assert _status(app, post_id)[0] == "pending_review"
    _edit(client, post_id, worker_fee_thb="0")
    status, note, flags = _status(app, post_id)
    assert status == "pending_review", f"public again after an upheld report (flags {flags})"


def _staff(app):
    client = app.test_client()
    signed = sign_in(client, DEMO_LOGINS["staff"], DEMO_PASSWORD)
    assert signed.status_code == 302 and "/sign-in" not in signed.headers["Location"], signed.headers
    return client


def test_words_an_employer_adds_while_staff_read_the_post_are_not_published_by_their_approval(app, employer):
    """Harm: a deceptive text that no staff member read goes public with a staff approval on record. The post
    waits for staff with one flag (a fee in English, which a staff member checks by phone: the legal passport
    fee). While they read the review page, the employer adds a Thai text that asks for a 20,000 baht broker's
    fee in cash and moves contact to LINE; the post is screened again and stays waiting, with new flags. The
    staff member presses "Approve and publish" with their reason about the English fee: `_approve` publishes
    the post as it is now, Thai text included, as the review form carries nothing of what they saw."""
    client, post_id, _people = employer
    _edit(client, post_id, worker_fee_thb="0",
          description="Packers for our Chiang Mai warehouse. Before you start, pay a recruitment fee of 5,000 "
                      "baht to our agent.")
    status, _note, seen_flags = _status(app, post_id)
    assert status == "pending_review" and "text_recruitment_fee" in seen_flags, seen_flags
    staff = _staff(app)
    review = f"/staff/training/posts/{post_id}/review"
    data = _form(staff, review, review)  # the staff member reads the post and its flags
    _translate(client, post_id, "th", {"title": "พนักงานแพ็คสินค้า",
                                       "description": "ค่าหัวคิว 20,000 บาท จ่ายเงินสดให้นายหน้าก่อนเริ่มงาน "
                                                      "ติดต่อไลน์ไอดี jobs999 เท่านั้น"})
    status, _note, flags = _status(app, post_id)
    assert status == "pending_review" and "text_off_platform" in flags, flags
    data.update({"decision": "approve", "note": "The fee is the legal passport fee; checked with them by phone."})
    staff.post(review, data=data)
    status, _note, flags = _status(app, post_id)
    assert status != "published", f"published with words staff never saw (flags now {flags}, seen {seen_flags})"


def test_a_reported_post_its_employer_rewrote_to_keep_passports_needs_two_staff_to_be_public_again(app, employer):
    """Harm: a post that says the company keeps the workers' passports is public on one staff member's word,
    without the second staff member the rules ask for (SECOND_LOOK_FLAGS), and without a written reason. A
    participant reports the post (it is hidden); while it is hidden its employer saves it with "the company
    keeps your passport until the contract ends" (the save is screened, the flag is set, the post stays
    reported). The staff member who looks at the report finds it unfounded and presses "Approve and publish":
    `resolve_reports` republishes it, flags and all, as no approval of a flagged waiting post could."""
    from training import employers
    from training.employer_models import WorkPost

    client, post_id, _people = employer
    with app.app_context():
        employers.report_post(db.session.get(WorkPost, post_id), None, "The pay on the post is too low.", "pay")
        db.session.commit()
    _edit(client, post_id, worker_fee_thb="0",
          description="Packers for our Chiang Mai warehouse. The company keeps your passport until the contract "
                      "ends.")
    status, _note, flags = _status(app, post_id)
    assert status == "reported" and "text_documents_kept" in flags, (status, flags)
    staff = _staff(app)
    review = f"/staff/training/posts/{post_id}/review"
    data = _form(staff, review, review)
    data.update({"decision": "approve", "note": ""})
    staff.post(review, data=data)
    status, _note, flags = _status(app, post_id)
    assert status != "published", f"public on one staff member's word with flags {flags}"


def test_staff_read_every_language_of_a_post_and_an_approval_of_older_words_is_refused_with_why(app, employer):
    """What staff approve is what their page showed: the other languages are on the review page, and an approval
    made on a page older than the words says so and changes nothing."""
    client, post_id, _people = employer
    _edit(client, post_id, worker_fee_thb="0",
          description="Packers for our Chiang Mai warehouse. Before you start, pay a recruitment fee of 5,000 "
                      "baht to our agent.")
    _translate(client, post_id, "th", HONEST_THAI)
    staff = _staff(app)
    review = f"/staff/training/posts/{post_id}/review"
    page = staff.get(review).get_data(as_text=True)
    assert HONEST_THAI["description"] in page and 'lang="th"' in page
    data = _form(staff, review, review)
    _translate(client, post_id, "th", {**HONEST_THAI, "description": HONEST_THAI["description"] + " ทำงาน 8 ชั่วโมง"})
    data.update({"decision": "approve", "note": "The fee is the legal passport fee; checked with them by phone."})
    answer = staff.post(review, data=data)
    assert answer.status_code == 200
    assert "The employer changed this post while you were reading it." in answer.get_data(as_text=True)
    assert _status(app, post_id)[0] == "pending_review"
    data = _form(staff, review, review)  # read again: the approval goes through
    data.update({"decision": "approve", "note": "The fee is the legal passport fee; checked with them by phone."})
    assert staff.post(review, data=data).status_code == 302
    assert _status(app, post_id)[0] == "published"
