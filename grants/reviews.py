"""Review: at least two reviewers, conflict of interest declared first, independent scores, visible splits.

Weighted score = sum(score x weight) / sum(weight), on the 1-5 scale. A split is two reviewers more than
1.5 points apart on any criterion, or one recommending to fund while another recommends not to.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core.db import utcnow
from core.extensions import db
from core.models import AuditEntry, Notice, Role, User
from core.notify import notify, path_for
from core.unit_of_work import savepoint
from grants.models import (
    GRANT_LIFECYCLE,
    RECOMMENDATIONS,
    REVIEW_LIFECYCLE,
    Criterion,
    GrantApplication,
    GrantRound,
    ReviewAssignment,
    ReviewScore,
    ReviewState,
)
from grants.rounds import GrantError

SPLIT_POINTS = 1.5
MIN_REVIEWERS = 2


def current_reviews(application: GrantApplication) -> list[ReviewAssignment]:
    return list(db.session.scalars(sa.select(ReviewAssignment).where(
        ReviewAssignment.application_id == application.id, ReviewAssignment.cycle == application.review_cycle)
        .order_by(ReviewAssignment.id)))


def assign_reviewer(staff: User, application: GrantApplication, reviewer: User, outside: bool = False
                    ) -> ReviewAssignment:
    refused = GrantError(_l("Only a sent application can be reviewed."))
    if not GRANT_LIFECYCLE.allows(application.status, "assign_reviewer"):
        raise refused
    if reviewer.id == application.participant_id:
        raise GrantError(_l("Nobody reviews their own application."))
    if not outside and not reviewer.has_role(Role.STAFF, Role.ADMIN):
        raise GrantError(_l("Reviewers from inside the programme must be staff."), "reviewer_id")
    if not reviewer.has_role(*REVIEWER_ROLES):
        # An employer might hire the applicant, so employers never review; shop managers only from outside.
        raise GrantError(_l("Only programme staff and shop managers review grant applications."), "reviewer_id")
    if any(r.reviewer_id == reviewer.id for r in current_reviews(application)):
        raise GrantError(_l("This person already reviews this application."), "reviewer_id")
    review = ReviewAssignment(application_id=application.id, reviewer_id=reviewer.id, outside_reviewer=outside,
                              cycle=application.review_cycle)
    try:
        with savepoint():  # the same reviewer assigned by another request at the same moment: that one stands
            db.session.add(review)
            db.session.flush()
    except sa.exc.IntegrityError:
        raise GrantError(_l("This person already reviews this application."), "reviewer_id") from None
    GRANT_LIFECYCLE.apply(application, "assign_reviewer", actor=staff, action="grant_review.assign",
                          detail={"reviewer": reviewer.id, "outside": outside}, refusal=refused)
    db.session.flush()
    if reviewer.id != staff.id:  # work for someone else: they are told (one who assigns themself knows)
        notify(reviewer, "grant.review_assigned", link=path_for("grants.review", review_id=review.id),
               number=application.id)
    db.session.flush()
    return review


STAFF_ROLES = (Role.STAFF, Role.ADMIN)
REVIEWER_ROLES = (*STAFF_ROLES, Role.MANAGER)  # never employers: one of them might hire the applicant


def reviewer_choices(application: GrantApplication) -> tuple[list[User], list[User]]:
    """Who may still be asked to review: (programme staff, people from outside the programme), in one query.
    The applicant and anyone already asked in this cycle are left out."""
    assigned = sa.select(ReviewAssignment.reviewer_id).where(
        ReviewAssignment.application_id == application.id, ReviewAssignment.cycle == application.review_cycle)
    people = db.session.scalars(sa.select(User).where(
        User.role.in_([r.value for r in REVIEWER_ROLES]), User.anonymised_at.is_(None),
        User.id != application.participant_id, User.id.not_in(assigned)).order_by(User.display_name)).all()
    staff = [p for p in people if p.role in {r.value for r in STAFF_ROLES}]
    return staff, [p for p in people if p.role == Role.MANAGER.value]


def may_decide(application: GrantApplication, viewer: User) -> bool:
    """Deciders are staff who have not been asked to review this application (in any cycle)."""
    if not viewer.has_role(*STAFF_ROLES):
        return False
    return not db.session.scalar(sa.select(sa.func.count(ReviewAssignment.id)).where(
        ReviewAssignment.application_id == application.id, ReviewAssignment.reviewer_id == viewer.id))


def declare_conflict(review: ReviewAssignment, reviewer: User, has_conflict: bool, note: str) -> None:
    """Before seeing the application in full. A conflict takes the reviewer off it; the declaration is kept."""
    if review.reviewer_id != reviewer.id:
        raise GrantError(_l("This review is not yours."))
    if review.conflict_declared_at is not None:
        raise GrantError(_l("You have already answered this."))
    if has_conflict and not note.strip():
        raise GrantError(_l("Say briefly what the conflict is."), "note")
    REVIEW_LIFECYCLE.apply(review, "declare_conflict" if has_conflict else "declare_no_conflict", actor=reviewer,
                           action="grant_review.conflict_declared", detail={"conflict": has_conflict},
                           audit_as=("grant_application", review.application_id),
                           refusal=GrantError(_l("You have already answered this.")))
    review.conflict_declared_at = utcnow()
    review.has_conflict = has_conflict
    review.conflict_note = note.strip()
    db.session.flush()
    if has_conflict:
        _tell_if_ready_for_decision(review.application_id, reviewer)


def submit_review(review: ReviewAssignment, reviewer: User, scores: dict[int, int], comments: str,
                  recommendation: str) -> None:
    if review.reviewer_id != reviewer.id:
        raise GrantError(_l("This review is not yours."))
    if review.conflict_declared_at is None or review.has_conflict:
        raise GrantError(_l("Declare any conflict of interest first."))
    refused = GrantError(_l("This review is already sent."))
    if not REVIEW_LIFECYCLE.allows(review.status, "submit"):
        raise refused
    criteria = criteria_for(review.application)
    if set(scores) != {c.id for c in criteria} or any(not 1 <= s <= 5 for s in scores.values()):
        raise GrantError(_l("Give every criterion a score from 1 to 5."), "scores")
    if recommendation not in RECOMMENDATIONS:
        raise GrantError(_l("Choose a recommendation."), "recommendation")
    review.scores = [ReviewScore(criterion_id=cid, score=score) for cid, score in scores.items()]
    review.comments = comments.strip()
    review.recommendation = recommendation
    REVIEW_LIFECYCLE.apply(review, "submit", actor=reviewer, action="grant_review.submit",
                           audit_as=("grant_application", review.application_id), refusal=refused)
    review.submitted_at = utcnow()
    db.session.flush()
    _tell_if_ready_for_decision(review.application_id, reviewer)


def _tell_if_ready_for_decision(application_id: int, last: User) -> None:
    """Once no current review is open and enough are sent, the application waits for a decision: the staff
    member who last assigned a reviewer is told (the decision is theirs to make or pass on). This happens at
    the one step that closes the last open review, so it is told once per round of reviews. (Read past the
    seal: a reviewer who just declared a conflict no longer sees the application, but the step is theirs.)"""
    application = db.session.scalar(sa.select(GrantApplication).where(GrantApplication.id == application_id)
                                    .execution_options(include_sealed=True))
    if application is None:
        return
    current = list(db.session.scalars(sa.select(ReviewAssignment).where(
        ReviewAssignment.application_id == application.id, ReviewAssignment.cycle == application.review_cycle)
        .execution_options(include_sealed=True)))
    if any(r.status == ReviewState.ASSIGNED for r in current):
        return
    if sum(r.status == ReviewState.SUBMITTED for r in current) < MIN_REVIEWERS:
        return
    assigner_id = db.session.scalar(sa.select(AuditEntry.actor_id).where(
        AuditEntry.action == "grant_review.assign", AuditEntry.record_type == "grant_application",
        AuditEntry.record_id == str(application.id)).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(1))
    assigner = db.session.get(User, assigner_id) if assigner_id else None
    if assigner is None or assigner.id == last.id or assigner.anonymised_at is not None \
            or not assigner.has_role(Role.STAFF, Role.ADMIN):
        return
    notify(assigner, "grant.decision_waiting", link=path_for("grants_staff.application", application_id=application.id),
           number=application.id)


def criteria_for(application: GrantApplication) -> list[Criterion]:
    version = application.criteria_version or application.round.criteria_version
    return list(db.session.scalars(sa.select(Criterion).where(Criterion.round_id == application.round_id,
                                                              Criterion.version == version)
                                   .order_by(Criterion.position)))


class Weighed(Protocol):
    """What a score's weighting reads of a criterion: a Criterion, or a row of it (visible_summaries)."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def weight(self) -> float: ...


def weighted(scores: dict[int, int], criteria: Sequence[Weighed]) -> float:
    # One loop, not two sums over generators: a round's page weighs some 100 reviews (issue 35). The same
    # additions in the same order, so the same figure.
    total_weight: float = 0
    points: float = 0
    for criterion in criteria:
        weight = criterion.weight
        total_weight += weight
        points += scores[criterion.id] * weight
    return points / total_weight


@dataclass
class ReviewSummary:
    per_reviewer: list[tuple[ReviewAssignment, float]] = field(default_factory=list)
    overall: float | None = None
    split_reasons: list[str] = field(default_factory=list)
    waiting: int = 0

    @property
    def split(self) -> bool:
        return bool(self.split_reasons)


def summary(application: GrantApplication) -> ReviewSummary:
    return _summarise(criteria_for(application), current_reviews(application))


def _scores_loaded(review: ReviewAssignment) -> dict[int, int]:
    return {s.criterion_id: s.score for s in review.scores}


def _summarise(criteria: Sequence[Weighed], current: list[ReviewAssignment],
               scores_of: Callable[[ReviewAssignment], dict[int, int]] = _scores_loaded) -> ReviewSummary:
    result = ReviewSummary()
    submitted = []
    for review in current:
        if review.status == "submitted":
            scores = scores_of(review)
            submitted.append((review, scores))
            result.per_reviewer.append((review, weighted(scores, criteria)))
        elif review.status == "assigned":
            result.waiting += 1
    if result.per_reviewer:
        result.overall = sum(score for _r, score in result.per_reviewer) / len(result.per_reviewer)
    for criterion in criteria:
        values = [scores[criterion.id] for _r, scores in submitted]
        if len(values) > 1 and max(values) - min(values) > SPLIT_POINTS:
            result.split_reasons.append(str(_l("Reviewers are far apart on \"%(name)s\" (%(low)d to %(high)d).",
                                               name=criterion.name, low=min(values), high=max(values))))
    recommendations = {r.recommendation for r, _s in submitted}
    if "do_not_fund" in recommendations and recommendations & {"fund", "fund_with_changes"}:
        result.split_reasons.append(str(_l("One reviewer recommends funding and another does not.")))
    return result


def _visible(current: list[ReviewAssignment], viewer: User) -> bool:
    """Reviews are independent: a reviewer sees the others' scores only after sending their own."""
    mine = next((r for r in current if r.reviewer_id == viewer.id), None)
    return mine is None or mine.status == "submitted"


def visible_summary(application: GrantApplication, viewer: User) -> ReviewSummary | None:
    current = current_reviews(application)
    return _summarise(criteria_for(application), current) if _visible(current, viewer) else None


class _CriterionRead(NamedTuple):
    id: int
    name: str
    weight: float


class _ReviewRead(NamedTuple):
    id: int
    application_id: int
    reviewer_id: int
    cycle: int
    status: str
    recommendation: str | None


def visible_summaries(applications: list[Any], viewer: User) -> dict[int, ReviewSummary | None]:
    """`visible_summary` for a whole list in a fixed number of statements (criteria, reviews with their scores),
    however long the list. The applications (objects or rows) must have their rounds loaded with them, or a
    `criteria_version` that is never empty. For a list's figures: `per_reviewer` holds rows (id,
    application_id, reviewer_id, cycle, status, recommendation), not the reviews as objects."""
    return list_figures(applications, viewer)[0]


def list_figures(applications: list[Any], viewer: User) -> tuple[dict[int, ReviewSummary | None], set[int]]:
    """`visible_summaries` of a list and which of it is `short_of_reviewers`, from the same two statements."""
    if not applications:
        return {}, set()
    versions = {(a.round_id, a.criteria_version or a.round.criteria_version) for a in applications}
    # The criteria as plain tuples of what a summary reads: each of 50 summaries reads each criterion's id and
    # weight several times, and through an ORM attribute that was a third of the page's attribute reads.
    criteria: dict[tuple[int, int], list[Weighed]] = {}
    for row in db.session.execute(sa.select(
            Criterion.round_id, Criterion.version, Criterion.id, Criterion.name, Criterion.weight).where(
            sa.tuple_(Criterion.round_id, Criterion.version).in_(versions)).order_by(Criterion.position)):
        criteria.setdefault((row.round_id, row.version), []).append(_CriterionRead(row.id, row.name, row.weight))
    cycles = {a.id: a.review_cycle for a in applications}
    # The reviews and the scores of those sent, as plain rows of what a summary reads, in one statement (a row
    # per score): a list of 50 applications has some 100 reviews and 300 scores, and each loaded as an object
    # cost more than the page's whole query (issue 35).
    reviews: dict[int, list[Any]] = {a.id: [] for a in applications}
    scores: dict[int, dict[int, int]] = {}
    review = None
    for read in db.session.execute(sa.select(
            ReviewAssignment.id, ReviewAssignment.application_id, ReviewAssignment.reviewer_id,
            ReviewAssignment.cycle, ReviewAssignment.status, ReviewAssignment.recommendation,
            ReviewScore.criterion_id, ReviewScore.score)
            .outerjoin(ReviewScore, sa.and_(ReviewScore.review_id == ReviewAssignment.id,
                                            ReviewAssignment.status == ReviewState.SUBMITTED.value))
            .where(ReviewAssignment.application_id.in_(cycles)).order_by(ReviewAssignment.id, ReviewScore.id)):
        if review is None or review.id != read.id:
            review = _ReviewRead(read.id, read.application_id, read.reviewer_id, read.cycle, read.status,
                                 read.recommendation)
            if review.cycle == cycles[review.application_id]:
                reviews[review.application_id].append(review)
        if read.criterion_id is not None:
            scores.setdefault(review.id, {})[read.criterion_id] = read.score

    def scores_of(review: ReviewAssignment) -> dict[int, int]:
        return scores.get(review.id, {})
    summaries = {a.id: _summarise(criteria.get((a.round_id, a.criteria_version or a.round.criteria_version), []),
                                  reviews[a.id], scores_of) if _visible(reviews[a.id], viewer) else None
                 for a in applications}
    return summaries, {a.id for a in applications if a.status in _IN_REVIEW and _short(reviews[a.id])}


_IN_REVIEW = ("submitted", "in_review")


def _short(current: Sequence[Any]) -> bool:
    """A reviewer declared a conflict and fewer than two others remain in the cycle (`short_of_reviewers`)."""
    conflicts = sum(r.status == ReviewState.CONFLICT.value for r in current)
    return bool(conflicts) and len(current) - conflicts < MIN_REVIEWERS


def reviews_for(reviewer: User) -> list[tuple[ReviewAssignment, GrantRound]]:
    """The person's reviews with their rounds: the round and number of an application are all a reviewer sees
    of it before declaring no conflict, so they are read past its seal (the application itself is not)."""
    return list(db.session.execute(
        sa.select(ReviewAssignment, GrantRound)
        .join(GrantApplication, GrantApplication.id == ReviewAssignment.application_id)
        .join(GrantRound, GrantRound.id == GrantApplication.round_id)
        .where(ReviewAssignment.reviewer_id == reviewer.id).order_by(ReviewAssignment.id.desc())
        .execution_options(include_sealed=True)).all())


def round_of(review: ReviewAssignment) -> GrantRound:
    """The round of the application under review, sealed or not (see `reviews_for`)."""
    return db.session.scalars(
        sa.select(GrantRound).join(GrantApplication, GrantApplication.round_id == GrantRound.id)
        .where(GrantApplication.id == review.application_id).execution_options(include_sealed=True)).one()


def _sealing(viewer: User, application_ids: list[int]):
    return sa.select(ReviewAssignment).where(
        ReviewAssignment.reviewer_id == viewer.id, ReviewAssignment.application_id.in_(application_ids),
        sa.or_(ReviewAssignment.conflict_declared_at.is_(None),
               ReviewAssignment.status == ReviewState.CONFLICT.value))


def sealed_application_ids(viewer_id: int) -> sa.Select:
    """The applications sealed from this viewer, as a subquery for grants.sealing: on the table, so that no seal
    filters it, and one lookup on the reviewer's index. The same rule as `sealed_for`."""
    reviews = ReviewAssignment.__table__
    return sa.select(reviews.c.application_id).where(
        reviews.c.reviewer_id == viewer_id,
        sa.or_(reviews.c.conflict_declared_at.is_(None), reviews.c.status == ReviewState.CONFLICT.value))


NOTICE_LINK = "/grants/applications/"  # where the applicant's messages about an application lead


def notice_not_about(application_ids: sa.Select) -> sa.ColumnElement[bool]:
    """Messages that do not link to one of these applications (the seal's condition for notices). Staff's own
    messages about one go to the staff who decided it, which its sealed reviewer cannot do."""
    ids = application_ids.subquery()
    links = sa.select(sa.literal(NOTICE_LINK) + sa.cast(ids.c.application_id, sa.String))
    return sa.or_(Notice.link.is_(None), Notice.link.not_in(links))


def sealed_for(viewer: User, application_ids: list[int]) -> dict[int, ReviewAssignment]:
    """Applications the viewer may not read: they were asked to review and have not yet declared that they
    have no conflict of interest, or they declared one. The text, the name and the budget stay hidden from
    them everywhere (the review page, the staff pages); a conflict keeps them hidden for good."""
    if not application_ids:
        return {}
    return {r.application_id: r for r in db.session.scalars(_sealing(viewer, application_ids))}


def short_of_reviewers(application_ids: list[int]) -> set[int]:
    """Applications where a reviewer declared a conflict and fewer than two reviewers remain in the current
    cycle: staff must assign another. One query for a whole list."""
    if not application_ids:
        return set()
    conflict = sa.case((ReviewAssignment.status == ReviewState.CONFLICT.value, 1), else_=0)
    rows = db.session.execute(
        sa.select(ReviewAssignment.application_id, sa.func.count(), sa.func.sum(conflict))
        .join(GrantApplication, GrantApplication.id == ReviewAssignment.application_id)
        .where(ReviewAssignment.application_id.in_(application_ids),
               ReviewAssignment.cycle == GrantApplication.review_cycle,
               GrantApplication.status.in_(_IN_REVIEW))
        .group_by(ReviewAssignment.application_id)).all()
    return {app_id for app_id, total, conflicts in rows if conflicts and total - conflicts < MIN_REVIEWERS}
