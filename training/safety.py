"""Safe-recruitment checks on apprenticeship and job posts. Plain functions, one rule each.

Deceptive offers are how trafficking starts: a fee or deposit, documents kept by the employer, travel paid as a
debt, vague promises of "easy money", pay under the minimum or not stated. Any red flag sends the post to staff.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core.extensions import db
from training.employer_models import MinimumWage, WorkPost

WORK_DAYS_PER_MONTH = 26  # the usual divisor for turning a monthly wage into a daily one in Thailand

RED_FLAGS = {
    "unverified_employer": _l("The employer is not verified yet."),
    "wage_not_stated": _l("The pay is not stated."),
    "wage_under_minimum": _l("The pay is under the minimum wage for this province."),
    "worker_fee": _l("The worker is asked to pay a fee or deposit."),
    "documents_held": _l("The employer would hold the worker's identity documents."),
    "travel_debt": _l("Travel abroad would be paid as a debt by the worker."),
    "vague_pay": _l("The text promises vague pay such as \"easy money\" or \"high income\"."),
    "declaration_missing": _l("The safe-recruitment declaration is not complete."),
    "hours_over_limit": _l("The hours are over the legal limit (8 a day, 48 a week with overtime)."),
    "accommodation_unclear": _l("Housing is offered but its conditions are not described."),
}

# English and Thai phrases used in deceptive offers.
VAGUE_PAY = re.compile(
    r"easy money|high income|big money|earn (?:a lot|fast|quick)|get rich|good life|no experience,? high pay|"
    r"รายได้ดี|รายได้สูง|เงินดี|งานง่าย ?เงินดี|รวยเร็ว|ชีวิตที่ดี", re.IGNORECASE)


@dataclass(frozen=True)
class WageCheck:
    minimum_daily_thb: int | None
    offered_daily_thb: float | None


def minimum_daily_wage(province_code: str, district_code: str | None, on: date) -> int | None:
    """The minimum in force on a day: a district's own rate wins over its province's."""
    rows = db.session.execute(
        sa.select(MinimumWage.district_code, MinimumWage.daily_wage_thb)
        .where(MinimumWage.province_code == province_code, MinimumWage.effective_from <= on,
               sa.or_(MinimumWage.district_code.is_(None), MinimumWage.district_code == (district_code or "")))
        .order_by(MinimumWage.effective_from.desc())
    ).all()
    for wanted in (district_code, None):
        for row_district, wage in rows:
            if (row_district or None) == wanted:
                return wage
    return None


def daily_pay(post: WorkPost) -> float | None:
    if post.pay_amount_thb is None:
        return None
    return post.pay_amount_thb / WORK_DAYS_PER_MONTH if post.pay_period == "month" else float(post.pay_amount_thb)


def red_flags(post: WorkPost, employer_verified: bool, on: date) -> list[str]:
    """Every red flag of a post, as codes of RED_FLAGS, in a stable order."""
    flags = []
    if not employer_verified:
        flags.append("unverified_employer")
    pay = daily_pay(post)
    if pay is None:
        flags.append("wage_not_stated")
    else:
        minimum = minimum_daily_wage(post.province_code, post.district_code, on)
        if minimum is not None and pay < minimum:
            flags.append("wage_under_minimum")
    if (post.worker_fee_thb or 0) > 0:
        flags.append("worker_fee")
    if post.employer_holds_documents:
        flags.append("documents_held")
    if post.travel_abroad_as_debt:
        flags.append("travel_debt")
    if VAGUE_PAY.search(" ".join((post.title or "", post.description or "", post.what_you_learn or ""))):
        flags.append("vague_pay")
    if not all((post.declares_no_fees, post.declares_keeps_documents, post.declares_free_to_leave,
                post.declares_minimum_wage, post.declares_legal_hours)):
        flags.append("declaration_missing")
    # Labour Protection Act: 8 normal hours a day (plus a break), 48 a week, overtime at most 36 a week.
    normal_daily = post.hours_to - post.hours_from - 1
    days = bin(post.days_mask or 0).count("1")
    if normal_daily > 8 or normal_daily * days > 48 or (post.overtime_hours_week or 0) > 36:
        flags.append("hours_over_limit")
    if post.accommodation_offered and len((post.accommodation_conditions or "").strip()) < 10:
        flags.append("accommodation_unclear")
    return flags
