"""A world for attacking the public impact figures (issue 31): small cells over three finished years, several
themes (scholarships, business grants, grant money, businesses operating at 6 months) and provinces, all made
through the app's grant services with the clock moved as the tests do, then frozen by the nightly job."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
import time_machine

from accounts import services as accounts
from core.extensions import db
from core.models import Role
from grants import applications as grant_applications
from grants import awards, decisions, disbursement, monitoring, reviews
from grants.applications import LineInput
from grants.models import FollowUpVisit, GrantApplication
from grants.rounds import create_round
from tests.site_world import CRITERIA, GRANT_TEXTS
from training.models import Course, Profile

AWARD = 20_000
# (kind, year) -> {province: (accepted, operating at 6 months of those)}
WORLD = {
    ("business", 2023): {"10": (8, 7), "50": (2, 2), "57": (6, 5)},
    ("business", 2024): {"10": (7, 6), "50": (5, 4), "57": (1, 1), "52": (6, 6)},
    ("business", 2025): {"10": (9, 8), "50": (3, 3), "52": (2, 1)},
    ("scholarship", 2023): {"10": (6, 0), "50": (1, 0)},
    ("scholarship", 2024): {"10": (5, 0), "57": (3, 0), "52": (5, 0)},
    ("scholarship", 2025): {"10": (7, 0), "50": (2, 0), "57": (6, 0)},
}


LATE: list[int] = []
UNPAID: list[tuple[int, date]] = []  # (application, the day it should have been paid): paid late


def record_late_visit() -> None:
    """A 6-month visit of 2 September 2025 recorded in May 2026, after 2025 closed (the business operating)."""
    staff = accounts.find_by_login_name("staff@w31.example")
    for application_id in LATE:
        visit = db.session.scalar(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == application_id,
                                                                 FollowUpVisit.month == 6))
        monitoring.record_visit(visit, staff, date(2025, 9, 2), "visit", "operating")
    db.session.commit()


def record_late_payment() -> None:
    """The tranches left unpaid (`build(pay_late=...)`) recorded now, dated on the day they were paid (last
    year, after it closed: back-dated)."""
    staff = accounts.find_by_login_name("staff@w31.example")
    for application_id, paid_on in UNPAID:
        application = db.session.get(GrantApplication, application_id)
        disbursement.pay_tranche(application, staff, amount_thb=AWARD, kind="cash", paid_on=paid_on)
    db.session.commit()


def build(world: dict | None = None, *, visits: bool = True, pay_late: frozenset = frozenset()) -> None:
    """`world`: (kind, year) -> {province: (accepted, operating)}, WORLD by default; `visits`: record the
    6-month visits; `pay_late`: (kind, year, province) whose first award is paid only by
    `record_late_payment` (dated 20 December of its year)."""
    LATE.clear()
    UNPAID.clear()
    staff = accounts.create_account(Role.STAFF, "Staff", email="staff@w31.example", password="x" * 16)
    reviewers = [accounts.create_account(Role.STAFF, f"R{n}", email=f"r{n}@w31.example", password="x" * 16)
                 for n in (1, 2)]
    course = Course(title="Barista", isco_code="5132", sector="food", provider="Cafe", province_code="50",
                    district_code="5001", seats=5, stipend_thb_month=0, skills_taught=["barista"],
                    teaching_language="th")
    db.session.add(course)
    db.session.flush()
    serial = 0
    for (kind, year), cells in (WORLD if world is None else world).items():
        with time_machine.travel(date(year, 2, 1), tick=False):
            grant_round = create_round(staff, name=f"{kind} {year}", kind=kind, budget_thb=10_000_000,
                                       max_per_grant_thb=AWARD, opens_on=date(year, 1, 15),
                                       closes_on=date(year, 2, 20), eligibility=[], criteria=CRITERIA,
                                       visit_months=[6],
                                       course_id=course.id if kind == "scholarship" else None)
            db.session.flush()
            made = []
            for province, (accepted, operating) in cells.items():
                for n in range(accepted):
                    serial += 1
                    person = accounts.create_account(Role.PARTICIPANT, f"P{serial}", email=f"p{serial}@w31.example",
                                                     password="x" * 16)
                    db.session.add(Profile(user_id=person.id, province_code=province))
                    db.session.flush()
                    application = grant_applications.start_application(person, grant_round, person)
                    grant_applications.save_draft(application, person, GRANT_TEXTS,
                                                  [LineInput("Cart", 1, AWARD)], AWARD, 0, [])
                    grant_applications.submit(application, person, date(year, 2, 1))
                    for reviewer in reviewers:
                        review = reviews.assign_reviewer(staff, application, reviewer)
                        reviews.declare_conflict(review, reviewer, False, "")
                        reviews.submit_review(review, reviewer, {c.id: 4 for c in reviews.criteria_for(application)},
                                              "Clear plan.", "fund")
                    made.append((application, person, n < operating))
        with time_machine.travel(date(year, 3, 1), tick=False):
            for application, person, _ in made:
                decisions.decide(application, staff, "approve", "A clear plan with buyers close by.")
                awards.accept(application, person, date(year, 3, 1))
                late = (kind, year, application.province_code) in pay_late and not any(
                    db.session.get(GrantApplication, a).province_code == application.province_code
                    for a, _day in UNPAID)
                if late:
                    UNPAID.append((application.id, date(year, 12, 20)))
                    continue
                disbursement.pay_tranche(application, staff, amount_thb=AWARD, kind="cash", paid_on=date(year, 3, 1))
        if kind != "business" or not visits:
            continue
        with time_machine.travel(date(year, 9, 5), tick=False):
            for application, _person, operating in made:
                if (kind, year) == ("business", 2025) and application.province_code == "52" and not operating:
                    LATE.append(application.id)  # its visit is recorded after the year is frozen
                    continue
                visit = db.session.scalar(sa.select(FollowUpVisit).where(
                    FollowUpVisit.application_id == application.id, FollowUpVisit.month == 6))
                monitoring.record_visit(visit, staff, date(year, 9, 2), "visit",
                                        "operating" if operating else "closed")
    db.session.commit()
