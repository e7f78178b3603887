"""Follow-up after a hire: check-ins at 3, 6 and 12 months; every problem answer reaches staff as a report on
the employer without hiding the post; retention by course, employer and province; the placement export."""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import Notice, Role, User
from core.notify import render
from privacy import services as privacy
from tests.conftest import post_form, sign_in
from tests.steps_walks import answer_steps
from training import applications, check_ins, employers, placements
from training.check_in_steps import STEPS as CHECK_IN_STEPS
from training.employer_models import PostReport, WorkPost
from training.models import CHECK_IN_MONTHS, CHECK_IN_PROBLEMS, PathwayStep, PlacementCheckIn

START = date(2026, 1, 15)


_ADDRESSES = iter(range(10**6))


def _next_address() -> str:
    return f"hired{next(_ADDRESSES)}"


def _hire(training, people, *, name="Malee", post_id=None, employer_id=None, started_on=START, province="50",
          kind="job"):
    """A participant hired on a post, through the employer's own outcome; returns (check-in ids, ids)."""
    employer_id = employer_id or people.make(Role.EMPLOYER)
    if post_id is None:
        number = f"01055{people.make(Role.CUSTOMER):08d}"  # a registration number of its own
        post_id = training.post(training.organisation(employer_id, number=number), province_code=province,
                                kind=kind, openings=5)
    participant_id = people.make(Role.PARTICIPANT, name, email=f"{_next_address()}@example.org")  # shared below
    participant, employer = db.session.get(User, participant_id), db.session.get(User, employer_id)
    privacy.give_consent(participant, "share_with_employers", "v1")
    application = applications.apply_to_post(participant, db.session.get(WorkPost, post_id),
                                             ["display_name", "email"], "", started_on - timedelta(days=7))
    applications.record_outcome(application, employer, "hired", started_on)
    return application, participant, employer, post_id


def _check_ins(application) -> list[PlacementCheckIn]:
    return list(db.session.scalars(sa.select(PlacementCheckIn).where(
        PlacementCheckIn.application_id == application.id).order_by(PlacementCheckIn.month)))


def test_a_hire_gets_check_ins_at_3_6_and_12_months(ctx, training, people):
    application, participant, _employer, _post = _hire(training, people)
    found = _check_ins(application)
    assert [(c.month, c.due_on, c.status) for c in found] == [
        (3, date(2026, 4, 15), "scheduled"), (6, date(2026, 7, 15), "scheduled"), (12, date(2027, 1, 15), "scheduled")]
    assert check_ins.schedule(application, START) == []  # once per hire


def test_staff_starting_an_apprenticeship_also_schedules_check_ins(ctx, training, people):
    course_id = training.course(title="Barista", seats=3)
    participant = db.session.get(User, people.make(Role.PARTICIPANT))
    staff = db.session.get(User, people.make(Role.STAFF))
    from training.models import Course
    application = applications.apply_to_course(participant, db.session.get(Course, course_id), START)
    applications.record_step(application, staff, "apprenticeship_started", START)
    assert [c.month for c in _check_ins(application)] == list(CHECK_IN_MONTHS)


def test_the_person_is_told_once_when_due_and_a_late_answer_is_still_welcome(ctx, training, people):
    application, participant, _employer, _post = _hire(training, people)
    three = _check_ins(application)[0]
    assert check_ins.run_daily(three.due_on - timedelta(days=1)) == {"reminded": 0, "missed": 0}
    assert check_ins.run_daily(three.due_on) == {"reminded": 1, "missed": 0}
    assert check_ins.run_daily(three.due_on) == {"reminded": 0, "missed": 0}
    notices = list(db.session.scalars(sa.select(Notice).where(Notice.user_id == participant.id)))
    assert [n.kind for n in notices] == ["check_in.due"] and notices[0].link == f"/me/check-ins/{three.id}"
    _subject, text = render("check_in.due", notices[0].params)
    assert text.startswith("You started work 3 months ago") and "Your employer does not see your answers" in text
    assert check_ins.run_daily(three.due_on + timedelta(days=31))["missed"] == 1
    assert three.status == "missed" and check_ins.open_for(participant.id, three.due_on + timedelta(days=31)) == [three]
    check_ins.answer(three, participant, three.due_on + timedelta(days=40), check_ins.CheckInAnswer(True, True))
    assert three.status == "answered" and three.via == "self" and not three.needs_follow_up


@pytest.mark.parametrize("problem", CHECK_IN_PROBLEMS)
def test_every_problem_answer_reaches_staff_without_hiding_the_post(ctx, training, people, problem):
    application, participant, employer, post_id = _hire(training, people)
    three = _check_ins(application)[0]
    report = check_ins.answer(three, participant, three.due_on, check_ins.CheckInAnswer(
        still_working=True, problems=(problem,), note="In my words."))
    assert report is not None and report.post_id == post_id and report.application_id == application.id
    assert report.reason_code == check_ins.REPORT_REASON[problem] and report.resolved_at is None
    assert three.needs_follow_up and three.report_id == report.id
    assert db.session.get(WorkPost, post_id).status == "published"  # the employer cannot tell who spoke
    assert [c.id for c in check_ins.needing_follow_up(number=1).rows] == [three.id]


def test_unpaid_work_or_a_wish_for_help_waits_for_staff_without_a_report(ctx, training, people):
    application, participant, _employer, _post = _hire(training, people)
    three, six, twelve = _check_ins(application)
    assert check_ins.answer(three, participant, three.due_on, check_ins.CheckInAnswer(True, False)) is None
    assert three.needs_follow_up
    check_ins.answer(six, participant, six.due_on, check_ins.CheckInAnswer(True, True, wants_help=True))
    assert six.needs_follow_up
    check_ins.answer(twelve, participant, twelve.due_on, check_ins.CheckInAnswer(False, True))
    assert not twelve.needs_follow_up
    assert db.session.scalar(sa.select(sa.func.count(PostReport.id))) == 0


def test_only_the_person_or_staff_answer_and_staff_record_a_call(ctx, training, people):
    application, participant, employer, _post = _hire(training, people)
    three = _check_ins(application)[0]
    with pytest.raises(applications.PathwayError):
        check_ins.answer(three, employer, three.due_on, check_ins.CheckInAnswer(True))
    with pytest.raises(applications.PathwayError, match="what the problem is"):
        check_ins.answer(three, participant, three.due_on, check_ins.CheckInAnswer(True, problems=("other",)))
    assert three.status == "scheduled"
    staff = db.session.get(User, people.make(Role.STAFF))
    check_ins.answer(three, staff, three.due_on, check_ins.CheckInAnswer(True, True))
    assert (three.via, three.answered_by_id) == ("call", staff.id)
    with pytest.raises(applications.PathwayError, match="already answered"):
        check_ins.answer(three, participant, three.due_on, check_ins.CheckInAnswer(False))


def test_an_upheld_report_counts_on_the_employers_record(ctx, training, people):
    application, participant, employer, post_id = _hire(training, people)
    three, six, _ = _check_ins(application)
    check_ins.answer(three, participant, three.due_on, check_ins.CheckInAnswer(True, problems=("documents",)))
    check_ins.answer(six, participant, six.due_on, check_ins.CheckInAnswer(True, problems=("hours",)))
    staff = db.session.get(User, people.make(Role.STAFF))
    check_ins.follow_up(three, staff, upheld=True)
    check_ins.follow_up(six, staff, upheld=None)  # still finding out: the report stays open
    assert not three.needs_follow_up and three.followed_up_by_id == staff.id
    organisation = db.session.get(WorkPost, post_id).organisation
    record = employers.employer_record(organisation)
    assert [r.reason_code for r in record["upheld_reports"]] == ["documents"]
    assert db.session.get(PostReport, six.report_id).resolved_at is None
    with pytest.raises(applications.PathwayError):
        check_ins.follow_up(three, staff, upheld=False)


def test_retention_by_course_employer_and_province(ctx, training, people):
    """Four hires: two from one employer in Chiang Mai (one after the barista course), one in Lampang, one
    who has not answered. Every count of every group is checked."""
    from training.models import Course
    barista = training.course(title="Barista", province_code="50")
    first, malee, employer, post_a = _hire(training, people, name="Malee")
    db.session.add(PathwayStep(participant_id=malee.id, step="completed", course_id=barista,
                               on_date=START - timedelta(days=30)))
    # A course finished after the start does not count as the placement's course.
    db.session.add(PathwayStep(participant_id=malee.id, step="completed",
                               course_id=training.course(title="Later course"), on_date=START + timedelta(days=5)))
    second, ploy, _, _ = _hire(training, people, name="Ploy", post_id=post_a, employer_id=employer.id)
    third, niran, other_employer, post_b = _hire(training, people, name="Niran", province="52")
    _hire(training, people, name="Somchai", post_id=post_b, employer_id=other_employer.id)  # never answers
    for application, person, answers in ((first, malee, (True, True)), (second, ploy, (True, False)),
                                         (third, niran, (False,))):
        for check_in, working in zip(_check_ins(application), answers, strict=False):
            check_ins.answer(check_in, person, check_in.due_on, check_ins.CheckInAnswer(working, True))
    today = date(2026, 8, 1)  # 3- and 6-month check-ins due; 12-month not yet
    _page, by_employer = placements.retention("employer", today, number=1)
    rows = {row.label: row for row in by_employer}
    org_a = db.session.get(WorkPost, post_a).organisation.name
    assert rows[org_a].placements == 2
    assert rows[org_a].by_month == {3: (2, 2, 2), 6: (2, 2, 1), 12: (0, 0, 0)}
    assert rows[org_a].share(6) == 0.5 and rows[org_a].share(12) is None
    _page, by_province = placements.retention("province", today, number=1)
    provinces = {row.key: row for row in by_province}
    assert provinces["50"].by_month[3] == (2, 2, 2)
    assert provinces["52"].placements == 2 and provinces["52"].by_month[3] == (2, 1, 0)  # Somchai: due, silent
    _page, by_course = placements.retention("course", today, number=1)
    courses = {row.label: row for row in by_course}
    assert courses["Barista"].placements == 1 and courses["Barista"].by_month[6] == (1, 1, 1)
    assert courses["—"].placements == 3 and "Later course" not in courses
    assert db.session.get(Course, barista).title == "Barista"


def test_the_placement_export_has_no_names_and_reads_in_chunks(ctx, training, people):
    hires = [_hire(training, people, name=f"Person {n}") for n in range(3)]
    application, person = hires[0][0], hires[0][1]
    three = _check_ins(application)[0]
    check_ins.answer(three, person, three.due_on, check_ins.CheckInAnswer(True, True, note="Secret words"))
    whole = list(placements.export_rows())
    assert list(placements.export_rows(chunk=1)) == whole and len(whole) == 3
    row = dict(zip(placements.EXPORT_COLUMNS, whole[0], strict=True))
    assert row["started"] == "2026-01" and row["3_months_check_in"] == "answered"
    assert row["3_months_still_working"] == "yes" and row["in_work_at_last_answer"] == "yes"
    assert row["6_months_check_in"] == "scheduled" and row["province"]
    text = io.StringIO()
    csv.writer(text).writerows(whole)
    assert "Person 0" not in text.getvalue() and "Secret words" not in text.getvalue()


def test_the_check_in_through_the_pages(app, training, people):
    with app.app_context():
        application, participant, employer, post_id = _hire(training, people, started_on=date.today()
                                                            - timedelta(days=100))
        three = _check_ins(application)[0]
        check_in_id, login, employer_login = three.id, people.login_name(participant.id), people.login_name(
            employer.id)
        db.session.commit()
    client = app.test_client()
    sign_in(client, login)
    pathway = client.get("/me/pathway").get_data(as_text=True)
    assert f"/me/check-ins/{check_in_id}" in pathway and "How is your work going?" in pathway
    empty = post_form(client, f"/me/check-ins/{check_in_id}", {})
    assert empty.status_code == 200 and "Are you still working there?" in empty.get_data(as_text=True)
    answer_steps(client, f"/me/check-ins/{check_in_id}", CHECK_IN_STEPS, {
        "still_working": "yes", "paid_as_promised": "no", "problems": ["fee"], "note": "A fee for the uniform.",
        "wants_help": "y"})
    done = post_form(client, f"/me/check-ins/{check_in_id}", follow_redirects=True)
    page = done.get_data(as_text=True)
    assert "Thank you" in page and "1300" in page and "1546" in page
    # Staff see it to follow up; the employer sees nothing of it.
    staff = app.test_client()
    sign_in(staff, people.login_name(people.make(Role.STAFF)))
    board = staff.get("/staff/training/check-ins").get_data(as_text=True)
    assert f"/staff/training/check-ins/{check_in_id}" in board and "Asks to be contacted" in board
    detail = staff.get(f"/staff/training/check-ins/{check_in_id}").get_data(as_text=True)
    assert "A fee for the uniform." in detail and "The post stays up" in detail
    post_form(staff, f"/staff/training/check-ins/{check_in_id}", {"follow-upheld": "yes"})
    with app.app_context():
        assert not db.session.get(PlacementCheckIn, check_in_id).needs_follow_up
    employer_client = app.test_client()
    sign_in(employer_client, employer_login)
    employer_page = employer_client.get(f"/employer/posts/{post_id}/applications").get_data(as_text=True)
    assert "A fee for the uniform." not in employer_page and "check-in" not in employer_page.lower()
    report = staff.get("/staff/training/placements").get_data(as_text=True)
    assert "In work at 3 months" in report and "1 / 1 (100%)" in report
    export = staff.get("/staff/training/placements.csv")
    assert export.status_code == 200 and export.headers["Cache-Control"] == "no-store"


def test_the_placement_export_writes_a_read_entry_for_each_person_in_it(app, training, people, signed_in):
    # No names, but each row is one person's work history: who downloaded whose is in the read log.
    with app.app_context():
        hired = {_hire(training, people, name=f"Person {n}")[1].id for n in range(2)}
        db.session.commit()
    client, staff_id = signed_in(Role.STAFF)
    for fmt in ("csv", "xlsx"):
        assert client.get(f"/staff/training/placements.{fmt}").status_code == 200
    with app.app_context():
        from core.models import AuditEntry
        from privacy.access_log import VIEW_ACTION
        entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == VIEW_ACTION,
                                                                 AuditEntry.actor_id == staff_id)).all()
    assert {int(e.record_id) for e in entries} == hired
    assert {e.detail["page"] for e in entries} == {"training_staff.placements_export"}


@pytest.mark.parametrize("lang", ["th", "my", "km", "lo", "vi"])
def test_the_check_in_answers_fit_their_question_in_every_language(app, training, people, lang):
    """Not a bare "yes/no": Thai's everyday "มี/ไม่มี" (there is / there is not) answered "are you still working
    there?". Each answer repeats the question's verb, so it reads right in every language."""
    from babel.support import Translations

    from tests.html_facts import page_facts

    with app.app_context():
        application, participant, _employer, _post_id = _hire(training, people, started_on=date.today()
                                                             - timedelta(days=100))
        check_in_id, login = _check_ins(application)[0].id, people.login_name(participant.id)
        db.session.commit()
    client = app.test_client()
    sign_in(client, login)
    with client.session_transaction() as session:
        session["lang"] = lang
    pages = {slug: page_facts(client.get(f"/me/check-ins/{check_in_id}/{slug}").get_data(as_text=True))
             for slug in ("working", "paid")}  # one question a page
    page = pages["working"]
    bare = Translations.load(str(app.config["BABEL_TRANSLATION_DIRECTORIES"]), [lang])
    for name, slug in (("still_working", "working"), ("paid_as_promised", "paid")):
        answers = [pages[slug].labels[radio.id] for radio in pages[slug].radios if radio.name == name]
        assert len(answers) >= 2 and not {bare.gettext("Yes"), bare.gettext("No"), "Yes", "No"} & set(answers)
    if lang == "th":
        still = [page.labels[radio.id] for radio in page.radios if radio.name == "still_working"]
        assert still == ["ใช่ ยังทำอยู่", "ไม่ใช่ ไม่ได้ทำแล้ว"]
