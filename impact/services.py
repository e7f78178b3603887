"""The programme's results for the public and for donors: counted by closed year and province, small numbers
suppressed (impact.disclosure), computed at night and kept as one row, so the public page is a single read.

Each feature provides its themes (`Feature.provides`, hook THEMES) with a source: one aggregate SQL statement
that returns counts already grouped by year and province (never a row per person). This module keeps only closed years
and stores two versions: the public one, every table of the release protected together (impact.auditor, then
counts rounded to 5 at random), and the internal one, exact, staff may choose for a donor report (audited).

Kinds of theme and the rows their source returns:
- "people": (year, province, people)
- "share": (year, province, counted, people) — counted is True for those who are (in work, operating), False
  for those who answered and are not; published as the count of those who are and, where safe, the share
- "money": (year, province, people, amount) — the people paid and the amount, shown only where the people are
- "sales": (year, name, amount_minor) — shop sales per enterprise: money of organisations, not people's
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from core.db import utcnow
from core.extensions import db
from core.hooks import collect
from impact import auditor
from impact.auditor import Amount, Subset
from impact.disclosure import Figure, Shown, Table, protect, share, tied

__all__ = ["Amount", "Subset", "Theme"]  # Amount and Subset: the links a theme declares (impact.auditor)

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
    # What a reader may know links this theme to others (impact.auditor audits the release with it): its
    # counted people are among another theme's (same place, same or earlier years); a money theme's amount
    # per person lies between known bounds (or is read from the database when the figures are computed).
    subset_of: tuple[Subset, ...] = ()
    amount_per_person: tuple[Amount, ...] | Callable[[], tuple[Amount, ...]] = ()


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


def compute(today: date, earlier: Sequence[tuple[dict, dict]] = ()) -> dict:
    """Every theme for the closed years, in the public version (audited as one release, `_public`) and the
    internal one. `earlier`: (public, internal) versions published on earlier nights, for the same years."""
    gathered = {theme.key: theme.source() for theme in themes()}
    years = closed_years(today, {str(row[0]) for rows in gathered.values() for row in rows})
    closed = set(years)
    internal = {}
    for theme in themes():
        rows = gathered[theme.key]
        if theme.kind == "people":
            internal[theme.key] = _people(rows, closed, False)
        elif theme.kind == "share":
            internal[theme.key] = _share(rows, closed, False)
        elif theme.kind == "money":
            internal[theme.key] = _money(rows, closed, False)
        else:
            internal[theme.key] = _sales(rows, closed)
    versions = {"public": _public(gathered, closed, earlier), "internal": internal}
    return {"years": years, "closed_through": f"{years[-1]}-12-31" if years else None, **versions}


# ---- the public version: one release, audited whole (impact.auditor) --------------------------------------

def _public(gathered: dict[str, list], closed: set[str], earlier: Sequence[tuple[dict, dict]] = ()) -> dict:
    """The public version: every theme's tables of the closed years protected together by the auditor, then
    each count shown rounded to a multiple of 5 at random (keyed, per cell): the second line of defence."""
    release = _release(gathered, closed)
    publication, _audit = auditor.publish(release, [_publication(p, i) for p, i in earlier])
    return _published(gathered, closed, release, publication, _rounding_key())


def _release(gathered: dict[str, list], closed: set[str]) -> auditor.Release:
    release = auditor.Release()
    for theme in themes():
        rows = gathered[theme.key]
        if theme.kind == "people":
            found = {"people": _by_year(rows, closed, 2)}
        elif theme.kind == "share":
            found = {"people": _by_year([r for r in rows if r[2]], closed, 3),
                     "rest": _by_year([r for r in rows if not r[2]], closed, 3)}
            found["people"].update({y: {} for y in found["rest"] if y not in found["people"]})
            found["rest"].update({y: {} for y in found["people"] if y not in found["rest"]})
            release.rest.update({(theme.key, y): t for y, t in found["rest"].items()})
        elif theme.kind == "money":
            found = {"people": _by_year(rows, closed, 2)}
            release.money.update({(theme.key, y): t for y, t in _by_year(rows, closed, 3).items()})
            amounts = theme.amount_per_person
            release.amounts[theme.key] = amounts() if callable(amounts) else amounts
        else:
            continue
        release.people.update({(theme.key, y): t for y, t in found["people"].items()})
        if theme.subset_of:
            release.subsets[theme.key] = theme.subset_of
    return release


def _published(gathered: dict, closed: set[str], release: auditor.Release, publication: auditor.Publication,
               key: bytes) -> dict:
    """The publication in the stored shape (as `_people`, `_share`, `_money` give the internal one)."""
    def figure(cell: auditor.Cell) -> dict:
        label = publication.labels.get(cell)
        if label is None:
            return Figure.of(0).as_dict()
        if label is not Shown.NUMBER:
            return Figure(label).as_dict()
        value = release.value(cell)
        return Figure.of(auditor.rounded(key, cell, value) if cell[3] == auditor.PEOPLE else value).as_dict()

    def table(theme: str, year: str, part: str, extra: Callable[[auditor.Cell], dict] = lambda c: {}) -> dict:
        rows = sorted(c for c in publication.labels if c[:2] == (theme, year) and c[3] == part
                      and c[2] != auditor.TOTAL)
        return {"rows": {c[2]: {**figure(c), **extra(c)} for c in rows},
                "total": {**figure((theme, year, auditor.TOTAL, part)), **extra((theme, year, auditor.TOTAL, part))}}

    def share_of(cell: auditor.Cell) -> dict:
        percent = publication.shares.get(cell)
        return {"share": None if percent is None else percent / 100}

    out: dict[str, dict] = {}
    years = sorted({y for _t, y in release.people})
    for theme in themes():
        present = [y for y in years if (theme.key, y) in release.people]
        if theme.kind == "people":
            out[theme.key] = {y: table(theme.key, y, auditor.PEOPLE) for y in present}
        elif theme.kind == "share":
            out[theme.key] = {y: table(theme.key, y, auditor.PEOPLE, share_of) for y in present}
        elif theme.kind == "money":
            out[theme.key] = {y: {"people": table(theme.key, y, auditor.PEOPLE), **table(theme.key, y, auditor.MONEY)}
                              for y in present}
        else:
            out[theme.key] = _sales(gathered[theme.key], closed)
    return out


def _publication(public: dict, internal: dict) -> auditor.Publication:
    """What an earlier night published, for the auditor: its labels and shares, with the exact values behind
    its numbers (from the internal version stored with it)."""
    publication = auditor.Publication()
    for theme in themes():
        if theme.kind == "sales":
            continue
        for year, stored in public.get(theme.key, {}).items():
            exact = internal.get(theme.key, {}).get(year, {})
            parts = [(auditor.PEOPLE, stored.get("people", stored), exact.get("people", exact))]
            if theme.kind == "money":
                parts.append((auditor.MONEY, stored, exact))
            for part, table, exact_table in parts:
                cells = [(place, figure, exact_table.get("rows", {}).get(place))
                         for place, figure in table.get("rows", {}).items()]
                cells.append((auditor.TOTAL, table["total"], exact_table.get("total")))
                for place, figure, exact_figure in cells:
                    cell = (theme.key, year, place, part)
                    publication.labels[cell] = Shown(figure["shown"])
                    if figure["shown"] == Shown.NUMBER:
                        publication.values[cell] = int((exact_figure or figure)["value"])
                    if part == auditor.PEOPLE and figure.get("share") is not None:
                        publication.shares[cell] = round(figure["share"] * 100)
    return publication


def _rounding_key() -> bytes:
    """The secret behind the rounding draws: from the app's secret key, so a reader cannot replay them."""
    from flask import current_app

    return hmac.new(str(current_app.config["SECRET_KEY"]).encode(), b"impact rounding", hashlib.sha256).digest()


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
