"""Attack brief 37, target 2: who can report. Since today whoever applied to a post its employer paused can report
it; a post its employer closed (final, possible from every open state) answers "not found" to the people who
applied, hired or not: closing a post silences what happened to them."""
from __future__ import annotations

import sqlalchemy as sa

from core.extensions import db
from tests.attack import test_attack36_screening as screening
from tests.conftest import sign_in
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD

employer = screening.employer  # the fixture: the demo employer signed in, and one of its public posts
_form, _status = screening._form, screening._status


def test_a_worker_hired_through_a_post_can_report_it_after_its_employer_closes_it(app, employer):
    """Harm: a worker hired through a post whose employer then took their passport cannot tell staff through the
    post ("Something is wrong with this offer" is gone from their pathway and the report page answers 404),
    and the employer's record, which staff read beside its next posts, shows no report. The hired worker is the
    one most likely to meet what the post hid; the employer closes the post once its place is filled (or on
    purpose, to stop reports), then "Post again" makes a fresh post with no report on it."""
    from core import clock
    from privacy import services as privacy
    from training import applications
    from training.employer_models import PostReport, WorkPost
    from training.models import Application

    client, post_id, people = employer
    with app.app_context():
        participant = db.session.merge(people["participant"])
        boss = db.session.merge(people["employer"])
        post = db.session.get(WorkPost, post_id)
        if not privacy.has_consent(participant, "share_with_employers"):
            privacy.give_consent(participant, "share_with_employers", "v1")
        today = clock.today()
        application = db.session.scalar(sa.select(Application).where(
            Application.post_id == post_id, Application.participant_id == participant.id))
        if application is None:  # the world's participant may have applied already
            application = applications.apply_to_post(participant, post, ["email"], "I can start Monday.", today)
        if application.status not in ("offered", "accepted", "completed"):
            applications.offer_post(application, boss, today)
        if application.status == "offered":
            applications.accept_offer(application, participant, today)
        if application.status != "completed":
            applications.record_outcome(application, boss, "hired", today)
        assert application.status == "completed", application.status  # hired
        db.session.commit()
    page = f"/employer/posts/{post_id}/applications"
    close = f"/employer/posts/{post_id}/close"
    assert client.post(close, data=_form(client, page, close)).status_code == 302
    assert _status(app, post_id)[0] == "closed"
    worker = app.test_client()
    assert sign_in(worker, DEMO_LOGINS["participant"], DEMO_PASSWORD).status_code == 302
    report = f"/posts/{post_id}/report"
    opened = worker.get(report)
    assert opened.status_code == 200, f"the hired worker's report page answers {opened.status_code}"
    sent = worker.post(report, data={**_form(worker, report, report), "reason_code": "documents",
                                     "reason": "They took my passport on the first day."})
    assert sent.status_code == 302
    with app.app_context():
        assert db.session.query(PostReport).filter_by(post_id=post_id, reason="They took my passport on the first "
                                                                          "day.").count() == 1
    # Staff see it among the closed posts with a report to answer, and answer it; the post stays closed.
    from tests.attack.test_attack36_screening import _staff
    staff = _staff(app)
    assert f"/staff/training/posts/{post_id}/review" in staff.get("/staff/training/").get_data(as_text=True)
    review = f"/staff/training/posts/{post_id}/review"
    data = {**_form(staff, review, review), "decision": "reject", "note": "The worker's passport: upheld."}
    assert staff.post(review, data=data).status_code == 302
    with app.app_context():
        assert db.session.query(PostReport).filter_by(post_id=post_id, reason="They took my passport on the first "
                                                                          "day.").one().upheld is True
        assert _status(app, post_id)[0] == "closed"
    assert f"/staff/training/posts/{post_id}/review" not in staff.get("/staff/training/").get_data(as_text=True)
