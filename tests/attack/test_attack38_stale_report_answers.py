"""Attack brief 38, target 3: staff answer a reported post's reports as "Not upheld / Upheld" with the same two
decision values ("approve", "reject") that decide a waiting post. The review form carries the digest of the
post's words (`seen`), but nothing of the post's state or of the reports on the page: a decision made on one page
is applied to whatever the post has become by the time it is sent, reports nobody read included."""
from __future__ import annotations

import sqlalchemy as sa

from core.extensions import db
from tests.attack import test_attack36_screening as screening

employer = screening.employer  # the fixture: the demo employer signed in, and one of its public posts
_form, _status, _staff = screening._form, screening._status, screening._staff


def _report(app, post_id: int, code: str, reason: str) -> None:
    page = f"/posts/{post_id}/report"
    guest = app.test_client()
    sent = guest.post(page, data={**_form(guest, page, page), "reason_code": code, "reason": reason})
    assert sent.status_code == 302, sent.get_data(as_text=True)[:2000]


def _reports(app, post_id: int) -> dict[str, tuple]:
    from training.employer_models import PostReport

    with app.app_context():
        return {r.reason: (r.resolved_at is not None, r.upheld) for r in db.session.scalars(
            sa.select(PostReport).where(PostReport.post_id == post_id))}


def test_a_stale_not_upheld_does_not_dismiss_a_report_filed_after_the_page_was_read(app, employer):
    """Harm: a worker's report that the employer keeps passports is dismissed unread and the post goes public
    again. A staff member opens a reported post (one report: a wrong phone number), chooses "Not upheld: show the
    post again" and is called away. Meanwhile the report is answered in another tab (the post is public again)
    and a worker reports the post: passports kept on arrival. The first tab's "Save decision" is still
    accepted (the words did not change, so `seen` matches): the worker's report is marked not upheld, by a
    staff member who never saw it, and the post is back on the listings."""
    _client, post_id, _people = employer
    _report(app, post_id, "other", "The phone number in the post is wrong.")
    assert _status(app, post_id)[0] == "reported"
    review = f"/staff/training/posts/{post_id}/review"
    first_tab = _staff(app)
    stale = {**_form(first_tab, review, review), "decision": "approve", "note": ""}
    second_tab = _staff(app)
    answered = second_tab.post(review, data={**_form(second_tab, review, review), "decision": "approve"})
    assert answered.status_code == 302 and _status(app, post_id)[0] == "published"
    _report(app, post_id, "documents", "They keep our passports when we arrive.")
    assert _status(app, post_id)[0] == "reported"
    first_tab.post(review, data=stale)
    assert _reports(app, post_id)["They keep our passports when we arrive."] == (False, None), \
        "a report filed after the page was read was answered by it"
    assert _status(app, post_id)[0] == "reported"


def test_a_reject_chosen_for_a_waiting_post_is_not_taken_as_upholding_a_later_report(app, employer):
    """Harm: an employer's record gets an upheld report that no staff member read (a rival's false report), and
    the employer is told its post is rejected. A staff member reads a post waiting for a decision and chooses
    "Reject" with a note about the pay. Meanwhile a colleague approves the post and someone reports it. The
    first staff member's "reject" reaches a reported post, where the same value means "Upheld: keep the post
    hidden and tell the employer": the unread report is upheld on the employer's record."""
    client, post_id, _people = employer
    screening._edit(client, post_id, worker_fee_thb="0",
                    description="Packers for our Chiang Mai warehouse. Before you start, pay a recruitment fee "
                                "of 5,000 baht to our agent.")
    status, _note, flags = _status(app, post_id)
    assert status == "pending_review", (status, flags)
    review = f"/staff/training/posts/{post_id}/review"
    first = _staff(app)
    stale = {**_form(first, review, review), "decision": "reject",
             "note": "The pay is below the minimum wage; please correct it."}
    colleague = _staff(app)
    approved = colleague.post(review, data={**_form(colleague, review, review), "decision": "approve",
                                            "note": "The fee is the legal passport fee, checked by phone."})
    assert approved.status_code == 302
    assert _status(app, post_id)[0] == "published"
    _report(app, post_id, "other", "This company cheated my cousin.")
    assert _status(app, post_id)[0] == "reported"
    first.post(review, data=stale)
    assert _reports(app, post_id)["This company cheated my cousin."] == (False, None), \
        "a 'reject' chosen for a waiting post upheld a report its author never saw"


def test_a_decision_sent_without_the_pages_state_decides_nothing(app, employer):
    """A page from before the state digest existed (kept open across a deploy), or a request made by hand, has no
    `answering` field: it is refused like a stale page, not taken for whatever the post has become."""
    _client, post_id, _people = employer
    _report(app, post_id, "documents", "They keep our passports when we arrive.")
    review = f"/staff/training/posts/{post_id}/review"
    staff = _staff(app)
    sent = {key: value for key, value in _form(staff, review, review).items() if key != "answering"}
    page = staff.post(review, data={**sent, "decision": "approve", "note": ""})
    assert page.status_code == 200 and "This post changed while you were reading it" in page.get_data(as_text=True)
    assert _reports(app, post_id)["They keep our passports when we arrive."] == (False, None)
    assert _status(app, post_id)[0] == "reported"
