"""Gap31, attacked from outside like test_reader31.py: a year in which 1 to 4 people were paid. Its money column
listed no province (a table of fewer than 5 lists no rows), so a reader who knows the rules learnt that fewer
than 5 were paid; the people paid in a year are those who accepted a scholarship or a business grant that year,
so with both of those tables "fewer than 5" (listing no province) their sum was at most 4 and neither could be
4 (2025 below: 2 scholarships and 2 business grants, each read 1 to 3). The same year with 7 paid (2024) listed
its provinces' money "not shown": the two columns differed only by the hidden count.

Now money of a year is withheld whole (no province, total "not shown") when fewer than 5 were paid or when a
table of scholarships or business grants of that year lists no province: a rule on labels alone, so 2024 and
2025 read the same. The world is made through the grant services (every award 20,000 baht) and frozen by the
nightly job; the neighbouring cases: exactly 5 paid (2022), everyone of a year in one province (2023), and a
payment of 2025 recorded after the year was frozen, then the year computed again."""
from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from openpyxl import load_workbook

from impact import services
from tests.impact import world31
from tests.impact.reader31 import HIDDEN, SMALL, ListingReader

# (kind, year) -> {province: (accepted, operating)}; nobody visited
WORLD = {
    ("scholarship", 2022): {"50": (2, 0)}, ("business", 2022): {"52": (3, 0)},  # 5 paid
    ("scholarship", 2023): {"57": (3, 0)}, ("business", 2023): {"57": (4, 0)},  # 7 paid, one province
    ("scholarship", 2024): {"50": (3, 0)}, ("business", 2024): {"52": (4, 0)},  # 7 paid
    ("scholarship", 2025): {"50": (2, 0)}, ("business", 2025): {"52": (2, 0)},  # 4 paid, one of them late
}


def _sheets(client) -> dict:
    book = client.get("/impact.xlsx")
    assert book.status_code == 200
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in load_workbook(io.BytesIO(book.data)).worksheets}


_NIGHTS: list = []


@pytest.fixture
def nights(app):
    """The public XLSX after the first freeze, after the late payment is recorded, and after 2025 is computed
    again."""
    if not _NIGHTS:
        with app.app_context():
            world31.build(WORLD, visits=False, pay_late=frozenset({("business", 2025, "52")}))
        client = app.test_client()
        with time_machine.travel(date(2026, 4, 2), tick=False), app.app_context():
            services.refresh_impact()
        with time_machine.travel(date(2026, 4, 3), tick=False):
            first = _sheets(client)
        with time_machine.travel(date(2026, 5, 1), tick=False), app.app_context():
            world31.record_late_payment()
            services.refresh_impact()
        with time_machine.travel(date(2026, 5, 2), tick=False):
            second = _sheets(client)
        with time_machine.travel(date(2026, 5, 3), tick=False), app.app_context():
            services.refreeze("2025", date(2026, 5, 3), "A payment of December 2025 recorded late", force=True)
        with time_machine.travel(date(2026, 5, 4), tick=False):
            refrozen = _sheets(client)
        _NIGHTS.append((first, second, refrozen))
    return _NIGHTS[0]


def _money(sheets: dict) -> dict:
    """Year -> what the money sheet shows in that year's column: {province or 'All': label or number}."""
    rows = next(rows for title, rows in sheets.items() if "Money" in title)
    return {str(year): {row[0]: row[n] for row in rows[1:] if row[n] is not None}
            for n, year in enumerate(rows[0]) if str(year).isdigit()}


def _narrowed(reader: ListingReader) -> dict:
    return {key: left for key, value in reader.protected_cells() if value == SMALL
            and (left := reader.values_left(key)) != [1, 2, 3, 4]}


def test_the_scholarships_and_business_grants_list_no_province(nights):
    """The world is what it should be: every table of scholarships and business grants is fewer than 5."""
    reader = ListingReader(nights[0])
    for theme in ("scholarships", "business_grants"):
        assert set(reader.t[theme]) == {"2022", "2023", "2024", "2025"}
        assert all(reader.unlisted(theme, year) for year in reader.t[theme]), reader.t[theme]


def test_money_reads_the_same_whether_4_or_7_or_5_were_paid(nights):
    """2022 (5 paid), 2023 (7 in one province), 2024 (7) and 2025 (4): the scholarships and business grants read
    "fewer than 5" alike, and so must money. Before: 2025 listed no province, the others listed theirs."""
    money = _money(nights[0])
    print("money by year:", money)
    assert money == {year: {"All": HIDDEN} for year in ("2022", "2023", "2024", "2025")}


@pytest.mark.parametrize("fixed", [True, False])
def test_a_reader_who_knows_the_rules_keeps_every_small_count_1_to_4(nights, fixed):
    """Before: the reader found the earlier rule in force (2024's money listed provinces) and read 2025's
    empty money column as fewer than 5 paid: its scholarships and business grants, each 1 to 3."""
    reader = ListingReader(nights[0], fixed=fixed)
    narrowed = _narrowed(reader)
    print("earlier rule in force:", reader.earlier_rule_in_force(), "narrowed:", narrowed)
    assert narrowed == {}


def test_a_payment_recorded_late_changes_nothing_until_computed_again_and_then_nothing_shown(nights):
    """Release 1 of 2025 had 3 paid (one business grant paid late, back-dated), release 2 has 4: both withheld,
    so the two releases read the same, and a reader holding both learns nothing from the refreeze."""
    first, second, refrozen = nights
    assert first == second
    assert _money(refrozen) == _money(first)
    assert first == refrozen
    assert _narrowed(ListingReader(refrozen)) == {}
