"""Attack brief 37, target 1: the gravest flags need two staff members, also after a report.

`_approve` keeps `first_approved_by_id` once the post is published, and `resolve_reports` does not clear it when
an unfounded report sends a flagged post back to the waiting posts: the next approval there finds a "first
approval" from before the report and publishes on one person's word."""
from __future__ import annotations

from core.extensions import db
from tests.attack import test_attack36_screening as screening

employer = screening.employer  # the fixture: the demo employer signed in, and one of its public posts
_edit, _status = screening._edit, screening._status


def test_a_reported_post_with_a_documents_flag_needs_two_staff_again_after_the_report(app, employer):
    """Harm: a worker reports that the employer keeps their passport; one staff member alone dismisses the
    report and publishes the post again, though it says the employer holds the workers' documents, the flag
    that needs a second person. Two staff members (A, then B) approved the post with that flag. A participant
    reports it ("They want to keep my passport"). B answers the report "unfounded": the post has flags, so it
    waits "for an approval like any flagged post" (the page says so). B approves it: A's approval from before
    the report still stands as the first, so B's is taken as the second and the post is public. Nobody but B
    looked at it after the report."""
    from accounts.services import create_account
    from core.models import Role
    from training import employers
    from training.employer_models import WorkPost

    client, post_id, people = employer
    _edit(client, post_id, employer_holds_documents="y")
    status, _note, flags = _status(app, post_id)
    assert status == "pending_review" and "documents_held" in flags, (status, flags)
    with app.app_context():
        a = db.session.merge(people["staff"])
        b = create_account(Role.STAFF, "Second Reviewer", email="second.reviewer@world.example",
                           password="a long enough password 1")
        post = db.session.get(WorkPost, post_id)
        reason = "The employer keeps documents only in a locked safe the worker opens; checked by phone."
        assert employers.review_post(post, a, "approve", reason, employers.words_digest(post)) == \
            "waiting_for_second_approval"
        assert employers.review_post(post, b, "approve", reason, employers.words_digest(post)) == "published"
        employers.report_post(post, None, "They took my passport on the first day and will not give it back.",
                              "documents")
        assert post.status == "reported"
        outcome = employers.resolve_reports(post, b, republish=True, seen=employers.words_digest(post))
        assert outcome == "pending_review"
        try:
            second = employers.review_post(post, b, "approve", "Report unfounded, as before.",
                                           employers.words_digest(post))
        except employers.EmployerError:
            second = "refused"
        db.session.commit()
    assert second == "waiting_for_second_approval" or second == "refused", second
    assert _status(app, post_id)[0] == "pending_review", "public again on one staff member's word after a report"
