"""What waits in grants, for the work home (core.work_home) and the lists it links to.

Each kind of waiting work is one query: the list page shows its rows a page at a time, and the work home counts
the same query in one statement (core.pagination.count_up_to), so a count and its list never disagree.
"""
from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from core import clock
from core.extensions import db
from core.models import User
from core.pagination import count_up_to
from grants.models import ELIGIBILITY_RULES, EligibilityException, GrantApplication, GrantRound, ReviewAssignment
from grants.monitoring import overdue_visits, visits_due
from grants.reviews import MIN_REVIEWERS
from training.public import rule_met

IN_REVIEW = ("submitted", "in_review")
# The lists of applications that wait for staff, by the word in their address (grants_staff.waiting).
LISTS = {"reviewers": _l("Applications waiting for reviewers"), "decision": _l("Decisions waiting"),
         "exception": _l("Drafts held by an eligibility rule")}


def _reviewers_in(status: str | None = None, not_status: str | None = None) -> sa.ScalarSelect:
    """How many of the application's reviewers in its current cycle are in (or not in) a state."""
    query = sa.select(sa.func.count(ReviewAssignment.id)).where(
        ReviewAssignment.application_id == GrantApplication.id, ReviewAssignment.cycle == GrantApplication.review_cycle)
    if status:
        query = query.where(ReviewAssignment.status == status)
    if not_status:
        query = query.where(ReviewAssignment.status != not_status)
    return query.correlate(GrantApplication).scalar_subquery()


def _applications() -> sa.Select:
    return sa.select(GrantApplication).options(joinedload(GrantApplication.participant),
                                                joinedload(GrantApplication.round))


def needing_reviewers() -> sa.Select:
    """Sent applications with fewer than two reviewers who have not declared a conflict: staff assign more."""
    return _applications().where(GrantApplication.status.in_(IN_REVIEW),
                                 _reviewers_in(not_status="conflict") < MIN_REVIEWERS) \
        .order_by(GrantApplication.submitted_at, GrantApplication.id)


def waiting_for_decision(viewer: User) -> sa.Select:
    """Applications whose reviews are all in (two at least, none open) and that this person may decide: staff
    who were not asked to review it (grants.reviews.may_decide)."""
    asked = sa.select(ReviewAssignment.id).where(ReviewAssignment.application_id == GrantApplication.id,
                                                  ReviewAssignment.reviewer_id == viewer.id)
    return _applications().where(GrantApplication.status == "in_review",
                                 _reviewers_in(status="assigned") == 0,
                                 _reviewers_in(status="submitted") >= MIN_REVIEWERS, ~sa.exists(asked)) \
        .order_by(GrantApplication.submitted_at, GrantApplication.id)


def _open_rounds_by_rule(today: date) -> dict[str, list[int]]:
    """The rounds open today that ask each rule (a few rows: rounds, not applications)."""
    rows = db.session.execute(sa.select(GrantRound.id, GrantRound.eligibility).where(
        GrantRound.opens_on <= today, GrantRound.closes_on >= today)).all()
    return {rule: [round_id for round_id, rules in rows if rule in (rules or [])] for rule in ELIGIBILITY_RULES}


def held_by_a_rule(today: date) -> sa.Select:
    """Drafts in open rounds whose applicant does not meet one of the round's rules and has no exception for
    it: they cannot be sent until staff grant one (or the person meets the rule). Two statements with its
    count: the open rounds' rules, then the drafts."""
    unmet = [sa.and_(GrantApplication.round_id.in_(round_ids), ~rule_met(rule, GrantApplication.participant_id),
                     ~sa.exists().where(EligibilityException.round_id == GrantApplication.round_id,
                                        EligibilityException.participant_id == GrantApplication.participant_id,
                                        EligibilityException.rule == rule))
             for rule, round_ids in _open_rounds_by_rule(today).items() if round_ids]
    return _applications().where(GrantApplication.status == "draft", sa.or_(sa.false(), *unmet)) \
        .order_by(GrantApplication.created_at, GrantApplication.id)


def listed(what: str, viewer: User) -> sa.Select:
    if what == "reviewers":
        return needing_reviewers()
    if what == "decision":
        return waiting_for_decision(viewer)
    return held_by_a_rule(clock.today())


def reviews_to_answer(person: Any) -> int:
    """The person's reviews still open (the conflict question, then the scores) on applications in review.
    Read past the seal: an undeclared reviewer does not see the application, but the review is theirs."""
    return db.session.scalar(
        sa.select(sa.func.count(ReviewAssignment.id))
        .join(GrantApplication, GrantApplication.id == ReviewAssignment.application_id)
        .where(ReviewAssignment.reviewer_id == person.id, ReviewAssignment.status == "assigned",
               ReviewAssignment.cycle == GrantApplication.review_cycle, GrantApplication.status.in_(IN_REVIEW))
        .execution_options(include_sealed=True)) or 0


def count_needing_reviewers(_person: Any) -> int:
    return count_up_to(needing_reviewers())


def count_waiting_for_decision(person: Any) -> int:
    return count_up_to(waiting_for_decision(person))


def count_held_by_a_rule(_person: Any) -> int:
    return count_up_to(held_by_a_rule(clock.today()))


def count_visits_due(_person: Any) -> int:
    return count_up_to(visits_due(clock.today()))


def count_visits_overdue(_person: Any) -> int:
    return count_up_to(overdue_visits())
