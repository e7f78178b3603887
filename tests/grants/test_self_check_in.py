"""The owner's own check-in (issue 33): it is suggested, and stands for the planned visit, only from
REMIND_BEFORE ahead of the visit's day onwards; sent earlier it is kept as an extra check-in on its own day and
the visit stays planned."""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
import time_machine

from core.extensions import db
from core.models import AuditEntry
from grants import awards, monitoring, reports
from grants.check_in_steps import STEPS
from grants.models import EXTRA_CHECK_IN_MONTH, FollowUpVisit
from tests.conftest import post_form, sign_in
from tests.grants.test_services import _approved
from tests.grants.test_views import _approved_application
from tests.steps_walks import answer_steps


def _visits(application_id: int) -> list[FollowUpVisit]:
    return list(db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == application_id)
                                   .order_by(FollowUpVisit.due_on, FollowUpVisit.id)))


def test_a_check_in_from_three_days_before_the_visit_is_the_visit(grants_factory, ctx):
    application, _staff = _approved(grants_factory)
    first = _visits(application.id)[0]
    on = first.due_on - monitoring.REMIND_BEFORE
    with time_machine.travel(on):
        recorded = monitoring.self_check_in(first, application.participant, on, "operating", revenue_thb=9000)
    assert recorded is first and (first.status, first.kind, first.done_on) == ("done", "self_check_in", on)
    assert len(_visits(application.id)) == len(application.round.visit_months)  # no extra record


def test_a_late_check_in_is_the_missed_visit(grants_factory, ctx):
    application, _staff = _approved(grants_factory)
    first = _visits(application.id)[0]
    on = first.due_on + timedelta(days=20)
    with time_machine.travel(on):
        monitoring.run_daily(on)
        assert first.status == "overdue"
        monitoring.self_check_in(first, application.participant, on, "struggling")
    assert (first.status, first.kind) == ("done", "self_check_in")


def test_an_early_check_in_is_an_extra_one_and_the_visit_stays_planned(grants_factory, ctx):
    application, _staff = _approved(grants_factory)
    first = _visits(application.id)[0]
    on = first.due_on - monitoring.REMIND_BEFORE - timedelta(days=1)
    with time_machine.travel(on):
        extra = monitoring.self_check_in(first, application.participant, on, "operating", revenue_thb=8000)
        # Sent again the same day: it corrects the same extra record, it does not add one.
        again = monitoring.self_check_in(first, application.participant, on, "struggling", revenue_thb=6000)
    assert again is extra and extra is not first
    assert first.status == "scheduled" and first.done_on is None and first.kind is None
    assert (extra.month, extra.due_on, extra.done_on, extra.status, extra.kind, extra.business_status,
            extra.revenue_thb) == (EXTRA_CHECK_IN_MONTH, on, on, "done", "self_check_in", "struggling", 6000)
    assert len(_visits(application.id)) == len(application.round.visit_months) + 1
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
        AuditEntry.action == "grant_visit.extra_check_in")) == 2
    # The reports count planned visits: an extra check-in is no visit made.
    assert set(reports.visits_frame()["month"]) == set(application.round.visit_months)
    # The schedule still moves as before: the extra record keeps its day, the planned visits move.
    awards.move_start(application, _staff, application.visits_start_on + timedelta(days=10))
    moved = [v for v in _visits(application.id) if v.month != EXTRA_CHECK_IN_MONTH]
    assert [v.status for v in moved] == ["scheduled"] * len(application.round.visit_months)
    assert extra in _visits(application.id)


def test_the_owners_page_suggests_the_check_in_only_near_the_visit(app, grants_factory, people):
    with app.app_context():
        application = _approved_application(app, grants_factory, people)
        db.session.commit()
        application_id, owner = application.id, people.login_name(application.participant_id)
        first = _visits(application_id)[0]
        visit_id, due = first.id, first.due_on
    page_path, check_in = f"/grants/applications/{application_id}", f"/grants/visits/{visit_id}/check-in"
    early = due - monitoring.REMIND_BEFORE - timedelta(days=5)
    with time_machine.travel(early):
        client = app.test_client()
        sign_in(client, owner)
        page = client.get(page_path).get_data(as_text=True)
        assert "Send an extra check-in now" in page and f'class="button" href="{check_in}"' not in page
        answer_steps(client, check_in, STEPS, {"business_status": "operating", "revenue_thb": "7000"})
        assert "this is an extra check-in" in client.get(check_in).get_data(as_text=True)  # before sending
        sent = post_form(client, check_in, follow_redirects=True).get_data(as_text=True)
        assert "stays planned" in sent and "Your own extra check-in" in sent
    with app.app_context():
        assert db.session.get(FollowUpVisit, visit_id).status == "scheduled"
    with time_machine.travel(due - monitoring.REMIND_BEFORE):
        client = app.test_client()
        sign_in(client, owner)
        page = client.get(page_path).get_data(as_text=True)
        assert f'class="button" href="{check_in}"' in page and "Send an extra check-in now" not in page
        answer_steps(client, check_in, STEPS, {"business_status": "operating", "revenue_thb": "9000"})
        assert "this is an extra check-in" not in client.get(check_in).get_data(as_text=True)
        sent = post_form(client, check_in, follow_redirects=True).get_data(as_text=True)
        assert "stays planned" not in sent
    with app.app_context():
        visit = db.session.get(FollowUpVisit, visit_id)
        assert (visit.status, visit.kind, visit.revenue_thb) == ("done", "self_check_in", 9000)


def test_thai_owner_reads_the_extra_check_in_words_in_thai(app, grants_factory, people):
    with app.app_context():
        application = _approved_application(app, grants_factory, people)
        db.session.commit()
        application_id, owner = application.id, people.login_name(application.participant_id)
        due = _visits(application_id)[0].due_on
    with time_machine.travel(due - timedelta(days=10)):
        client = app.test_client()
        sign_in(client, owner)
        page = client.get(f"/grants/applications/{application_id}", headers={"Accept-Language": "th"})
        assert "ส่งรายงานเพิ่มเติมตอนนี้" in page.get_data(as_text=True)


def test_the_start_date_is_what_the_suggestion_counts_from(grants_factory, ctx):
    application, _staff = _approved(grants_factory)
    first = _visits(application.id)[0]
    assert monitoring.counts_as_visit(first, first.due_on - timedelta(days=3))
    assert not monitoring.counts_as_visit(first, first.due_on - timedelta(days=4))
    assert first.due_on > date(2026, 11, 23)
