"""Factories for grants tests: a round with two criteria, participants who meet its rules, staff reviewers."""
from __future__ import annotations

from datetime import date

import pytest

from core.extensions import db
from core.models import Role, User
from grants import applications, reviews
from grants.applications import LineInput
from grants.rounds import CriterionInput, create_round
from training.models import PathwayStep

TODAY = date(2026, 11, 23)
LEVELS = ("Very weak", "Weak", "Fair", "Good", "Very good")
CRITERIA = [CriterionInput("Local market", "Who will buy, and why?", 2.0, LEVELS),
            CriterionInput("Skills for it", "Has the person the skills?", 1.0, LEVELS)]


class Grants:
    def __init__(self, app, people):
        self.app, self.people = app, people

    def user(self, user_id: int) -> User:
        return db.session.get(User, user_id)

    def round(self, budget=100_000, maximum=30_000, rules=("completed_course",), **kw) -> int:
        staff = self.user(self.people.make(Role.STAFF))
        grant_round = create_round(staff, name="Small business 2026", kind="business", budget_thb=budget,
                                   max_per_grant_thb=maximum, opens_on=date(2026, 1, 1), closes_on=date(2026, 12, 31),
                                   eligibility=list(rules), criteria=CRITERIA, **kw)
        return grant_round.id

    def eligible_participant(self, name="Malee") -> User:
        participant = self.user(self.people.make(Role.PARTICIPANT, name))
        db.session.add(PathwayStep(participant_id=participant.id, step="completed", on_date=TODAY))
        db.session.commit()
        return participant

    def submitted(self, round_id: int, amount=20_000, participant: User | None = None):
        from grants.models import GrantRound
        participant = participant or self.eligible_participant()
        grant_round = db.session.get(GrantRound, round_id)
        application = applications.start_application(participant, grant_round, participant)
        applications.save_draft(
            application, participant,
            {"business_idea": "Coffee cart at the market", "location": "Chiang Mai", "market": "Office workers",
             "competitors": "Two cafés", "skills": "Barista course", "plan_six_months": "Sell 80 cups a day"},
            [LineInput("Coffee cart", 1, 15_000), LineInput("Grinder", 1, 8_000)], amount, 2_000, ["coaching"])
        applications.submit(application, participant, TODAY)
        return application

    def reviewed(self, application, scores=((4, 4), (4, 3)), recommendations=("fund", "fund")):
        from grants.reviews import criteria_for
        criteria = criteria_for(application)
        reviewers = []
        for pair, recommendation in zip(scores, recommendations, strict=False):
            reviewer = self.user(self.people.make(Role.STAFF))
            review = reviews.assign_reviewer(reviewer, application, reviewer)
            reviews.declare_conflict(review, reviewer, False, "")
            scores_by_criterion = {c.id: s for c, s in zip(criteria, pair, strict=True)}
            reviews.submit_review(review, reviewer, scores_by_criterion, "ok", recommendation)
            reviewers.append(reviewer)
        return reviewers


@pytest.fixture
def grants_factory(app, people):
    """Service tests also take `ctx`; page tests set up inside their own `with app.app_context()` so that
    no app context (and its `g`) is shared with the test client's requests."""
    return Grants(app, people)
