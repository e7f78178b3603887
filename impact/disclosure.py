"""Publishing counts of people without exposing anyone: small numbers suppressed, and what would let them be
worked out hidden too.

Every published table is one list of counts with its total (the provinces of one closed year, say). Tables
share no unknown with each other: a year's figures never change once the year is closed, and no total across
years is published, so no sum of several tables can be taken apart either.

- A count of 1 to 4 people reads "fewer than 5" (primary suppression). A table whose total is under 5 lists no
  rows at all: listing four rows of "fewer than 5" under a total "fewer than 5" would say each is 1.
- A reader who knows the total, the shown counts and that a hidden count is 1 to 4 (or at least 5, for one
  hidden only to protect another) must not be able to pin down any small count. While one can be pinned, the
  smallest shown count is hidden too (secondary suppression), and when none is left the total is hidden.
- A share (people in work of those who answered) is shown only on a base of 10 or more, and only when both the
  people counted and the rest are published counts of 5 or more (`share`).
"""
from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

THRESHOLD = 5  # fewer than this many people is never shown
MIN_SHARE_BASE = 10  # no percentage on a smaller base
UNBOUNDED = 10**12


class Shown(enum.StrEnum):
    NUMBER = "number"
    FEWER_THAN_5 = "fewer_than_5"  # a small count (primary suppression)
    HIDDEN = "hidden"  # shown elsewhere would give a small count away (secondary suppression)


@dataclass(frozen=True)
class Figure:
    """One published figure: the number only when `shown` is NUMBER."""
    shown: Shown
    value: int | None = None

    @classmethod
    def of(cls, value: int) -> Figure:
        return cls(Shown.NUMBER, value)

    def as_dict(self) -> dict:
        return {"shown": self.shown.value, "value": self.value}

    @classmethod
    def from_dict(cls, data: Mapping) -> Figure:
        return cls(Shown(data["shown"]), data.get("value"))


@dataclass(frozen=True)
class Table:
    rows: dict[str, Figure]
    total: Figure

    def hidden_keys(self) -> set[str]:
        return {key for key, figure in self.rows.items() if figure.shown is not Shown.NUMBER}


def _bounds(figure: Figure) -> tuple[int, int]:
    """What a reader knows of a figure: its value, or the range its label allows."""
    if figure.shown is Shown.NUMBER:
        return figure.value, figure.value  # type: ignore[return-value]
    if figure.shown is Shown.FEWER_THAN_5:
        return 1, THRESHOLD - 1
    return THRESHOLD, UNBOUNDED


def pinned(rows: Mapping[str, Figure], total: int | None) -> set:
    """The small counts a reader can work out exactly from the shown counts and the total (when shown): for
    one sum with each unknown in a range, every whole number between the bounds below is possible."""
    if total is None:
        return set()
    bounds = {key: _bounds(figure) for key, figure in rows.items()}
    low_sum = sum(low for low, _high in bounds.values())
    high_sum = sum(high for _low, high in bounds.values())
    found = set()
    for key, figure in rows.items():
        if figure.shown is not Shown.FEWER_THAN_5:
            continue
        low, high = bounds[key]
        least = max(low, total - (high_sum - high))
        most = min(high, total - (low_sum - low))
        if least >= most:
            found.add(key)
    return found


def protect(counts: Mapping[str, int]) -> Table:
    """The publishable form of one table of people counts (rows with nobody are left out)."""
    counts = {key: value for key, value in counts.items() if value > 0}
    total = sum(counts.values())
    if total < THRESHOLD:
        return Table({}, Figure(Shown.FEWER_THAN_5) if total else Figure.of(0))
    rows = {key: Figure.of(value) if value >= THRESHOLD else Figure(Shown.FEWER_THAN_5)
            for key, value in counts.items()}
    total_figure = Figure.of(total)
    while pinned(rows, total if total_figure.shown is Shown.NUMBER else None):
        still_shown = sorted((value, str(key), key) for key, value in counts.items()
                             if rows[key].shown is Shown.NUMBER)
        if not still_shown:
            total_figure = Figure(Shown.HIDDEN)
            break
        rows[still_shown[0][2]] = Figure(Shown.HIDDEN)
    return Table(rows, total_figure)


def tied(table: Table, amounts: Mapping[str, int]) -> Table:
    """Money (or any amount) of the same groups of people, published exactly where their count is: a sum paid
    to fewer than 5 people is never shown, nor one that the total would give away."""
    rows = {key: Figure.of(amounts.get(key, 0)) if figure.shown is Shown.NUMBER else Figure(Shown.HIDDEN)
            for key, figure in table.rows.items()}
    total = Figure.of(sum(amounts.values())) if table.total.shown is Shown.NUMBER else Figure(Shown.HIDDEN)
    return Table(rows, total)


def share(counted: Figure, rest: Figure) -> float | None:
    """counted / (counted + rest), when both are published counts of 5 or more on a base of 10 or more."""
    if counted.shown is not Shown.NUMBER or rest.shown is not Shown.NUMBER:
        return None
    base = (counted.value or 0) + (rest.value or 0)
    if base < MIN_SHARE_BASE or (counted.value or 0) < THRESHOLD or (rest.value or 0) < THRESHOLD:
        return None
    return (counted.value or 0) / base
