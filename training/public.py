"""What other features may ask of training and work: plain values in, plain values out.

`grants` reads a person's training record to check eligibility, offers courses for scholarships and adds
steps to the pathway in its demo data, through these functions only (a test checks that it imports nothing
else from this package), so training's models can change without breaking grants."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from core import text_search
from core.extensions import db
from training.applications import eligibility_facts, rule_met
from training.models import Course, PathwayStep, Profile

__all__ = ["eligibility_facts", "rule_met", "course_choices", "COURSE_CHOICES", "has_pathway", "record_pathway_step",
           "home_province"]


COURSE_CHOICES = 50  # a select of every course would grow with the programme


def course_choices(text: str | None = None, include: int | None = None) -> list[tuple[int, str]]:
    """(id, title) of the first courses by title whose text holds `text`, and the course `include` (the one
    already chosen) wherever it falls."""
    query = sa.select(Course.id, Course.title).order_by(Course.title, Course.id).limit(COURSE_CHOICES)
    if text and text.strip():
        query = query.where(text_search.matches(Course, text))
    found = [(row.id, row.title) for row in db.session.execute(query)]
    if include and include not in {course_id for course_id, _ in found}:
        chosen = db.session.execute(sa.select(Course.id, Course.title).where(Course.id == include)).first()
        if chosen is not None:
            found.insert(0, (chosen.id, chosen.title))
    return found


def has_pathway(participant_id: int) -> bool:
    return db.session.scalar(sa.select(PathwayStep.id).where(PathwayStep.participant_id == participant_id)
                             .limit(1)) is not None


def record_pathway_step(participant_id: int, step: str, on: date, note: str = "") -> None:
    db.session.add(PathwayStep(participant_id=participant_id, step=step, on_date=on, note=note))
    db.session.flush()


def home_province(participant_id: int) -> str | None:
    """The province the participant gives as where they live today (grants record it on an award)."""
    return db.session.scalar(sa.select(Profile.province_code).where(Profile.user_id == participant_id))
