"""Grants pages with CSRF on: outside reviewers never see identity, scores stay hidden, decisions and
payments through the forms, staff applying on someone's behalf."""
import re
from datetime import date

import sqlalchemy as sa

from core.extensions import db
from core.models import AuditEntry, Role
from grants import reviews
from grants.check_in_steps import STEPS as VISIT_STEPS
from grants.models import GrantApplication
from tests.conftest import post_form, sign_in
from tests.steps_walks import answer_steps


def _submitted_application(app, grants_factory):
    round_id = grants_factory.round()
    participant = grants_factory.eligible_participant("Malee Secretname")
    participant.phone, participant.email = "081 999 8888", "malee.secret@example.org"
    db.session.commit()
    application = grants_factory.submitted(round_id, participant=participant)
    return application


def _approved_application(app, grants_factory, people):
    """Submitted, reviewed by two staff, approved by a third and accepted by the person: the start of every
    follow-up test."""
    from datetime import date

    from grants import awards, decisions
    application = _submitted_application(app, grants_factory)
    grants_factory.reviewed(application)
    decisions.decide(application, grants_factory.user(people.make(Role.STAFF)), "approve",
                     "A clear plan and buyers.")
    awards.accept(application, application.participant, date(2026, 11, 23))
    return application


def test_outside_reviewer_gets_no_identity_fields(app, grants_factory, people):
    outsider_id = people.make(Role.MANAGER, "Outside Expert")
    with app.app_context():
        application = _submitted_application(app, grants_factory)
        staff = grants_factory.user(people.make(Role.STAFF))
        review_id = reviews.assign_reviewer(staff, application, grants_factory.user(outsider_id), outside=True).id
    client = app.test_client()
    sign_in(client, people.login_name(outsider_id))
    post_form(client, f"/reviews/{review_id}", {"conflict-has_conflict": "no"})
    html = client.get(f"/reviews/{review_id}").get_data(as_text=True)
    assert "Coffee cart at the market" in html  # the application itself is there
    for secret in ("Malee", "Secretname", "081 999 8888", "malee.secret@example.org"):
        assert secret not in html


def test_a_reviewer_cannot_open_someone_elses_review(app, grants_factory, people):
    with app.app_context():
        application = _submitted_application(app, grants_factory)
        staff = grants_factory.user(people.make(Role.STAFF))
        review_id = reviews.assign_reviewer(staff, application, staff).id
    other = app.test_client()
    sign_in(other, people.login_name(people.make(Role.STAFF)))
    assert other.get(f"/reviews/{review_id}").status_code == 404


def test_scores_are_hidden_from_a_reviewer_until_they_send_theirs(app, grants_factory, people):
    late_id = people.make(Role.STAFF)
    with app.app_context():
        application = _submitted_application(app, grants_factory)
        grants_factory.reviewed(application, scores=((5, 5),), recommendations=("fund",))
        late = grants_factory.user(late_id)
        review_id = reviews.assign_reviewer(late, application, late).id
        application_id = application.id
        criteria = [c.id for c in reviews.criteria_for(application)]
    client = app.test_client()
    sign_in(client, people.login_name(late_id))
    post_form(client, f"/reviews/{review_id}", {"conflict-has_conflict": "no"})
    for url in (f"/reviews/{review_id}", f"/staff/grants/applications/{application_id}"):
        page = client.get(url).get_data(as_text=True)
        assert "5.00" not in page and "Weighted score" not in page
    post_form(client, f"/reviews/{review_id}", {f"score-{criteria[0]}": "2", f"score-{criteria[1]}": "2",
                                                "review-recommendation": "do_not_fund", "review-comments": "Thin"})
    page = client.get(f"/staff/grants/applications/{application_id}").get_data(as_text=True)
    assert "5.00" in page and "2.00" in page and "One reviewer recommends funding and another does not." in page


def test_decision_and_payment_through_the_forms(app, grants_factory, people):
    with app.app_context():
        application = _submitted_application(app, grants_factory)
        grants_factory.reviewed(application)
        application_id = application.id
    client = app.test_client()
    sign_in(client, people.login_name(people.make(Role.STAFF)))
    short = post_form(client, f"/staff/grants/applications/{application_id}/decide",
                      {"decision-decision": "approve", "decision-reason": "ok"})
    assert short.status_code == 400 and "Write the reason for the applicant" in short.get_data(as_text=True)
    post_form(client, f"/staff/grants/applications/{application_id}/decide",
              {"decision-decision": "approve", "decision-amount_thb": "18000",
               "decision-reason": "A clear market and the skills to serve it."})
    # Not paid before the person accepts; staff record the yes she gave at the office.
    early = post_form(client, f"/staff/grants/applications/{application_id}/tranches",
                      {"tranche-amount_thb": "100", "tranche-kind": "cash", "tranche-condition": "none",
                       "tranche-paid_on": "2026-11-01"})
    assert early.status_code == 400 and "once the person has accepted it" in early.get_data(as_text=True)
    page = client.get(f"/staff/grants/applications/{application_id}").get_data(as_text=True)
    assert "Waiting for the person to accept the grant" in page and "18,000" in page
    post_form(client, f"/staff/grants/applications/{application_id}/accepted-in-person", {})
    over = post_form(client, f"/staff/grants/applications/{application_id}/tranches",
                     {"tranche-amount_thb": "18001", "tranche-kind": "cash", "tranche-condition": "none",
                      "tranche-paid_on": "2026-11-01"})
    assert "Only 18,000 baht of the award is left to pay." in over.get_data(as_text=True)
    post_form(client, f"/staff/grants/applications/{application_id}/tranches",
              {"tranche-amount_thb": "10800", "tranche-kind": "cash", "tranche-condition": "none",
               "tranche-paid_on": "2026-11-01"})
    with app.app_context():
        stored = db.session.get(GrantApplication, application_id)
        assert (stored.status, stored.amount_awarded_thb, stored.paid_thb) == ("accepted", 18_000, 10_800)
        assert stored.award_recorded_by_id is not None and stored.visits_start_on is not None


def test_applicant_sees_status_and_reason_in_plain_words(app, grants_factory, people):
    with app.app_context():
        application = _submitted_application(app, grants_factory)
        participant_id, application_id = application.participant_id, application.id
    participant_login = people.login_name(participant_id)
    client = app.test_client()
    sign_in(client, participant_login)
    page = client.get(f"/grants/applications/{application_id}").get_data(as_text=True)
    assert "Sent, waiting for reviewers" in page
    assert client.get(f"/grants/applications/{application_id}/edit").status_code == 200


def test_staff_apply_on_behalf_is_recorded(app, grants_factory, people):
    staff_id = people.make(Role.STAFF)
    with app.app_context():
        round_id = grants_factory.round()
        participant_id = grants_factory.eligible_participant().id
    client = app.test_client()
    sign_in(client, people.login_name(staff_id))
    response = post_form(client, f"/staff/grants/participants/{participant_id}/rounds/{round_id}/start")
    assert response.status_code == 302
    with app.app_context():
        application = db.session.scalar(sa.select(GrantApplication))
        assert application.created_by_id == staff_id and application.participant_id == participant_id
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "grant_application.start"))
        assert entry.detail == {"on_behalf": True}


def test_double_click_on_start_makes_one_application(app, grants_factory, people):
    with app.app_context():
        round_id = grants_factory.round()
        participant_id = grants_factory.eligible_participant().id
    client = app.test_client()
    sign_in(client, people.login_name(participant_id))
    post_form(client, f"/grants/rounds/{round_id}/start")
    post_form(client, f"/grants/rounds/{round_id}/start")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(GrantApplication.id))) == 1


def test_negative_budget_row_is_refused_next_to_the_budget(app, grants_factory, people):
    with app.app_context():
        round_id = grants_factory.round()
        participant_id = grants_factory.eligible_participant().id
    client = app.test_client()
    sign_in(client, people.login_name(participant_id))
    location = post_form(client, f"/grants/rounds/{round_id}/start").headers["Location"]
    response = post_form(client, location, {"lines-0-item": "Cart", "lines-0-quantity": "-2",
                                            "lines-0-unit_cost_thb": "100", "amount_requested_thb": "100",
                                            "own_contribution_thb": "0", "save": "1"})
    assert "Check the budget rows." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(GrantApplication)).budget_lines == []


def test_staff_change_criteria_and_a_new_version_is_made_after_reviews(app, grants_factory, people):
    with app.app_context():
        application = _submitted_application(app, grants_factory)
        grants_factory.reviewed(application)
        round_id = application.round_id
    client = app.test_client()
    sign_in(client, people.login_name(people.make(Role.STAFF)))
    page = client.get(f"/staff/grants/rounds/{round_id}/criteria").get_data(as_text=True)
    assert "Reviews already used these criteria" in page and 'value="Local market"' in page
    levels = {f"criteria-0-level_{n}": f"Level {n}" for n in range(1, 6)}
    post_form(client, f"/staff/grants/rounds/{round_id}/criteria",
              {"criteria-0-name": "Market", "criteria-0-weight": "2", **levels})
    with app.app_context():
        from grants.models import GrantRound
        grant_round = db.session.get(GrantRound, round_id)
        assert grant_round.criteria_version == 2 and [c.name for c in grant_round.current_criteria()] == ["Market"]


def test_exception_and_moving_a_visit_through_the_pages(app, grants_factory, people):
    from datetime import date

    from grants.models import EligibilityException, FollowUpVisit
    with app.app_context():
        round_id = grants_factory.round(rules=("completed_course", "business_training"))
        participant = grants_factory.eligible_participant()
        from grants.applications import start_application
        from grants.models import GrantRound
        application = start_application(participant, db.session.get(GrantRound, round_id), participant)
        application_id = application.id
    client = app.test_client()
    sign_in(client, people.login_name(people.make(Role.STAFF)))
    post_form(client, f"/staff/grants/applications/{application_id}/exception",
              {"exception-rule": "business_training", "exception-reason": "Ran a market stall for five years."})
    with app.app_context():
        assert db.session.scalar(sa.select(EligibilityException.rule)) == "business_training"
    with app.app_context():
        application = _approved_application(app, grants_factory, people)
        visit_id = db.session.scalars(sa.select(FollowUpVisit.id).where(
            FollowUpVisit.application_id == application.id).order_by(FollowUpVisit.due_on)).first()
    post_form(client, f"/staff/grants/visits/{visit_id}/move", {"move-due_on": "2027-01-05"})
    with app.app_context():
        assert db.session.get(FollowUpVisit, visit_id).due_on == date(2027, 1, 5)


def test_participant_checks_in_on_their_own_visit_only(app, grants_factory, people):

    from grants.models import FollowUpVisit
    with app.app_context():
        application = _approved_application(app, grants_factory, people)
        visit_id = db.session.scalars(sa.select(FollowUpVisit.id).where(
            FollowUpVisit.application_id == application.id).order_by(FollowUpVisit.due_on)).first()
        owner = people.login_name(application.participant_id)
    stranger = app.test_client()
    sign_in(stranger, people.login_name(people.make(Role.PARTICIPANT)))
    assert stranger.get(f"/grants/visits/{visit_id}/check-in").status_code == 404
    client = app.test_client()
    sign_in(client, owner)
    answer_steps(client, f"/grants/visits/{visit_id}/check-in", VISIT_STEPS,
                 {"business_status": "operating", "revenue_thb": "9000"})  # one question a page, then send
    post_form(client, f"/grants/visits/{visit_id}/check-in")
    with app.app_context():
        visit = db.session.get(FollowUpVisit, visit_id)
        # Weeks before the visit: an extra check-in of the owner's business (tests/grants/test_self_check_in.py).
        [sent] = db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.kind == "self_check_in")).all()
        assert (sent.application_id, sent.status, sent.revenue_thb) == (visit.application_id, "done", 9000)


def test_round_form_takes_the_visit_months_and_a_scholarship_needs_its_course(app, people):
    from grants.models import GrantRound
    client = app.test_client()
    sign_in(client, people.login_name(people.make(Role.STAFF)))
    levels = {f"criteria-0-level_{n}": f"Level {n}" for n in range(1, 6)}
    base = {"name": "Round", "kind": "business", "budget_thb": "100000", "max_per_grant_thb": "20000",
            "opens_on": "2026-01-01", "closes_on": "2026-12-31", "course_id": "0", "criteria-0-name": "Market",
            "criteria-0-weight": "1", **levels}
    bad = post_form(client, "/staff/grants/rounds/new", {**base, "visit_months": "1, 3, ninety"})
    assert "Write months from 1 to 60" in bad.get_data(as_text=True)
    scholarship = post_form(client, "/staff/grants/rounds/new", {**base, "kind": "scholarship",
                                                                  "visit_months": "1, 2"})
    assert "Choose the course a scholarship pays for." in scholarship.get_data(as_text=True)
    post_form(client, "/staff/grants/rounds/new", {**base, "visit_months": "2, 1, 6, 6"})
    with app.app_context():
        assert db.session.scalar(sa.select(GrantRound.visit_months)) == [1, 2, 6]


def test_the_scholarship_course_is_found_by_words_and_the_list_never_grows_with_the_programme(app, people):
    from grants.models import GrantRound
    from training.models import Course
    from training.public import COURSE_CHOICES
    with app.app_context():
        db.session.execute(sa.insert(Course), [
            {"title": f"Aa course {n:03d}", "isco_code": "5132", "sector": "food", "provider": "X"}
            for n in range(COURSE_CHOICES + 10)] + [
            {"title": "Zz ทำขนมไทยโบราณ", "isco_code": "5120", "sector": "food", "provider": "Y"}])
        db.session.commit()
        thai_course = db.session.scalar(sa.select(Course.id).where(Course.title.startswith("Zz")))
    client = app.test_client()
    sign_in(client, people.login_name(people.make(Role.STAFF)))
    page = client.get("/staff/grants/rounds/new").get_data(as_text=True)
    assert page.count("Aa course") == COURSE_CHOICES and "ขนมไทย" not in page

    levels = {f"criteria-0-level_{n}": f"Level {n}" for n in range(1, 6)}
    form = {"name": "Thai desserts", "kind": "scholarship", "budget_thb": "100000", "max_per_grant_thb": "20000",
            "opens_on": "2026-01-01", "closes_on": "2026-12-31", "course_id": "0", "criteria-0-name": "Market",
            "criteria-0-weight": "1", "visit_months": "1, 3", **levels}
    found = post_form(client, "/staff/grants/rounds/new", {**form, "course_search": "ขนมไทย", "find_course": "1"})
    text = found.get_data(as_text=True)
    assert "ขนมไทย" in text and "Aa course" not in text and 'value="Thai desserts"' in text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(GrantRound.id))) == 0, "finding saves nothing"

    # The chosen course stays chosen when the form comes back with an error, though the list does not hold it.
    again = post_form(client, "/staff/grants/rounds/new", {**form, "course_id": str(thai_course), "name": ""})
    assert re.search(f'<option[^>]* selected value="{thai_course}">', again.get_data(as_text=True))
    post_form(client, "/staff/grants/rounds/new", {**form, "course_id": str(thai_course)})
    with app.app_context():
        assert db.session.scalar(sa.select(GrantRound.course_id)) == thai_course


def test_a_follow_up_grant_is_a_new_application_linked_to_the_first(app, grants_factory, people):

    with app.app_context():
        first = _approved_application(app, grants_factory, people)
        expansion_round = grants_factory.round(rules=())
        first_id, owner = first.id, people.login_name(first.participant_id)
    client = app.test_client()
    sign_in(client, owner)
    assert "Apply for a follow-up grant" in client.get(f"/grants/applications/{first_id}").get_data(as_text=True)
    post_form(client, f"/grants/applications/{first_id}/follow-up", {"round_id": str(expansion_round)})
    with app.app_context():
        second = db.session.scalar(sa.select(GrantApplication).where(GrantApplication.round_id == expansion_round))
        assert second.follows_application_id == first_id and second.status == "draft"


def test_grant_portfolio_with_gaps_in_the_visits(app, grants_factory, people):
    """Visits without figures, a closed business, months nobody visited: the report says so, no 500."""
    from datetime import date

    import time_machine

    from grants import monitoring
    from grants.models import FollowUpVisit

    with app.app_context():
        application = _approved_application(app, grants_factory, people)
        staff = grants_factory.user(people.make(Role.STAFF))
        visits = db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == application.id)
                                    .order_by(FollowUpVisit.due_on)).all()
        six = next(v for v in visits if v.month == 6)
        with time_machine.travel(date(2027, 12, 1)):
            monitoring.record_visit(visits[0], staff, visits[0].due_on, "visit", None)  # no figures at all
            monitoring.record_visit(six, staff, six.due_on, "visit", "closed")
        login = staff.login_name
    client = app.test_client()
    sign_in(client, login)
    page = client.get("/staff/grants/report")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "No figure yet for: 12, 24." in html
    for fmt in ("csv", "xlsx"):
        assert client.get(f"/staff/grants/report.{fmt}").status_code == 200


def test_receipts_open_for_the_owner_and_staff_only_as_files_that_run_nothing(app, grants_factory, people):
    import io

    from PIL import Image

    from grants import disbursement
    from grants.models import Tranche
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    with app.app_context():
        application = _approved_application(app, grants_factory, people)
        staff = grants_factory.user(people.make(Role.STAFF))
        photo = disbursement.pay_tranche(application, staff, amount_thb=100, kind="cash", paid_on=date(2026, 11, 23),
                                         receipt=(buffer.getvalue(), "receipt.png"))
        pdf = disbursement.pay_tranche(application, staff, amount_thb=100, kind="cash", paid_on=date(2026, 11, 23),
                                       receipt=(b"%PDF-1.4 receipt", "receipt.pdf"))
        plain = disbursement.pay_tranche(application, staff, amount_thb=100, kind="cash", paid_on=date(2026, 11, 23))
        db.session.commit()
        photo_id, pdf_id, plain_id = photo.id, pdf.id, plain.id
        owner, application_id, staff_id = application.participant_id, application.id, staff.id
    participant = app.test_client()
    sign_in(participant, people.login_name(owner))
    assert f"/grants/tranches/{photo_id}/receipt" in participant.get(f"/grants/applications/{application_id}") \
        .get_data(as_text=True)
    shown = participant.get(f"/grants/tranches/{photo_id}/receipt")
    assert shown.status_code == 200 and shown.mimetype == "image/jpeg"
    assert shown.data.startswith(b"\xff\xd8") and "attachment" not in shown.headers.get("Content-Disposition", "")
    assert "sandbox" in shown.headers["Content-Security-Policy"] and "default-src 'none'" in \
        shown.headers["Content-Security-Policy"]
    assert shown.headers["X-Content-Type-Options"] == "nosniff" and shown.headers["Cache-Control"] == "no-store"
    saved = participant.get(f"/grants/tranches/{pdf_id}/receipt")
    assert saved.mimetype == "application/pdf" and "attachment" in saved.headers["Content-Disposition"]
    assert participant.get(f"/grants/tranches/{plain_id}/receipt").status_code == 404
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
            AuditEntry.action == "grants.receipt_open")) == 0  # the owner's own receipt is not "access"
    someone_else = app.test_client()
    sign_in(someone_else, people.login_name(people.make(Role.PARTICIPANT)))
    assert someone_else.get(f"/grants/tranches/{photo_id}/receipt").status_code == 404
    staff_client = app.test_client()
    sign_in(staff_client, people.login_name(staff_id))
    assert f"/grants/tranches/{photo_id}/receipt" in staff_client.get(
        f"/staff/grants/applications/{application_id}").get_data(as_text=True)
    assert staff_client.get(f"/grants/tranches/{photo_id}/receipt").status_code == 200
    with app.app_context():
        [entry] = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "grants.receipt_open")).all()
        assert (entry.actor_id, entry.record_id, entry.detail) == (staff_id, str(application_id), {"tranche": photo_id})
        assert db.session.get(Tranche, photo_id).receipt_path.endswith(".jpg")
        # A staff member asked to review it who has not declared on conflicts sees no receipt either.
        from grants.models import ReviewAssignment
        reviewer_id = people.make(Role.STAFF, "Undeclared Reviewer")
        db.session.add(ReviewAssignment(application_id=application_id, reviewer_id=reviewer_id, cycle=2))
        db.session.commit()
    reviewer = app.test_client()
    sign_in(reviewer, people.login_name(reviewer_id))
    assert reviewer.get(f"/grants/tranches/{photo_id}/receipt").status_code == 404  # not there for them


def test_staff_plan_the_payments_on_the_application_page_and_see_plan_against_paid(app, grants_factory, people):
    with app.app_context():
        application = _approved_application(app, grants_factory, people)
        application_id, amount = application.id, application.amount_awarded_thb
    client = app.test_client()
    sign_in(client, people.login_name(people.make(Role.STAFF)))
    page = client.get(f"/staff/grants/applications/{application_id}").get_data(as_text=True)
    assert "No plan yet." in page and "Save the plan" in page
    too_much = post_form(client, f"/staff/grants/applications/{application_id}/payment-plan", {
        "plan-payments-0-planned_on": "2026-12-01", "plan-payments-0-amount_thb": str(amount + 1),
        "plan-payments-0-condition": "none"})
    assert too_much.status_code == 400 and "more than the grant" in too_much.get_data(as_text=True)
    undated = post_form(client, f"/staff/grants/applications/{application_id}/payment-plan", {
        "plan-payments-0-amount_thb": "1000", "plan-payments-0-condition": "none"})
    assert "Give each planned payment a date." in undated.get_data(as_text=True)
    saved = post_form(client, f"/staff/grants/applications/{application_id}/payment-plan", {
        "plan-payments-0-planned_on": "2026-01-05", "plan-payments-0-amount_thb": "5000",
        "plan-payments-0-condition": "none", "plan-payments-1-planned_on": "2099-03-01",
        "plan-payments-1-amount_thb": "5000", "plan-payments-1-condition": "first_visit_operating"})
    assert saved.status_code == 302
    page = client.get(f"/staff/grants/applications/{application_id}").get_data(as_text=True)
    assert "Planned date passed, not paid" in page and page.count("5,000 baht") >= 2


def _plan_fields(page: str) -> dict[str, str]:
    """The payment plan form's fields as the page fills them (inputs' values, selects' chosen options)."""
    form = re.search(r'<form[^>]*payment-plan.*?</form>', page, re.S).group(0)
    fields = {name: value for name, value in re.findall(
        r'<input[^>]*name="(plan-payments-[^"]+)"[^>]*value="([^"]*)"', form)}
    for name, body in re.findall(r'<select[^>]*name="(plan-payments-[^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option[^>]*selected[^>]*value="([^"]*)"|<option[^>]*value="([^"]*)"[^>]*selected', body)
        if chosen:
            fields[name] = chosen.group(1) or chosen.group(2)
    return fields


def test_the_saved_plan_comes_back_in_the_form_one_row_changes_alone_and_a_payment_starts_from_it(
        app, grants_factory, people):
    with app.app_context():
        application_id = _approved_application(app, grants_factory, people).id
    client = app.test_client()
    sign_in(client, people.login_name(people.make(Role.STAFF)))
    url = f"/staff/grants/applications/{application_id}"
    assert post_form(client, url + "/payment-plan", {
        "plan-payments-0-planned_on": "2026-12-01", "plan-payments-0-amount_thb": "6000",
        "plan-payments-0-condition": "none", "plan-payments-1-planned_on": "2027-03-01",
        "plan-payments-1-amount_thb": "4000", "plan-payments-1-condition": "first_visit_operating"}).status_code == 302
    page = client.get(url).get_data(as_text=True)
    fields = _plan_fields(page)
    assert (fields["plan-payments-0-amount_thb"], fields["plan-payments-1-amount_thb"]) == ("6000", "4000")
    assert fields["plan-payments-1-condition"] == "first_visit_operating"
    # The payment form starts from the first planned payment.
    assert re.search(r'name="tranche-amount_thb"[^>]*value="6000"|value="6000"[^>]*name="tranche-amount_thb"',
                     page)
    fields["plan-payments-1-planned_on"] = "2027-04-01"  # only the second date changes
    assert post_form(client, url + "/payment-plan", fields).status_code == 302
    with app.app_context():
        from grants.models import PlannedTranche
        plan = db.session.scalars(sa.select(PlannedTranche).where(PlannedTranche.application_id == application_id)
                                  .order_by(PlannedTranche.position)).all()
        assert [(p.planned_on, p.amount_thb, p.condition) for p in plan] == [
            (date(2026, 12, 1), 6000, "none"), (date(2027, 4, 1), 4000, "first_visit_operating")]
