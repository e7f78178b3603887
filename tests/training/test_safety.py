"""The safe-recruitment check, one rule at a time, and the minimum wage table it reads."""
from datetime import date

import pytest

from tests.training.conftest import CLEAN_POST
from training.employer_models import WorkPost
from training.safety import RED_FLAGS, minimum_daily_wage, red_flags

ON = date(2026, 11, 23)


def _flags(**changes):
    return red_flags(WorkPost(**{**CLEAN_POST, **changes}), True, ON)


@pytest.fixture
def wages(training, ctx):
    training.wages()


def test_a_clean_post_has_no_flags(wages):
    assert _flags() == []


@pytest.mark.parametrize("changes,flag", [
    ({"pay_amount_thb": 356}, "wage_under_minimum"),                      # Chiang Mai city: 380 a day
    ({"pay_amount_thb": 9000, "pay_period": "month"}, "wage_under_minimum"),  # 9000/26 = 346 a day
    ({"pay_amount_thb": None}, "wage_not_stated"),
    ({"worker_fee_thb": 1}, "worker_fee"),
    ({"employer_holds_documents": True}, "documents_held"),
    ({"travel_abroad_as_debt": True}, "travel_debt"),
    ({"description": "Easy money, no experience!"}, "text_vague_promise"),  # the old VAGUE_PAY, now a rule
    ({"title": "งานง่าย เงินดี"}, "text_vague_promise"),
    ({"description": "High income guaranteed"}, "text_vague_promise"),
    ({"declares_free_to_leave": False}, "declaration_missing"),
    ({"hours_from": 6, "hours_to": 20}, "hours_over_limit"),
    ({"overtime_hours_week": 40}, "hours_over_limit"),
    ({"accommodation_offered": True, "accommodation_conditions": ""}, "accommodation_unclear"),
])
def test_each_red_flag(wages, changes, flag):
    assert flag in _flags(**changes)
    assert flag in RED_FLAGS


def test_unverified_employer_is_a_flag(wages):
    assert red_flags(WorkPost(**CLEAN_POST), False, ON) == ["unverified_employer"]


def test_district_rate_wins_over_province_and_dates_matter(wages):
    assert minimum_daily_wage("50", "5001", ON) == 380          # Mueang Chiang Mai
    assert minimum_daily_wage("50", "5002", ON) == 357          # elsewhere in Chiang Mai
    assert minimum_daily_wage("10", None, date(2025, 3, 1)) == 372
    assert minimum_daily_wage("10", None, date(2025, 7, 1)) == 400  # Bangkok from 1 July 2025
    assert minimum_daily_wage("10", None, date(2024, 12, 31)) is None


def test_pay_at_exactly_the_minimum_is_fine(wages):
    assert "wage_under_minimum" not in _flags(pay_amount_thb=380)
    assert "wage_under_minimum" not in _flags(province_code="96", district_code=None, pay_amount_thb=337)
    assert "wage_under_minimum" in _flags(province_code="96", district_code=None, pay_amount_thb=336)


def test_every_province_has_a_2025_rate(wages):
    from training.geo import provinces
    assert all(minimum_daily_wage(code, None, ON) for code in provinces())
