"""Attack brief 37, near target 2: `resolve_reports` answers every open report of the post with the one decision
staff made on the report they read, including a report a worker's check-in made (which staff answer on the
check-in's follow-up, after finding out). The follow-up then finds the report resolved and its word is dropped."""
from __future__ import annotations

import sqlalchemy as sa

from core.extensions import db
from tests.attack import test_attack36_screening as screening

employer = screening.employer  # the fixture: the demo employer signed in, and one of its public posts
_status = screening._status


def test_staff_upholding_a_check_in_report_is_not_undone_by_an_earlier_unfounded_public_report(app, employer):
    """Harm: a worker placed through the post says at their check-in that they were asked to pay a fee; staff
    are finding out. Meanwhile a stranger reports the post for something unfounded, and a staff member answers
    that report "unfounded": `resolve_reports` marks every open report of the post resolved and not upheld,
    the worker's too. When staff then uphold the worker's report on the check-in's follow-up, nothing changes
    (the report is already resolved): the fee the worker was asked for is not on the employer's record, and the
    post is not held for staff at its employer's next save (no upheld report since its last approval)."""
    from training import check_ins, employers
    from training.employer_models import PostReport, WorkPost
    from training.models import PlacementCheckIn

    _client, post_id, people = employer
    with app.app_context():
        staff = db.session.merge(people["staff"])
        worker_report = db.session.scalar(sa.select(PostReport).where(
            PostReport.post_id == post_id, PostReport.resolved_at.is_(None),
            PostReport.id.in_(sa.select(PlacementCheckIn.report_id))))
        assert worker_report is not None, "the world has a worker's check-in report of this post, still open"
        check_in = db.session.scalar(sa.select(PlacementCheckIn)
                                     .where(PlacementCheckIn.report_id == worker_report.id))
        assert check_in.needs_follow_up
        post = db.session.get(WorkPost, post_id)
        employers.report_post(post, None, "The photo looks old.", "other")
        assert employers.resolve_reports(post, staff, republish=True, seen=employers.words_digest(post)) == \
            "published"
        check_ins.follow_up(check_in, staff, upheld=True)
        db.session.commit()
        upheld = db.session.get(PostReport, worker_report.id).upheld
        record = [report.id for report in employers.employer_record(post.organisation)["upheld_reports"]]
    assert upheld is True and worker_report.id in record, \
        f"staff upheld the worker's report on the follow-up; it stays {upheld!r}, off the employer's record"
