"""Participants' profiles, courses, applications and the pathway, local labour-market demand, match weights.

The profile looks forward only: skills, interests, place, time and constraints. It has no field for the past.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.content_languages import Translatable
from core.db import UTCDateTime, utcnow
from core.extensions import db
from core.models import User
from core.states import Lifecycle


class ApplicationState(enum.StrEnum):
    APPLIED = "applied"
    OFFERED = "offered"
    ACCEPTED = "accepted"  # the person said yes to the offer
    ENROLLED = "enrolled"
    COMPLETED = "completed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    NOT_OFFERED = "not_offered"


_A = ApplicationState
# Every step a course or job application can take, and nothing else. Declining and withdrawing are open at
# every step before the end, and close nothing else: the person can apply again.
APPLICATION_LIFECYCLE = Lifecycle("training_application", ApplicationState, {
    (_A.APPLIED, "offer"): _A.OFFERED,
    (_A.APPLIED, "withdraw"): _A.WITHDRAWN,
    (_A.OFFERED, "decline"): _A.DECLINED,
    (_A.OFFERED, "accept"): _A.ACCEPTED,
    (_A.OFFERED, "enrol"): _A.ENROLLED,  # staff enrol someone who said yes in person
    (_A.ACCEPTED, "enrol"): _A.ENROLLED,
    (_A.ACCEPTED, "withdraw"): _A.WITHDRAWN,
    (_A.ACCEPTED, "hire"): _A.COMPLETED,
    (_A.ACCEPTED, "not_hire"): _A.NOT_OFFERED,
    (_A.ENROLLED, "withdraw"): _A.WITHDRAWN,
    (_A.ENROLLED, "complete"): _A.COMPLETED,
    (_A.APPLIED, "hire"): _A.COMPLETED,
    (_A.OFFERED, "hire"): _A.COMPLETED,
    (_A.APPLIED, "not_hire"): _A.NOT_OFFERED,
    (_A.OFFERED, "not_hire"): _A.NOT_OFFERED,
    # The employer closed the post: its open applications end without a hire (no outcome is recorded: it
    # says nothing about the person, who may apply elsewhere).
    **{(state, "close_post"): _A.NOT_OFFERED for state in (_A.APPLIED, _A.OFFERED, _A.ACCEPTED)},
}, record_type="application")
APPLICATION_STATUSES = tuple(s.value for s in ApplicationState)
OPEN_APPLICATION_STATUSES = (_A.APPLIED.value, _A.OFFERED.value, _A.ACCEPTED.value, _A.ENROLLED.value)
PATHWAY_STEPS = ("applied", "accepted", "offer_accepted", "enrolled", "completed", "exam_passed", "exam_failed",
                 "apprenticeship_started", "apprenticeship_completed", "business_training_completed",
                 "hired", "declined", "withdrawn")


class Profile(db.Model):
    __tablename__ = "participant_profiles"
    __table_args__ = (
        sa.CheckConstraint("reading_level IN ('none', 'basic', 'fluent')", name="reading_level_known"),
        sa.CheckConstraint("goal IN ('job', 'apprenticeship', 'business')", name="goal_known"),
        sa.CheckConstraint("hours_from >= 0 AND hours_to <= 24 AND hours_from < hours_to", name="hours_in_day"),
        sa.CheckConstraint("max_travel_minutes >= 0", name="travel_not_negative"),
    )

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    languages_spoken: Mapped[list] = mapped_column(sa.JSON, default=list)
    languages_read: Mapped[list] = mapped_column(sa.JSON, default=list)
    reading_level: Mapped[str] = mapped_column(sa.String(10), default="basic")
    province_code: Mapped[str | None] = mapped_column(sa.String(2))
    district_code: Mapped[str | None] = mapped_column(sa.String(4))
    travel_daily: Mapped[bool] = mapped_column(default=True)
    max_travel_minutes: Mapped[int] = mapped_column(default=60)
    relocate: Mapped[bool] = mapped_column(default=False)
    days_mask: Mapped[int] = mapped_column(default=0b0011111)  # Monday to Friday
    hours_from: Mapped[int] = mapped_column(default=8)
    hours_to: Mapped[int] = mapped_column(default=17)
    childcare_needed: Mapped[bool] = mapped_column(default=False)
    must_earn: Mapped[bool] = mapped_column(default=False)
    monthly_need_thb: Mapped[int | None] = mapped_column()
    sectors: Mapped[list] = mapped_column(sa.JSON, default=list)
    skills: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # skill code -> level 1..3
    goal: Mapped[str] = mapped_column(sa.String(20), default="job")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship()


class Course(Translatable, db.Model):
    __tablename__ = "courses"
    TRANSLATED = ("title", "description", "prerequisites")
    __table_args__ = (
        sa.CheckConstraint("seats >= 0", name="seats_not_negative"),
        sa.CheckConstraint("seats_taken >= 0 AND seats_taken <= seats", name="never_overbooked"),
        sa.CheckConstraint("cost_thb >= 0 AND stipend_thb_month >= 0", name="money_not_negative"),
        sa.CheckConstraint("duration_weeks > 0", name="duration_positive"),
        sa.CheckConstraint("hours_from >= 0 AND hours_to <= 24 AND hours_from < hours_to", name="hours_in_day"),
        sa.Index("ix_courses_title_id", "title", "id"),  # lists of courses by name stop at their page
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(160))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    isco_code: Mapped[str] = mapped_column(sa.String(4), index=True)
    sector: Mapped[str] = mapped_column(sa.String(20), index=True)
    provider: Mapped[str] = mapped_column(sa.String(160))
    online: Mapped[bool] = mapped_column(default=False)
    province_code: Mapped[str | None] = mapped_column(sa.String(2), index=True)
    district_code: Mapped[str | None] = mapped_column(sa.String(4))
    days_mask: Mapped[int] = mapped_column(default=0b0011111)
    hours_from: Mapped[int] = mapped_column(default=9)
    hours_to: Mapped[int] = mapped_column(default=16)
    duration_weeks: Mapped[int] = mapped_column(default=12)
    seats: Mapped[int] = mapped_column(default=10)
    seats_taken: Mapped[int] = mapped_column(default=0)
    cost_thb: Mapped[int] = mapped_column(default=0)
    stipend_thb_month: Mapped[int] = mapped_column(default=0)
    childcare_offered: Mapped[bool] = mapped_column(default=False)
    teaching_language: Mapped[str] = mapped_column(sa.String(5), default="th")
    reading_level_needed: Mapped[str] = mapped_column(sa.String(10), default="none")
    prerequisites: Mapped[str] = mapped_column(sa.Text, default="")
    skills_taught: Mapped[list] = mapped_column(sa.JSON, default=list)
    exit_exam: Mapped[bool] = mapped_column(default=True)
    is_open: Mapped[bool] = mapped_column(default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    starts: Mapped[list[CourseStart]] = relationship(back_populates="course", cascade="all, delete-orphan",
                                                       order_by="CourseStart.starts_on")

    @property
    def seats_left(self) -> int:
        return self.seats - self.seats_taken

    def next_starts(self, today: date) -> list[date]:
        return [start.starts_on for start in self.starts if start.starts_on >= today]


class CourseStart(db.Model):
    __tablename__ = "course_starts"
    __table_args__ = (sa.UniqueConstraint("course_id", "starts_on", name="uq_course_starts_course_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[date] = mapped_column(sa.Date)

    course: Mapped[Course] = relationship(back_populates="starts")


class Application(db.Model):
    """A participant's application to a course or to an employer's post, and where it stands."""

    __tablename__ = "applications"
    __table_args__ = (
        sa.CheckConstraint("(course_id IS NULL) <> (post_id IS NULL)", name="one_target"),
        sa.CheckConstraint(f"status IN {APPLICATION_STATUSES!r}", name="status_known"),
        sa.CheckConstraint("outcome IS NULL OR outcome IN ('hired', 'not_hired')", name="outcome_known"),
        # One open application per person and course, and per person and post (closed ones may repeat).
        sa.Index("uq_applications_one_open_per_course", "participant_id", "course_id", unique=True,
                 sqlite_where=sa.text(f"course_id IS NOT NULL AND status IN {OPEN_APPLICATION_STATUSES!r}"),
                 postgresql_where=sa.text(f"course_id IS NOT NULL AND status IN {OPEN_APPLICATION_STATUSES!r}")),
        sa.Index("uq_applications_one_open_per_post", "participant_id", "post_id", unique=True,
                 sqlite_where=sa.text(f"post_id IS NOT NULL AND status IN {OPEN_APPLICATION_STATUSES!r}"),
                 postgresql_where=sa.text(f"post_id IS NOT NULL AND status IN {OPEN_APPLICATION_STATUSES!r}")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[int | None] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    post_id: Mapped[int | None] = mapped_column(sa.ForeignKey("work_posts.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(sa.String(20), default="applied")
    holds_seat: Mapped[bool] = mapped_column(default=False)
    shared_fields: Mapped[list] = mapped_column(sa.JSON, default=list)  # what the employer may see
    message: Mapped[str] = mapped_column(sa.Text, default="")
    outcome: Mapped[str | None] = mapped_column(sa.String(20))
    # The province of the work, recorded at the hire (the post's then): the impact figures count the hire there
    # for good, whatever the post says later.
    work_province_code: Mapped[str | None] = mapped_column(sa.String(2))
    # An offer: who made it, and the date the person is asked to answer by. No answer by then closes nothing.
    offered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    answer_by: Mapped[date | None] = mapped_column(sa.Date)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    participant: Mapped[User] = relationship(foreign_keys=[participant_id])
    course: Mapped[Course | None] = relationship()
    post: Mapped[WorkPost | None] = relationship()  # noqa: F821 (training.employer_models)


class PathwayStep(db.Model):
    """One dated step on a participant's path, recorded by staff (or by the participant's own choice)."""

    __tablename__ = "pathway_steps"
    __table_args__ = (sa.CheckConstraint(f"step IN {PATHWAY_STEPS!r}", name="step_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int | None] = mapped_column(sa.ForeignKey("applications.id", ondelete="SET NULL"))
    course_id: Mapped[int | None] = mapped_column(sa.ForeignKey("courses.id", ondelete="SET NULL"))
    post_id: Mapped[int | None] = mapped_column(sa.ForeignKey("work_posts.id", ondelete="SET NULL"))
    step: Mapped[str] = mapped_column(sa.String(40))
    on_date: Mapped[date] = mapped_column(sa.Date)
    province_code: Mapped[str | None] = mapped_column(sa.String(2))  # a post's step: the post's province then
    note: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    course: Mapped[Course | None] = relationship()


class DemandImport(db.Model):
    __tablename__ = "demand_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    filename: Mapped[str] = mapped_column(sa.String(255))
    source: Mapped[str] = mapped_column(sa.String(255))
    source_date: Mapped[date] = mapped_column(sa.Date)
    row_count: Mapped[int] = mapped_column()
    imported_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DemandRecord(db.Model):
    """Local labour-market demand for one occupation in one province, as of a dated source."""

    __tablename__ = "demand_records"
    __table_args__ = (
        sa.UniqueConstraint("province_code", "isco_code", "source_date", name="uq_demand_records_place_job_date"),
        sa.CheckConstraint("vacancies >= 0", name="vacancies_not_negative"),
        sa.CheckConstraint("trend IN ('rising', 'steady', 'falling')", name="trend_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(sa.ForeignKey("demand_imports.id", ondelete="CASCADE"), index=True)
    province_code: Mapped[str] = mapped_column(sa.String(2))
    isco_code: Mapped[str] = mapped_column(sa.String(4))
    vacancies: Mapped[int] = mapped_column()
    median_wage_thb: Mapped[int | None] = mapped_column()
    trend: Mapped[str] = mapped_column(sa.String(10))
    source_date: Mapped[date] = mapped_column(sa.Date)


class MatchWeight(db.Model):
    """A weight of the matching score, changed by staff (each change is audited)."""

    __tablename__ = "match_weights"

    name: Mapped[str] = mapped_column(sa.String(30), primary_key=True)
    weight: Mapped[float] = mapped_column()


class CheckInState(enum.StrEnum):
    SCHEDULED = "scheduled"
    ANSWERED = "answered"
    MISSED = "missed"  # no answer a month after it was due; a late answer is still welcome


_C = CheckInState
CHECK_IN_LIFECYCLE = Lifecycle("placement_check_in", CheckInState, {
    (_C.SCHEDULED, "answer"): _C.ANSWERED,
    (_C.MISSED, "answer"): _C.ANSWERED,
    (_C.SCHEDULED, "miss"): _C.MISSED,
}, record_type="placement_check_in")
CHECK_IN_MONTHS = (3, 6, 12)
CHECK_IN_PROBLEMS = ("fee", "documents", "hours", "pay", "other")


class PlacementCheckIn(db.Model):
    """A short check-in 3, 6 and 12 months after a person starts a job or apprenticeship: still working? paid
    as promised? any problem? The person answers on their phone, or staff record a call."""

    __tablename__ = "placement_check_ins"
    __table_args__ = (
        sa.CheckConstraint(CHECK_IN_LIFECYCLE.check_constraint(), name="status_known"),
        sa.CheckConstraint("via IS NULL OR via IN ('self', 'call')", name="via_known"),
        sa.UniqueConstraint("application_id", "month", name="uq_placement_check_ins_month"),
        sa.Index("ix_placement_check_ins_due", "status", "due_on"),
        sa.Index("ix_placement_check_ins_needs_follow_up", "due_on", sqlite_where=sa.text("needs_follow_up"),
                 postgresql_where=sa.text("needs_follow_up")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    month: Mapped[int] = mapped_column()
    started_on: Mapped[date] = mapped_column(sa.Date)  # the day the work started
    due_on: Mapped[date] = mapped_column(sa.Date)
    status: Mapped[str] = mapped_column(sa.String(20), default="scheduled")
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_on: Mapped[date | None] = mapped_column(sa.Date)
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    via: Mapped[str | None] = mapped_column(sa.String(10))
    still_working: Mapped[bool | None] = mapped_column()
    paid_as_promised: Mapped[bool | None] = mapped_column()
    problems: Mapped[list] = mapped_column(sa.JSON, default=list)
    note: Mapped[str] = mapped_column(sa.Text, default="")  # the person's own words; staff only
    wants_help: Mapped[bool] = mapped_column(default=False)
    report_id: Mapped[int | None] = mapped_column(sa.ForeignKey("post_reports.id", ondelete="SET NULL"))
    # A problem, unpaid work or a wish for help waits on the staff list until staff follow it up.
    needs_follow_up: Mapped[bool] = mapped_column(default=False)
    followed_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    followed_up_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    application: Mapped[Application] = relationship()
    participant: Mapped[User] = relationship(foreign_keys=[participant_id])
