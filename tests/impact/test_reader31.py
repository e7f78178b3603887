"""Issue 31, attacked from outside (helper attack31), kept as regression tests: a reader with only the public XLSX
of the impact page, two releases of it, and the published rules (docs/features/impact.md) tries to pin every
count shown as "fewer than 5" or hidden, by integer programming (tests/impact/reader31.py). The world
(tests/impact/world31.py) is made through the grant services over 2023-2025 (every award 20,000 baht), frozen by
the nightly job on 2 April 2026.

The promise: every "fewer than 5" count can still be each of 1, 2, 3 and 4, and every other hidden count keeps
at least 5 possible values, also for a reader who knows every award was 20,000 baht (money ÷ 20,000 = the
people paid, exactly) or that they were close to it. Before the money fix such a reader narrowed five small
counts to 1-3 and left hidden counts 2 values (Lampang 2024: 5 or 6)."""
from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from openpyxl import load_workbook

from impact import services
from impact.auditor import WIDTH
from tests.impact import world31
from tests.impact.reader31 import HIDDEN, SMALL, Reader, TwoReleases


def _sheets(client) -> dict:
    book = client.get("/impact.xlsx")
    assert book.status_code == 200
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in load_workbook(io.BytesIO(book.data)).worksheets}


_NIGHTS: list = []  # the sheets are plain data: the world is built once for the module (about 20 s)


@pytest.fixture
def nights(app):
    """The public XLSX after the first freeze, the next night after a late visit, and after a refreeze."""
    if not _NIGHTS:
        _NIGHTS.append(_build_nights(app))
    return _NIGHTS[0]


def _build_nights(app) -> tuple[dict, dict, dict]:
    with app.app_context():
        world31.build()
    client = app.test_client()
    with time_machine.travel(date(2026, 4, 2), tick=False), app.app_context():
        services.refresh_impact()
    with time_machine.travel(date(2026, 4, 3), tick=False):
        first = _sheets(client)
        assert client.get("/impact").status_code == 200
    with time_machine.travel(date(2026, 5, 1), tick=False), app.app_context():
        world31.record_late_visit()
        services.refresh_impact()
    with time_machine.travel(date(2026, 5, 2), tick=False):
        second = _sheets(client)
    with time_machine.travel(date(2026, 5, 3), tick=False), app.app_context():
        services.refreeze("2025", date(2026, 5, 3), "A visit of September 2025 recorded late", force=True)
    with time_machine.travel(date(2026, 5, 4), tick=False):
        refrozen = _sheets(client)
    return first, second, refrozen


def _narrowed(reader: Reader) -> dict:
    return {key: left for key, value in reader.protected_cells() if value == SMALL
            and (left := reader.values_left(key)) != [1, 2, 3, 4]}


def _all_small_rows(reader: Reader, key) -> bool:
    """The total of a table whose rows are all "fewer than 5": hidden by the labels alone, its range the sum of
    theirs (the one exception to the width, docs/features/impact.md)."""
    theme, year, place = key
    cells = reader.t[theme][year]
    return place == "All" and all(v in (SMALL, None) for p, v in cells.items() if p != "All")


def _narrow_hidden(reader: Reader) -> dict:
    return {key: span for key, value in reader.protected_cells() if value == HIDDEN
            and not _all_small_rows(reader, key)
            and (span := reader.range_of(key)) is not None and span[1] - span[0] + 1 < WIDTH}


def test_a_finished_year_reads_the_same_the_night_after_a_late_visit(nights):
    first, second, _ = nights
    assert first == second


@pytest.mark.parametrize("exact", [False, True])
def test_a_reader_who_knows_every_award_was_20000_baht_keeps_every_small_count_1_to_4(nights, exact):
    """Money ÷ 20,000 is the exact number of people paid in a province and year (scholarships + business
    grants). Before: 2023, all 460,000 → 23 people, Bangkok 280,000 → 14, so Chiang Mai's scholarships +
    business grants + Chiang Rai's business grants = 9 with Chiang Rai's hidden count at least 5: Chiang Mai's
    two "fewer than 5" could not be 4. exact: the shown counts taken as exact too (the audit's own worst
    case), not only read as rounded to 5."""
    narrowed = _narrowed(Reader(nights[0], fixed=True, exact=exact))
    print("narrowed:", narrowed)
    assert narrowed == {}


@pytest.mark.parametrize("least", [1, 18_000, 19_000])
def test_a_reader_who_knows_the_awards_lay_between_least_and_20000_keeps_every_small_count_1_to_4(nights, least):
    """Each paid person got `least`..20,000 baht. Before: from 19,000 the same five small counts lost 4."""
    narrowed = _narrowed(Reader(nights[0], fixed=False, least=least))
    print(least, "narrowed:", narrowed)
    assert narrowed == {}


@pytest.mark.parametrize("fixed", [False, True])
def test_release_1_and_release_2_together_leave_every_small_count_1_to_4(nights, fixed):
    """The reader holds both releases of 2025 and the refreeze's reason (one late visit of an operating
    business): everything of 2025 is the same in both but the 6-month visits, which grew by at most one."""
    first, _, refrozen = nights
    assert _narrowed(Reader(refrozen, fixed=fixed)) == {}
    both = TwoReleases(first, refrozen, "2025", 1, fixed=fixed)
    narrowed = _narrowed(both)
    print("two releases:", narrowed)
    assert narrowed == {}


def test_hidden_counts_keep_five_values_for_a_reader_who_knows_the_award_size(nights):
    """Every other hidden count keeps at least 5 possible values, for a reader who knows the awards were 20,000
    baht and the choice rule (a hidden row is at most each row still shown). Before: Lampang 2024's money
    (220,000 = 11 people) over two hidden counts of at least 5 left each 5 or 6."""
    narrow = _narrow_hidden(Reader(nights[0], fixed=True, rule=True))
    print("hidden counts with fewer than 5 values:", narrow)
    assert narrow == {}
