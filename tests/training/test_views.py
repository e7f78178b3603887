"""Training pages through the test client with CSRF on: profile, courses, listings, weights."""
import sqlalchemy as sa

from core.extensions import db
from core.models import AuditEntry, Role, User
from tests.conftest import post_form
from tests.steps_walks import answer_steps
from training.models import Course, MatchWeight, Profile
from training.profile_steps import STEPS

PROFILE = {"goal": "job", "sectors": ["food"], "languages_spoken": ["th", "my"], "reading_level": "basic",
           "province_code": "50", "district_code": "5001", "travel_daily": "y", "max_travel_minutes": "60",
           "days": ["0", "1", "2", "3", "4"], "hours_from": "8", "hours_to": "17", "skill_cooking": "2"}

COURSE = {"title": "Sewing", "description": "", "provider": "Workshop", "isco_code": "7533", "sector": "garments",
          "province_code": "50", "days": ["0", "1"], "hours_from": "9", "hours_to": "15", "duration_weeks": "8",
          "start_dates": "2027-01-10, 2027-03-01", "seats": "5", "cost_thb": "0", "stipend_thb_month": "0",
          "teaching_language": "th", "reading_level_needed": "none", "is_open": "y", "exit_exam": "y"}


def answer_profile(client, values: dict) -> None:
    """A participant's walk through the profile's questions, one page each, as a browser sends them."""
    answer_steps(client, "/me/profile", STEPS, values)


def test_participant_saves_a_profile_and_sees_matches(app, signed_in, training):
    training.course(title="Cooking course", sector="food", skills_taught=["cooking", "baking"])
    client, uid = signed_in(Role.PARTICIPANT)
    assert client.get("/me/matches").status_code == 302  # no profile yet: asked to fill it in
    answer_profile(client, PROFILE)
    assert post_form(client, "/me/profile").status_code == 302
    with app.app_context():
        profile = db.session.get(Profile, uid)
        assert profile.skills == {"cooking": 2} and profile.days_mask == 0b0011111
        assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
            AuditEntry.action == "participant.profile_update")) == 0  # own changes are not "staff access"
    page = client.get("/me/matches").get_data(as_text=True)
    assert "Cooking course" in page and "Why this fits you" in page and "You would learn: Baking." in page


def test_profile_refuses_impossible_values(app, signed_in):
    client, uid = signed_in(Role.PARTICIPANT)
    answer_profile(client, {**PROFILE, "hours_from": "17", "hours_to": "8"})
    response = post_form(client, "/me/profile")
    assert "The end time must be after the start time." in response.get_data(as_text=True)
    wrong_district = post_form(client, "/me/profile/district", {"district_code": "5201"})
    assert wrong_district.status_code == 200  # not a choice for Chiang Mai: refused
    with app.app_context():
        assert db.session.get(Profile, uid) is None


def test_staff_profile_edit_is_audited(app, signed_in, people):
    participant_id = people.make(Role.PARTICIPANT)
    staff, staff_id = signed_in(Role.STAFF)
    assert post_form(staff, f"/staff/training/participants/{participant_id}/profile", PROFILE).status_code == 302
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "participant.profile_update"))
        assert entry.actor_id == staff_id and entry.record_id == str(participant_id)
        assert "skills" in entry.detail["fields"]


def test_staff_course_form_validates_and_saves(app, signed_in):
    staff, _ = signed_in(Role.STAFF)
    bad = post_form(staff, "/staff/training/courses/new", {**COURSE, "seats": "-1", "stipend_thb_month": "-5"})
    assert bad.status_code == 200 and "Number must be between" in bad.get_data(as_text=True)
    assert post_form(staff, "/staff/training/courses/new", COURSE).status_code == 302
    with app.app_context():
        course = db.session.scalar(sa.select(Course))
        assert [s.starts_on.isoformat() for s in course.starts] == ["2027-01-10", "2027-03-01"]
        course.seats_taken = 4
        db.session.commit()
        course_id = course.id
    fewer = post_form(staff, f"/staff/training/courses/{course_id}/edit", {**COURSE, "seats": "3"})
    assert "There cannot be fewer seats than the 4 already taken." in fewer.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Course, course_id).seats == 5


def test_listings_search_filter_and_page(app, training, client):
    for n in range(25):
        training.course(title=f"Course {n:02d}", province_code="50" if n % 2 else "10", district_code=None)
    training.course(title="Silver jewellery", sector="crafts", province_code="10", district_code=None)
    body = client.get("/opportunities", query_string={"q": "silver"}).get_data(as_text=True)
    assert "Silver jewellery" in body and "Course 01" not in body
    chiang_mai = client.get("/opportunities", query_string={"province": "50"}).get_data(as_text=True)
    assert "12 results" in chiang_mai and "Silver jewellery" not in chiang_mai
    first = client.get("/opportunities").get_data(as_text=True)
    second = client.get("/opportunities", query_string={"page": 2}).get_data(as_text=True)
    assert "26 results" in first and "Page 1 of 2" in first and "Silver jewellery" in second


def test_public_pages_show_no_participant_data(app, training, people, client):
    participant_id = people.make(Role.PARTICIPANT, "Secret Name")
    training.profile(participant_id)
    course_id = training.course()
    for url in ("/opportunities", f"/courses/{course_id}"):
        assert "Secret Name" not in client.get(url).get_data(as_text=True)


def test_weights_change_is_audited(app, signed_in):
    staff, staff_id = signed_in(Role.STAFF)
    post_form(staff, "/staff/training/weights", {"interest": "1", "skills": "1", "demand": "5", "pay": "1",
                                                 "distance": "1"})
    with app.app_context():
        assert db.session.get(MatchWeight, "demand").weight == 5
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "matching.weights"))
        assert entry.actor_id == staff_id and entry.detail["after"]["demand"] == 5


def test_staff_see_which_participants_a_course_fits(app, training, people, signed_in):
    fits, misfit = people.make(Role.PARTICIPANT, "Fits Well"), people.make(Role.PARTICIPANT, "Reads No Thai")
    training.profile(fits)
    training.profile(misfit, languages_spoken=["en"])
    course_id = training.course()
    staff, _ = signed_in(Role.STAFF)
    page = staff.get(f"/staff/training/courses/{course_id}").get_data(as_text=True)
    assert "Fits Well" in page and "Reads No Thai" not in page


def test_errors_next_to_the_field_in_thai(app, signed_in):
    staff, _ = signed_in(Role.STAFF)
    with staff.session_transaction() as session:
        session["lang"] = "th"
    response = post_form(staff, "/staff/training/courses/new", {**COURSE, "seats": "-1", "title": ""})
    body = response.get_data(as_text=True)
    assert "ตัวเลขต้องอยู่ระหว่าง 0 ถึง 10000" in body and "กรุณากรอกช่องนี้" in body
    assert "Number must be between" not in body and "This field is required." not in body
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Course.id))) == 0


def test_listings_show_high_local_demand(app, training, client, people):
    from datetime import date

    from training import demand
    training.course(title="Barista", isco_code="5132", province_code="50")
    with app.app_context():
        staff = db.session.get(User, people.make(Role.STAFF))
        demand.import_demand(b"province,isco_code,vacancies,median_wage_thb,trend\n50,5132,140,11000,rising\n",
                             "d.csv", "Employment office", date(2026, 10, 1), staff)
    assert "High demand in Chiang Mai" in client.get("/opportunities").get_data(as_text=True)


def test_staff_add_a_dated_minimum_wage_and_the_check_uses_it(app, signed_in, training):
    from datetime import date

    from training.safety import minimum_daily_wage
    training.wages()
    staff, _ = signed_in(Role.STAFF)
    post_form(staff, "/staff/training/minimum-wages", {"province_code": "52", "daily_wage_thb": "380",
                                                       "effective_from": "2026-01-01", "source": "Royal Gazette 2026"})
    again = post_form(staff, "/staff/training/minimum-wages", {"province_code": "52", "daily_wage_thb": "390",
                                                               "effective_from": "2026-01-01", "source": "x"})
    assert "already exists" in again.get_data(as_text=True)
    with app.app_context():
        assert minimum_daily_wage("52", None, date(2025, 6, 1)) == 347
        assert minimum_daily_wage("52", None, date(2026, 6, 1)) == 380
