"""The award after approval: the person accepts or declines its terms; visits count from the acceptance or the
first payment (a round setting), nothing is due before; moving the start keeps what happened."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import AuditEntry, Notice, Role
from grants import awards, decisions, disbursement, monitoring
from grants.models import FollowUpVisit, GrantApplication, GrantRound
from grants.rounds import GrantError
from tests.grants.conftest import TODAY


@pytest.fixture(autouse=True)
def _in_app_context(ctx):
    yield


def _approved(grants_factory, **round_settings) -> tuple[GrantApplication, object]:
    round_id = grants_factory.round(**round_settings)
    application = grants_factory.submitted(round_id, amount=20_000)
    grants_factory.reviewed(application)
    staff = grants_factory.user(grants_factory.people.make(Role.STAFF))
    decisions.decide(application, staff, "approve", "A sound plan with buyers.")
    return application, staff


def _visits(application) -> list[FollowUpVisit]:
    return list(db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == application.id)
                                   .order_by(FollowUpVisit.due_on)))


def _notices(user_id: int) -> list[str]:
    return list(db.session.scalars(sa.select(Notice.kind).where(Notice.user_id == user_id).order_by(Notice.id)))


def test_nothing_is_due_or_overdue_before_the_award_is_accepted(grants_factory):
    application, _staff = _approved(grants_factory)
    assert application.status == "approved" and _visits(application) == []
    assert _notices(application.participant_id) == ["grant.approved"]
    # A year passes without an answer: no visit is missed, no risk is flagged.
    result = monitoring.run_daily(TODAY + timedelta(days=365))
    assert result == {"overdue": 0, "raised": 0, "resolved": 0, "reminded": 0}
    with pytest.raises(GrantError, match="once the person has accepted"):
        disbursement.pay_tranche(application, _staff, amount_thb=1_000, kind="cash", paid_on=TODAY)


def test_accepting_starts_the_visits_from_that_day_and_tells_the_decider(grants_factory):
    application, staff = _approved(grants_factory)
    accepted_on = TODAY + timedelta(days=10)
    awards.accept(application, application.participant, accepted_on)
    assert application.status == "accepted" and application.award_recorded_by_id is None
    assert application.visits_start_on == accepted_on
    visits = _visits(application)
    assert [v.month for v in visits] == [1, 3, 6, 9, 12, 18, 24, 30, 36]
    assert visits[0].due_on == date(2027, 1, 3) and visits[-1].due_on == date(2029, 12, 3)
    assert _notices(staff.id) == ["grant.award_accepted"]
    with pytest.raises(GrantError, match="not waiting for an answer"):
        awards.accept(application, application.participant, accepted_on)
    assert len(_visits(application)) == 9


def test_staff_record_an_acceptance_given_in_person_and_others_cannot_answer(grants_factory):
    application, staff = _approved(grants_factory)
    stranger = grants_factory.eligible_participant("Somchai")
    with pytest.raises(GrantError, match="Only the person or programme staff"):
        awards.accept(application, stranger, TODAY)
    clerk = grants_factory.user(grants_factory.people.make(Role.STAFF))
    awards.accept(application, clerk, TODAY)
    assert application.award_recorded_by_id == clerk.id
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "grant_application.accept_award"))
    assert entry.actor_id == clerk.id and entry.detail["in_person"] is True


def test_the_decider_who_records_an_answer_given_in_person_is_not_told_of_it(grants_factory):
    application, staff = _approved(grants_factory)
    awards.accept(application, staff, TODAY)
    assert application.status == "accepted" and _notices(staff.id) == []


def test_declining_gives_the_money_back_to_the_round_and_closes_nothing_else(grants_factory):
    application, staff = _approved(grants_factory)
    grant_round = db.session.get(GrantRound, application.round_id)
    assert grant_round.committed_thb == 20_000
    awards.decline(application, application.participant)
    db.session.refresh(grant_round)
    assert (application.status, grant_round.committed_thb) == ("award_declined", 0)
    assert _visits(application) == [] and _notices(staff.id) == ["grant.award_declined"]
    with pytest.raises(GrantError):
        awards.accept(application, application.participant, TODAY)
    # The person can apply to the same round again.
    again = grants_factory.submitted(grant_round.id, participant=application.participant)
    assert again.status == "submitted"


def test_a_round_can_count_visits_from_the_first_payment(grants_factory):
    application, staff = _approved(grants_factory, visits_start="first_payment")
    awards.accept(application, application.participant, TODAY)
    assert _visits(application) == [] and application.visits_start_on is None
    paid_on = TODAY - timedelta(days=3)
    disbursement.pay_tranche(application, staff, amount_thb=5_000, kind="cash", paid_on=paid_on)
    assert application.visits_start_on == paid_on
    assert _visits(application)[0].due_on == date(2026, 12, 20)
    disbursement.pay_tranche(application, staff, amount_thb=5_000, kind="cash", paid_on=TODAY)
    assert application.visits_start_on == paid_on and len(_visits(application)) == 9


def test_moving_the_start_keeps_visits_done_and_the_old_start(grants_factory):
    application, staff = _approved(grants_factory)
    awards.accept(application, application.participant, TODAY)
    first, second = _visits(application)[:2]
    monitoring.record_visit(first, staff, TODAY, "visit", "operating", revenue_thb=4_000)
    monitoring.run_daily(second.due_on + timedelta(days=30))  # the second visit is missed
    assert second.status == "overdue"
    awards.move_start(application, staff, date(2027, 1, 10))
    visits = _visits(application)
    done = [v for v in visits if v.status == "done"]
    assert [(v.id, v.month, v.revenue_thb) for v in done] == [(first.id, 1, 4_000)]
    rest = [v for v in visits if v.status != "done"]
    assert [v.month for v in rest] == [3, 6, 9, 12, 18, 24, 30, 36]
    assert rest[0].due_on == date(2027, 4, 10) and all(v.status == "scheduled" for v in rest)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "grant_application.move_visits"))
    assert entry.detail == {"from": TODAY.isoformat(), "to": "2027-01-10", "overdue_before": 1}


def test_moving_the_start_onto_a_visit_already_made_is_refused(grants_factory):
    application, staff = _approved(grants_factory)
    awards.accept(application, application.participant, TODAY)
    first = _visits(application)[0]
    monitoring.record_visit(first, staff, TODAY, "visit", "operating")
    before = [(v.id, v.due_on) for v in _visits(application)]
    # From 2026-09-23 the month-3 visit would fall on 2026-12-23, the day the first visit (done) was due.
    with pytest.raises(GrantError, match="already made"):
        awards.move_start(application, staff, date(2026, 9, 23))
    assert [(v.id, v.due_on) for v in _visits(application)] == before


def test_terms_show_the_money_the_payments_and_the_visits(grants_factory):
    application, staff = _approved(grants_factory)
    disbursement.plan_tranches(application, staff, [disbursement.PlanInput(TODAY + timedelta(days=7), 12_000),
                                                    disbursement.PlanInput(TODAY + timedelta(days=60), 8_000,
                                                                           "first_visit_operating")])
    found = awards.terms(application)
    assert found.amount_thb == 20_000 and found.visits_start == "acceptance"
    assert [(p.amount_thb, p.condition) for p in found.payments] == [(12_000, "none"),
                                                                      (8_000, "first_visit_operating")]
    assert found.visit_months == [1, 3, 6, 9, 12, 18, 24, 30, 36]


def test_the_owner_is_told_once_three_days_before_each_visit(grants_factory):
    application, _staff = _approved(grants_factory)
    awards.accept(application, application.participant, TODAY)
    first = _visits(application)[0]
    assert monitoring.run_daily(first.due_on - timedelta(days=4))["reminded"] == 0
    assert monitoring.run_daily(first.due_on - timedelta(days=3))["reminded"] == 1
    assert monitoring.run_daily(first.due_on - timedelta(days=2))["reminded"] == 0
    notices = list(db.session.scalars(sa.select(Notice).where(Notice.user_id == application.participant_id,
                                                              Notice.kind == "grant.visit_soon")))
    assert len(notices) == 1 and notices[0].params == {"date": first.due_on.isoformat()}
