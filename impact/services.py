"""The programme's results for the public and for donors: counted by finished year and province, small numbers
suppressed (impact.disclosure). A year is computed once, on the first night after its closing date
(IMPACT_YEAR_CLOSES_ON, 31 March of the next year by default), and kept as it was (impact_years): a check-in
answered late, a visit or a payment recorded with last year's date, or a person who moved changes nothing
published. Every release is kept; the page reads the latest of each frozen year in one statement.

Each feature provides its themes (`Feature.provides`, hook THEMES) with a source: one aggregate SQL statement
that returns counts already grouped by year and province (never a row per person). This module keeps only closed years
and stores two versions: the public one, every table of the release protected together (impact.auditor, then
counts rounded to 5 at random), and the internal one, exact, staff may choose for a donor report (audited).

Kinds of theme and the rows their source returns:
- "people": (year, province, people)
- "share": (year, province, counted, people) — counted is True for those who are (in work, operating), False
  for those who answered and are not; published as the count of those who are and, where safe, the share
- "money": (year, province, people, amount) — the people paid and the amount, shown only where the people are
- "sales": (year, name, amount_minor, largest_order_minor, may_stand_alone) — shop sales per enterprise, its
  largest single order that year, and whether it may be named on its own (enough makers, or a registered
  organisation, confirmed by staff); see `_sales` for the rule

People are counted in the place of the time: the course's province, the work's province recorded at the hire,
the business's province recorded on the award, never where a person lives today. A person with two rows in a
year counts once, in the place of the latest by date (`rank`, then `tiebreak` for the same day).
"""
from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
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
DEFAULT_CLOSES_ON = "03-31"  # IMPACT_YEAR_CLOSES_ON: a year's records count until this day of the next year
# Shop sales (IMPACT_SALES_MIN_MAKERS, IMPACT_SALES_DOMINANCE_PERCENT): an enterprise is named with its sales
# only with at least this many makers (or as a registered organisation, confirmed by staff), and only when no
# single order is more than this share of its year's figure; the rest are grouped as "other enterprises".
DEFAULT_SALES_MIN_MAKERS = 5
DEFAULT_SALES_DOMINANCE_PERCENT = 50
# The p% rule inside "other enterprises": the group is shown only when what is left of it after its two largest
# enterprises is at least this share of the largest, so that no member, taking its own sales away, can tell
# another's within this much (issue 31's outside attack: two one-item shops pinned a one-person business's year
# to within 1 %).
DEFAULT_SALES_P_PERCENT = 10
OTHER_ENTERPRISES = ""  # the group's key in the sales table (an enterprise's name is never empty)
MIN_ENTERPRISES_GROUPED = 3  # fewer in the group and one of them could take its own sales away from it
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
    """Keep one row per person and year (the latest by `rank`, a date; then by `tiebreak`, the row's id, for
    two on the same day): a person who finished two courses in a year counts once, in the province of the
    last by date, whatever order they were recorded in, so a year's provinces add up to its people."""
    inner = rows.subquery()
    order = [inner.c.rank.desc(), *([inner.c.tiebreak.desc()] if "tiebreak" in inner.c else [])]
    ranked = sa.select(inner, sa.func.row_number().over(
        partition_by=[inner.c.person, inner.c.year, *(inner.c[name] for name in by)],
        order_by=order).label("nth")).subquery()
    return sa.select(ranked).where(ranked.c.nth == 1).subquery()


def count_people(rows: sa.Select) -> list:
    """From rows of (person, year, province, rank[, counted][, tiebreak]): people per year and province (and
    counted or not), each person once a year, in one statement."""
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


def sales_rule() -> tuple[int, int]:
    """(makers an enterprise needs to be named on its own, the most one order may be of a figure, in %)."""
    from flask import current_app

    return (int(current_app.config.get("IMPACT_SALES_MIN_MAKERS", DEFAULT_SALES_MIN_MAKERS)),
            int(current_app.config.get("IMPACT_SALES_DOMINANCE_PERCENT", DEFAULT_SALES_DOMINANCE_PERCENT)))


def _dominated(amount: int, largest: int, percent: int) -> bool:
    """One order is more than `percent` of the figure (or the figure is nothing): the buyer of that order, or
    the seller, would learn the rest of it from the figure."""
    return amount <= 0 or largest * 100 > amount * percent


def p_percent() -> int:
    from flask import current_app

    return int(current_app.config.get("IMPACT_SALES_P_PERCENT", DEFAULT_SALES_P_PERCENT))


def _sensitive(amounts: list[int], p: int) -> bool:
    """The p% rule (Hundepool et al. 2012, 4.2): with the amounts largest first, the second largest member, who
    knows its own, learns the largest within the rest of the group; the rest must be at least p % of it."""
    if not amounts:
        return False
    rest = sum(amounts[2:])
    return rest * 100 < p * amounts[0]


def _sales(rows: list, closed: set[str], public: bool) -> dict:
    """Shop sales per enterprise and year. Public: an enterprise is named with its sales only when it may stand
    alone (at least IMPACT_SALES_MIN_MAKERS makers, or a registered organisation, as staff confirmed) and no
    single order is more than IMPACT_SALES_DOMINANCE_PERCENT of its year (the threshold and dominance rules
    of magnitude tables). The others are one row, "other enterprises", published only when at least
    MIN_ENTERPRISES_GROUPED of them sold something, it passes the dominance rule itself, and the p% rule among
    its enterprises (IMPACT_SALES_P_PERCENT); when it does not, neither it nor the year's total is shown (the
    total less the named ones would give it)."""
    _min_makers, percent = sales_rule()
    by_year: dict[str, dict[str, list]] = {}
    for year, name, amount, largest, may_stand_alone in rows:
        if str(year) in closed:
            entry = by_year.setdefault(str(year), {}).setdefault(name, [0, 0, True])
            entry[0] += int(amount or 0)
            entry[1] = max(entry[1], int(largest or 0))
            entry[2] = entry[2] and bool(may_stand_alone)
    out: dict[str, dict] = {}
    for year, enterprises in by_year.items():
        total = sum(amount for amount, _largest, _alone in enterprises.values())
        if not public:
            out[year] = {"rows": {name: amount for name, (amount, _l, _a) in enterprises.items()}, "total": total}
            continue
        named = {name: amount for name, (amount, largest, alone) in enterprises.items()
                 if alone and not _dominated(amount, largest, percent)}
        grouped = [(amount, largest) for name, (amount, largest, _a) in enterprises.items() if name not in named]
        rows_shown: dict[str, Any] = dict(named)
        group_amount = sum(amount for amount, _largest in grouped)
        selling = sorted((amount for amount, _largest in grouped if amount > 0), reverse=True)  # nothing sold: no cover
        if grouped and (len(selling) < MIN_ENTERPRISES_GROUPED
                        or _dominated(group_amount, max(largest for _a, largest in grouped), percent)
                        or _sensitive(selling, p_percent())):
            out[year] = {"rows": rows_shown, "total": None}  # the group fails: nor is the total shown
            continue
        if grouped:
            rows_shown[OTHER_ENTERPRISES] = group_amount
        out[year] = {"rows": rows_shown, "total": total}
    return out


def closes_on(year: int | str) -> date:
    """The day a year's records stop counting: IMPACT_YEAR_CLOSES_ON ("MM-DD") of the next year."""
    from flask import current_app, has_app_context

    setting = (current_app.config.get("IMPACT_YEAR_CLOSES_ON") if has_app_context() else None) or DEFAULT_CLOSES_ON
    month, day = (int(part) for part in str(setting).split("-"))
    following = int(year) + 1
    return date(following, month, min(day, calendar.monthrange(following, month)[1]))


def closed_years(today: date, years_with_data: set[str]) -> list[str]:
    """The finished years whose closing date has passed: the latest few that hold any figure (figures of a year
    still open would move from day to day and could be differenced)."""
    return sorted(y for y in years_with_data if y.isdigit() and closes_on(y) < today)[-YEARS_SHOWN:]


def compute(today: date, years: list[str] | None = None, earlier: Sequence[tuple[dict, dict]] = ()) -> dict:
    """Every theme for the closed years (or only `years` of them), in the public version (audited as one
    release with every closed year, `_public`) and the internal one. `earlier`: (public, internal) versions of
    the years already published (each frozen release), what a reader already knows."""
    gathered = {theme.key: theme.source() for theme in themes()}
    years = [y for y in closed_years(today, {str(row[0]) for rows in gathered.values() for row in rows})
             if years is None or y in years]
    closed = set(years)
    every_closed = set(closed_years(today, {str(row[0]) for rows in gathered.values() for row in rows}))
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
            internal[theme.key] = _sales(rows, closed, False)
    versions = {"public": _public(gathered, every_closed, closed, earlier), "internal": internal}
    return {"years": years, "closed_through": f"{years[-1]}-12-31" if years else None, **versions}


# ---- the public version: one release, audited whole (impact.auditor) --------------------------------------

def _public(gathered: dict[str, list], every_closed: set[str], closed: set[str],
            earlier: Sequence[tuple[dict, dict]] = ()) -> dict:
    """The public version of the years `closed`: their tables protected by the auditor together with what
    every closed year holds (links reach across years; the years already published are fixed, as `earlier`
    shows them), then each count shown rounded to a multiple of 5 at random (keyed, per cell): the second
    line of defence."""
    release = _release(gathered, every_closed | closed)
    publication, audit = auditor.publish(release, [_publication(p, i) for p, i in earlier], years=closed)
    if audit.unresolved:  # nothing left to hide by the rules: say so where operators look
        from flask import current_app

        current_app.logger.warning("impact: %d cell(s) still too narrow after every step: %s",
                                   len(audit.unresolved), audit.unresolved[:5])
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

    def table(theme: str, year: str, part: str, more_fields: Callable[[auditor.Cell], dict] = lambda c: {}) -> dict:
        rows = sorted(c for c in publication.labels if c[:2] == (theme, year) and c[3] == part
                      and c[2] != auditor.TOTAL)
        total = (theme, year, auditor.TOTAL, part)
        return {"rows": {c[2]: {**figure(c), **more_fields(c)} for c in rows},
                "total": {**figure(total), **more_fields(total)}}

    def share_of(cell: auditor.Cell) -> dict:
        percent = publication.shares.get(cell)
        return {"share": None if percent is None else percent / 100}

    out: dict[str, dict] = {}
    years = sorted(closed)
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
            out[theme.key] = _sales(gathered[theme.key], closed, True)
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
    from core.security import derived_key

    return derived_key("impact rounding")


def frozen_years() -> set[str]:
    from impact.models import FrozenYear

    return set(db.session.scalars(sa.select(FrozenYear.year).distinct()))


def due_years(today: date) -> list[str]:
    """Years whose closing date has passed, among the latest YEARS_SHOWN of those, not frozen yet."""
    latest = today.year - 1 if closes_on(today.year - 1) < today else today.year - 2
    frozen = frozen_years()
    return [str(y) for y in range(latest - YEARS_SHOWN + 1, latest + 1) if str(y) not in frozen]


def _freeze(figures: dict, year: str, release: int, reason: str = "") -> Any:
    from impact.models import FrozenYear

    row = FrozenYear(year=year, release=release, closes_on=closes_on(year), computed_at=utcnow(), reason=reason,
                     public={key: by_year[year] for key, by_year in figures["public"].items() if year in by_year},
                     internal={key: by_year[year] for key, by_year in figures["internal"].items() if year in by_year})
    db.session.add(row)
    return row


def refresh(today: date) -> list[str]:
    """Scheduled each night: freeze the years whose closing date has passed and that are not frozen yet (a
    year with no figure at all waits until it has one: nothing of it was published). A frozen year is never
    computed again, so on most nights this reads one small list and nothing else. Returns the years frozen."""
    due = due_years(today)
    if not due:
        return []
    figures = compute(today, due, published_releases())
    for year in figures["years"]:
        _freeze(figures, year, 1)
    db.session.flush()
    return figures["years"]


def published_releases() -> list[tuple[dict, dict]]:
    """Every release ever frozen, as (public, internal) by theme and year: what a reader may hold, the earlier
    releases of a year computed again included (the auditor reasons on all of them)."""
    from impact.models import FrozenYear

    return [({key: {row.year: table} for key, table in row.public.items()},
             {key: {row.year: table} for key, table in row.internal.items()})
            for row in db.session.scalars(sa.select(FrozenYear).order_by(FrozenYear.year, FrozenYear.release))]


def refresh_impact() -> str:
    """Scheduled: freeze the figures of the years whose closing date has passed (each once)."""
    from core import clock

    frozen = refresh(clock.today())
    return f"froze {', '.join(frozen)}" if frozen else "no year to freeze"


class RefreezeRefused(Exception):
    pass


def refreeze(year: str, today: date, reason: str, *, force: bool) -> Any:
    """Compute a frozen year again after a real correction of its records, as a new release (the earlier ones
    stay; the page shows the new one). Refused without `force` and a reason; audited. The difference between
    the two releases is itself published: the protection of the release (impact.disclosure) must allow for it."""
    from core import audit
    from impact.models import FrozenYear

    latest = db.session.scalar(sa.select(sa.func.max(FrozenYear.release)).where(FrozenYear.year == year))
    if latest is None:
        raise RefreezeRefused(f"{year} is not frozen: the nightly job freezes it after {closes_on(year)}")
    if not force:
        raise RefreezeRefused(f"{year} was published as frozen; comparing two releases can expose people. "
                              "Add --force and a --reason to compute it again.")
    if len(reason.strip()) < 10:
        raise RefreezeRefused("Say why in a sentence (--reason): it is kept with the release and in the audit log.")
    figures = compute(today, [year], published_releases())
    if year not in figures["years"]:
        raise RefreezeRefused(f"{year} has no figures left to compute")
    row = _freeze(figures, year, latest + 1, reason.strip())
    db.session.flush()
    audit.record("impact.refreeze", "impact_year", row.id, detail={"year": year, "release": row.release,
                                                                   "reason": reason.strip()})
    return row


@dataclass(frozen=True)
class Published:
    """What the page and the downloads show: the latest release of each frozen year shown, side by side."""
    years: list[str]
    public: dict
    internal: dict
    frozen_on: dict[str, tuple[date, datetime]]  # year -> (closing date, when it was computed)
    release_ids: list[int]


def published() -> Published | None:
    """The latest release of each of the latest YEARS_SHOWN frozen years, in one statement."""
    from impact.models import FrozenYear

    latest = (sa.select(FrozenYear.year, sa.func.max(FrozenYear.release).label("release"))
              .group_by(FrozenYear.year).subquery())
    rows = db.session.scalars(sa.select(FrozenYear).join(
        latest, sa.and_(latest.c.year == FrozenYear.year, latest.c.release == FrozenYear.release))
        .order_by(FrozenYear.year.desc()).limit(YEARS_SHOWN)).all()
    if not rows:
        return None
    rows = sorted(rows, key=lambda row: row.year)
    public: dict[str, dict] = {}
    internal: dict[str, dict] = {}
    for row in rows:
        for key, table in row.public.items():
            public.setdefault(key, {})[row.year] = table
        for key, table in row.internal.items():
            internal.setdefault(key, {})[row.year] = table
    return Published([row.year for row in rows], public, internal,
                     {row.year: (row.closes_on, row.computed_at) for row in rows}, [row.id for row in rows])


def latest() -> Published | None:
    """The figures shown (kept for callers of the time before frozen years)."""
    return published()


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
        # "Other enterprises" comes last, after the enterprises named
        keys = sorted({key for y in present for key in by_year[y]["rows"]}, key=lambda k: (k == OTHER_ENTERPRISES, k))
        if theme.kind != "sales":
            keys.sort()
        if theme.kind == "sales":
            rows = [(key, [_baht(by_year[y]["rows"][key]) if key in by_year[y]["rows"] else None for y in present])
                    for key in keys]
            totals = [_baht(by_year[y]["total"]) for y in present]
        else:
            rows = [(key, [by_year[y]["rows"].get(key) for y in present]) for key in keys]
            totals = [by_year[y]["total"] for y in present]
        by_total = list(zip(present, totals, strict=True))
        chart = bars([(format_year(y), t["value"]) for y, t in by_total if t["shown"] == "number"])
        shown.append(ThemeView(theme, present, rows, totals, chart,
                               [y for y, t in by_total if t["shown"] != "number"]))
    return shown


def _baht(minor: int | None) -> dict:
    """A sales figure as the page shows it: baht, or "not shown" (none stored: the rule kept it back)."""
    return {"shown": "number", "value": minor / 100} if minor is not None else {"shown": "hidden", "value": None}
