"""What a participant or visitor reads on a post: the employer's ticked boxes said as the employer's
declaration, never a promise; the questions to ask before saying yes on every post; and "Something is wrong
with this offer" in one tap, without signing in, throttled per address."""
from __future__ import annotations

import sqlalchemy as sa

from core.models import Role
from tests.conftest import csrf_token, table_fingerprint

ALWAYS = ("Ask: who keeps my passport and ID card?", "Ask: do I pay anything before I start?",
          "Ask: when and how am I paid?", "Ask: can I leave when I want?")


def test_the_questions_show_on_a_post_nothing_flagged(app, training, people):
    post_id = training.post(training.organisation(people.make(Role.EMPLOYER)))
    page = app.test_client().get(f"/posts/{post_id}").get_data(as_text=True)
    assert "Before you say yes" in page
    for question in ALWAYS:
        assert question in page


def test_a_flagged_indicator_adds_its_question_and_none_is_asked_twice(app, training, people):
    post_id = training.post(training.organisation(people.make(Role.EMPLOYER)),
                            text_flags=[{"indicator": "documents_kept"}, {"indicator": "off_platform"}])
    page = app.test_client().get(f"/posts/{post_id}").get_data(as_text=True)
    assert "Ask your questions on this site, not in a chat app." in page
    assert page.count("Ask: who keeps my passport and ID card?") == 1


def test_the_ticked_boxes_are_what_the_employer_declares(app, training, people):
    post_id = training.post(training.organisation(people.make(Role.EMPLOYER)))
    page = app.test_client().get(f"/posts/{post_id}").get_data(as_text=True)
    assert "The employer declares:" in page and "promises" not in page
    assert "You keep your own ID card and passport." in page


def _report(client, post_id: int, reason: str = ""):
    token = csrf_token(client, f"/posts/{post_id}")  # the form is on the post itself
    return client.post(f"/posts/{post_id}/report", data={"csrf_token": token, "reason": reason})


def _client_at(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _world(app):
    from core.extensions import db
    with app.app_context():
        return table_fingerprint(db.session.connection())


def test_an_anonymous_report_is_one_tap_stored_once_and_changes_nothing_else(app, training, people):
    from core.extensions import db
    from training.employer_models import PostReport, WorkPost

    organisation = training.organisation(people.make(Role.EMPLOYER))
    post_id, other_id = training.post(organisation, title="Night guard"), training.post(organisation)
    visitor = app.test_client()
    before = _world(app)
    answer = _report(visitor, post_id)
    assert answer.status_code == 302
    thanks = visitor.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Thank you. The offer is hidden until programme staff have looked at it." in thanks
    after = _world(app)
    changed = {table for table in after if after[table] != before[table]}
    assert changed <= {"post_reports", "audit_entries", "sign_in_counters"}  # the post's own state aside
    with app.app_context():
        [report] = db.session.scalars(sa.select(PostReport)).all()
        assert (report.post_id, report.reporter_id, report.reason_code, report.reason) == \
            (post_id, None, "one_tap", "")
        assert db.session.get(WorkPost, post_id).status == "reported"
        assert db.session.get(WorkPost, other_id).status == "published"


def test_staff_see_an_anonymous_report_like_the_others(app, training, people, signed_in):
    post_id = training.post(training.organisation(people.make(Role.EMPLOYER)), title="Night guard")
    _report(app.test_client(), post_id, "They said they keep the passport.")
    staff, _ = signed_in(Role.STAFF)
    assert "Night guard" in staff.get("/staff/training/").get_data(as_text=True)
    page = staff.get(f"/staff/training/posts/{post_id}/review").get_data(as_text=True)
    assert "No reason chosen (one tap)" in page and "They said they keep the passport." in page


def test_anonymous_reports_past_the_throttle_are_refused_politely_and_store_nothing(app, training, people,
                                                                                  monkeypatch):
    from core.extensions import db
    from training.employer_models import PostReport, WorkPost

    monkeypatch.setitem(app.config, "ANONYMOUS_REPORTS_PER_ADDRESS_PER_HOUR", 2)
    organisation = training.organisation(people.make(Role.EMPLOYER))
    posts = [training.post(organisation, title=f"Offer {n}") for n in range(3)]
    flood = _client_at(app, "203.0.113.9")
    assert [_report(flood, post_id).status_code for post_id in posts[:2]] == [302, 302]
    refused = _report(flood, posts[2])
    assert refused.status_code == 429
    polite = "Thank you. We have had many reports from this connection in the last hour."
    assert polite in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PostReport)) == 2
        assert db.session.get(WorkPost, posts[2]).status == "published"
    elsewhere = _client_at(app, "198.51.100.7")
    assert _report(elsewhere, posts[2]).status_code == 302  # one address's flood does not silence another


def test_an_anonymous_report_keeps_its_csrf_check(app, training, people):
    from core.extensions import db
    from training.employer_models import PostReport

    post_id = training.post(training.organisation(people.make(Role.EMPLOYER)))
    assert app.test_client().post(f"/posts/{post_id}/report", data={"reason": "x"}).status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PostReport)) == 0


def test_the_thank_you_is_in_the_readers_language(app, training, people):
    post_id = training.post(training.organisation(people.make(Role.EMPLOYER)))
    visitor = app.test_client()
    with visitor.session_transaction() as session:
        session["lang"] = "th"
    answer = _report(visitor, post_id)
    thanks = visitor.get(answer.headers["Location"]).get_data(as_text=True)
    assert "ขอบคุณ" in thanks
