"""Courses: create and change them with their start dates; seats can never drop below those taken."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from core import audit
from core.content_languages import check_first_language, translate
from core.extensions import db
from core.models import User
from core.refusal import Refusal
from training.models import Course, CourseStart

COURSE_FIELDS = ("title", "description", "isco_code", "sector", "provider", "online", "province_code",
                 "district_code", "days_mask", "hours_from", "hours_to", "duration_weeks", "seats", "cost_thb",
                 "stipend_thb_month", "childcare_offered", "teaching_language", "reading_level_needed",
                 "prerequisites", "skills_taught", "exit_exam", "is_open", "text_language")


class CourseError(Refusal):
    """A refusal from this feature's services."""


def _check(values: dict, course: Course | None) -> None:
    if values["hours_from"] >= values["hours_to"]:
        raise CourseError(_l("The end time must be after the start time."), "hours_to")
    if course is not None and values["seats"] < course.seats_taken:
        raise CourseError(_l("There cannot be fewer seats than the %(n)d already taken.", n=course.seats_taken),
                          "seats")
    if not values["online"] and not values.get("province_code"):
        raise CourseError(_l("Choose where the course takes place, or mark it as online."), "province_code")


def save_course(staff: User, values: dict, start_dates: list[date], course: Course | None = None) -> Course:
    _check(values, course)
    check_first_language(course, values.get("text_language"))
    if course is None:
        course = Course()
        db.session.add(course)
    for field in COURSE_FIELDS:
        if field in values:
            setattr(course, field, values[field])
    wanted = sorted(set(start_dates))
    course.starts = [s for s in course.starts if s.starts_on in wanted] + \
        [CourseStart(starts_on=d) for d in wanted if d not in {s.starts_on for s in course.starts}]
    db.session.flush()
    audit.record("course.save", "course", course.id, actor=staff)
    db.session.flush()
    return course


def translate_course(staff: User, course: Course, language: str, texts: dict[str, str]) -> Course:
    """Write the course's words in one more language, or remove one (every text empty)."""
    translate(staff, course, language, texts, "course")
    return course
