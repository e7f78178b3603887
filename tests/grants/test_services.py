"""Grants services without HTTP: eligibility, criteria versions, independent review, splits, conflicts, the
budget race, tranches, the follow-up schedule and the daily job."""
import io
import threading
from datetime import UTC, date, timedelta

import pytest
import sqlalchemy as sa
import time_machine
from PIL import Image

from core.extensions import db
from core.models import AuditEntry, Role, User
from grants import applications, awards, decisions, disbursement, monitoring, reviews, rounds
from grants.applications import LineInput
from grants.models import FollowUpVisit, GrantApplication, GrantRound, RiskFlag, Tranche
from grants.rounds import GrantError
from tests.grants.conftest import CRITERIA, LEVELS, TODAY


@pytest.fixture(autouse=True)
def _in_app_context(ctx):
    yield


def test_eligibility_reads_the_training_record_and_staff_can_make_an_exception(grants_factory):
    round_id = grants_factory.round(rules=("completed_course", "passed_exit_exam"))
    grant_round = db.session.get(GrantRound, round_id)
    participant = grants_factory.eligible_participant()
    assert rounds.unmet_rules(grant_round, participant.id) == ["passed_exit_exam"]
    staff = grants_factory.user(grants_factory.people.make(Role.STAFF))
    with pytest.raises(GrantError):
        rounds.grant_exception(staff, grant_round, participant.id, "passed_exit_exam", "short")
    rounds.grant_exception(staff, grant_round, participant.id, "passed_exit_exam",
                           "Passed the exam at a partner school; certificate seen.")
    assert rounds.unmet_rules(grant_round, participant.id) == []


def test_submit_refuses_an_ineligible_or_incomplete_application(grants_factory):
    round_id = grants_factory.round()
    grant_round = db.session.get(GrantRound, round_id)
    newcomer = grants_factory.user(grants_factory.people.make(Role.PARTICIPANT))
    application = applications.start_application(newcomer, grant_round, newcomer)
    with pytest.raises(GrantError) as raised:
        applications.submit(application, newcomer, TODAY)
    text = str(raised.value)
    assert "Not yet met: Completed a course." in text and "Add at least one budget line." in text
    assert application.status == "draft"


def test_double_start_makes_one_record_and_submit_locks_the_text(grants_factory):
    round_id = grants_factory.round()
    grant_round = db.session.get(GrantRound, round_id)
    participant = grants_factory.eligible_participant()
    first = applications.start_application(participant, grant_round, participant)
    second = applications.start_application(participant, grant_round, participant)
    assert first.id == second.id
    application = grants_factory.submitted(round_id, participant=participant)
    assert application.budget_total_thb == 23_000  # computed from the lines
    with pytest.raises(GrantError):
        applications.save_draft(application, participant, {"business_idea": "Something else"}, [], 1, 0, [])


@pytest.mark.parametrize("lines,amount,message", [
    ([LineInput("Cart", -1, 100)], 100, "Each budget line needs"),
    ([LineInput("Cart", 1, 99_000_000)], 100, "Each budget line needs"),
    ([LineInput("", 1, 100)], 100, "Each budget line needs"),
    ([LineInput("Cart", 1, 100)], 31_000, "The most this round gives is 30,000 baht."),
    ([LineInput("Cart", 1, 100)], -5, "Amounts cannot be negative."),
])
def test_bad_budget_input_is_refused_and_nothing_saved(grants_factory, lines, amount, message):
    round_id = grants_factory.round()
    participant = grants_factory.eligible_participant()
    application = applications.start_application(participant, db.session.get(GrantRound, round_id), participant)
    with pytest.raises(GrantError) as raised:
        applications.save_draft(application, participant, {"business_idea": "Idea"}, lines, amount, 0, [])
    assert message in str(raised.value)
    db.session.expire_all()
    assert application.business_idea == "" and application.budget_lines == []


def test_round_dates_and_maximum_must_make_sense(grants_factory):
    staff = grants_factory.user(grants_factory.people.make(Role.STAFF))
    with pytest.raises(GrantError):
        rounds.create_round(staff, name="x", kind="business", budget_thb=1000, max_per_grant_thb=500,
                            opens_on=date(2026, 5, 1), closes_on=date(2026, 4, 1), eligibility=[], criteria=CRITERIA)
    with pytest.raises(GrantError):
        rounds.create_round(staff, name="x", kind="business", budget_thb=1000, max_per_grant_thb=5000,
                            opens_on=date(2026, 4, 1), closes_on=date(2026, 5, 1), eligibility=[], criteria=CRITERIA)
    assert db.session.scalar(sa.select(sa.func.count(GrantRound.id))) == 0


def test_criteria_change_freely_until_a_review_then_a_new_version(grants_factory):
    round_id = grants_factory.round()
    grant_round = db.session.get(GrantRound, round_id)
    staff = grants_factory.user(grants_factory.people.make(Role.STAFF))
    new = [rounds.CriterionInput("Market", "g", 3.0, LEVELS)]
    assert rounds.change_criteria(staff, grant_round, new) == 1  # no review yet: edited in place
    application = grants_factory.submitted(round_id)
    grants_factory.reviewed(application, scores=((4,), (3,)))
    assert rounds.change_criteria(staff, grant_round, CRITERIA) == 2
    old = reviews.criteria_for(application)
    assert [c.name for c in old] == ["Market"] and old[0].version == 1  # the reviewed version is kept
    assert [c.name for c in grant_round.current_criteria()] == ["Local market", "Skills for it"]


def test_reviews_are_blind_until_your_own_is_sent(grants_factory):
    round_id = grants_factory.round()
    application = grants_factory.submitted(round_id)
    [first] = grants_factory.reviewed(application, scores=((5, 5),), recommendations=("fund",))
    late = grants_factory.user(grants_factory.people.make(Role.STAFF))
    review = reviews.assign_reviewer(late, application, late)
    assert reviews.visible_summary(application, late) is None
    reviews.declare_conflict(review, late, False, "")
    assert reviews.visible_summary(application, late) is None
    criteria = reviews.criteria_for(application)
    reviews.submit_review(review, late, {criteria[0].id: 3, criteria[1].id: 3}, "", "fund_with_changes")
    seen = reviews.visible_summary(application, late)
    assert [round(score, 2) for _r, score in seen.per_reviewer] == [5.0, 3.0]
    assert reviews.visible_summary(application, first) is not None


def test_weighted_scores_and_split_detection(grants_factory):
    round_id = grants_factory.round()
    calm = grants_factory.submitted(round_id)
    grants_factory.reviewed(calm, scores=((4, 3), (3, 4)))
    result = reviews.summary(calm)
    assert [round(s, 3) for _r, s in result.per_reviewer] == [round((4 * 2 + 3) / 3, 3), round((3 * 2 + 4) / 3, 3)]
    assert not result.split
    far = grants_factory.submitted(round_id, participant=grants_factory.eligible_participant("Nok"))
    grants_factory.reviewed(far, scores=((5, 3), (3, 3)))
    assert any("far apart on \"Local market\" (3 to 5)" in r for r in reviews.summary(far).split_reasons)
    opposite = grants_factory.submitted(round_id, participant=grants_factory.eligible_participant("Kham"))
    grants_factory.reviewed(opposite, scores=((3, 3), (3, 3)), recommendations=("fund", "do_not_fund"))
    assert reviews.summary(opposite).split_reasons == ["One reviewer recommends funding and another does not."]


def test_a_rounds_list_of_summaries_says_what_each_applications_own_summary_says(grants_factory):
    """The round's page reads its scores as plain numbers for the whole list (issue 35): each summary is the
    one its application's page shows, for a staff member outside the reviews and for a reviewer still to send."""
    round_id = grants_factory.round()
    calm, far, opposite, waiting, unreviewed = (
        grants_factory.submitted(round_id, participant=grants_factory.eligible_participant(name))
        for name in ("Malee", "Nok", "Kham", "Lek", "Dao"))
    grants_factory.reviewed(calm, scores=((4, 3), (3, 4)))
    grants_factory.reviewed(far, scores=((5, 3), (3, 3), (4, 2)), recommendations=("fund", "fund", "fund"))
    grants_factory.reviewed(opposite, scores=((3, 3), (3, 3)), recommendations=("fund", "do_not_fund"))
    grants_factory.reviewed(waiting, scores=((2, 5),))
    late = grants_factory.user(grants_factory.people.make(Role.STAFF))
    reviews.declare_conflict(reviews.assign_reviewer(late, waiting, late), late, False, "")
    outsider = grants_factory.user(grants_factory.people.make(Role.STAFF))
    listed = [calm, far, opposite, waiting, unreviewed]

    def plain(summary):
        return summary and (summary.overall, summary.split_reasons, summary.waiting,
                            [(r.id, score) for r, score in summary.per_reviewer])
    for viewer in (outsider, late):
        expected = {a.id: plain(reviews.visible_summary(a, viewer)) for a in listed}
        db.session.expire_all()
        together = reviews.visible_summaries(list(db.session.scalars(
            sa.select(GrantApplication).where(GrantApplication.id.in_(expected)))), viewer)
        assert {i: plain(s) for i, s in together.items()} == expected
    assert plain(reviews.visible_summary(waiting, late)) is None
    assert reviews.visible_summary(far, outsider).split
    assert reviews.visible_summary(unreviewed, outsider).overall is None


def test_a_rounds_list_finds_the_applications_short_of_reviewers_that_each_ones_own_check_finds(app, grants_factory):
    """The round's page reads "assign another reviewer" from the reviews its summaries read (issue 35), as plain
    rows of the page's applications: the same applications `short_of_reviewers` finds, one at a time."""
    round_id = grants_factory.round()
    short, enough, unasked = (
        grants_factory.submitted(round_id, participant=grants_factory.eligible_participant(name))
        for name in ("Malee", "Nok", "Kham"))
    staff = grants_factory.user(grants_factory.people.make(Role.STAFF))
    for application, others in ((short, 1), (enough, 2)):
        for _ in range(others):
            reviews.assign_reviewer(staff, application, grants_factory.user(grants_factory.people.make(Role.STAFF)))
        cousin = grants_factory.user(grants_factory.people.make(Role.STAFF))
        reviews.declare_conflict(reviews.assign_reviewer(staff, application, cousin), cousin, True, "My cousin.")
    with app.test_request_context():
        listed = rounds.applications_listed(db.session.get(GrantRound, round_id))
        _summaries, needing = reviews.list_figures(listed.rows, staff)
    assert {row.id for row in listed.rows} == {short.id, enough.id, unasked.id}
    assert needing == {a.id for a in (short, enough, unasked) if reviews.short_of_reviewers([a.id])} == {short.id}


def test_conflict_of_interest_takes_the_reviewer_off_and_is_kept(grants_factory):
    round_id = grants_factory.round()
    application = grants_factory.submitted(round_id)
    reviewer = grants_factory.user(grants_factory.people.make(Role.STAFF))
    review = reviews.assign_reviewer(reviewer, application, reviewer)
    with pytest.raises(GrantError):
        reviews.submit_review(review, reviewer, {}, "", "fund")  # must declare first
    reviews.declare_conflict(review, reviewer, True, "She is my cousin.")
    assert review.status == "conflict" and review.conflict_note == "She is my cousin."
    with pytest.raises(GrantError):
        reviews.submit_review(review, reviewer, {c.id: 3 for c in reviews.criteria_for(application)}, "", "fund")
    replacement = grants_factory.user(grants_factory.people.make(Role.STAFF))
    reviews.assign_reviewer(replacement, application, replacement)
    assert [r.status for r in reviews.current_reviews(application)] == ["conflict", "assigned"]


def test_decision_by_someone_who_did_not_review_with_a_plain_reason(grants_factory):
    round_id = grants_factory.round()
    application = grants_factory.submitted(round_id)
    reviewers = grants_factory.reviewed(application)
    with pytest.raises(GrantError):
        decisions.decide(application, reviewers[0], "approve", "Good plan and a clear market.")
    decider = grants_factory.user(grants_factory.people.make(Role.STAFF))
    with pytest.raises(GrantError):
        decisions.decide(application, decider, "approve", "ok")  # the reason is too short to help
    decisions.decide(application, decider, "approve", "Good plan and a clear market.", amount_thb=15_000)
    assert (application.status, application.amount_awarded_thb) == ("approved", 15_000)
    assert db.session.get(GrantRound, round_id).committed_thb == 15_000


def test_changes_then_reviewed_again(grants_factory):
    round_id = grants_factory.round()
    application = grants_factory.submitted(round_id)
    grants_factory.reviewed(application)
    decider = grants_factory.user(grants_factory.people.make(Role.STAFF))
    decisions.decide(application, decider, "changes", "Please add the cost of cups and milk.")
    participant = application.participant
    applications.save_draft(application, participant, {f: "x" for f in applications.TEXT_FIELDS},
                            [LineInput("Cart", 1, 15_000), LineInput("Cups", 500, 3)], 15_000, 0, [])
    applications.submit(application, participant, TODAY)
    assert application.review_cycle == 2 and reviews.summary(application).per_reviewer == []


@pytest.mark.real_commits  # threads decide on connections of their own
def test_two_approvals_at_once_never_pass_the_budget(app, grants_factory):
    round_id = grants_factory.round(budget=30_000, maximum=20_000)
    ids = []
    for name in ("A", "B", "C", "D"):
        application = grants_factory.submitted(round_id, amount=20_000,
                                               participant=grants_factory.eligible_participant(name))
        grants_factory.reviewed(application)
        ids.append(application.id)
    deciders = [grants_factory.people.make(Role.STAFF) for _ in ids]
    db.session.commit()  # what the test set up is committed before the deciders' own transactions start
    db.session.remove()
    results, barrier = [], threading.Barrier(len(ids))

    def approve(application_id, decider_id):
        with app.app_context():
            application = db.session.get(GrantApplication, application_id)
            decider = db.session.get(User, decider_id)
            barrier.wait()
            try:
                decisions.decide(application, decider, "approve", "A sound plan with buyers.")
                db.session.commit()  # each decider's request commits its own decision
                results.append("approved")
            except GrantError:
                results.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=approve, args=pair) for pair in zip(ids, deciders, strict=False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["approved", "refused", "refused", "refused"]
    assert db.session.get(GrantRound, round_id).committed_thb == 20_000


def _approved(grants_factory, amount=20_000, accepted=True):
    """An approved award; accepted by its owner on TODAY unless `accepted` is False."""
    round_id = grants_factory.round()
    application = grants_factory.submitted(round_id, amount=amount)
    grants_factory.reviewed(application)
    staff = grants_factory.user(grants_factory.people.make(Role.STAFF))
    decisions.decide(application, staff, "approve", "A sound plan with buyers.")
    if accepted:
        awards.accept(application, application.participant, TODAY)
    return application, staff


def test_schedule_counts_from_acceptance(grants_factory):
    application, _ = _approved(grants_factory)
    visits = db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == application.id)
                                .order_by(FollowUpVisit.due_on)).all()
    assert [v.month for v in visits] == [1, 3, 6, 9, 12, 18, 24, 30, 36]
    assert visits[0].due_on == date(2026, 12, 23) and visits[-1].due_on == date(2029, 11, 23)


def test_tranches_wait_for_their_condition_and_never_pass_the_award(grants_factory):
    application, staff = _approved(grants_factory)
    disbursement.pay_tranche(application, staff, amount_thb=12_000, kind="cash", paid_on=TODAY)
    with pytest.raises(GrantError) as raised:
        disbursement.pay_tranche(application, staff, amount_thb=8_000, kind="cash", paid_on=TODAY,
                                 condition="first_visit_operating")
    assert "not met yet" in str(raised.value)
    first = db.session.scalar(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == application.id)
                              .order_by(FollowUpVisit.due_on).limit(1))
    monitoring.record_visit(first, staff, TODAY, "visit", "operating", revenue_thb=9000)
    with pytest.raises(GrantError) as over:
        disbursement.pay_tranche(application, staff, amount_thb=8_001, kind="cash", paid_on=TODAY,
                                 condition="first_visit_operating")
    assert "Only 8,000 baht of the award is left to pay." in str(over.value)
    items = [{"item": "Milk frother", "quantity": 2, "unit_cost_thb": 4000}]
    disbursement.pay_tranche(application, staff, amount_thb=8_000, kind="in_kind", items=items, paid_on=TODAY,
                             condition="first_visit_operating")
    assert application.paid_thb == 20_000
    assert db.session.scalar(sa.select(sa.func.sum(Tranche.amount_thb))) == 20_000


def test_receipts_must_be_real_images_or_pdfs(app, grants_factory):
    application, staff = _approved(grants_factory)
    with pytest.raises(GrantError):
        disbursement.pay_tranche(application, staff, amount_thb=100, kind="cash", paid_on=TODAY,
                                 receipt=(b"<script>alert(1)</script>", "receipt.jpg"))
    with pytest.raises(GrantError):
        disbursement.pay_tranche(application, staff, amount_thb=100, kind="cash", paid_on=TODAY,
                                 receipt=(b"%PDF-" + b"0" * (5 * 1024 * 1024), "big.pdf"))
    assert application.paid_thb == 0
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    tranche = disbursement.pay_tranche(application, staff, amount_thb=100, kind="cash", paid_on=TODAY,
                                       receipt=(buffer.getvalue(), "receipt.png"))
    from pathlib import Path
    stored = Path(app.config["UPLOAD_FOLDER"]) / "receipts" / tranche.receipt_path
    assert not stored.exists()  # files are written only once the payment they belong to is committed
    db.session.commit()
    assert stored.exists() and tranche.receipt_path.endswith(".jpg")
    assert not str(stored).startswith(str(Path(app.root_path) / "static"))


def test_daily_job_flags_and_is_idempotent(grants_factory):
    application, staff = _approved(grants_factory)
    visits = db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == application.id)
                                .order_by(FollowUpVisit.due_on)).all()
    with time_machine.travel(date(2027, 3, 10)):
        first = monitoring.run_daily(date(2027, 3, 10))  # month 1 (23 Dec) and 3 (23 Feb) visits missed
        second = monitoring.run_daily(date(2027, 3, 10))
    assert first == {"overdue": 2, "raised": 1, "resolved": 0, "reminded": 0}
    assert second == {"overdue": 0, "raised": 0, "resolved": 0, "reminded": 0}
    [flag] = db.session.scalars(sa.select(RiskFlag)).all()
    assert flag.reason == "missed_visits"
    with time_machine.travel(date(2027, 12, 1)):
        statuses = ("operating", "operating", "struggling")
        for visit, revenue, status in zip(visits[2:5], (9000, 7000, 5000), statuses, strict=True):
            monitoring.record_visit(visit, staff, visit.due_on, "phone", status, revenue_thb=revenue)
        monitoring.run_daily(date(2027, 12, 1))
    reasons = set(db.session.scalars(sa.select(RiskFlag.reason).where(RiskFlag.resolved_at.is_(None))))
    assert reasons == {"missed_visits", "struggling", "revenue_falling"}


def test_the_daily_job_counts_days_on_the_programmes_clock(grants_factory):
    """06:00 in Bangkok is 23:00 the day before in UTC: "today" must be Bangkok's day, not the server's."""
    from datetime import datetime

    from core import clock
    from grants.commands import daily_job

    _approved(grants_factory)  # the month-1 visit is due on 23 Dec 2026 and overdue from 31 Dec
    with time_machine.travel(datetime(2026, 12, 30, 23, 0, tzinfo=UTC), tick=False):
        assert clock.today() == date(2026, 12, 31)
        assert daily_job()["overdue"] == 1


def test_run_daily_command(app, grants_factory):
    result = app.test_cli_runner().invoke(args=["grants", "run-daily"])
    assert result.exit_code == 0 and "overdue visits marked: 0" in result.output


def test_bad_visit_input_is_refused(grants_factory):
    application, staff = _approved(grants_factory)
    visit = db.session.scalar(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == application.id).limit(1))
    for kwargs in ({"revenue_thb": -1}, {"self_ratings": {"income": 9}}):
        with pytest.raises(GrantError):
            monitoring.record_visit(visit, staff, TODAY, "visit", "operating", **kwargs)
    with pytest.raises(GrantError):
        monitoring.record_visit(visit, staff, TODAY + timedelta(days=30), "visit", "operating")
    assert visit.status == "scheduled"


def test_the_portfolio_kept_in_memory_follows_every_change(app, grants_factory):
    from grants import reports
    application, staff = _approved(grants_factory, amount=20_000)
    day = date(2027, 12, 1)
    assert reports.portfolio(day).by_round["paid_thb"].tolist() == [0]
    reports.portfolio(day).by_round.loc[0, "paid_thb"] = 999  # a page reshaping its copy changes nothing kept
    assert reports.portfolio(day).by_round["paid_thb"].tolist() == [0]
    disbursement.pay_tranche(application, staff, amount_thb=5_000, kind="cash", paid_on=TODAY)
    assert reports.portfolio(day).by_round["paid_thb"].tolist() == [5_000]
    db.session.execute(sa.update(FollowUpVisit).where(FollowUpVisit.application_id == application.id)
                       .values(status="done", done_on=TODAY, business_status="operating"))  # a bulk change
    assert reports.portfolio(day).survival.set_index("month")["operating"].to_dict()[6] == 1


def test_portfolio_report_and_exports(app, grants_factory):
    from grants import reports
    application, staff = _approved(grants_factory, amount=20_000)
    disbursement.pay_tranche(application, staff, amount_thb=5_000, kind="cash", paid_on=TODAY)
    visits = db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == application.id)
                                .order_by(FollowUpVisit.due_on)).all()
    with time_machine.travel(date(2027, 12, 1)):
        monitoring.record_visit(visits[0], staff, visits[0].due_on, "visit", "operating", revenue_thb=8000)
        monitoring.record_visit(visits[2], staff, visits[2].due_on + timedelta(days=20), "visit", "struggling",
                                revenue_thb=4000)
        data = reports.portfolio(date(2027, 12, 1))
    assert data.by_round.to_dict("records") == [{"round": "Small business 2026", "awards": 1,
                                                 "awarded_thb": 20_000, "offered": 0, "offered_thb": 0,
                                                 "paid_thb": 5_000}]
    six = data.survival[data.survival["month"] == 6].iloc[0]
    assert (six["visited"], six["operating"]) == (1, 1)  # struggling is still open: counted as operating
    assert data.revenue.set_index("month")["median_revenue_thb"].to_dict() == {1: 8000, 6: 4000}
    assert abs(data.on_time_share - 1 / 5) < 1e-9  # five visits due by then (1-12 months), one on time
    content, _ = reports.export(staff, "csv", named=False)
    assert b"Malee" not in content and b"participant_id" not in content
    named, _ = reports.export(staff, "xlsx", named=True)
    import io

    import pandas as pd
    assert pd.read_excel(io.BytesIO(named))["participant_name"].tolist() == ["Malee"]
    # The outcomes ride along, so a donor report needs no hand work.
    with_outcomes, _ = reports.export(staff, "csv", named=False, today=date(2027, 12, 1))
    row = pd.read_csv(io.BytesIO(with_outcomes), encoding="utf-8-sig").iloc[0]
    assert (row["visits_done"], row["visits_due_not_done"]) == (2, 3)  # months 3, 9 and 12 not made
    # Codes as words with the code beside.
    assert row["status"] == "Grant accepted (accepted)"
    assert (row["last_visit"], row["business_status_at_last_visit"]) == ("2027-06-12", "Struggling (struggling)")
    assert (row["still_operating"], row["revenue_at_last_visit_thb"], row["revenue_trend"]) == ("yes", 4000,
                                                                                                "Falling (falling)")
    from core.models import AuditEntry
    assert db.session.scalar(sa.select(AuditEntry.action).where(AuditEntry.action == "grants.export_named"))


@pytest.mark.parametrize(("revenues", "trend"), [((), "too_few"), ((5000,), "too_few"), ((5000, 5400), "steady"),
                                                 ((5000, 4400), "falling"), ((5000, 5600), "rising"),
                                                 ((9000, None, 4000), "falling")])
def test_revenue_trend_reads_the_last_two_reported_revenues(revenues, trend):
    import pandas as pd

    from grants import reports
    assert reports.revenue_trend(pd.Series(revenues, dtype="float64")) == trend


def test_an_award_counts_once_accepted_and_an_early_visit_is_on_time(app, grants_factory):
    """ "Awards" were counting an offer not yet answered, and a visit made before its due date left "Visits made
    on time" empty; an export row with a single visit said nothing of its revenue trend."""
    import io

    import pandas as pd

    from grants import reports
    offered, _staff = _approved(grants_factory, amount=18_000, accepted=False)
    accepted, staff = _approved(grants_factory, amount=20_000)
    first = db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == accepted.id)
                               .order_by(FollowUpVisit.due_on)).first()
    monitoring.record_visit(first, staff, TODAY + timedelta(days=2), "visit", "operating", revenue_thb=12_500)
    assert first.due_on > TODAY + timedelta(days=2)  # made early
    data = reports.portfolio(TODAY + timedelta(days=3))
    assert data.on_time_share == 1.0
    assert (int(data.by_round["awards"].sum()), int(data.by_round["awarded_thb"].sum())) == (1, 20_000)
    assert (int(data.by_round["offered"].sum()), int(data.by_round["offered_thb"].sum())) == (1, 18_000)
    content, _ = reports.export(staff, "csv", named=False, today=TODAY + timedelta(days=3))
    rows = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig").set_index("application_id")
    assert rows.loc[accepted.id, "revenue_trend"].endswith("(too_few)")
    assert rows.loc[offered.id, "status"].endswith("(approved)")


def test_a_scholarship_makes_its_course_count_as_paid_in_matching(app, grants_factory, people):
    from core.hooks import collect
    from training import recommendations
    from training.models import Course, Profile
    course = Course(title="Barista", isco_code="5132", sector="food", provider="Cafe", province_code="50",
                    district_code="5001", seats=5, stipend_thb_month=0, skills_taught=["barista"],
                    teaching_language="th")
    db.session.add(course)
    db.session.commit()
    round_id = grants_factory.round(rules=(), course_id=course.id)
    grant_round = db.session.get(GrantRound, round_id)
    grant_round.kind = "scholarship"
    db.session.commit()
    participant = grants_factory.eligible_participant()
    db.session.add(Profile(user_id=participant.id, languages_spoken=["th"], languages_read=["th"],
                           reading_level="basic", province_code="50", district_code="5001", travel_daily=True,
                           max_travel_minutes=60, relocate=False, days_mask=127, hours_from=6, hours_to=22,
                           childcare_needed=False, must_earn=True, sectors=["food"], skills={}, goal="job"))
    db.session.commit()
    profile = db.session.get(Profile, participant.id)
    with app.test_request_context():
        assert recommendations.matches_for(profile) == []  # must earn, and the course pays nothing
        application = grants_factory.submitted(round_id, participant=participant)
        grants_factory.reviewed(application)
        staff = grants_factory.user(people.make(Role.STAFF))
        decisions.decide(application, staff, "approve", "Pays the course fee and a stipend.")
        paid_for = frozenset().union(*collect("scholarship_courses", participant.id))
        [match] = recommendations.matches_for(profile, scholarship_course_ids=paid_for)
    assert match.item.id == course.id and "Your scholarship pays for it." in match.reasons


def test_a_payment_plan_is_kept_within_the_award_and_compared_with_what_was_paid(grants_factory):
    application, staff = _approved(grants_factory, amount=20_000)
    plan = [disbursement.PlanInput(TODAY, 10_000), disbursement.PlanInput(TODAY + timedelta(days=90), 10_000,
                                                                          "first_visit_operating")]
    with pytest.raises(GrantError) as over:
        disbursement.plan_tranches(application, staff, [*plan, disbursement.PlanInput(TODAY, 1)])
    assert "more than the grant of 20,000 baht" in str(over.value)
    with pytest.raises(GrantError):
        disbursement.plan_tranches(application, staff, list(reversed(plan)))  # not in date order
    disbursement.plan_tranches(application, staff, plan)
    rows = disbursement.plan_against_payments(application, TODAY + timedelta(days=1))
    assert [r.state for r in rows] == ["due", "planned"]  # the first planned date has passed unpaid
    disbursement.pay_tranche(application, staff, amount_thb=8_000, kind="cash", paid_on=TODAY)
    rows = disbursement.plan_against_payments(application, TODAY + timedelta(days=100))
    assert [(r.state, r.paid.amount_thb if r.paid else None) for r in rows] == [("paid", 8_000), ("due", None)]
    # A new plan changes only what is still to pay; the paid payment keeps its plan, the total its limit.
    with pytest.raises(GrantError):
        disbursement.plan_tranches(application, staff, [disbursement.PlanInput(TODAY, 10_001)])
    disbursement.plan_tranches(application, staff, [disbursement.PlanInput(TODAY, 4_000),
                                                    disbursement.PlanInput(TODAY + timedelta(days=30), 6_000)])
    rows = disbursement.plan_against_payments(application, TODAY)
    assert [(r.position, r.planned.amount_thb) for r in rows] == [(1, 10_000), (2, 4_000), (3, 6_000)]
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "grants.tranche_plan")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.detail == {"payments": 2, "total": 10_000}
