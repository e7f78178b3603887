"""Attack brief 37, target 2 at once: an applicant's report of a paused post and its employer's "Resume", sent at
the same moment. `resume_post` takes no row lock first; the report's insert waits only for the key-share lock
(which a status UPDATE does not block), then its move from "paused" to "reported" finds the post "published" and
is refused, and the report is rolled back with it.

PostgreSQL only: the two are put in a known order by a row lock a third connection holds."""
from __future__ import annotations

import os
import threading

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.attack import test_attack36_post_races as races
from tests.attack import test_attack36_screening as screening
from tests.conftest import sign_in
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD

employer = screening.employer  # the fixture: the demo employer signed in, and one of its public posts
_form, _status = screening._form, screening._status

pytestmark = [pytest.mark.real_commits,
              pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="a PostgreSQL row-lock queue")]


def test_a_report_sent_as_the_employer_resumes_a_paused_post_takes_it_to_staff(app, employer):
    """Harm: an applicant reports what happened to them ("they want to keep my passport") on a post its
    employer paused; at that moment the employer presses "Resume". The post is public again for the next
    applicant, the report is gone (the applicant's form comes back with a refusal about the post's state they
    cannot act on), and staff never see it. An employer who expects a report (the applicant told them they
    would) gains by pressing "Resume" first."""
    from training import post_actions
    from training.employer_models import PostReport, WorkPost
    from training.models import Application

    client, post_id, people = employer
    with app.app_context():
        before = db.session.scalar(sa.select(sa.func.count(PostReport.id)).where(PostReport.post_id == post_id))
        participant_id = db.session.merge(people["participant"]).id
        applied = db.session.scalar(sa.select(Application.id).where(Application.post_id == post_id,
                                                                    Application.participant_id == participant_id))
        assert applied is not None, "the world's participant applied to this post"
        post_actions.pause_post(db.session.merge(people["employer"]), db.session.get(WorkPost, post_id))
        db.session.commit()
    assert _status(app, post_id)[0] == "paused"

    worker = app.test_client()
    assert sign_in(worker, DEMO_LOGINS["participant"], DEMO_PASSWORD).status_code == 302
    report = f"/posts/{post_id}/report"
    report_data = {**_form(worker, report, report), "reason_code": "documents",
                   "reason": "They took my passport on the first day."}
    page = f"/employer/posts/{post_id}/applications"
    resume = f"/employer/posts/{post_id}/resume"
    resume_data = _form(client, page, resume)

    from sqlalchemy.orm import Session
    engine = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    answers: dict[str, int] = {}
    with Session(engine) as blocker:
        blocker.execute(sa.text("SELECT id FROM work_posts WHERE id = :id FOR UPDATE"), {"id": post_id})
        resuming = threading.Thread(target=lambda: answers.update(
            resume=client.post(resume, data=resume_data).status_code))
        resuming.start()
        races._until(lambda: races._waiting_on_locks(engine) >= 1)
        reporting = threading.Thread(target=lambda: answers.update(
            report=worker.post(report, data=report_data).status_code))
        reporting.start()
        races._until(lambda: races._waiting_on_locks(engine) >= 2)
        blocker.rollback()
    resuming.join(60)
    reporting.join(60)
    engine.dispose()
    status = _status(app, post_id)[0]
    with app.app_context():
        kept = db.session.scalar(sa.select(sa.func.count(PostReport.id)).where(PostReport.post_id == post_id))
    assert kept == before + 1, f"the applicant's report is lost (answers {answers}, the post is {status})"
    assert status == "reported", f"{status}, the report not before staff (answers {answers})"
