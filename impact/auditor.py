"""Protecting a whole release at once: every table of one night (all themes, provinces, totals, money and
shares, and what earlier nights published of the same years) audited as one problem, as a reader who knows the
published rules would attack it.

The method is linked-table secondary cell suppression audited by interval (integer linear programming) bounds,
as τ-ARGUS does and Hundepool et al., "Statistical Disclosure Control" (Wiley, 2012), ch. 4, describe.

What a reader knows, written as linear constraints over whole-number unknowns (one per count of people, per
amount of money, per count of people "not counted" behind a share):

- each table's rows add up to its total;
- the published rules as bounds: a shown number is itself; "fewer than 5" is 1 to 4; a cell hidden to protect
  another is at least 5; a table listing no rows (total fewer than 5) has rows of 0 to 4;
- how the rules choose: a hidden row was the smallest shown row of its table when it was hidden (ties by the
  place's code), so it is at most each row still shown (less than those sorted before it); a total is hidden
  only when every row is hidden and the total is within 4 of the smallest the rows could add up to, so a
  hidden total is at most that (this is what "Lampang = 1, Chiang Mai = 5" and "13 - 5 - 5 = 3" exploited);
  except money's total, which goes whenever its rows have, whatever it is (its rows are never labelled, so
  the bound read every row as 5 or more and capped the people paid: issue 31's last world);
  a table whose listed rows are all "fewer than 5" never shows its total (a rule on labels alone, saying
  nothing);
- the links themes declare (`Subset`, `Amount`): theme B's counted people, per place and year, are among theme
  A's of the same or earlier years (grants and the businesses visited after them, the same hiring cohort at 3, 6
  and 12 months; the people paid among, or exactly, the scholarships and business grants accepted); money is
  the sum of each person's amount, each between known bounds (the programme's actual smallest and largest,
  assumed known: equal bounds, a fixed award, make money ÷ award the people paid). Only money is published,
  not its people: a money cell "not shown" says only that someone was paid there. A money year withheld
  whole (no row) says nothing more where a table its people are exactly of lists no row that year (the rule
  withholds it for that label alone), else that fewer than 5 were paid (rows of 0 to 4);
- a share shown as a whole percent p of its base: (p - 0.5)% ≤ counted / (counted + rest) ≤ (p + 0.5)%, two
  linear inequalities, and both sides at least 5. A share not shown is taken to say nothing.

A link or bound is used where it holds of the true figures (where it does not, a reader assuming it is misled,
not informed). For each protected cell the smallest and largest value the constraints allow is found with
`scipy.optimize.milp`. A release is published only when every "fewer than 5" cell (and every count of 1 to 4
people behind a share or in an unlisted table) can still be each of 1, 2, 3 and 4, and every other hidden cell
keeps at least 5 possible values (WIDTH; the people behind money not shown: 5 values or each of 1 to 4).
Exempt from the width: the total of a table whose rows are all "fewer than 5", whose range follows from the
labels; a figure an earlier night showed; and a hidden cell an earlier night already left narrower, when
tonight narrows it no further. Otherwise more is hidden and the release is audited again: the smallest
shown row of the offending cell's table (ties by code), then its total under the rule above, then the shares of
the same theme and year (by the smallest shown count), then the same in the tables linked to it, in a fixed
order (money goes with its people's row). The choice looks only at shown figures and labels, and what it
implies about hidden ones is part of the reader's constraints above. When no step is left, the last resort hides
the failing table's total, else the first linked table's whose total is shown.

What this does not model: that a secondary cell was needed at all depends on the figures, which a reader
simulating the whole search could exploit in principle; and differences between nights when a year's figures
changed (years are frozen once closed for that). Hence a second line of defence, applied after the audit and
only to what is shown: every count shown as a number is rounded to a multiple of 5, up or down at random
(unbiased random rounding to base 5: 12 reads 10 with probability 3/5, 15 with 2/5). The draw is keyed by a
secret and by the cell and its value, so the same figure published again reads the same (nothing to average
over nights) and a changed figure draws anew (a difference of two nights says little). The audit itself
assumes the reader knows the exact shown figures, so the rounding only ever adds uncertainty; the staff's
internal figures are exact. Money and shares are not rounded (the audit covers them).
"""
from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array, hstack

from impact.disclosure import MIN_SHARE_BASE, THRESHOLD, Shown

TOTAL = "*"  # the place of a table's total
PEOPLE, REST, MONEY = "people", "rest", "money"  # the parts of a theme and year: counted, not counted, money
WIDTH = THRESHOLD  # a hidden cell of 5 or more keeps at least 5 possible values (issue 31)
SMALL = range(1, THRESHOLD)  # a small count keeps every one of these possible
SLACK = 5  # a total is hidden (every row hidden) only when it is within SLACK - 1 of the rows' least sum
ROUNDING_BASE = 5
_EPS = 1e-9

Cell = tuple[str, str, str, str]  # (theme, year, place or TOTAL, part)
Key = tuple[str, str]  # (theme, year)


@dataclass(frozen=True)
class Subset:
    """Declared by a theme: its counted people of a year and place are among `theme`'s counted people (with
    those of the themes `also`, together: a union) of the same place in the years `years_before` earlier (0:
    the same year). `exactly`: a reader may also take them to be exactly the people of those themes that same
    year (money paid in the year of the award: paid people = scholarships + business grants); used, like
    every link, where the true figures bear it out."""
    theme: str
    years_before: tuple[int, ...] = (0,)
    also: tuple[str, ...] = ()
    exactly: bool = False

    @property
    def themes(self) -> tuple[str, ...]:
        return (self.theme, *self.also)


@dataclass(frozen=True)
class Amount:
    """Declared by a money theme: each person's money in a year lies between `low` and `high` (equal: a fixed
    amount), the people being the money theme's own, or those of `people_of`."""
    low: int
    high: int
    people_of: str | None = None


@dataclass
class Release:
    """The true figures of one night, by theme and year: counted people by place (for a share theme, those
    counted: in work, operating), the rest behind a share theme's share, and money by place."""
    people: dict[Key, dict[str, int]] = field(default_factory=dict)
    rest: dict[Key, dict[str, int]] = field(default_factory=dict)
    money: dict[Key, dict[str, int]] = field(default_factory=dict)
    subsets: dict[str, tuple[Subset, ...]] = field(default_factory=dict)
    amounts: dict[str, tuple[Amount, ...]] = field(default_factory=dict)

    def value(self, cell: Cell) -> int:
        theme, year, place, part = cell
        table = {PEOPLE: self.people, REST: self.rest, MONEY: self.money}[part].get((theme, year), {})
        return sum(table.values()) if place == TOTAL else table.get(place, 0)


@dataclass
class Publication:
    """What one night publishes: a label per people and money cell listed (rows and totals), the whole
    percent of each share shown (by the counted people's cell), and the exact value behind each number shown
    (the reader's worst case). `withdrawn`: shares the audit held back (not published itself)."""
    labels: dict[Cell, Shown] = field(default_factory=dict)
    shares: dict[Cell, int] = field(default_factory=dict)
    values: dict[Cell, int] = field(default_factory=dict)
    withdrawn: set[Cell] = field(default_factory=set)

    def shown(self, cell: Cell) -> bool:
        return self.labels.get(cell) is Shown.NUMBER


@dataclass
class Audit:
    """The feasible range of every protected cell (exact where solved, else at least the values found
    feasible), the cells whose range is too narrow, and what could not be used or resolved."""
    ranges: dict[Cell, tuple[float, float]] = field(default_factory=dict)
    small: set[Cell] = field(default_factory=set)  # cells that must keep each of 1 to 4
    either: set[Cell] = field(default_factory=set)  # hidden cells that keep WIDTH values or each of 1 to 4
    failing: list[Cell] = field(default_factory=list)
    changed: set[Cell] = field(default_factory=set)  # an earlier night's figure differs from tonight's
    unresolved: list[Cell] = field(default_factory=list)
    steps: list[tuple[Cell, str]] = field(default_factory=list)  # (failing cell, what was hidden for it)
    notes: list[str] = field(default_factory=list)
    solves: int = 0

    def narrowest(self) -> tuple[Cell, float] | None:
        """The small count with the fewest possible values (the release's weakest point)."""
        widths = [(hi - lo + 1, cell) for cell, (lo, hi) in self.ranges.items() if cell in self.small]
        if not widths:
            return None
        width, cell = min(widths, key=lambda w: (w[0], w[1]))
        return cell, width


# ---- the rules: what is published first, and how more is hidden ----------------------------------------

def _rows(labels: Mapping[Cell, Shown], key: Key, part: str = PEOPLE) -> list[Cell]:
    return sorted(c for c in labels if c[:2] == key and c[3] == part and c[2] != TOTAL)


def primary(release: Release, years: Iterable[str] | None = None) -> Publication:
    """Small counts read "fewer than 5"; a table under 5 lists no rows; a table whose rows are all small does
    not show its total; a money theme's year is withheld whole (no row, total not shown) when fewer than 5
    were paid or a table its people are exactly of lists no row that year (gap31). Money and shares follow
    (`settle`). `years`: only those are published (the release's
    other years were published before: fixed, known through earlier publications)."""
    publication = Publication()
    chosen = None if years is None else set(years)
    for (theme, year), rows in sorted(release.people.items()):
        if chosen is not None and year not in chosen:
            continue
        listed = {place: value for place, value in rows.items() if value > 0}
        total = sum(listed.values())
        total_cell = (theme, year, TOTAL, PEOPLE)
        if total < THRESHOLD:
            publication.labels[total_cell] = Shown.FEWER_THAN_5 if total else Shown.NUMBER
            continue
        for place, value in listed.items():
            publication.labels[(theme, year, place, PEOPLE)] = (Shown.NUMBER if value >= THRESHOLD
                                                                else Shown.FEWER_THAN_5)
        every_small = all(value < THRESHOLD for value in listed.values())
        publication.labels[total_cell] = Shown.HIDDEN if every_small else Shown.NUMBER
    for key in sorted(release.money):
        total_cell = (*key, TOTAL, PEOPLE)
        label = publication.labels.get(total_cell)
        if label is Shown.FEWER_THAN_5 or (label is not None and _withheld_by_tied(release, publication.labels, key)):
            # Money withheld whole: no province, its people's total "not shown" whether 1 to 4 or more
            for cell in _rows(publication.labels, key):
                del publication.labels[cell]
            publication.labels[total_cell] = Shown.HIDDEN
    settle(release, publication)
    return publication


def _tied(release: Release, theme: str) -> tuple[str, ...]:
    """The themes whose people of a year a reader may take to be exactly `theme`'s people of that year."""
    return tuple(t for link in release.subsets.get(theme, ()) if link.exactly for t in link.themes)


def _withheld_by_tied(release: Release, labels: Mapping[Cell, Shown], key: Key) -> bool:
    """A money theme's year is withheld whole when a table its people are exactly of lists no province that
    year (its total "fewer than 5"): by the labels alone. Every year with 1 to 4 paid is such a year where the
    link holds (1 to 4 paid are 1 to 4 accepted, in tables of fewer than 5), so a withheld year says nothing
    of how many were paid; listing the provinces paid would place the people of a table that lists none."""
    return any(labels.get((t, key[1], TOTAL, PEOPLE)) is Shown.FEWER_THAN_5 for t in _tied(release, key[0]))


def withheld(release: Release, labels: Mapping[Cell, Shown], key: Key) -> bool:
    """A money theme's year published as nothing: no province listed, its total not a number."""
    total = labels.get((*key, TOTAL, PEOPLE))
    return key in release.money and total is not None and total is not Shown.NUMBER and not _rows(labels, key)


def settle(release: Release, publication: Publication) -> None:
    """Money where its people are shown (rows and total alike), shares where both sides are 5 or more on a
    base of 10 and the audit has not held them back, and the values behind every number shown."""
    labels = publication.labels
    for cell in [c for c in labels if c[3] == MONEY]:
        del labels[cell]
    for (theme, year), amounts in release.money.items():
        for place in [*amounts, TOTAL]:
            people = labels.get((theme, year, place, PEOPLE))
            if people is not None:
                labels[(theme, year, place, MONEY)] = (Shown.NUMBER if people is Shown.NUMBER
                                                       else Shown.HIDDEN)
    publication.shares = {}
    for key in release.rest:
        for cell in [*_rows(labels, key), (*key, TOTAL, PEOPLE)]:
            counted, rest = release.value(cell), release.value((*cell[:3], REST))
            if (labels.get(cell) is Shown.NUMBER and cell not in publication.withdrawn and counted >= THRESHOLD
                    and rest >= THRESHOLD and counted + rest >= MIN_SHARE_BASE):
                publication.shares[cell] = round(100 * counted / (counted + rest))
    publication.values = {cell: release.value(cell) for cell, label in labels.items() if label is Shown.NUMBER}


def _least(label: Shown | None) -> int:
    return THRESHOLD if label is Shown.HIDDEN else 1


def _hide_in_table(release: Release, publication: Publication, key: Key) -> bool:
    """The smallest shown row (ties by code); when none is left, the total if it is within SLACK - 1 of
    the least the rows could add up to."""
    labels = publication.labels
    rows = _rows(labels, key)
    shown = [c for c in rows if labels[c] is Shown.NUMBER]
    if shown:
        labels[min(shown, key=lambda c: (release.value(c), c[2]))] = Shown.HIDDEN
        return True
    total_cell = (*key, TOTAL, PEOPLE)
    if rows and labels.get(total_cell) is Shown.NUMBER:
        # Money's people are never labelled: a reader would take every row "not shown" as 5 or more, so
        # a money total hidden by the slack rule bounded the people paid (and, through them, the tables
        # they are exactly of) from above. Its total goes whenever its rows have, and says nothing.
        if key in release.money or release.value(total_cell) - sum(_least(labels[c]) for c in rows) < SLACK:
            labels[total_cell] = Shown.HIDDEN
            return True
    return False


def _withdraw_share(release: Release, publication: Publication, key: Key) -> bool:
    """The share on the smallest shown count (ties by code), the total's last."""
    rows = [c for c in publication.shares if c[:2] == key and c[2] != TOTAL]
    if rows:
        publication.withdrawn.add(min(rows, key=lambda c: (release.value(c), c[2])))
        return True
    total = (*key, TOTAL, PEOPLE)
    if total in publication.shares:
        publication.withdrawn.add(total)
        return True
    return False


def _linked(release: Release, key: Key) -> list[Key]:
    """Tables a constraint ties to this one (subsets both ways, money and its people), in a fixed order."""
    theme, year = key
    found: set[Key] = set()
    for lower, links in release.subsets.items():
        for link in links:
            for lag in link.years_before:
                if lower == theme:
                    found.update((t, str(int(year) - lag)) for t in link.themes)
                if theme in link.themes:
                    found.add((lower, str(int(year) + lag)))
                    found.update((t, year) for t in link.themes)  # the union's other themes
    for money_theme, amounts in release.amounts.items():
        related = {a.people_of or money_theme for a in amounts}
        if theme == money_theme or theme in related:
            found.update((t, year) for t in related | {money_theme})
    found.discard(key)
    return sorted(k for k in found if k in release.people)


def _remedy(release: Release, publication: Publication, cell: Cell, acted: set) -> str | None:
    key: Key = (cell[0], cell[1])
    steps: list[tuple[str, Key]] = []
    if cell[3] == REST:
        steps.append(("share", key))
    steps.append(("table", key))
    if key in release.rest:
        steps.append(("share", key))
    for other in _linked(release, key):
        steps += [("table", other)] + ([("share", other)] if other in release.rest else [])
    for step in steps:
        if step in acted:
            return "wait"  # that table changed this round: audit again before hiding more
        done = (_hide_in_table if step[0] == "table" else _withdraw_share)(release, publication, step[1])
        if done:
            acted.add(step)
            return f"{step[0]} {step[1][0]} {step[1][1]}"
    return None


def publish(release: Release, earlier: Sequence[Publication] = (), *, years: Iterable[str] | None = None,
            exact: bool = False) -> tuple[Publication, Audit]:
    """The public version of a release: primary suppression, then audit and hide more until no protected
    cell is too narrow. `earlier`: what earlier nights published (of these years or others in the release);
    `years`: publish only these (the others are fixed as published)."""
    publication = primary(release, years)
    steps: list[tuple[Cell, str]] = []
    cache: dict = {}  # components unchanged since the last round are not solved again
    # Each round only hides more (a figure shown becomes unknown within bounds its true value meets, a share
    # is withdrawn): a solution of one round is nearly always one of the next, so a cell that kept its range
    # is not checked again. (Not always: a total hidden as a last resort gains the bound of a total over
    # hidden rows once its last shown row goes.) So what is returned passed one whole audit; if that one
    # fails, every cell is checked from then on.
    passed: set | None = set()
    while True:
        audit = audit_release(release, [*earlier, publication], exact=exact, cache=cache, passed=passed)
        if not audit.failing and passed:
            audit = audit_release(release, [*earlier, publication], exact=exact, cache=cache)
            if audit.failing:
                passed = None
        audit.steps = steps
        if not audit.failing:
            return publication, audit
        acted: set = set()
        progress = False
        for cell in audit.failing:
            step = _remedy(release, publication, cell, acted)
            if step and step != "wait":
                steps.append((cell, step))
            progress = progress or step is not None
        if not progress:
            # Last resort, outside the modelled rule: the total of the table still failing, else of the first
            # table linked to it (fixed order) whose total is shown (money's total goes with its people's).
            for cell in audit.failing:
                for key in [(cell[0], cell[1]), *_linked(release, (cell[0], cell[1]))]:
                    total = (*key, TOTAL, PEOPLE)
                    # (not a table listing no row under a number: nobody there, nothing to protect)
                    if publication.labels.get(total) is Shown.NUMBER and _rows(publication.labels, key):
                        publication.labels[total] = Shown.HIDDEN
                        steps.append((cell, f"total {key[0]} {key[1]}"))
                        progress = True
                        break
            if not progress:
                audit.unresolved = list(audit.failing)
                return publication, audit
            audit.notes.append("a total was hidden outside the rule")
        settle(release, publication)


# ---- the reader's constraints --------------------------------------------------------------------------

class _Model:
    """Unknowns with bounds and linear constraints, each kept only where the true figures satisfy it."""

    def __init__(self, release: Release):
        self.release = release
        self.index: dict[Cell, int] = {}
        self.cells: list[Cell] = []
        self.lo: list[float] = []
        self.hi: list[float] = []
        self.truth: list[int] = []
        self.rows: list[tuple[dict[int, float], float, float]] = []
        self.dropped = 0

    def var(self, cell: Cell) -> int:
        if cell not in self.index:
            self.index[cell] = len(self.cells)
            self.cells.append(cell)
            self.lo.append(0)
            self.hi.append(math.inf)
            self.truth.append(self.release.value(cell))
        return self.index[cell]

    def bound(self, cell: Cell, lo: float, hi: float) -> bool:
        i = self.var(cell)
        if not lo <= self.truth[i] <= hi:
            return False
        self.lo[i], self.hi[i] = max(self.lo[i], lo), min(self.hi[i], hi)
        return True

    def constrain(self, coefficients: Mapping[Cell, float], lb: float, ub: float, constant: float = 0) -> bool:
        terms: dict[int, float] = {}
        for cell, coefficient in coefficients.items():
            i = self.var(cell)
            terms[i] = terms.get(i, 0) + coefficient
        value = sum(c * self.truth[i] for i, c in terms.items()) + constant
        if not lb - 1e-7 <= value <= ub + 1e-7:
            self.dropped += 1
            return False
        self.rows.append((terms, lb - constant, ub - constant))
        return True


def _build(release: Release, publications: Sequence[Publication], audit: Audit) -> _Model:
    model = _Model(release)
    for part, tables in ((PEOPLE, release.people), (REST, release.rest), (MONEY, release.money)):
        for (theme, year), rows in tables.items():
            places = set(rows)
            if part == REST:
                places |= set(release.people.get((theme, year), {}))
            cells = {(theme, year, place, part): 1.0 for place in places}
            model.constrain({**cells, (theme, year, TOTAL, part): -1.0}, 0, 0)
    for publication in publications:
        _what_was_shown(model, release, publication, audit)
    _subsets(model, release, {cell for publication in publications for cell in publication.shares})
    _amounts(model, release)
    return model


def _what_was_shown(model: _Model, release: Release, publication: Publication, audit: Audit) -> None:
    labels = publication.labels
    # A money theme publishes its money, not its people: a row of money "not shown" does not say whether its
    # people were fewer than 5 or hidden to protect another, only that someone was paid there. Where the
    # money is shown its people are taken as known exactly (the worst case: awards of one size).
    unlabelled = {theme for theme, _year in release.money}
    bounds = {Shown.FEWER_THAN_5: (1, THRESHOLD - 1), Shown.HIDDEN: (THRESHOLD, math.inf)}
    for cell, label in labels.items():
        lo: float
        hi: float
        if label is Shown.NUMBER:
            lo, hi = (publication.values[cell],) * 2
        elif cell[3] == MONEY:
            lo, hi = 0, math.inf
        elif cell[0] in unlabelled and _rows(labels, cell[:2]):
            lo, hi = 1, math.inf
        elif cell[0] in unlabelled and label is Shown.HIDDEN and _withheld_by_tied(release, labels, cell[:2]):
            lo, hi = 1, math.inf  # withheld whole by the tied tables' labels: someone was paid, no more
        elif cell[0] in unlabelled:
            lo, hi = 1, THRESHOLD - 1  # withheld whole otherwise: fewer than 5 were paid (as earlier nights said)
        else:
            lo, hi = bounds[label]
        if not model.bound(cell, lo, hi):
            audit.changed.add(cell)
    for key in {c[:2] for c in labels if c[3] == PEOPLE}:
        rows = _rows(labels, key)
        total = (*key, TOTAL, PEOPLE)
        if not rows and (labels.get(total) is Shown.FEWER_THAN_5 or (
                withheld(release, labels, key) and not _withheld_by_tied(release, labels, key))):
            for place in release.people.get(key, {}):  # listed nowhere: each 0 to 4
                model.bound((*key, place, PEOPLE), 0, THRESHOLD - 1)
        shown = [c for c in rows if labels[c] is Shown.NUMBER]
        hidden = [c for c in rows if labels[c] is Shown.HIDDEN]
        if key[0] in unlabelled:
            hidden = [c for c in rows if labels[c] is not Shown.NUMBER]  # small ones are below every shown too
        for h in hidden:  # it was the smallest shown row when hidden
            for t in shown:
                model.constrain({h: 1}, -math.inf, publication.values[t] - (1 if t[2] < h[2] else 0))
        if labels.get(total) is Shown.HIDDEN and rows and not shown:
            if hidden and key[0] not in unlabelled:  # a money total goes with its rows, whatever it is
                least = sum(_least(labels[c]) for c in rows)
                model.constrain({total: 1}, -math.inf, least + SLACK - 1)
    for cell, percent in publication.shares.items():
        rest = (*cell[:3], REST)
        low, high = (percent - 0.5) / 100 - _EPS, (percent + 0.5) / 100 + _EPS
        model.constrain({cell: 1 - low, rest: -low}, 0, math.inf)
        model.constrain({cell: 1 - high, rest: -high}, -math.inf, 0)
        model.bound(rest, THRESHOLD, math.inf)


def _subsets(model: _Model, release: Release, shares: set[Cell]) -> None:
    """Theme B's people among theme A's, a year at a time and over every run of consecutive years (each business
    is visited once at 6 months, so two years' visits draw on the grants of the years they can come from without
    repeats: issue 31's third outside attack). For a share theme, also everyone behind its share (all the
    businesses visited, operating or closed: each had a grant; the first attack), where a share was shown for
    that place each year of the run: only a share says anything of the people behind it (5 or more), and
    without one the link would only bound, from above, a count nobody published. Each kept only where true."""
    years = sorted({year for _theme, year in release.people}, key=int)
    for lower, links in release.subsets.items():
        for link in links:
            spans = [years[i:j] for i in range(len(years)) for j in range(i + 1, len(years) + 1)
                     if int(years[j - 1]) - int(years[i]) == j - 1 - i]  # runs of consecutive years
            for span in spans:
                if not all((lower, year) in release.people for year in span):
                    continue
                earlier = sorted({str(int(year) - lag) for year in span for lag in link.years_before}, key=int)
                # A year outside the release: nothing known of it (but "exactly" reads the same year alone).
                among = all(y in years for y in earlier)
                # A theme with no table in a year of the release had nobody that year.
                keys = [(t, y) for y in earlier for t in link.themes if (t, y) in release.people]
                places = {p for year in span for table in (release.people, release.rest)
                          for p in table.get((lower, year), {})}
                for place in [*sorted(places), TOTAL]:
                    counted = {(lower, year, place, PEOPLE): 1.0 for year in span}
                    visited = {**counted, **{(lower, year, place, REST): 1.0 for year in span
                                             if (lower, year) in release.rest}}
                    if not all((lower, year, place, PEOPLE) in shares for year in span):
                        visited = counted
                    if among:
                        source = _minus_many(keys, place, release)
                        model.constrain({**counted, **source}, -math.inf, 0)
                        if len(visited) > len(counted):
                            model.constrain({**visited, **source}, -math.inf, 0)
                    if link.exactly and len(span) == 1:
                        same = [(t, span[0]) for t in link.themes if (t, span[0]) in release.people]
                        model.constrain({**counted, **_minus_many(same, place, release)}, 0, 0)


def _minus_many(keys: list[Key], place: str, release: Release) -> dict[Cell, float]:
    """− the people of `keys` in `place` (every place, for a total)."""
    terms: dict[Cell, float] = {}
    for k in keys:
        if place == TOTAL or place in release.people[k]:
            terms[(*k, place, PEOPLE)] = terms.get((*k, place, PEOPLE), 0) - 1.0
    return terms


def _amounts(model: _Model, release: Release) -> None:
    """Money = the sum of each person's amount, each between its bounds: low × people ≤ money ≤ high ×
    people. The theme's own people (`people_of` None) are one reading; the amounts declared per other theme
    (scholarships of one size, business grants of another) together are a second, used where it holds."""
    for theme, amounts in release.amounts.items():
        readings = [[a for a in amounts if a.people_of is None], [a for a in amounts if a.people_of is not None]]
        for (money_theme, year), rows in release.money.items():
            if money_theme != theme:
                continue
            places = set(rows)
            for amount in amounts:
                places |= set(release.people.get((amount.people_of or theme, year), {}))
            for place in [*sorted(places), TOTAL]:
                money = (theme, year, place, MONEY)
                for reading in (r for r in readings if r):
                    low: dict[Cell, float] = {money: -1.0}
                    high: dict[Cell, float] = {money: 1.0}
                    for amount in reading:
                        people = (amount.people_of or theme, year, place, PEOPLE)
                        if (people[0], year) in release.people and (place == TOTAL or release.value(people)):
                            low[people] = low.get(people, 0) + amount.low
                            high[people] = high.get(people, 0) - amount.high
                    model.constrain(low, -math.inf, 0)
                    model.constrain(high, -math.inf, 0)


# ---- the audit ---------------------------------------------------------------------------------------

def _protected(release: Release, publication: Publication) -> tuple[set[Cell], set[Cell]]:
    """(small, wide): cells that must keep each of 1 to 4, and hidden cells that must keep WIDTH values. The
    total of a table whose rows are all "fewer than 5" is exempt from the width: its range (5 or the number of
    rows, to 4 per row) follows from the labels alone, and its rows are audited themselves. A money theme's
    people behind money not shown are hidden cells (no label says they are fewer than 5)."""
    small, wide = set(), set()
    labels = publication.labels
    unlabelled = {theme for theme, _year in release.money}
    for cell, label in labels.items():
        if cell[3] != PEOPLE:
            continue
        if cell[0] in unlabelled and withheld(release, labels, cell[:2]):
            if not _withheld_by_tied(release, labels, cell[:2]):  # fewer than 5 paid: each of 1 to 4
                small.add(cell)
                small.update((*cell[:2], p, PEOPLE) for p, v in release.people.get(cell[:2], {}).items() if v > 0)
            # else: its people are those of the tied tables of the year, protected there
        elif cell[0] in unlabelled and label is not Shown.NUMBER and _rows(labels, cell[:2]):
            # Money "not shown": its people, however few, keep WIDTH values (or each of 1 to 4); the total of
            # rows of 1 to 4 people each is exempt, as above.
            if cell[2] != TOTAL or any(release.value(c) >= THRESHOLD for c in _rows(labels, cell[:2])):
                wide.add(cell)
        elif label is Shown.FEWER_THAN_5:
            small.add(cell)
        elif label is Shown.HIDDEN and (cell[2] != TOTAL or any(
                labels[c] is not Shown.FEWER_THAN_5 for c in _rows(labels, cell[:2]))):
            wide.add(cell)
        if cell[2] == TOTAL and label is Shown.FEWER_THAN_5:
            small.update((*cell[:2], p, PEOPLE) for p, v in release.people.get(cell[:2], {}).items() if v > 0)
    published = {c[:2] for c in labels}
    for (theme, year), rows in release.rest.items():
        if (theme, year) not in published:
            continue  # another year, published before and fixed
        for place in [*rows, TOTAL]:
            if 1 <= release.value((theme, year, place, REST)) < THRESHOLD:
                small.add((theme, year, place, REST))
    return small, wide


class _Component:
    def __init__(self, model: _Model, members: list[int]):
        self.members = members
        local = {v: i for i, v in enumerate(members)}
        self.local = local
        rows = [r for r in model.rows if next(iter(r[0])) in local]
        data, ri, ci = [], [], []
        for n, (terms, _lb, _ub) in enumerate(rows):
            for v, c in terms.items():
                if c:
                    data.append(c)
                    ri.append(n)
                    ci.append(local[v])
        self.matrix = coo_array((data, (ri, ci)), shape=(len(rows), len(members))).tocsr() if rows else None
        self.lb = np.array([r[1] for r in rows])
        self.ub = np.array([r[2] for r in rows])
        self.lo = np.array([model.lo[v] for v in members], dtype=float)
        self.hi = np.array([model.hi[v] for v in members], dtype=float)

    def witnesses(self, targets: Mapping[int, float]):
        """One solution bringing each given unknown (local index) as near its target as the constraints
        allow (the sum of distances least): many cells reach their targets at once."""
        n, k = len(self.members), len(targets)
        extra = coo_array((np.concatenate([np.ones(k), -np.ones(k), np.ones(k), np.ones(k)]),
                           (np.concatenate([np.arange(k), np.arange(k), np.arange(k, 2 * k), np.arange(k, 2 * k)]),
                            np.concatenate([list(targets), n + np.arange(k), list(targets), n + np.arange(k)]))),
                          shape=(2 * k, n + k))
        goal = np.array(list(targets.values()), dtype=float)
        constraints = [LinearConstraint(extra, np.concatenate([np.full(k, -np.inf), goal]),
                                        np.concatenate([goal, np.full(k, np.inf)]))]
        if self.matrix is not None:
            padded = hstack([self.matrix, coo_array((self.matrix.shape[0], k))])
            constraints.append(LinearConstraint(padded, self.lb, self.ub))
        return milp(np.concatenate([np.zeros(n), np.ones(k)]), constraints=constraints,
                    integrality=np.concatenate([np.ones(n), np.zeros(k)]),
                    bounds=Bounds(np.concatenate([self.lo, np.zeros(k)]),
                                  np.concatenate([self.hi, np.full(k, np.inf)])))

    def solve(self, objective: np.ndarray, lo=None, hi=None):
        constraints = [LinearConstraint(self.matrix, self.lb, self.ub)] if self.matrix is not None else []
        return milp(objective, integrality=np.ones(len(self.members)), constraints=constraints,
                    bounds=Bounds(self.lo if lo is None else lo, self.hi if hi is None else hi))


def _components(model: _Model) -> list[list[int]]:
    parent = list(range(len(model.cells)))

    def find(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v
    for terms, _lb, _ub in model.rows:
        first, *rest = terms
        for v in rest:
            a, b = find(first), find(v)
            if a != b:
                parent[b] = a
    groups: dict[int, list[int]] = {}
    for v in range(len(model.cells)):
        groups.setdefault(find(v), []).append(v)
    return list(groups.values())


def _witness_in_bulk(component: _Component, model: _Model, small: set[Cell], wide: set[Cell],
                     seen: list[set[int]], audit: Audit) -> None:
    """A few solutions for the whole component, each bringing every protected cell near one value (each of 1
    to 4 for small counts, 5 below and above the truth for the others): most cells then need no solve of
    their own."""
    local = [(component.local[model.index[c]], c) for c in small | wide if model.index[c] in component.local]
    if len(local) < 2:
        return
    goals: list[Callable[[int, Cell], float | None]] = []
    for t in SMALL:
        def near(i: int, c: Cell, t: int = t) -> float | None:
            return t if c in small and t not in seen[component.members[i]] else None
        goals.append(near)
    for d in (-WIDTH, WIDTH):
        def far(i: int, c: Cell, d: int = d) -> float | None:
            m = component.members[i]
            return (model.truth[m] + d if c in wide and max(seen[m]) - min(seen[m]) + 1 < WIDTH else None)
        goals.append(far)
    for goal in goals:
        for _round in range(6):  # again for those the last solution could not bring there (sums compete)
            wanted = {i: g for i, c in local if (g := goal(i, c)) is not None}
            if not wanted:
                break
            result = component.witnesses(wanted)
            audit.solves += 1
            if result.x is None:
                break
            _add_seen(seen, component.members, result.x)
            if len({i: g for i, c in local if (g := goal(i, c)) is not None}) == len(wanted):
                break


def _add_seen(seen: list[set[int]], members: list[int], x: np.ndarray) -> None:
    """A solution's values as witnesses of what each unknown may be (rounded at once, not one by one)."""
    for m, value in zip(members, np.rint(x[:len(members)]).astype(np.int64).tolist(), strict=True):
        seen[m].add(value)


def _check(cell: Cell, component: _Component, v: int, seen: list[set[int]], small: bool, exact: bool,
           audit: Audit) -> bool:
    """Whether the cell keeps its range (recorded in audit.ranges): each of 1 to 4 for a small count, WIDTH
    values for another hidden cell. Every solution found is kept as a witness of feasible values."""
    i = component.local[v]

    def solved(objective: np.ndarray, lo=None, hi=None):
        result = component.solve(objective, lo, hi)
        audit.solves += 1
        if result.x is not None:
            _add_seen(seen, component.members, result.x)
        return result

    def extreme(sign: int) -> float:
        objective = np.zeros(len(component.members))
        objective[i] = sign
        result = solved(objective)
        if result.x is None:  # HiGHS: "unbounded or infeasible"; the true values are feasible, so unbounded
            return math.inf * -sign if result.status in (3, 4) else min(seen[v]) if sign > 0 else max(seen[v])
        return round(result.x[i])

    met = set(SMALL) <= seen[v] if small else max(seen[v]) - min(seen[v]) + 1 >= WIDTH
    lo: float = min(seen[v])
    hi: float = max(seen[v])
    if exact or not met:
        # A bound already reached by a witness is the extreme itself: no need to solve for it.
        lo = lo if lo <= component.lo[i] else extreme(1)
        hi = hi if hi >= component.hi[i] else extreme(-1)
    audit.ranges[cell] = (lo, hi)
    if not small:
        return hi - lo + 1 >= WIDTH
    if lo > SMALL[0] or hi < SMALL[-1]:
        return False
    for value in SMALL:
        if value not in seen[v]:  # a gap inside the range (money multiples): is the value itself possible?
            fixed_lo, fixed_hi = component.lo.copy(), component.hi.copy()
            fixed_lo[i] = fixed_hi[i] = value
            if solved(np.zeros(len(component.members)), fixed_lo, fixed_hi).x is None:
                return False
    return True


def audit_release(release: Release, publications: Sequence[Publication], *, exact: bool = False,
                  cache: dict | None = None, passed: set | None = None) -> Audit:
    """The reader's constraints from every publication given (the last is tonight's), and for each protected
    cell its range. exact: the smallest and largest value of every protected cell (else solving stops
    once the values found feasible already meet the rule). cache: the results of components audited before
    (`publish` passes one across its rounds): a component whose unknowns, bounds, constraints and protected
    cells are all the same gets the same answer (whether each cell keeps its range is a property of the
    constraints alone), so only the tables changed since are solved again. passed: cells (with what they must
    keep) that kept their range in an earlier round of the same release, not checked again (see `publish`);
    the cells that keep theirs tonight are added."""
    audit = Audit()
    model = _build(release, publications, audit)
    small, wide = _protected(release, publications[-1])
    # Money not shown: its people keep WIDTH values, or each of 1 to 4 (a label could say no more).
    either = {c for c in wide if c[0] in {theme for theme, _year in release.money}}
    # A figure an earlier night showed is public already: hiding it tonight protects others, not itself.
    wide -= {c for p in publications[:-1] for c in p.values if p.values[c] == release.value(c)}
    for cell in small | wide:
        model.var(cell)
    audit.small, audit.either = small, either
    seen = [{t} for t in model.truth]
    groups = _components(model)
    group_of = {v: n for n, group in enumerate(groups) for v in group}
    by_group: dict[int, list[Cell]] = {}

    def kept_as(cell: Cell) -> tuple:
        return cell, cell in small, cell in wide, cell in either
    for cell in sorted(small | wide):
        if passed is None or kept_as(cell) not in passed:
            by_group.setdefault(group_of[model.index[cell]], []).append(cell)
    for n, cells in by_group.items():
        key = _signature(model, groups[n], cells, (small, wide, either), exact) if cache is not None else None
        if cache is not None and key in cache:
            ranges, failing = cache[key]
            audit.ranges.update(ranges)
            audit.failing += failing
            if passed is not None:
                passed.update(kept_as(c) for c in cells if c not in failing)
            continue
        part = Audit()
        component = _Component(model, groups[n])
        _witness_in_bulk(component, model, small, wide, seen, part)
        for cell in cells:
            v = model.index[cell]
            kept = _check(cell, component, v, seen, cell in small, exact, part)
            if not kept and cell in either and model.truth[v] in SMALL:
                kept = _check(cell, component, v, seen, True, exact, part)  # as wide as a small count
            if not kept:
                part.failing.append(cell)
        if cache is not None:
            cache[key] = (part.ranges, part.failing)
        audit.ranges.update(part.ranges)
        audit.failing += part.failing
        audit.solves += part.solves
        if passed is not None:
            passed.update(kept_as(c) for c in cells if c not in part.failing)
    audit.failing.sort()
    _no_narrower_than_before(release, publications, audit, small)
    if model.dropped:
        audit.notes.append(f"{model.dropped} declared link(s) not true of tonight's figures, not used")
    return audit


def _signature(model: _Model, members: list[int], cells: list[Cell], kinds: tuple[set[Cell], ...],
               exact: bool) -> tuple:
    """Everything a component's audit depends on, by cell name (indices change from one build to the next)."""
    inside = set(members)
    rows = sorted((tuple(sorted((model.cells[i], c) for i, c in terms.items())), lb, ub)
                  for terms, lb, ub in model.rows if next(iter(terms)) in inside)
    unknowns = sorted((model.cells[m], model.lo[m], model.hi[m], model.truth[m]) for m in members)
    return (exact, tuple(unknowns), tuple(rows), tuple((c, *(c in kind for kind in kinds)) for c in cells))


def _no_narrower_than_before(release: Release, publications: Sequence[Publication], audit: Audit,
                             small: set[Cell]) -> None:
    """A hidden cell earlier nights already left with fewer than WIDTH values (published before the rule, or
    its range set by figures they showed) cannot be widened tonight: it passes when tonight narrows it no
    further. Small counts have no such exception."""
    earlier = publications[:-1]
    before = [c for c in audit.failing if c not in small
              and any(p.labels.get(c) is Shown.HIDDEN for p in earlier)]
    if not before:
        return
    model = _build(release, earlier, Audit())
    for cell in before:
        v = model.var(cell)
        component = _Component(model, next(g for g in _components(model) if v in g))
        ends = []
        for sign in (1, -1):
            objective = np.zeros(len(component.members))
            objective[component.local[v]] = sign
            result = component.solve(objective)
            audit.solves += 1
            ends.append(-sign * math.inf if result.x is None else round(result.x[component.local[v]]))
        if tuple(audit.ranges[cell]) == (ends[0], ends[1]):
            audit.failing.remove(cell)


# ---- the second line: random rounding to base 5 ------------------------------------------------------

def rounded(key: bytes, cell: Iterable[str], value: int) -> int:
    """Unbiased random rounding to a multiple of 5 with a keyed draw per cell and value: the same figure
    always reads the same; a count of 5 or more never reads less than 5."""
    remainder = value % ROUNDING_BASE
    if remainder == 0:
        return value
    digest = hmac.new(key, "|".join([*cell, str(value)]).encode(), hashlib.sha256).digest()
    draw = int.from_bytes(digest[:8], "big") / 2**64
    down = value - remainder
    return down + ROUNDING_BASE if draw < remainder / ROUNDING_BASE else down
