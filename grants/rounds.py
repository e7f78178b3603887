"""Grant rounds, their versioned review criteria, and eligibility read from the training record."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit
from core.content_languages import translate
from core.extensions import db
from core.models import User
from core.notify import notify, path_for
from core.numbers import whole_number
from core.pagination import Page, paginate
from core.refusal import Refusal
from core.unit_of_work import savepoint
from grants.models import (
    AWARDED_STATUSES,
    ELIGIBILITY_RULES,
    VISITS_START,
    Criterion,
    EligibilityException,
    GrantApplication,
    GrantRound,
    ReviewAssignment,
)
from privacy import access_log
from training.public import eligibility_facts

RULE_LABELS = {
    "completed_course": _l("Completed a course"), "passed_exit_exam": _l("Passed a course's exit exam"),
    "business_training": _l("Completed business-management training"),
    "completed_apprenticeship": _l("Finished an apprenticeship"),
}


class GrantError(Refusal):
    """A refusal from this feature's services."""


@dataclass(frozen=True)
class CriterionInput:
    name: str
    guidance: str
    weight: float
    levels: tuple[str, str, str, str, str]


def parse_months(text: str) -> list[int]:
    """ "1, 3, 6" -> [1, 3, 6]: whole months from 1 to 60, in order, each once."""
    parts = [p.strip() for p in (text or "").split(",") if p.strip()]
    months = [whole_number(p) for p in parts]
    if not months or not all(m is not None and 1 <= m <= 60 for m in months):
        raise GrantError(_l("Write months from 1 to 60, separated by commas."), "visit_months")
    return sorted({m for m in months if m is not None})


def create_round(staff: User, *, name: str, kind: str, budget_thb: int, max_per_grant_thb: int, opens_on, closes_on,
                 eligibility: list[str], criteria: list[CriterionInput], course_id: int | None = None,
                 visit_months: list[int] | None = None, visits_start: str = "acceptance",
                 text_language: str = "en") -> GrantRound:
    if closes_on < opens_on:
        raise GrantError(_l("The round must close after it opens."), "closes_on")
    if max_per_grant_thb > budget_thb:
        raise GrantError(_l("The maximum per grant cannot be more than the budget."), "max_per_grant_thb")
    if any(rule not in ELIGIBILITY_RULES for rule in eligibility):
        raise GrantError(_l("Unknown eligibility rule."), "eligibility")
    if not criteria:
        raise GrantError(_l("Add at least one review criterion."))
    if visits_start not in VISITS_START:
        raise GrantError(_l("Choose when the follow-up visits start."), "visits_start")
    if kind == "scholarship" and not course_id:
        raise GrantError(_l("Choose the course a scholarship pays for."), "course_id")
    grant_round = GrantRound(name=name.strip(), kind=kind, budget_thb=budget_thb, max_per_grant_thb=max_per_grant_thb,
                             opens_on=opens_on, closes_on=closes_on, eligibility=list(eligibility), course_id=course_id,
                             visits_start=visits_start, text_language=text_language)
    if visit_months:
        grant_round.visit_months = list(visit_months)
    db.session.add(grant_round)
    db.session.flush()
    _add_criteria(grant_round, 1, criteria)
    audit.record("grant_round.create", "grant_round", grant_round.id, actor=staff)
    db.session.flush()
    return grant_round


def _add_criteria(grant_round: GrantRound, version: int, criteria: list[CriterionInput]) -> None:
    for position, c in enumerate(criteria, start=1):
        if len(c.levels) != 5 or not all(level.strip() for level in c.levels):
            raise GrantError(_l("Describe each of the five levels of every criterion."))
        if c.weight <= 0:
            raise GrantError(_l("Weights must be more than zero."))
        db.session.add(Criterion(round_id=grant_round.id, version=version, position=position, name=c.name.strip(),
                                 guidance=c.guidance.strip(), weight=float(c.weight), levels=list(c.levels)))


def criteria_in_use(grant_round: GrantRound) -> bool:
    """True once any review of this round's current criteria is submitted (counting applications sealed from
    the person asking: a rule, not a page)."""
    return (db.session.scalar(sa.select(sa.func.count(ReviewAssignment.id)).join(GrantApplication).where(
        GrantApplication.round_id == grant_round.id, ReviewAssignment.status == "submitted",
        GrantApplication.criteria_version == grant_round.criteria_version)
        .execution_options(include_sealed=True)) or 0) > 0


def change_criteria(staff: User, grant_round: GrantRound, criteria: list[CriterionInput]) -> int:
    """Replace the criteria. Once a review used them they are kept as they were, and a new version is made."""
    if criteria_in_use(grant_round):
        grant_round.criteria_version += 1
    else:
        for old in grant_round.current_criteria():
            db.session.delete(old)
        db.session.flush()
    _add_criteria(grant_round, grant_round.criteria_version, criteria)
    audit.record("grant_round.criteria", "grant_round", grant_round.id, actor=staff,
                 detail={"version": grant_round.criteria_version})
    db.session.flush()
    db.session.refresh(grant_round)
    return grant_round.criteria_version


def grant_exception(staff: User, grant_round: GrantRound, participant_id: int, rule: str, reason: str) -> None:
    if rule not in grant_round.eligibility:
        raise GrantError(_l("This round does not have that rule."), "rule")
    if len(reason.strip()) < 10:
        raise GrantError(_l("Write the reason for the exception."), "reason")
    refused = GrantError(_l("This rule is already waived for this person."), "rule")
    if db.session.scalar(sa.select(EligibilityException.id).where(
            EligibilityException.round_id == grant_round.id, EligibilityException.participant_id == participant_id,
            EligibilityException.rule == rule)) is not None:
        raise refused
    try:
        with savepoint():  # the same exception granted by another request at the same moment: that one stands
            db.session.add(EligibilityException(round_id=grant_round.id, participant_id=participant_id, rule=rule,
                                                reason=reason.strip(), granted_by_id=staff.id))
            db.session.flush()
    except sa.exc.IntegrityError:
        raise refused from None
    audit.record("grant.eligibility_exception", "participant", participant_id, actor=staff, detail={"rule": rule})
    participant = db.session.get(User, participant_id)
    if participant is not None and participant.anonymised_at is None:
        notify(participant, "grant.exception_granted", link=path_for("grants.home"))
    db.session.flush()


def unmet_rules(grant_round: GrantRound, participant_id: int) -> list[str]:
    """The round's rules this participant does not meet, after staff exceptions."""
    facts = eligibility_facts(participant_id)
    waived = set(db.session.scalars(sa.select(EligibilityException.rule).where(
        EligibilityException.round_id == grant_round.id, EligibilityException.participant_id == participant_id)))
    return [rule for rule in grant_round.eligibility if not facts.get(rule) and rule not in waived]


def open_rounds(today) -> list[GrantRound]:
    return list(db.session.scalars(sa.select(GrantRound).where(GrantRound.opens_on <= today,
                                                               GrantRound.closes_on >= today)
                                   .order_by(GrantRound.closes_on)))


ROUND_PAGE = 50


def applications_listed(grant_round: GrantRound) -> Page:
    """A page of the round's applications in the order they were sent, as plain rows of what the round's page
    and its review figures read (reviews.list_figures), the applicant's name with them: as objects, the
    applications' and applicants' whole rows were the page's largest cost (issue 35). Counted on the model
    alone; the seals (grants.sealing) apply as to objects, and the applicants are noted as shown."""
    listed = paginate(
        sa.select(GrantApplication.id, GrantApplication.status, GrantApplication.round_id,
                  GrantApplication.review_cycle, GrantApplication.participant_id,
                  # never empty: an application's own version, else its round's
                  sa.func.coalesce(GrantApplication.criteria_version, grant_round.criteria_version)
                  .label("criteria_version"), User.display_name.label("participant_name"))
        .join(User, User.id == GrantApplication.participant_id).where(GrantApplication.round_id == grant_round.id)
        .order_by(GrantApplication.submitted_at, GrantApplication.id),
        size=ROUND_PAGE, scalars=False, counted=sa.select(GrantApplication).where(
            GrantApplication.round_id == grant_round.id))
    access_log.shown({row.participant_id for row in listed.rows})
    return listed


def scholarship_courses(participant_id: int) -> frozenset[int]:
    """Courses paid for by an approved training scholarship of this participant."""
    return frozenset(db.session.scalars(sa.select(GrantRound.course_id).join(
        GrantApplication, GrantApplication.round_id == GrantRound.id).where(
        GrantApplication.participant_id == participant_id, GrantApplication.status.in_(AWARDED_STATUSES),
        GrantRound.kind == "scholarship", GrantRound.course_id.is_not(None))))


def translate_round(staff: User, grant_round: GrantRound, language: str, texts: dict[str, str]) -> None:
    """The round's name in one more language (people read it on their grant pages), or one removed."""
    translate(staff, grant_round, language, texts, "grant_round")
