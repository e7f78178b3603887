"""Small numbers on public pages: every suppression rule on known tables, and a property test in which a
reader who knows everything a table shows (the shown counts, the total, that "fewer than 5" means 1 to 4 and
that a hidden count is at least 5) tries every possible value and can never pin down a small count."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from impact.disclosure import THRESHOLD, Figure, Shown, protect, share, tied

FEWER, HIDDEN = Figure(Shown.FEWER_THAN_5), Figure(Shown.HIDDEN)


def test_counts_of_five_or_more_are_shown_as_they_are():
    table = protect({"50": 12, "10": 7, "57": 5})
    assert table.rows == {"50": Figure.of(12), "10": Figure.of(7), "57": Figure.of(5)}
    assert table.total == Figure.of(24)


def test_a_small_count_reads_fewer_than_5_and_the_smallest_other_is_hidden_so_the_total_gives_nothing_away():
    # Without the second hiding, 30 - 12 - 9 = 3 people in Lampang could be worked out (the differencing case).
    table = protect({"50": 12, "10": 9, "52": 3, "57": 6})
    assert table.rows == {"50": Figure.of(12), "10": Figure.of(9), "52": FEWER, "57": HIDDEN}
    assert table.total == Figure.of(30)


def test_two_small_counts_protect_each_other_unless_the_total_pins_them():
    assert protect({"50": 20, "52": 3, "57": 2}).rows == {"50": Figure.of(20), "52": FEWER, "57": FEWER}
    # 1 + 1 would be the only way to make 22 - 20: a shown count is hidden as well.
    assert protect({"50": 20, "52": 1, "57": 1}).rows == {"50": HIDDEN, "52": FEWER, "57": FEWER}


def test_when_nothing_left_to_hide_would_do_the_total_is_hidden():
    table = protect({"50": 5, "52": 1})  # 6 = 5 + 1: hiding the 5 still leaves only 1 + 5
    assert table.rows == {"50": HIDDEN, "52": FEWER} and table.total == HIDDEN


def test_a_table_of_fewer_than_5_people_lists_no_rows():
    assert protect({"50": 1, "52": 1, "57": 1, "10": 1}).rows == {}  # four rows under "fewer than 5" say 1 each
    assert protect({"50": 2}).total == FEWER
    assert protect({}).total == Figure.of(0) and protect({"50": 0}).rows == {}


def test_money_is_shown_only_where_its_people_are():
    people = protect({"50": 12, "10": 9, "52": 3, "57": 6})
    money = tied(people, {"50": 120_000, "10": 90_000, "52": 45_000, "57": 50_000})
    assert money.rows == {"50": Figure.of(120_000), "10": Figure.of(90_000), "52": HIDDEN, "57": HIDDEN}
    assert money.total == Figure.of(305_000)
    assert tied(protect({"50": 5, "52": 1}), {"50": 1, "52": 2}).total == HIDDEN


def test_a_share_needs_a_base_of_10_and_5_on_each_side():
    assert share(Figure.of(8), Figure.of(5)) == 8 / 13
    assert share(Figure.of(5), Figure.of(4)) is None  # base 9
    assert share(Figure.of(12), FEWER) is None  # the rest would be worked out
    assert share(HIDDEN, Figure.of(7)) is None


def _possible_values(shown_sum: int, total: int, ranges: dict) -> dict:
    """Every value each hidden count can take, given the rest: an exact search over whole numbers."""
    possible = {}
    for key, (low, high) in ranges.items():
        others = [r for k, r in ranges.items() if k != key]
        sums = {0}
        for other_low, other_high in others:
            sums = {s + v for s in sums for v in range(other_low, min(other_high, total) + 1) if s + v <= total}
        possible[key] = {v for v in range(low, high + 1) if total - shown_sum - v in sums}
    return possible


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(["10", "50", "52", "57", "58", "63"]), st.integers(0, 30), max_size=6))
def test_no_suppressed_count_can_be_worked_out_from_what_is_shown(counts):
    table = protect(counts)
    real = {k: v for k, v in counts.items() if v > 0}
    total = sum(real.values())
    # What is shown is true, and never a small count.
    for key, figure in table.rows.items():
        assert figure.shown is not Shown.NUMBER or figure.value == real[key] >= THRESHOLD
        assert (figure.shown is Shown.FEWER_THAN_5) == (real[key] < THRESHOLD)
    assert table.total.shown is not Shown.NUMBER or table.total.value == total
    assert not table.rows or set(table.rows) == set(real)
    if table.total.shown is not Shown.NUMBER:
        return  # no sum to take apart: each small count is anything from 1 to 4
    hidden = {k: ((1, THRESHOLD - 1) if f.shown is Shown.FEWER_THAN_5 else (THRESHOLD, total))
              for k, f in table.rows.items() if f.shown is not Shown.NUMBER}
    shown_sum = sum(f.value for f in table.rows.values() if f.shown is Shown.NUMBER)
    possible = _possible_values(shown_sum, total, hidden)
    for key, values in possible.items():
        assert real[key] in values
        if table.rows[key].shown is Shown.FEWER_THAN_5:
            assert len(values) >= 2, (counts, key, values)
