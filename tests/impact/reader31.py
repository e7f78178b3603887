"""The outside reader of issue 31 (written by helper attack31, kept for tests/impact/test_reader31.py): from the
public XLSX alone and the published rules (docs/features/impact.md),
integer programming (scipy.optimize.milp) over every count of every table at once, to find the range each
"fewer than 5" or hidden count can still take.

What the reader assumes:
- a number shown was rounded to base 5 up or down (the published rule): shown N >= 10 means N-4..N+4, shown 5
  means 5..9 (1..4 read "fewer than 5"); with exact=True the number is taken as exact (the audit's worst case);
- "fewer than 5" is 1..4; "not shown" is at least 5; a blank is 0;
- rows add up to the total of their column;
- businesses operating at 6 months (visited in a year) are among the business grants of the same province that
  year or the year before;
- money paid in a province and year = 20,000 baht × (scholarships + business grants accepted there that year)
  when fixed=True (a reader who knows every award of these rounds was 20,000 baht, e.g. from the round's
  public page and a newsletter), else each paid person got 1..20,000 baht (what the app's audit assumes)."""
from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

AWARD = 20_000
SMALL = "fewer than 5"
HIDDEN = "not shown"
PEOPLE = {"scholarships": 0, "business_grants": 1, "money": 2, "operating_6": 3}


def tables(sheets: dict) -> dict:
    """theme -> year -> {province or 'All': label or number}."""
    out: dict = {}
    for title, rows in sheets.items():
        theme = ("scholarships" if "schola" in title else "business_grants" if "busine" in title
                 else "money" if "Money" in title else "operating_6")
        header = rows[0]
        for column, year in enumerate(header[1:], start=1):
            if not str(year).isdigit():
                continue
            out.setdefault(theme, {})[str(year)] = {row[0]: row[column] for row in rows[1:]}
    return out


class Reader:
    def __init__(self, sheets: dict, *, exact: bool = False, fixed: bool = True, rule: bool = False,
                 least: int = 1):
        self.t = tables(sheets)
        self.exact, self.fixed, self.rule, self.least = exact, fixed, rule, least
        self.index: dict = {}
        self.lo: list[float] = []
        self.hi: list[float] = []
        self.rows: list[tuple[dict, float, float]] = []
        for theme, years in self.t.items():
            for year, cells in years.items():
                for place, value in cells.items():
                    self._variable((theme, year, place), value, money=theme == "money")
        self._constraints()

    def _variable(self, key, value, money: bool) -> None:
        self.index[key] = len(self.lo)
        if money:  # money is not rounded: exact where shown, else unknown
            lo, hi = (value, value) if isinstance(value, (int, float)) else (0, 10**9)
            if value is None:
                lo = hi = 0
        elif value is None:
            lo = hi = 0
        elif value == SMALL:
            lo, hi = 1, 4
        elif value == HIDDEN:
            lo, hi = 5, 10**6
        elif self.exact:
            lo = hi = value
        else:
            lo, hi = (5, 9) if value == 5 else (value - 4, value + 4)
        self.lo.append(lo)
        self.hi.append(hi)

    def _add(self, coefficients: dict, lo: float, hi: float) -> None:
        self.rows.append((coefficients, lo, hi))

    def _constraints(self) -> None:
        for theme, years in self.t.items():
            for year, cells in years.items():
                places = [p for p in cells if p != "All"]
                if True:  # money's rows add up to its total too
                    coefficients = {self.index[(theme, year, p)]: 1 for p in places}
                    coefficients[self.index[(theme, year, "All")]] = -1
                    self._add(coefficients, 0, 0)
                if self.rule:  # a hidden row was the smallest shown row: at most each row still shown
                    shown = [p for p in places if isinstance(cells[p], (int, float))]
                    for h in (p for p in places if cells[p] == HIDDEN):
                        for p in shown:
                            self._add({self.index[(theme, year, h)]: 1, self.index[(theme, year, p)]: -1},
                                      -np.inf, 0)
                if theme == "operating_6":
                    for p in places:
                        among = {self.index[(theme, year, p)]: 1}
                        for back in (0, 1):
                            key = ("business_grants", str(int(year) - back), p)
                            if key in self.index:
                                among[self.index[key]] = -1
                        self._add(among, -np.inf, 0)
                if theme == "money":
                    for p in [*places, "All"]:
                        people = {self.index[(t, year, p)]: 1 for t in ("scholarships", "business_grants")
                                  if (t, year, p) in self.index}
                        m = self.index[("money", year, p)]
                        if self.fixed:
                            c = {m: 1, **{k: -AWARD for k in people}}
                            self._add(c, 0, 0)
                        else:
                            self._add({m: 1, **{k: -AWARD for k in people}}, -np.inf, 0)
                            self._add({m: 1, **{k: -self.least for k in people}}, 0, np.inf)

    def feasible(self, key, value: int) -> bool:
        saved = self.lo[self.index[key]], self.hi[self.index[key]]
        self.lo[self.index[key]] = self.hi[self.index[key]] = value
        try:
            return self.range_of(key) is not None
        finally:
            self.lo[self.index[key]], self.hi[self.index[key]] = saved

    def values_left(self, key) -> list[int]:
        """Which of 1..4 a "fewer than 5" count can still be."""
        return [v for v in (1, 2, 3, 4) if self.feasible(key, v)]

    def range_of(self, key) -> tuple[int, int] | None:
        n = len(self.lo)
        a = np.zeros((len(self.rows), n))
        lo = np.zeros(len(self.rows))
        hi = np.zeros(len(self.rows))
        for r, (coefficients, low, high) in enumerate(self.rows):
            for k, v in coefficients.items():
                a[r, k] = v
            lo[r], hi[r] = low, high
        out = []
        for sign in (1, -1):
            c = np.zeros(n)
            c[self.index[key]] = sign
            result = milp(c, constraints=LinearConstraint(a, lo, hi), integrality=np.ones(n),
                          bounds=Bounds(self.lo, self.hi))
            if result.x is None:
                return None
            out.append(int(round(result.x[self.index[key]])))
        return out[0], out[1]

    def protected_cells(self):
        for theme, years in self.t.items():
            if theme == "money":
                continue
            for year, cells in years.items():
                for place, value in cells.items():
                    if value in (SMALL, HIDDEN):
                        yield (theme, year, place), value


class TwoReleases(Reader):
    """Release 1 and release 2 of the same year, as one problem: every cell of `year` equal in both but the
    6-month visits of that year, which may only have grown, by at most `added` people in all (the refreeze's
    reason, "a visit recorded late", tells the reader how many)."""

    def __init__(self, first: dict, second: dict, year: str, added: int, **kwargs):
        one, two = Reader(first, **kwargs), Reader(second, **kwargs)
        self.t = one.t
        self.index = dict(one.index)
        self.lo, self.hi = list(one.lo), list(one.hi)
        self.rows = list(one.rows)
        shift = len(self.lo)
        self.second = {key: i + shift for key, i in two.index.items()}
        self.lo += two.lo
        self.hi += two.hi
        self.rows += [({k + shift: v for k, v in c.items()}, lo, hi) for c, lo, hi in two.rows]
        growth: dict = {}
        for key, i in one.index.items():
            j = self.second[key]
            if key[1] != year or key[0] != "operating_6":
                self.rows.append(({i: 1, j: -1}, 0, 0))
            elif key[2] != "All":
                self.rows.append(({j: 1, i: -1}, 0, added))
                growth[j], growth[i] = 1, -1
        self.rows.append((growth, 0, added))


TIED = ("scholarships", "business_grants")  # the people paid in a year are exactly those who accepted then


class ListingReader(Reader):
    """A reader who also knows how tables are listed (docs/features/impact.md, gap31): a column listing no
    province under a total "fewer than 5" or "not shown" is a table of fewer than 5 people (money: a table
    withheld), its people somewhere, maybe in a province the sheet does not name (0 to 4 in each named one,
    the named ones adding up to at most the total); and money is shown only where its people are, so a money
    column listing no province means fewer than 5 were paid, which with "paid = accepted that year" bounds
    the scholarships and business grants of that year together to 4.

    That last inference holds under the rules the reader finds in force: before gap31 always (money listed
    the provinces paid whenever 5 or more were paid); since, money is withheld whole also when a table of
    scholarships or business grants of its year lists no province, so it holds only where neither does. The
    reader tells which from the sheets themselves: a year whose money lists provinces while one of those
    tables lists none shows the earlier rule in force."""

    def _cells(self, theme, year) -> dict | None:
        return self.t.get(theme, {}).get(year)

    def unlisted(self, theme, year) -> bool:
        cells = self._cells(theme, year)
        return cells is not None and cells.get("All") in (SMALL, HIDDEN) and all(
            v is None for p, v in cells.items() if p != "All")

    def _lists(self, theme, year) -> bool:
        cells = self._cells(theme, year)
        return cells is not None and any(v is not None for p, v in cells.items() if p != "All")

    def _variable(self, key, value, money: bool) -> None:
        theme, year, place = key
        if place != "All" and self.unlisted(theme, year):
            self.index[key] = len(self.lo)
            self.lo.append(0)
            self.hi.append(10**9 if money else 4)
            return
        super()._variable(key, value, money)

    def earlier_rule_in_force(self) -> bool:
        return any(self._lists("money", y) and any(self.unlisted(t, y) for t in TIED) for y in self.t.get("money", {}))

    def _constraints(self) -> None:
        # An unlisted table's people may be in any province, those the money sheet names included.
        for year, cells in self.t.get("money", {}).items():
            for theme in TIED:
                if self.unlisted(theme, year):
                    for place in (p for p in cells if p != "All" and p not in self.t[theme][year]):
                        self.t[theme][year][place] = None
                        self._variable((theme, year, place), None, money=False)
        super()._constraints()
        for theme, years in self.t.items():
            for year, cells in years.items():
                if not self.unlisted(theme, year):
                    continue
                total = self.index[(theme, year, "All")]
                sums = {self.index[(theme, year, p)]: 1 for p in cells if p != "All"}
                sums[total] = -1
                self.rows = [(c, -np.inf if c == sums else lo, hi) for c, lo, hi in self.rows]
        earlier = self.earlier_rule_in_force()
        for year in self.t.get("money", {}):
            if self.unlisted("money", year) and (earlier or not any(self.unlisted(t, year) for t in TIED)):
                tied = {self.index[(t, year, "All")]: 1 for t in TIED if (t, year, "All") in self.index}
                self._add(tied, -np.inf, 4)  # fewer than 5 paid, each of them accepted that year
