"""An outside statistician's attacks on the public impact figures (helper attack31, second round): worlds built
through the app's models, frozen by the nightly job's own function, read from /impact.xlsx as anyone can, and
attacked with integer linear programming (scipy.optimize.milp) using only what is published and the published
rules (docs/features/impact.md).

Each test asserts that the attack does NOT narrow a "fewer than 5" count below each of 1 to 4: it fails while
the leak it builds is open."""
from __future__ import annotations

import io
import math
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import numpy as np
import pytest
from openpyxl import load_workbook
from scipy.optimize import Bounds, LinearConstraint, milp

from core.extensions import db
from core.labels import code_label
from core.models import Role
from grants.models import FollowUpVisit, GrantApplication, GrantRound, Tranche
from impact import services
from marketplace.models import Enterprise, Order, OrderLine

AWARD = 20_000  # every business grant of the programme: known from the rounds' public pages
FEWER = "fewer than 5"
NOT_SHOWN = "not shown"


# ---- building a world through the app's models ---------------------------------------------------------

class World:
    def __init__(self, app, people):
        self.app, self.people = app, people
        staff = people.make(Role.STAFF)
        self.staff = staff
        grant_round = GrantRound(name="Small business", kind="business", budget_thb=10_000_000,
                                 max_per_grant_thb=AWARD, opens_on=date(2024, 1, 1), closes_on=date(2025, 12, 31))
        db.session.add(grant_round)
        db.session.flush()
        self.round_id = grant_round.id

    def grant(self, province: str, decided: date) -> GrantApplication:
        """A business grant accepted on `decided` in `province`, paid in full that day."""
        person = self.people.make(Role.PARTICIPANT)
        application = GrantApplication(
            round_id=self.round_id, participant_id=person, status="accepted", province_code=province,
            decided_at=datetime(decided.year, decided.month, decided.day, 5, tzinfo=UTC),
            decided_by_id=self.staff, amount_awarded_thb=AWARD, amount_requested_thb=AWARD, paid_thb=AWARD,
            visits_start_on=decided)
        db.session.add(application)
        db.session.flush()
        db.session.add(Tranche(application_id=application.id, position=1, amount_thb=AWARD, paid_on=decided,
                               paid_by_id=self.staff))
        return application

    def visit(self, application: GrantApplication, month: int, done: date, status: str) -> None:
        db.session.add(FollowUpVisit(application_id=application.id, month=month, due_on=done, status="done",
                                     done_on=done, kind="visit", recorded_by_id=self.staff,
                                     business_status=status))


def freeze(today: date) -> list[str]:
    """What the core.impact job does on the night of `today` (impact.services.refresh_impact with the clock)."""
    frozen = services.refresh(today)
    db.session.commit()
    return frozen


# ---- the reader: what /impact.xlsx says ------------------------------------------------------------------

def public_workbook(client) -> dict[str, dict]:
    """Sheet title (without its number) -> {"years": [...], "rows": {row name: [cells]}, "percent": {...}}."""
    response = client.get("/impact.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data), read_only=True)
    sheets: dict[str, dict] = {}
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        header, body = rows[0], rows[1:]
        years = [h for h in header[1:] if h and not str(h).endswith("%")]
        n = len(years)
        title = sheet.title.split(". ", 1)[1]
        sheets[title] = {"years": years,
                         "rows": {r[0]: dict(zip(years, r[1:1 + n], strict=True)) for r in body},
                         "percent": {r[0]: dict(zip(years, r[1 + n:1 + 2 * n], strict=False)) for r in body}}
    return sheets


def sheet(sheets: dict, starts: str) -> dict:
    found = [s for title, s in sheets.items() if title.startswith(starts)]
    assert len(found) == 1, sorted(sheets)
    return found[0]


@dataclass
class Reader:
    """Whole-number unknowns with bounds and linear constraints, and the range of one of them."""
    names: dict[str, int] = field(default_factory=dict)
    lo: list[float] = field(default_factory=list)
    hi: list[float] = field(default_factory=list)
    rows: list[tuple[dict[str, float], float, float]] = field(default_factory=list)

    def var(self, name: str, lo: float = 0, hi: float = math.inf) -> str:
        if name not in self.names:
            self.names[name] = len(self.lo)
            self.lo.append(0)
            self.hi.append(math.inf)
        i = self.names[name]
        self.lo[i], self.hi[i] = max(self.lo[i], lo), min(self.hi[i], hi)
        return name

    def count(self, name: str, cell) -> str:
        """A published count: a number was rounded to a multiple of 5 at random (so the true one is within 4
        of it, and 5 or more); "fewer than 5" is 1 to 4; "not shown" is 5 or more (the published rules)."""
        if cell == FEWER:
            return self.var(name, 1, 4)
        if cell == NOT_SHOWN:
            return self.var(name, 5)
        assert isinstance(cell, int | float), (name, cell)
        return self.var(name, max(5, cell - 4) if cell else 0, cell + 4 if cell else 0)

    def constrain(self, terms: dict[str, float], lb: float, ub: float) -> None:
        for name in terms:
            self.var(name)
        self.rows.append((terms, lb, ub))

    def share(self, counted: str, rest: str, percent: int) -> None:
        """A share p % shown: (p - 0.5) % <= counted / (counted + rest) <= (p + 0.5) %, the rest 5 or more."""
        low, high = (percent - 0.5) / 100, (percent + 0.5) / 100
        self.var(rest, 5)
        self.constrain({counted: 1 - low, rest: -low}, 0, math.inf)
        self.constrain({counted: 1 - high, rest: -high}, -math.inf, 0)

    def feasible(self, name: str) -> set[int]:
        """Every value of `name` the constraints allow (each of its least to its largest checked)."""
        def solve(objective, lo, hi):
            matrix = np.zeros((len(self.rows), len(self.lo)))
            for n, (terms, _lb, _ub) in enumerate(self.rows):
                for v, c in terms.items():
                    matrix[n, self.names[v]] += c
            constraints = [LinearConstraint(matrix, [r[1] for r in self.rows], [r[2] for r in self.rows])]
            return milp(objective, integrality=np.ones(len(self.lo)), constraints=constraints,
                        bounds=Bounds(lo, hi))
        i = self.names[name]
        ends = []
        for sign in (1, -1):
            objective = np.zeros(len(self.lo))
            objective[i] = sign
            result = solve(objective, np.array(self.lo), np.array(self.hi))
            assert result.x is not None, "the reader's constraints have no solution: the model is wrong"
            ends.append(round(result.x[i]))
        found = set()
        for value in range(ends[0], ends[1] + 1):
            lo, hi = np.array(self.lo), np.array(self.hi)
            lo[i] = hi[i] = value
            if solve(np.zeros(len(self.lo)), lo, hi).x is not None:
                found.add(value)
        return found


# ---- attack 1: businesses visited are among the grants, whether operating or not ----------------------

P, OTHERS_2024, OTHERS_2025 = "50", {"52": 8, "57": 9}, {"52": 7, "57": 8, "63": 9}


@pytest.fixture
def visited_world(app, people, ctx):
    """Business grants of 20,000 baht, paid on acceptance. Chiang Mai ("50"): 6 in August 2024, 4 in March
    2025; every one of the 10 visited at 6 months in 2025, 5 operating and 5 closed. Other provinces: grants
    only. The nightly job freezes 2024 and 2025 on 1 April 2026."""
    world = World(app, people)
    visited = []
    for _ in range(6):
        visited.append((world.grant(P, date(2024, 8, 15)), date(2025, 2, 15)))
    for _ in range(4):
        visited.append((world.grant(P, date(2025, 3, 10)), date(2025, 9, 10)))
    for province, n in OTHERS_2024.items():
        for _ in range(n):
            world.grant(province, date(2024, 8, 15))
    for province, n in OTHERS_2025.items():
        for _ in range(n):
            world.grant(province, date(2025, 3, 10))
    for k, (application, done) in enumerate(visited):
        world.visit(application, 6, done, "operating" if k % 2 == 0 else "closed")
    db.session.commit()
    assert freeze(date(2026, 4, 1)) == ["2024", "2025"]
    return world


def visited_count(reader: Reader, operating: dict, place: str, year: str) -> str:
    """The businesses operating at 6 months in `place` and `year` as published, and those found closed behind
    its share when the share is shown (else 0 or more: nothing said)."""
    counted = reader.count(f"operating6:{year}", operating["rows"].get(place, {}).get(year) or NOT_SHOWN)
    percent = operating.get("percent", {}).get(place, {}).get(year)
    if isinstance(percent, int | float):
        reader.share(counted, f"closed6:{year}", percent)
    else:
        reader.var(f"closed6:{year}")
    return counted


def test_businesses_visited_not_operating_do_not_pin_a_grant_count(app, visited_world, client):
    """The audit links the businesses *operating* at 6 months to the grants of that place (that year or the
    year before), but not those visited and found closed, and a reader knows every business visited had a
    grant there. A share shown says the closed ones are 5 or more (and the operating ones too), so at least 10
    were visited in Chiang Mai in 2025; the grants of 2024 there are exactly 6 (money 120,000 at 20,000 each:
    money is not rounded); so the grants of 2025 there, "fewer than 5", are at least 10 - 6 = 4: exactly 4."""
    sheets = public_workbook(client)
    chiang_mai = code_label("province", P)
    grants, money = sheet(sheets, "People who accepted a busine"), sheet(sheets, "Money paid")
    operating = sheet(sheets, "Businesses still operating 6")
    # What the leak stands on, as first published: Chiang Mai's 2025 grants "fewer than 5", its 2024 money
    # 120,000 and the 2025 share 50 %. The reader uses whatever is published now (more may be hidden).
    assert grants["rows"][chiang_mai]["2025"] == FEWER

    reader = Reader()
    for year in ("2024", "2025"):
        for name, row in grants["rows"].items():
            if row.get(year) is not None and name != "All":
                reader.count(f"g{year}:{name}", row[year])
        listed = [f"g{year}:{name}" for name, row in grants["rows"].items() if row.get(year) is not None
                  and name != "All"]
        total = grants["rows"]["All"][year]
        if isinstance(total, int | float):
            reader.count(f"g{year}:All", total)
            reader.constrain({**{v: 1 for v in listed}, f"g{year}:All": -1}, 0, 0)
        # Money, exact: people paid = money / the award, and they are the grants accepted that year (paid on
        # acceptance, as the documentation says a reader may take them)
        for name, row in money["rows"].items():
            if isinstance(row.get(year), int | float) and name != "All":
                reader.constrain({f"g{year}:{name}": AWARD}, row[year], row[year])
        if isinstance(money["rows"]["All"][year], int | float):
            reader.constrain({v: AWARD for v in listed}, money["rows"]["All"][year], money["rows"]["All"][year])
    counted = visited_count(reader, operating, chiang_mai, "2025")
    # The link the audit leaves out: every business visited (operating or not) had its grant accepted in the
    # same province that year or the year before
    reader.constrain({counted: 1, "closed6:2025": 1, f"g2024:{chiang_mai}": -1, f"g2025:{chiang_mai}": -1},
                     -math.inf, 0)

    possible = reader.feasible(f"g2025:{chiang_mai}")
    assert {1, 2, 3, 4} <= possible, (
        f"Chiang Mai's business grants of 2025, published as 'fewer than 5', can only be {sorted(possible)}")


# ---- attack 2: "other enterprises" dominated by one enterprise (the p% rule) ----------------------------

P_PERCENT = 10  # the p% rule at its usual setting: no contributor's sales may be estimated within 10 %


def sale(enterprise: Enterprise, amount_minor: int, on: datetime) -> None:
    order = Order(token=secrets.token_urlsafe(32), name="Buyer", email="buyer@example.org", delivery="pickup",
                  status="paid", payment_method="collection", subtotal_minor=amount_minor, total_minor=amount_minor,
                  paid_at=on, created_at=on)
    db.session.add(order)
    db.session.flush()
    db.session.add(OrderLine(order_id=order.id, enterprise_id=enterprise.id, name="Bag", unit_price_minor=amount_minor,
                             quantity=1, status="open"))


@pytest.fixture
def sales_world(app, people, ctx):
    """Shop sales of 2025: a confirmed weavers' group of 12 makers (named), and three one-person enterprises
    that are not: Malee's sewing (4 orders of 2,500 baht), and two that sold one 100-baht item each."""
    staff = people.make(Role.STAFF)
    june = datetime(2025, 6, 10, 5, tzinfo=UTC)

    def enterprise(name: str, makers: int | None = None) -> Enterprise:
        made = Enterprise(slug=name.lower().replace(" ", "-").replace("'", ""), name=name, makers=makers,
                          standing_confirmed_at=june if makers else None,
                          standing_confirmed_by_id=staff if makers else None)
        db.session.add(made)
        db.session.flush()
        return made
    weavers = enterprise("Doi Weavers", 12)
    for _ in range(10):
        sale(weavers, 300_000, june)
    malee = enterprise("Malee's sewing")
    for _ in range(4):
        sale(malee, 250_000, june)
    for name in ("Noi's cards", "Lek's soap"):
        sale(enterprise(name), 10_000, june)
    db.session.commit()
    assert freeze(date(2026, 4, 1)) == ["2025"]
    return {"Malee's sewing": 1_000_000, "Noi's cards": 10_000, "Lek's soap": 10_000}


def test_other_enterprises_is_not_one_persons_income(app, sales_world, client):
    """The group "other enterprises" is published when it holds 3 enterprises and no single *order* is more
    than half of it; nothing looks at how much of it one *enterprise* is. Here it is 10,200 baht of which
    Malee's sewing (one person) is 10,000: the manager of either small shop subtracts their own 100 and
    knows Malee's income is at most 10,100 baht, within 1 % of the truth (the p% rule of magnitude tables,
    Hundepool et al. ch. 4, asks that no member can estimate another within p %, 10 % here)."""
    sales = sheet(public_workbook(client), "Shop sales")
    group = sales["rows"].get("Other enterprises", {}).get("2025")
    if not isinstance(group, int | float):  # withheld: then the year's total is too (it less the named gives it)
        assert not isinstance(sales["rows"]["All"]["2025"], int | float), sales["rows"]
        assert isinstance(sales["rows"]["Doi Weavers"]["2025"], int | float)  # the named one still is
        return
    assert group == sum(sales_world.values()) / 100  # what was first published (baht)
    members = sorted(sales_world.values(), reverse=True)
    largest, second = members[0], members[1]
    # The second largest member's estimate of the largest: the group less its own sales (the rest >= 0)
    upper_estimate = group * 100 - second
    error = upper_estimate - largest
    assert error * 100 >= P_PERCENT * largest, (
        f"a member of 'other enterprises' bounds Malee's sewing's sales ({largest / 100:,.0f} baht) to at most "
        f"{upper_estimate / 100:,.0f} baht, within {100 * error / largest:.1f} %")


# ---- attack 3: a grant is visited once at 6 months, so two years' visits draw on three years' grants --------

@pytest.fixture
def two_visit_years_world(app, people, ctx):
    """Chiang Mai ("50"): 9 business grants in August 2024, 4 in 2025 (1 in March, 3 in August), 9 in March
    2026. Visited at 6 months: in 2025 the 9 of 2024 and the one of March 2025 (10: 5 operating, 5 closed); in
    2026 the 3 of August 2025 and 7 of the 2026 ones (10: 5 and 5). Other provinces: grants only. Frozen on 1
    April 2027 (2024 to 2026)."""
    world = World(app, people)
    visits = []
    visits += [(world.grant(P, date(2024, 8, 15)), date(2025, 2, 15)) for _ in range(9)]
    visits += [(world.grant(P, date(2025, 3, 10)), date(2025, 9, 10))]
    visits += [(world.grant(P, date(2025, 8, 12)), date(2026, 2, 12)) for _ in range(3)]
    visits += [(world.grant(P, date(2026, 3, 10)), date(2026, 9, 10)) for _ in range(7)]
    for _ in range(2):
        world.grant(P, date(2026, 3, 10))
    for year, others in ((2024, OTHERS_2024), (2025, OTHERS_2025), (2026, {"52": 6, "57": 7, "63": 8})):
        for province, n in others.items():
            for _ in range(n):
                world.grant(province, date(year, 5, 20))
    for k, (application, done) in enumerate(visits):
        world.visit(application, 6, done, "operating" if k % 2 == 0 else "closed")
    db.session.commit()
    assert freeze(date(2027, 4, 1)) == ["2024", "2025", "2026"]
    return world


def test_visits_of_two_years_do_not_narrow_the_grants_between(app, two_visit_years_world, client):
    """Each business is visited once at 6 months, so the businesses visited in 2025 and in 2026 are different
    ones, all from the grants of 2024, 2025 and 2026 in the same place. The shares say at least 10 were visited
    each year (5 or more on each side); the money says 2024 and 2026 had 9 grants each in Chiang Mai (180,000
    baht at 20,000, not rounded). Year by year that bounds nothing (10 <= 9 + the 2025 grants); over the two
    years, 20 <= 9 + the 2025 grants + 9: the 2025 grants, "fewer than 5", are at least 2."""
    sheets = public_workbook(client)
    chiang_mai = code_label("province", P)
    grants, money = sheet(sheets, "People who accepted a busine"), sheet(sheets, "Money paid")
    operating = sheet(sheets, "Businesses still operating 6")
    # First published: 2025 "fewer than 5", money of 2024 and 2026 180,000 each, both shares 50 %. The reader
    # uses whatever is published now (more may be hidden).
    assert grants["rows"][chiang_mai]["2025"] == FEWER

    reader = Reader()
    g = {year: reader.count(f"g{year}", grants["rows"][chiang_mai].get(year) or NOT_SHOWN)
         for year in ("2024", "2025", "2026")}
    for year in ("2024", "2026"):
        paid = money["rows"].get(chiang_mai, {}).get(year)
        if isinstance(paid, int | float):
            reader.constrain({g[year]: AWARD}, paid, paid)
    visited = {}
    for year in ("2025", "2026"):
        counted = visited_count(reader, operating, chiang_mai, year)
        visited[year] = {counted: 1, f"closed6:{year}": 1}
    # Year by year, every business visited (operating or not) had its grant there that year or the year before
    reader.constrain({**visited["2025"], g["2024"]: -1, g["2025"]: -1}, -math.inf, 0)
    reader.constrain({**visited["2026"], g["2025"]: -1, g["2026"]: -1}, -math.inf, 0)
    year_by_year = reader.feasible(g["2025"])
    # Each business once: the two years' visits are different businesses of the three years' grants
    reader.constrain({**visited["2025"], **visited["2026"], g["2024"]: -1, g["2025"]: -1, g["2026"]: -1},
                     -math.inf, 0)
    possible = reader.feasible(g["2025"])
    assert {1, 2, 3, 4} <= year_by_year  # the link year by year alone (attack 1's) leaves this one whole
    assert {1, 2, 3, 4} <= possible, (
        f"Chiang Mai's business grants of 2025, published as 'fewer than 5', can only be {sorted(possible)}")
