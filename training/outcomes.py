"""What training led to, for the public impact page (impact.services): people who finished a course (and passed its
exit exam, where it has one), finished an apprenticeship, and were in work at 3, 6 and 12 months, by year and
province. Each source is one aggregate statement; no row per person leaves the database.

The province is the one of the time: the course's, or the work's as recorded at the hire (a post's step and a
hired application keep it), never where the person lives; a person with two in a year counts where the latest
by date was (then by record, for the same day).

"Finished" and "passed the exam" are one figure, not two: published side by side, their difference would be
the people who failed, often fewer than 5, which no suppression of either table alone would protect."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from impact.services import ONLINE, Subset, Theme, count_people, year_of_day
from training.models import CHECK_IN_MONTHS, Application, Course, PathwayStep, PlacementCheckIn

_COURSE_PLACE = sa.case((Course.online.is_(True), sa.literal(ONLINE)), else_=Course.province_code)


def _step_source(finished):
    def source() -> list:
        rows = (sa.select(PathwayStep.participant_id.label("person"), year_of_day(PathwayStep.on_date).label("year"),
                          sa.func.coalesce(PathwayStep.province_code, _COURSE_PLACE).label("province"),
                          PathwayStep.on_date.label("rank"), PathwayStep.id.label("tiebreak"))
                .outerjoin(Course, Course.id == PathwayStep.course_id)
                .where(finished))
        return count_people(rows)
    return source


def _in_work_source(month: int):
    """Answered check-ins at `month`, by the year they were due, with the place of the work."""
    def source() -> list:
        rows = (sa.select(PlacementCheckIn.participant_id.label("person"),
                          year_of_day(PlacementCheckIn.due_on).label("year"),
                          sa.func.coalesce(Application.work_province_code, _COURSE_PLACE).label("province"),
                          PlacementCheckIn.still_working.label("counted"), PlacementCheckIn.due_on.label("rank"),
                          PlacementCheckIn.id.label("tiebreak"))
                .join(Application, Application.id == PlacementCheckIn.application_id)
                .outerjoin(Course, Course.id == Application.course_id)
                .where(PlacementCheckIn.month == month, PlacementCheckIn.status == "answered",
                       PlacementCheckIn.still_working.is_not(None)))
        return count_people(rows)
    return source


def _cohort(month: int) -> tuple[Subset, ...]:
    """What a reader may assume (impact.auditor uses it where the figures bear it out): people still in work at
    a check-in were in work at the one before (the same hires followed), that year or the year before."""
    earlier = [m for m in CHECK_IN_MONTHS if m < month]
    return (Subset(f"in_work_{earlier[-1]}", (0, 1)),) if earlier else ()


def themes() -> list[Theme]:
    # A course with an exit exam counts when it is passed; one without, when it is finished.
    finished_course = sa.or_(PathwayStep.step == "exam_passed",
                             sa.and_(PathwayStep.step == "completed", Course.exit_exam.is_(False)))
    return [Theme("course_completed", _l("People who finished a course and passed its exit exam"), "people",
                  _step_source(finished_course), 10),
            Theme("apprenticeship_completed", _l("People who finished an apprenticeship"), "people",
                  _step_source(PathwayStep.step == "apprenticeship_completed"), 30),
            *(Theme(f"in_work_{month}", _l("People still in work %(months)d months after being hired",
                                           months=month), "share", _in_work_source(month), 40 + order,
                  subset_of=_cohort(month))
              for order, month in enumerate(CHECK_IN_MONTHS))]
