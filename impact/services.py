"""The programme's results for the public and for donors: counted by closed year and province, small numbers
suppressed (impact.disclosure), computed at night and kept as one row, so the public page is a single read.

Each feature provides its themes (`Feature.provides`, hook THEMES) with a source: one aggregate SQL statement
that returns counts already grouped by year and province (never a row per person). This module keeps only closed years,
protects each year's table and stores two versions: the public one, and the internal one staff may choose for
a donor report (audited).

Kinds of theme and the rows their source returns:
- "people": (year, province, people)
- "share": (year, province, counted, people) — counted is True for those who are (in work, operating), False
  for those who answered and are not; published as the count of those who are and, where safe, the share
- "money": (year, province, people, amount) — the people paid and the amount, shown only where the people are
- "sales": (year, name, amount_minor) — shop sales per enterprise: money of organisations, not people's
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from core.db import utcnow
from core.extensions import db
from core.hooks import collect
from impact.disclosure import Figure, Shown, Table, protect, share, tied

YEARS_SHOWN = 5
UNKNOWN_PROVINCE = "unknown"  # the person's or the place's province is not recorded
ONLINE = "online"


@dataclass(frozen=True)
class Theme:
    key: str
    title: Any  # lazy text
    kind: str
    source: Callable[[], list]
    order: int = 100


THEMES = "impact.themes"  # the hook (core.hooks) a feature provides its themes with: () -> list[Theme]


def themes() -> list[Theme]:
    """Every feature's themes (`Feature.provides[THEMES]`), in their order."""
    found = {theme.key: theme for provided in collect(THEMES) for theme in provided}
    return sorted(found.values(), key=lambda t: (t.order, t.key))


def year_of_day(column) -> sa.ColumnElement:
    """The year ("2025") of a date column, on both databases (dates are kept as ISO text on SQLite)."""
    return sa.func.substr(sa.cast(column, sa.String), 1, 4)


def one_row_per_person(rows: sa.Select, *, by: tuple[str, ...] = ()) -> sa.Subquery:
    """Keep one row per person and year (the latest by `rank`): a person who finished two courses in a year
    counts once, in the province of the last, so a year's provinces add up to its people."""
    inner = rows.subquery()
    ranked = sa.select(inner, sa.func.row_number().over(
        partition_by=[inner.c.person, inner.c.year, *(inner.c[name] for name in by)],
        order_by=inner.c.rank.desc()).label("nth")).subquery()
    return sa.select(ranked).where(ranked.c.nth == 1).subquery()


def count_people(rows: sa.Select) -> list:
    """From rows of (person, year, province, rank[, counted]): people per year and province (and counted or
    not), each person once a year, in one statement."""
    people = one_row_per_person(rows)
    keys = [people.c.year, people.c.province] + ([people.c.counted] if "counted" in people.c else [])
    return list(db.session.execute(sa.select(*keys, sa.func.count()).group_by(*keys)))


def _province(value: Any) -> str:
    return str(value) if value else UNKNOWN_PROVINCE


def _by_year(rows: list, closed: set[str], value_at: int, key_at: int = 1) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for row in rows:
        year = str(row[0])
        if year in closed:
            place = _province(row[key_at])
            found.setdefault(year, {})[place] = found.setdefault(year, {}).get(place, 0) + int(row[value_at] or 0)
    return found


def _table_dict(rows: dict[str, Figure], total: Figure) -> dict:
    return {"rows": {k: f.as_dict() for k, f in sorted(rows.items())}, "total": total.as_dict()}


def _people(rows: list, closed: set[str], public: bool) -> dict:
    years = _by_year(rows, closed, 2)
    out = {}
    for year, counts in years.items():
        table = protect(counts) if public else _open_table(counts)
        out[year] = _table_dict(table.rows, table.total)
    return out


def _side(table: Table, counts: dict, place: str) -> Figure:
    """One side's figure for a place: as protected, nobody when nobody is there, else not published."""
    if place in table.rows:
        return table.rows[place]
    return Figure.of(0) if counts.get(place, 0) == 0 else Figure(Shown.FEWER_THAN_5)


def _share(rows: list, closed: set[str], public: bool) -> dict:
    """The people counted (in work, operating) by province, and where safe their share of those who answered.
    Only places with people counted are listed: a place listed for the others alone would tell they are there."""
    counted = _by_year([r for r in rows if r[2]], closed, 3)
    rest = _by_year([r for r in rows if not r[2]], closed, 3)
    out = {}
    for year in sorted(set(counted) | set(rest)):
        yes, no = counted.get(year, {}), rest.get(year, {})
        yes_table, no_table = (protect(yes), protect(no)) if public else (_open_table(yes), _open_table(no))
        places = sorted(yes_table.rows) if public else sorted(set(yes) | set(no))
        out[year] = {
            "rows": {p: {**_side(yes_table, yes, p).as_dict(),
                         "share": _share_of(_side(yes_table, yes, p), _side(no_table, no, p), public)}
                     for p in places},
            "total": {**yes_table.total.as_dict(), "share": _share_of(yes_table.total, no_table.total, public)},
        }
    return out


def _share_of(counted: Figure, rest: Figure, public: bool) -> float | None:
    if public:
        return share(counted, rest)
    if counted.value is None or rest.value is None or counted.value + rest.value == 0:
        return None
    return counted.value / (counted.value + rest.value)


def _open_table(counts: dict) -> Table:
    """The internal version: every count as it is."""
    return Table({k: Figure.of(v) for k, v in counts.items()}, Figure.of(sum(counts.values())))


def _money(rows: list, closed: set[str], public: bool) -> dict:
    people = _by_year(rows, closed, 2)
    amounts = _by_year(rows, closed, 3)
    out = {}
    for year, counts in people.items():
        table = protect(counts) if public else _open_table(counts)
        money = tied(table, amounts.get(year, {}))
        out[year] = {"people": _table_dict(table.rows, table.total), **_table_dict(money.rows, money.total)}
    return out


def _sales(rows: list, closed: set[str]) -> dict:
    out: dict[str, dict] = {}
    for year, name, amount in rows:
        if str(year) in closed:
            entry = out.setdefault(str(year), {"rows": {}, "total": 0})
            entry["rows"][name] = entry["rows"].get(name, 0) + int(amount or 0)
            entry["total"] += int(amount or 0)
    return out


def closed_years(today: date, years_with_data: set[str]) -> list[str]:
    """The finished years to publish: the latest few that hold any figure (figures of a year still running
    would move from day to day and could be differenced)."""
    return sorted(y for y in years_with_data if y.isdigit() and int(y) < today.year)[-YEARS_SHOWN:]


def compute(today: date) -> dict:
    """Every theme for the closed years, in the public and the internal version."""
    gathered = {theme.key: theme.source() for theme in themes()}
    years = closed_years(today, {str(row[0]) for rows in gathered.values() for row in rows})
    closed = set(years)
    versions: dict[str, dict] = {}
    for public in (True, False):
        version = {}
        for theme in themes():
            rows = gathered[theme.key]
            if theme.kind == "people":
                version[theme.key] = _people(rows, closed, public)
            elif theme.kind == "share":
                version[theme.key] = _share(rows, closed, public)
            elif theme.kind == "money":
                version[theme.key] = _money(rows, closed, public)
            else:
                version[theme.key] = _sales(rows, closed)
        versions["public" if public else "internal"] = version
    return {"years": years, "closed_through": f"{years[-1]}-12-31" if years else None, **versions}


def refresh(today: date) -> Any:
    """Scheduled each night: compute and keep the figures as one new row (older rows are removed)."""
    from impact.models import ImpactSnapshot

    figures = compute(today)
    snapshot = ImpactSnapshot(computed_at=utcnow(), years=figures["years"], public=figures["public"],
                              internal=figures["internal"])
    db.session.add(snapshot)
    db.session.flush()
    db.session.execute(sa.delete(ImpactSnapshot).where(ImpactSnapshot.id < snapshot.id))
    return snapshot


def refresh_impact() -> str:
    """Scheduled: the public impact page's figures, for the years closed by tonight."""
    from core import clock

    snapshot = refresh(clock.today())
    return f"figures for {', '.join(snapshot.years) or 'no closed year'}"


def latest() -> Any:
    from impact.models import ImpactSnapshot

    return db.session.scalar(sa.select(ImpactSnapshot).order_by(ImpactSnapshot.id.desc()).limit(1))


@dataclass(frozen=True)
class ThemeView:
    """One theme as a page shows it: a table of places (or enterprises) by year, its totals and a chart of
    the totals that may be shown."""
    theme: Theme
    years: list[str]
    rows: list[tuple[str, list[Any]]]
    totals: list[dict]
    chart: dict
    not_in_chart: list[str]


def views(figures: dict, years: list[str]) -> list[ThemeView]:
    """Shape the stored figures for the page (no query: the snapshot holds everything)."""
    from core.charts import bars
    from core.i18n import format_year

    shown = []
    for theme in themes():
        by_year = figures.get(theme.key) or {}
        present = [y for y in years if y in by_year]
        if not present:
            continue
        keys = sorted({key for y in present for key in by_year[y]["rows"]})
        if theme.kind == "sales":
            rows = [(key, [{"shown": "number", "value": by_year[y]["rows"].get(key, 0) / 100} for y in present])
                    for key in keys]
            totals = [{"shown": "number", "value": by_year[y]["total"] / 100} for y in present]
        else:
            rows = [(key, [by_year[y]["rows"].get(key) for y in present]) for key in keys]
            totals = [by_year[y]["total"] for y in present]
        by_total = list(zip(present, totals, strict=True))
        chart = bars([(format_year(y), t["value"]) for y, t in by_total if t["shown"] == "number"])
        shown.append(ThemeView(theme, present, rows, totals, chart,
                               [y for y, t in by_total if t["shown"] != "number"]))
    return shown
