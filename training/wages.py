"""The minimum wage table: staff add dated rates; the 2025 rates ship with the code as seed data."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit
from core.extensions import db
from core.models import User
from core.refusal import Refusal
from training.employer_models import MinimumWage

SEED_FILE = Path(__file__).with_name("data") / "minimum_wage_2025.csv"


class WageError(Refusal):
    """A refusal from the minimum wage table."""


def add_rate(staff: User, province_code: str, district_code: str | None, daily_wage_thb: int,
             effective_from: date, source: str) -> MinimumWage:
    if district_code and not district_code.startswith(province_code):
        raise WageError(_l("The district is not in that province."), "district_code")
    exists = db.session.scalar(sa.select(MinimumWage.id).where(
        MinimumWage.province_code == province_code, MinimumWage.effective_from == effective_from,
        MinimumWage.district_code.is_(None) if not district_code else MinimumWage.district_code == district_code))
    if exists:
        raise WageError(_l("A rate for this place and date already exists."), "effective_from")
    rate = MinimumWage(province_code=province_code, district_code=district_code, daily_wage_thb=daily_wage_thb,
                       effective_from=effective_from, source=source.strip())
    db.session.add(rate)
    db.session.flush()
    audit.record("minimum_wage.add", "minimum_wage", rate.id, actor=staff)
    db.session.flush()
    return rate


def seed_minimum_wages() -> int:
    """Load the shipped 2025 table once (idempotent). Returns how many rows were added."""
    if db.session.scalar(sa.select(sa.func.count(MinimumWage.id))):
        return 0
    with SEED_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        db.session.add(MinimumWage(province_code=row["province_code"], district_code=row["district_code"] or None,
                                   daily_wage_thb=int(row["daily_wage_thb"]),
                                   effective_from=date.fromisoformat(row["effective_from"]), source=row["source"]))
    db.session.flush()
    return len(rows)
