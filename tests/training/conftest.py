"""Factories for training tests: courses, employers with posts, profiles, and the 2025 minimum wages."""
from __future__ import annotations

from datetime import date

import pytest

from core.extensions import db
from core.models import Role, User
from tests.conftest import unit_of_work
from training.employer_models import EmployerMember, EmployerOrganisation, WorkPost
from training.models import Course, Profile
from training.wages import seed_minimum_wages

CLEAN_POST = dict(
    kind="job", title="Kitchen helper", description="Prepare vegetables and wash dishes.", isco_code="9412",
    sector="food", province_code="50", district_code="5001", days_mask=0b0011111, hours_from=8, hours_to=17,
    overtime_hours_week=0, pay_amount_thb=400, pay_period="day", openings=1, language="th",
    reading_level_needed="none", worker_fee_thb=0, employer_holds_documents=False, travel_abroad_as_debt=False,
    declares_no_fees=True, declares_keeps_documents=True, declares_free_to_leave=True, declares_minimum_wage=True,
    declares_legal_hours=True, accommodation_offered=False, accommodation_conditions="", skills_required=[],
    skills_taught=[], childcare_offered=False,
)


class Training:
    def __init__(self, app):
        self.app = app

    def wages(self):
        with unit_of_work(self.app):
            seed_minimum_wages()

    def course(self, **values) -> int:
        with unit_of_work(self.app):
            fields = dict(title="Barista", isco_code="5132", sector="food", provider="Café school",
                          province_code="50", district_code="5001", seats=10, stipend_thb_month=3000,
                          skills_taught=["barista"], teaching_language="th")
            fields.update(values)
            course = Course(**fields)
            db.session.add(course)
            db.session.commit()
            return course.id

    def organisation(self, user_id: int, verified: bool = True, number: str = "0105500000001") -> int:
        from core.db import utcnow
        with unit_of_work(self.app):
            org = EmployerOrganisation(name=f"Org {number}", registration_number=number, address="Chiang Mai",
                                       province_code="50", contact_name="K", contact_phone="053",
                                       verified_at=utcnow() if verified else None)
            db.session.add(org)
            db.session.flush()
            db.session.add(EmployerMember(user_id=user_id, organisation_id=org.id))
            db.session.commit()
            return org.id

    def post(self, organisation_id: int, status: str = "published", **values) -> int:
        with unit_of_work(self.app):
            post = WorkPost(organisation_id=organisation_id, status=status, **{**CLEAN_POST, **values})
            db.session.add(post)
            db.session.commit()
            return post.id

    def profile(self, user_id: int, **values) -> None:
        with unit_of_work(self.app):
            fields = dict(languages_spoken=["th"], languages_read=["th"], reading_level="basic",
                          province_code="50", district_code="5001", travel_daily=True, max_travel_minutes=60,
                          relocate=False, days_mask=0b1111111, hours_from=6, hours_to=22, childcare_needed=False,
                          must_earn=False, sectors=["food"], skills={}, goal="job")
            fields.update(values)
            db.session.add(Profile(user_id=user_id, **fields))
            db.session.commit()

    def get(self, model, id_):
        return db.session.get(model, id_)


@pytest.fixture
def training(app):
    return Training(app)


@pytest.fixture
def today():
    return date(2026, 11, 23)


def user(user_id: int) -> User:
    return db.session.get(User, user_id)


__all__ = ["Training", "CLEAN_POST", "Role", "user"]
