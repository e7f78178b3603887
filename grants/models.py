"""Grant rounds with versioned review criteria, applications with budget lines, reviews, tranches, follow-up visits
and risk flags. Money is whole baht (THB has no coins in use for grants)."""
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

ELIGIBILITY_RULES = ("completed_course", "passed_exit_exam", "business_training", "completed_apprenticeship")
class GrantState(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"  # funded; waiting for the person to accept the award's terms
    ACCEPTED = "accepted"  # the person accepted the award: payments and follow-up visits can start
    AWARD_DECLINED = "award_declined"  # the person said no to the award; its money went back to the round
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


_G = GrantState
# A grant application's whole life. The participant may withdraw until staff decide.
GRANT_LIFECYCLE = Lifecycle("grant_application", GrantState, {
    (_G.DRAFT, "submit"): _G.SUBMITTED,
    (_G.CHANGES_REQUESTED, "submit"): _G.SUBMITTED,
    (_G.SUBMITTED, "assign_reviewer"): _G.IN_REVIEW,
    (_G.IN_REVIEW, "assign_reviewer"): _G.IN_REVIEW,
    (_G.IN_REVIEW, "approve"): _G.APPROVED,
    (_G.IN_REVIEW, "request_changes"): _G.CHANGES_REQUESTED,
    (_G.IN_REVIEW, "decline"): _G.DECLINED,
    (_G.APPROVED, "accept_award"): _G.ACCEPTED,
    (_G.APPROVED, "decline_award"): _G.AWARD_DECLINED,
    **{(state, "withdraw"): _G.WITHDRAWN for state in (_G.DRAFT, _G.SUBMITTED, _G.IN_REVIEW, _G.CHANGES_REQUESTED)},
}, record_type="grant_application")
APPLICATION_STATUSES = tuple(s.value for s in GrantState)
AWARDED_STATUSES = (_G.APPROVED.value, _G.ACCEPTED.value)  # money committed from the round
OPEN_GRANT_STATUSES = (_G.DRAFT.value, _G.SUBMITTED.value, _G.IN_REVIEW.value, _G.CHANGES_REQUESTED.value)


class VisitState(enum.StrEnum):
    SCHEDULED = "scheduled"
    DONE = "done"
    OVERDUE = "overdue"


_V = VisitState
# A follow-up visit: done once; overdue when missed (the daily job); moved to a new date until it is done.
VISIT_LIFECYCLE = Lifecycle("follow_up_visit", VisitState, {
    (_V.SCHEDULED, "record"): _V.DONE,
    (_V.OVERDUE, "record"): _V.DONE,
    (_V.DONE, "record"): _V.DONE,  # staff correct what was recorded
    (_V.SCHEDULED, "mark_overdue"): _V.OVERDUE,
    (_V.SCHEDULED, "move"): _V.SCHEDULED,
    (_V.OVERDUE, "move"): _V.SCHEDULED,
}, record_type="grant_visit")
RECOMMENDATIONS = ("fund", "fund_with_changes", "do_not_fund")
BUSINESS_STATUSES = ("operating", "struggling", "paused", "closed", "changed")
# A business found open at a visit, even if struggling or changed to another trade, is still operating: the
# portfolio report and the public impact page count it the same way.
OPERATING_STATUSES = ("operating", "struggling", "changed")
VISIT_KINDS = ("visit", "phone", "self_check_in")
# An owner's check-in sent well before a planned visit is kept as a record of its own, on its day, with this
# month (visits are 1 to 60 months after the start): it counts for no planned visit, which stays open.
EXTRA_CHECK_IN_MONTH = 0
DEFAULT_VISIT_MONTHS = (1, 3, 6, 9, 12, 18, 24, 30, 36)
VISITS_START = ("acceptance", "first_payment")  # the day a round's follow-up visits are counted from
OUTCOME_AREAS = ("income", "housing", "health", "wellbeing", "safety", "family", "skills")
SUPPORT_KINDS = ("coaching", "stock", "health", "counselling", "documents", "childcare", "legal")


class GrantRound(Translatable, db.Model):
    __tablename__ = "grant_rounds"
    TRANSLATED = ("name",)
    __table_args__ = (
        sa.CheckConstraint("kind IN ('business', 'scholarship')", name="kind_known"),
        sa.CheckConstraint("budget_thb > 0 AND max_per_grant_thb > 0", name="money_positive"),
        sa.CheckConstraint("committed_thb >= 0 AND committed_thb <= budget_thb", name="within_budget"),
        sa.CheckConstraint("opens_on <= closes_on", name="dates_in_order"),
        sa.CheckConstraint(f"visits_start IN {VISITS_START!r}", name="visits_start_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    kind: Mapped[str] = mapped_column(sa.String(20), default="business")
    currency: Mapped[str] = mapped_column(sa.String(3), default="THB")
    budget_thb: Mapped[int] = mapped_column()
    committed_thb: Mapped[int] = mapped_column(default=0)  # approved awards; raised by one conditional UPDATE
    max_per_grant_thb: Mapped[int] = mapped_column()
    opens_on: Mapped[date] = mapped_column(sa.Date)
    closes_on: Mapped[date] = mapped_column(sa.Date)
    eligibility: Mapped[list] = mapped_column(sa.JSON, default=list)
    course_id: Mapped[int | None] = mapped_column(sa.ForeignKey("courses.id", ondelete="SET NULL"))
    criteria_version: Mapped[int] = mapped_column(default=1)
    visit_months: Mapped[list] = mapped_column(sa.JSON, default=lambda: list(DEFAULT_VISIT_MONTHS))
    visits_start: Mapped[str] = mapped_column(sa.String(20), default="acceptance", server_default="acceptance")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    criteria: Mapped[list[Criterion]] = relationship(back_populates="round", order_by="Criterion.position")

    def current_criteria(self) -> list[Criterion]:
        return [c for c in self.criteria if c.version == self.criteria_version]


class Criterion(db.Model):
    """One review criterion of one version of a round's criteria. Never changed once reviews use it."""

    __tablename__ = "grant_criteria"
    __table_args__ = (sa.CheckConstraint("weight > 0", name="weight_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("grant_rounds.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column()
    position: Mapped[int] = mapped_column()
    name: Mapped[str] = mapped_column(sa.String(120))
    guidance: Mapped[str] = mapped_column(sa.Text, default="")
    weight: Mapped[float] = mapped_column()
    levels: Mapped[list] = mapped_column(sa.JSON)  # five plain descriptions, for scores 1 to 5

    round: Mapped[GrantRound] = relationship(back_populates="criteria")


class GrantApplication(db.Model):
    __tablename__ = "grant_applications"
    __table_args__ = (
        sa.CheckConstraint(f"status IN {APPLICATION_STATUSES!r}", name="status_known"),
        sa.CheckConstraint("amount_requested_thb >= 0 AND own_contribution_thb >= 0", name="money_not_negative"),
        sa.CheckConstraint("paid_thb >= 0 AND (amount_awarded_thb IS NULL OR paid_thb <= amount_awarded_thb)",
                           name="paid_within_award"),
        # One open application per person and round (a decided one may be followed by another).
        sa.Index("uq_grant_applications_one_open_per_round", "participant_id", "round_id", unique=True,
                 sqlite_where=sa.text(f"status IN {OPEN_GRANT_STATUSES!r}"),
                 postgresql_where=sa.text(f"status IN {OPEN_GRANT_STATUSES!r}")),
        # A round's page lists its applications in the order they were sent, 50 at a time: read in that order
        # from the index, not sorted from every application of the round on each visit (3,000: 2.5 ms).
        sa.Index("ix_grant_applications_round_submitted", "round_id", "submitted_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("grant_rounds.id", ondelete="RESTRICT"), index=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    follows_application_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("grant_applications.id", ondelete="SET NULL"))  # a follow-up grant for the same business
    status: Mapped[str] = mapped_column(sa.String(20), default="draft", index=True)
    business_idea: Mapped[str] = mapped_column(sa.Text, default="")
    location: Mapped[str] = mapped_column(sa.String(200), default="")
    market: Mapped[str] = mapped_column(sa.Text, default="")
    competitors: Mapped[str] = mapped_column(sa.Text, default="")
    skills: Mapped[str] = mapped_column(sa.Text, default="")
    plan_six_months: Mapped[str] = mapped_column(sa.Text, default="")
    support_wanted: Mapped[list] = mapped_column(sa.JSON, default=list)
    amount_requested_thb: Mapped[int] = mapped_column(default=0)
    own_contribution_thb: Mapped[int] = mapped_column(default=0)
    criteria_version: Mapped[int | None] = mapped_column()
    review_cycle: Mapped[int] = mapped_column(default=1)  # +1 each time it comes back after changes
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_reason: Mapped[str] = mapped_column(sa.Text, default="")
    amount_awarded_thb: Mapped[int | None] = mapped_column()
    paid_thb: Mapped[int] = mapped_column(default=0)
    award_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Staff who recorded an answer the person gave in person; None when the person answered on the site.
    award_recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    visits_start_on: Mapped[date | None] = mapped_column(sa.Date)  # follow-up visits are counted from this day
    # The business's province, recorded when the award is made (the person's home province then): the impact
    # figures count the grant there for good, never where the person lives later.
    province_code: Mapped[str | None] = mapped_column(sa.String(2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    round: Mapped[GrantRound] = relationship()
    participant: Mapped[User] = relationship(foreign_keys=[participant_id])
    budget_lines: Mapped[list[BudgetLine]] = relationship(back_populates="application",
                                                            cascade="all, delete-orphan", order_by="BudgetLine.id")

    @property
    def budget_total_thb(self) -> int:
        return sum(line.total_thb for line in self.budget_lines)


class BudgetLine(db.Model):
    __tablename__ = "grant_budget_lines"
    __table_args__ = (
        sa.CheckConstraint("quantity > 0 AND quantity <= 10000", name="quantity_sensible"),
        sa.CheckConstraint("unit_cost_thb >= 0 AND unit_cost_thb <= 10000000", name="unit_cost_sensible"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("grant_applications.id", ondelete="CASCADE"),
                                                index=True)
    item: Mapped[str] = mapped_column(sa.String(200))
    quantity: Mapped[int] = mapped_column()
    unit_cost_thb: Mapped[int] = mapped_column()

    application: Mapped[GrantApplication] = relationship(back_populates="budget_lines")

    @property
    def total_thb(self) -> int:  # computed, never typed
        return self.quantity * self.unit_cost_thb


class EligibilityException(db.Model):
    """Staff may waive one eligibility rule for one participant in one round, with a reason."""

    __tablename__ = "grant_eligibility_exceptions"
    __table_args__ = (sa.UniqueConstraint("round_id", "participant_id", "rule", name="uq_grant_exception_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("grant_rounds.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(sa.String(40))
    reason: Mapped[str] = mapped_column(sa.Text)
    granted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReviewState(enum.StrEnum):
    ASSIGNED = "assigned"
    CONFLICT = "conflict"
    SUBMITTED = "submitted"


# One reviewer on one application: the conflict answer comes first (recorded on the assignment), then the
# review is sent once. A declared conflict ends it.
REVIEW_LIFECYCLE = Lifecycle("grant_review", ReviewState, {
    (ReviewState.ASSIGNED, "declare_conflict"): ReviewState.CONFLICT,
    (ReviewState.ASSIGNED, "declare_no_conflict"): ReviewState.ASSIGNED,
    (ReviewState.ASSIGNED, "submit"): ReviewState.SUBMITTED,
}, record_type="grant_review")


class ReviewAssignment(db.Model):
    """One reviewer on one application: a conflict declaration first, then one review."""

    __tablename__ = "grant_reviews"
    __table_args__ = (
        sa.UniqueConstraint("application_id", "reviewer_id", "cycle", name="uq_grant_reviews_one_per_reviewer"),
        sa.CheckConstraint(REVIEW_LIFECYCLE.check_constraint(), name="status_known"),
        sa.CheckConstraint(f"recommendation IS NULL OR recommendation IN {RECOMMENDATIONS!r}",
                           name="recommendation_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("grant_applications.id", ondelete="CASCADE"),
                                                index=True)
    reviewer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cycle: Mapped[int] = mapped_column(default=1)
    outside_reviewer: Mapped[bool] = mapped_column(default=False)  # sees no name or contact details
    status: Mapped[str] = mapped_column(sa.String(20), default="assigned")
    conflict_declared_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    has_conflict: Mapped[bool | None] = mapped_column()
    conflict_note: Mapped[str] = mapped_column(sa.Text, default="")
    comments: Mapped[str] = mapped_column(sa.Text, default="")
    recommendation: Mapped[str | None] = mapped_column(sa.String(20))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    application: Mapped[GrantApplication] = relationship()
    reviewer: Mapped[User] = relationship()
    scores: Mapped[list[ReviewScore]] = relationship(back_populates="review", cascade="all, delete-orphan")


class ReviewScore(db.Model):
    __tablename__ = "grant_review_scores"
    __table_args__ = (
        sa.UniqueConstraint("review_id", "criterion_id", name="uq_grant_review_scores_once"),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name="score_1_to_5"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(sa.ForeignKey("grant_reviews.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(sa.ForeignKey("grant_criteria.id", ondelete="RESTRICT"))
    score: Mapped[int] = mapped_column()

    review: Mapped[ReviewAssignment] = relationship(back_populates="scores")
    criterion: Mapped[Criterion] = relationship()


class Tranche(db.Model):
    """A part of an award, in cash or in kind, released only once its condition is met."""

    __tablename__ = "grant_tranches"
    __table_args__ = (
        sa.CheckConstraint("amount_thb > 0", name="amount_positive"),
        sa.CheckConstraint("kind IN ('cash', 'in_kind')", name="kind_known"),
        sa.CheckConstraint("condition IN ('none', 'first_visit_operating')", name="condition_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("grant_applications.id", ondelete="CASCADE"),
                                                index=True)
    position: Mapped[int] = mapped_column()
    amount_thb: Mapped[int] = mapped_column()
    kind: Mapped[str] = mapped_column(sa.String(10), default="cash")
    items: Mapped[list] = mapped_column(sa.JSON, default=list)  # in kind: [{"item", "quantity", "unit_cost_thb"}]
    condition: Mapped[str] = mapped_column(sa.String(30), default="none")
    paid_on: Mapped[date | None] = mapped_column(sa.Date)
    paid_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    receipt_path: Mapped[str | None] = mapped_column(sa.String(255))

    application: Mapped[GrantApplication] = relationship()


class PlannedTranche(db.Model):
    """The plan for an award's payments: how much, when, on what condition. Staff compare it with what was
    paid (the tranche of the same position)."""

    __tablename__ = "grant_tranche_plans"
    __table_args__ = (
        sa.CheckConstraint("amount_thb > 0", name="amount_positive"),
        sa.CheckConstraint("condition IN ('none', 'first_visit_operating')", name="condition_known"),
        sa.UniqueConstraint("application_id", "position", name="uq_grant_tranche_plans_position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("grant_applications.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column()
    amount_thb: Mapped[int] = mapped_column()
    planned_on: Mapped[date] = mapped_column(sa.Date)
    condition: Mapped[str] = mapped_column(sa.String(30), default="none")


class FollowUpVisit(db.Model):
    __tablename__ = "grant_visits"
    __table_args__ = (
        sa.CheckConstraint(VISIT_LIFECYCLE.check_constraint(), name="status_known"),
        sa.CheckConstraint("business_status IS NULL OR business_status IN "
                           f"{BUSINESS_STATUSES!r}", name="business_status_known"),
        sa.CheckConstraint("revenue_thb IS NULL OR revenue_thb >= 0", name="revenue_not_negative"),
        sa.CheckConstraint("costs_thb IS NULL OR costs_thb >= 0", name="costs_not_negative"),
        sa.UniqueConstraint("application_id", "due_on", name="uq_grant_visits_one_per_business_and_day"),
        # The monitoring board and the work home list and count the visits of one status (due soon, overdue) in
        # date order: read from the index, not by walking every visit of the programme (9,000 at 1,000 units).
        sa.Index("ix_grant_visits_status_due", "status", "due_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("grant_applications.id", ondelete="CASCADE"),
                                                index=True)
    month: Mapped[int] = mapped_column()
    due_on: Mapped[date] = mapped_column(sa.Date, index=True)
    status: Mapped[str] = mapped_column(sa.String(20), default="scheduled")
    done_on: Mapped[date | None] = mapped_column(sa.Date)
    kind: Mapped[str | None] = mapped_column(sa.String(20))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    business_status: Mapped[str | None] = mapped_column(sa.String(20))
    revenue_thb: Mapped[int | None] = mapped_column()
    costs_thb: Mapped[int | None] = mapped_column()
    people_working: Mapped[int | None] = mapped_column()
    going_well: Mapped[str] = mapped_column(sa.Text, default="")
    challenges: Mapped[str] = mapped_column(sa.Text, default="")
    support_needed: Mapped[list] = mapped_column(sa.JSON, default=list)
    referral: Mapped[str] = mapped_column(sa.String(200), default="")
    self_ratings: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # outcome area -> 1..5, each optional
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the owner was told it is coming

    application: Mapped[GrantApplication] = relationship()


class RiskFlag(db.Model):
    """A business that needs attention, and why. The daily job raises each reason once while it stays open."""

    __tablename__ = "grant_risk_flags"
    __table_args__ = (sa.Index("ix_grant_risk_flags_open", "application_id", "reason", "resolved_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("grant_applications.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(sa.String(40))
    raised_on: Mapped[date] = mapped_column(sa.Date)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    application: Mapped[GrantApplication] = relationship()
