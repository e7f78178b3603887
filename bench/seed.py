"""Seed a programme at scale, with bulk inserts, on top of the demo data.

One *unit* is: 20 participants with profiles and a course application each, 10 courses, 10 posts, 2 grant
applications in review with 3 reviews each (scores included), 1 funded business with 9 follow-up visits, 100
orders with 2 lines each, 4 cafés applying to buy wholesale (half approved) with 10 orders on invoice (half
overdue), and 50 audit entries. The issue's programme (20,000 participants, 100,000 orders…)
is 1,000 units. Rows are copied from the demo's own rows, so every constraint the demo meets holds here.

Run: DATABASE_URL=… .venv/bin/python bench/seed.py --units 1000
Used by tests/test_query_counts.py with 1 and 10 units.
"""
from __future__ import annotations

import argparse
import secrets
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.db import utcnow  # noqa: E402
from core.extensions import db  # noqa: E402
from core.models import AuditEntry, Role, User  # noqa: E402
from grants.models import FollowUpVisit, GrantApplication, GrantRound, ReviewAssignment, ReviewScore  # noqa: E402
from marketplace.models import Order, OrderLine, Product  # noqa: E402
from marketplace.wholesale_models import BusinessCustomer, OrderInvoice  # noqa: E402
from training.employer_models import WorkPost  # noqa: E402
from training.models import Application, Course, Profile  # noqa: E402

PER_UNIT = {"participants": 20, "courses": 10, "posts": 10, "grant_applications": 2, "reviews": 3,
            "funded": 1, "visits": 9, "orders": 100, "lines": 2, "audit": 50, "businesses": 4, "invoices": 10}


def _template(model, *where) -> dict[str, Any]:
    row = db.session.execute(sa.select(model.__table__).where(*where).limit(1)).mappings().first()
    if row is None:
        raise SystemExit(f"no {model.__tablename__} row to copy: seed the demo first (flask seed-demo)")
    return dict(row)


def _insert(model, rows: list[dict], returning: bool = True) -> list[int]:
    table = model.__table__
    if not rows:
        return []
    if not returning:
        db.session.execute(sa.insert(table), rows)
        return []
    result = db.session.execute(sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [row[0] for row in result]


def _without(template: dict, *keys: str) -> dict:
    return {k: v for k, v in template.items() if k not in ("id", *keys)}


def seed(units: int, tag: str | None = None) -> dict[str, int]:
    """Add `units` units of programme data; returns how many rows of each kind were added."""
    tag = tag or secrets.token_hex(3)
    if db.session.get_bind().dialect.name == "postgresql":
        # Each foreign-key check is planned for the table as it is now: the plan the demo data's few rows left in
        # the session's cache scanned all of `orders` for each of 200,000 order lines (a new database's seed of
        # 1,000 units ran for over 12 minutes on order lines alone).
        db.session.execute(sa.text("SET LOCAL plan_cache_mode = force_custom_plan"))
    now, today = utcnow(), date.today()
    staff_id = db.session.scalar(sa.select(User.id).where(User.role == Role.STAFF.value).order_by(User.id))
    counts: dict[str, int] = {}

    person = _without(_template(User, User.role == Role.PARTICIPANT.value), "username", "email")
    reviewers = _insert(User, [{**person, "role": Role.STAFF.value, "display_name": f"Seed reviewer {n}",
                                "username": f"seed-reviewer-{tag}-{n}", "created_at": now}
                               for n in range(PER_UNIT["reviews"])])
    course = _without(_template(Course))
    post = _without(_template(WorkPost, WorkPost.status == "published"))
    grant_round = _template(GrantRound)
    grant = {"business_idea": "A noodle stall near the market", "location": "Chiang Mai", "market": "Workers",
             "competitors": "Two stalls", "skills": "Cooking course", "plan_six_months": "Sell 60 bowls a day",
             "amount_requested_thb": 20_000, "own_contribution_thb": 2_000, "support_wanted": [],
             "criteria_version": grant_round["criteria_version"], "review_cycle": 1}
    product = _template(Product)
    order = {"email": "buyer@seed.example", "phone": "", "delivery": "pickup", "address": "",
             "status": "paid", "payment_method": "collection", "stock_held": False, "subtotal_minor": 70_000,
             "shipping_minor": 0, "total_minor": 70_000, "currency": "THB", "paid_at": now}
    line = {"product_id": product["id"], "enterprise_id": product["enterprise_id"], "name": product["name"],
            "unit_price_minor": 35_000, "quantity": 1, "status": "open"}
    criteria = [row[0] for row in db.session.execute(sa.text(
        "SELECT id FROM grant_criteria WHERE round_id = :r"), {"r": grant_round["id"]})]

    for unit in range(units):
        label = f"{tag}-{unit}"
        participants = _insert(User, [{**person, "display_name": f"Seed person {label}-{n}",
                                       "username": f"seed-{label}-{n}", "created_at": now}
                                      for n in range(PER_UNIT["participants"])])
        _insert(Profile, [{"user_id": pid, "languages_spoken": ["th"], "languages_read": ["th"],
                           "province_code": "50", "sectors": ["food"], "skills": {"cooking": 2}, "goal": "job",
                           "updated_at": now} for pid in participants], returning=False)
        courses = _insert(Course, [{**course, "title": f"Seed course {label}-{n}", "created_at": now}
                                   for n in range(PER_UNIT["courses"])])
        _insert(WorkPost, [{**post, "title": f"Seed post {label}-{n}", "created_at": now}
                           for n in range(PER_UNIT["posts"])], returning=False)
        _insert(Application, [{"participant_id": pid, "course_id": courses[n % len(courses)], "status": "applied",
                               "shared_fields": [], "message": "", "created_at": now, "updated_at": now,
                               "holds_seat": False} for n, pid in enumerate(participants)], returning=False)
        in_review = _insert(GrantApplication, [
            {**grant, "round_id": grant_round["id"], "participant_id": participants[n], "status": "in_review",
             "amount_awarded_thb": None, "paid_thb": 0, "submitted_at": now, "decided_at": None,
             "decided_by_id": None, "created_at": now} for n in range(PER_UNIT["grant_applications"])])
        reviews = _insert(ReviewAssignment, [
            {"application_id": app_id, "reviewer_id": reviewer, "cycle": 1, "outside_reviewer": False,
             "status": "submitted", "conflict_declared_at": now, "has_conflict": False, "conflict_note": "",
             "comments": "ok", "recommendation": "fund", "submitted_at": now}
            for app_id in in_review for reviewer in reviewers])
        _insert(ReviewScore, [{"review_id": review, "criterion_id": criterion, "score": 4}
                              for review in reviews for criterion in criteria], returning=False)
        funded = _insert(GrantApplication, [
            {**grant, "round_id": grant_round["id"], "participant_id": participants[-1 - n], "status": "accepted",
             "amount_awarded_thb": grant["amount_requested_thb"], "paid_thb": 0, "submitted_at": now,
             "decided_at": now, "decided_by_id": staff_id, "award_answered_at": now, "visits_start_on": today,
             "created_at": now} for n in range(PER_UNIT["funded"])])
        # The first visit is due this week, the second overdue, the rest to come: the board has all three.
        _insert(FollowUpVisit, [{"application_id": app_id, "month": 3 * (m + 1),
                                 "due_on": today + timedelta(days=(2, -40)[m] if m < 2 else 90 * m),
                                 "status": "overdue" if m == 1 else "scheduled", "done_on": None,
                                 "recorded_by_id": None}
                                for app_id in funded for m in range(PER_UNIT["visits"])], returning=False)
        orders = _insert(Order, [{**order, "token": secrets.token_urlsafe(32), "name": f"Seed buyer {label}-{n}",
                                  "created_at": now - timedelta(minutes=n)} for n in range(PER_UNIT["orders"])])
        _insert(OrderLine, [{**line, "order_id": order_id} for order_id in orders
                            for _ in range(PER_UNIT["lines"])], returning=False)
        _wholesale(participants[:PER_UNIT["businesses"]], order, line, label, now, today)
        _insert(AuditEntry, [{"at": now, "actor_id": staff_id, "actor_role": "staff", "action": "participant.view",
                              "record_type": "participant", "record_id": str(participants[n % 20]),
                              "detail": {"page": "people.participant"}} for n in range(PER_UNIT["audit"])],
                returning=False)
    for kind, per_unit in PER_UNIT.items():
        counts[kind] = per_unit * units
    counts["reviews"] = PER_UNIT["grant_applications"] * PER_UNIT["reviews"] * units
    counts["visits"] = PER_UNIT["funded"] * PER_UNIT["visits"] * units
    counts["lines"] = PER_UNIT["orders"] * PER_UNIT["lines"] * units
    db.session.flush()
    return counts


def _wholesale(cafes: list[int], order: dict, line: dict, label: str, now, today: date) -> None:
    """Cafés applying (half approved), and orders on invoice from one of them, half past their due date. Their
    accounts are the unit's own (new customer accounts would fill the admin's first page of accounts, sorted by
    role, and change what it shows rather than how much)."""
    businesses = _insert(BusinessCustomer, [
        {"user_id": cafe, "name": f"Seed café {label}-{n}", "tax_id": "3100100123451", "branch": "00000",
         "address": "7 Nimman Soi 9, Chiang Mai", "contact_name": "Owner", "contact_phone": "",
         "status": "approved" if n % 2 else "pending", "terms_days": 30 if n % 2 else 0,
         "pay_on_invoice": bool(n % 2), "decision_note": "", "created_at": now} for n, cafe in enumerate(cafes)])
    invoiced = _insert(Order, [{**order, "status": "invoiced", "payment_method": "invoice", "stock_held": True,
                                "paid_at": None, "token": secrets.token_urlsafe(32),
                                "name": f"Seed café {label}-{n}", "created_at": now - timedelta(minutes=n)}
                               for n in range(PER_UNIT["invoices"])])
    _insert(OrderLine, [{**line, "order_id": order_id} for order_id in invoiced for _ in range(PER_UNIT["lines"])],
            returning=False)
    _insert(OrderInvoice, [{"order_id": order_id, "business_id": businesses[1], "enterprise_id": line["enterprise_id"],
                            "issued_on": today - timedelta(days=40), "terms_days": 30,
                            "due_on": today - timedelta(days=10) if n % 2 else today + timedelta(days=20),
                            "buyer": {"name": f"Seed café {label}-1", "tax_id": "3100100123451", "branch": "00000"},
                            "bank_details": "Bank 123"} for n, order_id in enumerate(invoiced)], returning=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    args = parser.parse_args()
    from app import create_app
    from core.commands import seed_demo

    app = create_app()
    with app.app_context():  # committed when the context ends (core.unit_of_work)
        seed_demo()
        started = time.monotonic()
        counts = seed(args.units)
        from core.scheduler import optimize_database
        optimize_database()
        print(f"seeded {args.units} units in {time.monotonic() - started:.1f} s: "
              + ", ".join(f"{n:,} {kind}" for kind, n in counts.items()))


if __name__ == "__main__":
    main()
