"""Employers, their apprenticeship and job posts with the safe-recruitment declaration, reports, minimum wages."""
from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.content_languages import Translatable
from core.db import UTCDateTime, utcnow
from core.extensions import db
from core.models import User
from core.states import Lifecycle

POST_KINDS = ("apprenticeship", "job")


class PostState(enum.StrEnum):
    PENDING_REVIEW = "pending_review"
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"
    REJECTED = "rejected"
    REPORTED = "reported"
    PAUSED = "paused"
    CLOSED = "closed"


_P = PostState
# A post is public only from "published". Saving it runs the checks: clean, it is published (or stays so);
# flagged, or once staff have asked for changes or rejected it, it is held for staff. A report hides it until
# staff look again. Rescreening with new rules holds a published post that now has a flag.
# The employer may pause a published post (it leaves the listings; its applications stay and can be answered)
# and resume it (screened again like a save: clean, it is public again; else held for staff). Closing is
# final for the employer and possible from every open state; "Post again" copies a closed post as a new one.
OPEN_POST_STATES = (_P.PUBLISHED, _P.PAUSED, _P.PENDING_REVIEW, _P.CHANGES_REQUESTED, _P.REPORTED)
POST_LIFECYCLE = Lifecycle("work_post", PostState, {
    **{(state, "hold"): _P.PENDING_REVIEW for state in (_P.PENDING_REVIEW, _P.PUBLISHED, _P.CHANGES_REQUESTED,
                                                        _P.REJECTED, _P.PAUSED, _P.REPORTED)},
    (_P.PENDING_REVIEW, "publish"): _P.PUBLISHED,
    (_P.PUBLISHED, "publish"): _P.PUBLISHED,
    (_P.PENDING_REVIEW, "request_changes"): _P.CHANGES_REQUESTED,
    (_P.PENDING_REVIEW, "reject"): _P.REJECTED,
    (_P.PUBLISHED, "report"): _P.REPORTED,
    (_P.PAUSED, "report"): _P.REPORTED,  # an applicant's report of a post its employer paused
    (_P.REPORTED, "republish"): _P.PUBLISHED,
    (_P.REPORTED, "pause"): _P.PAUSED,  # unfounded, back to where its employer had put it
    (_P.REPORTED, "reject"): _P.REJECTED,
    (_P.PUBLISHED, "pause"): _P.PAUSED,
    (_P.PAUSED, "resume"): _P.PUBLISHED,
    **{(state, "close"): _P.CLOSED for state in OPEN_POST_STATES},
}, record_type="work_post")
POST_STATUSES = tuple(s.value for s in PostState)
PAY_PERIODS = ("day", "month")
CONTRACT_LABELS = {"permanent": _l("Permanent"), "fixed_term": _l("Fixed term"), "seasonal": _l("Seasonal"),
                   "part_time": _l("Part time")}


class EmployerOrganisation(db.Model):
    __tablename__ = "employer_organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    # Checked by staff: set when they verify an organisation that registered itself (from the number it gave).
    registration_number: Mapped[str | None] = mapped_column(sa.String(40), unique=True)
    address: Mapped[str] = mapped_column(sa.Text)
    province_code: Mapped[str] = mapped_column(sa.String(2))
    contact_name: Mapped[str] = mapped_column(sa.String(120))
    contact_phone: Mapped[str] = mapped_column(sa.String(40))
    contact_email: Mapped[str | None] = mapped_column(sa.String(254))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verified_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # A suspended employer publishes nothing: all its posts leave the listings until staff lift it.
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    suspension_reason: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Registered on the public page (training.employer_signup), not by staff. Its number, if it gave one, waits
    # unchecked (not unique: whoever types a number does not learn whether another organisation has it).
    registered_itself: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    given_registration_number: Mapped[str | None] = mapped_column(sa.String(40))
    work_offered: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # Staff could not verify it: it publishes nothing, and leaves staff's list of employers to verify.
    refused_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    refusal_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    members: Mapped[list[EmployerMember]] = relationship(back_populates="organisation")

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def number_shown(self) -> str:
        """For staff: the checked number, else the one it gave (unchecked)."""
        return self.registration_number or self.given_registration_number or ""


class EmployerMember(db.Model):
    """An employer account belongs to one organisation."""

    __tablename__ = "employer_members"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("employer_organisations.id", ondelete="CASCADE"),
                                                 index=True)

    user: Mapped[User] = relationship()
    organisation: Mapped[EmployerOrganisation] = relationship(back_populates="members")


WAITING_FOR_STAFF = "status IN ('pending_review', 'reported')"


class WorkPost(Translatable, db.Model):
    """An apprenticeship or a job. Public only once it passes the safe-recruitment check or staff approve it."""

    __tablename__ = "work_posts"
    TRANSLATED = ("title", "description", "what_you_learn", "accommodation_conditions")
    __table_args__ = (
        sa.CheckConstraint(f"kind IN {POST_KINDS!r}", name="kind_known"),
        sa.CheckConstraint(f"status IN {POST_STATUSES!r}", name="status_known"),
        sa.CheckConstraint("pay_amount_thb IS NULL OR pay_amount_thb >= 0", name="pay_not_negative"),
        # An employer's posts newest first; the few posts waiting for staff among thousands published (a plain
        # index on status is too unselective for the planner to use).
        sa.Index("ix_work_posts_organisation_created", "organisation_id", "created_at"),
        sa.Index("ix_work_posts_waiting", "created_at", sqlite_where=sa.text(WAITING_FOR_STAFF),
                 postgresql_where=sa.text(WAITING_FOR_STAFF)),
        sa.CheckConstraint("worker_fee_thb >= 0", name="fee_not_negative"),
        sa.CheckConstraint("hours_from >= 0 AND hours_to <= 24 AND hours_from < hours_to", name="hours_in_day"),
        sa.CheckConstraint("openings >= 0 AND filled <= openings", name="never_overfilled"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("employer_organisations.id", ondelete="CASCADE"),
                                                 index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    title: Mapped[str] = mapped_column(sa.String(160))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    isco_code: Mapped[str] = mapped_column(sa.String(4), index=True)
    sector: Mapped[str] = mapped_column(sa.String(20))
    province_code: Mapped[str] = mapped_column(sa.String(2), index=True)
    district_code: Mapped[str | None] = mapped_column(sa.String(4))
    days_mask: Mapped[int] = mapped_column(default=0b0011111)
    hours_from: Mapped[int] = mapped_column(default=8)
    hours_to: Mapped[int] = mapped_column(default=17)
    overtime_hours_week: Mapped[int] = mapped_column(default=0)
    pay_amount_thb: Mapped[int | None] = mapped_column()  # None: the post does not state its pay
    pay_period: Mapped[str] = mapped_column(sa.String(10), default="day")
    duration_months: Mapped[int | None] = mapped_column()
    contract_type: Mapped[str | None] = mapped_column(sa.String(20))
    openings: Mapped[int] = mapped_column(default=1)
    filled: Mapped[int] = mapped_column(default=0)
    accommodation_offered: Mapped[bool] = mapped_column(default=False)
    accommodation_conditions: Mapped[str] = mapped_column(sa.Text, default="")
    what_you_learn: Mapped[str] = mapped_column(sa.Text, default="")
    skills_taught: Mapped[list] = mapped_column(sa.JSON, default=list)
    skills_required: Mapped[list] = mapped_column(sa.JSON, default=list)
    prerequisites: Mapped[str] = mapped_column(sa.Text, default="")
    language: Mapped[str] = mapped_column(sa.String(5), default="th")
    reading_level_needed: Mapped[str] = mapped_column(sa.String(10), default="none")
    childcare_offered: Mapped[bool] = mapped_column(default=False)
    # What the worker would be asked to accept; each one that is not clean is a red flag.
    worker_fee_thb: Mapped[int] = mapped_column(default=0)
    employer_holds_documents: Mapped[bool] = mapped_column(default=False)
    travel_abroad_as_debt: Mapped[bool] = mapped_column(default=False)
    # The employer's safe-recruitment declaration.
    declares_no_fees: Mapped[bool] = mapped_column(default=False)
    declares_keeps_documents: Mapped[bool] = mapped_column(default=False)
    declares_free_to_leave: Mapped[bool] = mapped_column(default=False)
    declares_minimum_wage: Mapped[bool] = mapped_column(default=False)
    declares_legal_hours: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(sa.String(20), default="pending_review", index=True)
    red_flags: Mapped[list] = mapped_column(sa.JSON, default=list)
    # What the text screening found: [{indicator, sentence, field, language}], shown to staff and employer.
    text_flags: Mapped[list] = mapped_column(sa.JSON, default=list)
    review_note: Mapped[str] = mapped_column(sa.Text, default="")
    # Approving a post that still has flags needs a written reason; the gravest flags need a second staff member.
    approval_reason: Mapped[str] = mapped_column(sa.Text, default="")
    first_approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    first_approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A closed post written again: the new post (set once, by a conditional UPDATE: one copy however often
    # "Post again" is pressed).
    reposted_as_id: Mapped[int | None] = mapped_column()
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organisation: Mapped[EmployerOrganisation] = relationship()

    @property
    def is_public(self) -> bool:
        return self.status == "published" and self.organisation.suspended_at is None


def public_posts():
    """The condition for a post job seekers may see: published, and its employer not suspended."""
    return sa.and_(WorkPost.status == "published", ~sa.exists().where(
        EmployerOrganisation.id == WorkPost.organisation_id, EmployerOrganisation.suspended_at.is_not(None)))


class PostReport(db.Model):
    """"Something is wrong with this offer": the post is hidden until staff look."""

    __tablename__ = "post_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("work_posts.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason_code: Mapped[str] = mapped_column(sa.String(30), default="other")
    reason: Mapped[str] = mapped_column(sa.Text)  # the reporter's own words (may be empty for a listed reason)
    # Reached after applying: the report is about that application's experience.
    application_id: Mapped[int | None] = mapped_column(sa.ForeignKey("applications.id", ondelete="SET NULL"))
    upheld: Mapped[bool | None] = mapped_column()  # set when staff resolve it; upheld reports stay on record
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    post: Mapped[WorkPost] = relationship()


class MinimumWage(db.Model):
    """Daily minimum wage by province (or one district), from a date, with where the figure comes from."""

    __tablename__ = "minimum_wages"
    __table_args__ = (
        sa.UniqueConstraint("province_code", "district_code", "effective_from", name="uq_minimum_wages_place_date"),
        sa.CheckConstraint("daily_wage_thb > 0", name="wage_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    province_code: Mapped[str] = mapped_column(sa.String(2), index=True)
    district_code: Mapped[str | None] = mapped_column(sa.String(4))
    daily_wage_thb: Mapped[int] = mapped_column()
    effective_from: Mapped[date] = mapped_column(sa.Date)
    source: Mapped[str] = mapped_column(sa.String(255))
