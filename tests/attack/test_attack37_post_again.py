"""Attack brief 37, target 1/2: "Post again" as a way round staff's word on a reported post.

`post_again` copies a closed post's staff note and counts its open or upheld reports, but only to place the copy
once (in `check_and_place`): the copy itself carries no note (when staff wrote none) and has no reports of its
own, so `held_by_staff(copy)` is False and the employer's next save, words unchanged, publishes it."""
from __future__ import annotations

from core.extensions import db
from tests.attack import test_attack36_screening as screening

employer = screening.employer  # the fixture: the demo employer signed in, and one of its public posts
_edit, _form, _status = screening._edit, screening._form, screening._status



def _press(client, post_id: int, action: str) -> None:
    page = f"/employer/posts/{post_id}/applications"
    path = f"/employer/posts/{post_id}/{action}"
    answer = client.post(path, data=_form(client, page, path))
    assert answer.status_code == 302, answer.get_data(as_text=True)[:2000]



def _copy_of(app, post_id: int) -> int:
    from training.employer_models import WorkPost

    with app.app_context():
        copy_id = db.session.get(WorkPost, post_id).reposted_as_id
        assert copy_id is not None
        return copy_id


def test_a_reported_post_closed_and_posted_again_stays_off_the_listings_after_one_save(app, employer):
    """Harm: a participant reports a public post ("they want to keep my passport"); it leaves the listings and
    waits for staff. Before staff look, its employer closes it (allowed from "reported") and presses "Post
    again": the copy waits for staff, as promised. Then the employer opens the copy and presses Save, words
    unchanged: the copy is public, and the closed original is no longer in staff's queue, so the report is
    never answered. The next applicant meets the same employer with no one having looked."""
    from training import employers
    from training.employer_models import WorkPost

    client, post_id, _people = employer
    with app.app_context():
        employers.report_post(db.session.get(WorkPost, post_id), None,
                              "They said they keep our passports until the contract ends.", "documents")
        db.session.commit()
    assert _status(app, post_id)[0] == "reported"
    _press(client, post_id, "close")
    assert _status(app, post_id)[0] == "closed"
    _press(client, post_id, "post-again")
    copy_id = _copy_of(app, post_id)
    assert _status(app, copy_id)[0] == "pending_review"
    _edit(client, copy_id, worker_fee_thb="0")
    status, _note, flags = _status(app, copy_id)
    assert status == "pending_review", f"the copy of an unanswered reported post is public (flags {flags})"


def test_a_post_taken_down_by_an_upheld_report_is_not_public_through_close_and_post_again(app, employer):
    """Harm: staff uphold a report and take the post down (no note: the reported-post form's note is optional).
    Its employer saves it once (it waits for staff), closes it, presses "Post again" (the copy waits for staff)
    and saves the copy once, words unchanged: the copy is public. Staff's word stood over two saves of the
    post, but not over close, post again and one save."""
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
    _press(client, post_id, "close")
    _press(client, post_id, "post-again")
    copy_id = _copy_of(app, post_id)
    assert _status(app, copy_id)[0] == "pending_review"
    _edit(client, copy_id, worker_fee_thb="0")
    status, _note, flags = _status(app, copy_id)
    assert status == "pending_review", f"the copy of a post staff took down is public (flags {flags})"
