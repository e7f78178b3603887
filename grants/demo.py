"""Demo data for grants (idempotent): an open business round, the demo participant's finished course."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from core import clock
from core.extensions import db
from core.models import User
from grants.models import Criterion, GrantRound
from training import public as training

LEVELS = {
    "Local market": ("No buyers named", "Few buyers, unclear why", "Some buyers and a reason",
                     "Clear buyers and a good reason", "Buyers already waiting"),
    "Skills for it": ("No related skills", "Some related skills", "Trained, little practice",
                      "Trained and practised", "Experienced in this work"),
    "Plan and budget": ("No plan", "Plan unclear", "Plan with gaps", "Clear plan and costs", "Clear, costed, tested"),
}


def seed_grants_demo(accounts: dict[str, User]) -> None:
    name = "Small business grants 2026-27"
    if db.session.scalar(sa.select(GrantRound.id).where(GrantRound.name == name)) is None:
        today = clock.today()
        grant_round = GrantRound(name=name, kind="business", budget_thb=300_000, max_per_grant_thb=30_000,
                                 opens_on=today - timedelta(days=30), closes_on=today + timedelta(days=120),
                                 eligibility=["completed_course"])
        db.session.add(grant_round)
        db.session.flush()
        for position, (criterion, levels) in enumerate(LEVELS.items(), start=1):
            db.session.add(Criterion(round_id=grant_round.id, version=1, position=position, name=criterion,
                                     guidance="", weight=2.0 if position == 1 else 1.0, levels=list(levels)))
    participant = accounts["participant"]
    if not training.has_pathway(participant.id):
        training.record_pathway_step(participant.id, "completed", clock.today() - timedelta(days=60),
                                     "Thai cooking for restaurants")
        training.record_pathway_step(participant.id, "exam_passed", clock.today() - timedelta(days=58))
    db.session.flush()
