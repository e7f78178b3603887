"""How long the impact auditor (impact/auditor.py) takes on a realistic release, and the narrowest range it
leaves a small count and another hidden cell: 7 themes × 77 provinces over 3 finished years (issue 31's
done-when; --years for more), linked as the features declare them (a cohort at two check-ins, scholarships and
business grants, businesses visited after their grants, the people paid exactly those accepted that year and
every award of one size: money ÷ the award is the people paid), with many small cells (most provinces have a
handful of people, a few have many). Prints figures; asserts nothing.

    .venv/bin/python bench/disclosure_audit.py [--provinces 77] [--years 3] [--seed 1] [--award 20000]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from impact.auditor import (  # noqa: E402
    MONEY,
    PEOPLE,
    REST,
    TOTAL,
    Amount,
    Release,
    Subset,
    audit_release,
    publish,
)
from impact.disclosure import Shown  # noqa: E402


def release(provinces: int, years: int, seed: int, award: int = 20_000) -> Release:
    """Counts of a programme strong in a few provinces and thin in most (a heavy-tailed draw per province)."""
    rng = random.Random(seed)
    places = [str(10 + n) for n in range(provinces)]
    weight = {p: rng.paretovariate(1.2) for p in places}
    first = 2026 - years
    out = Release(subsets={"in_work_6": (Subset("in_work_3", (0, 1)),),
                           "operating_6": (Subset("business_grants", (0, 1)),),
                           "grant_money": (Subset("scholarships", (0, 1), also=("business_grants",),
                                                  exactly=True),)},
                  amounts={"grant_money": (Amount(award, award), Amount(award, award, "scholarships"),
                                           Amount(award, award, "business_grants"))})

    def draw(scale: float) -> dict[str, int]:
        counts = {p: int(rng.expovariate(1 / (scale * weight[p]))) for p in places}
        return {p: v for p, v in counts.items() if v}

    for year in (str(y) for y in range(first, 2026)):
        out.people[("course_completed", year)] = draw(3)
        hired = draw(2)
        at_3 = {p: v - rng.randint(0, min(v, 2)) for p, v in hired.items()}
        at_6 = {p: v - rng.randint(0, min(v, 2)) for p, v in at_3.items()}
        out.people[("in_work_3", year)] = {p: v for p, v in at_3.items() if v}
        out.rest[("in_work_3", year)] = {p: hired[p] - v for p, v in at_3.items() if hired[p] - v}
        out.people[("in_work_6", year)] = {p: v for p, v in at_6.items() if v}
        out.rest[("in_work_6", year)] = {p: at_3[p] - v for p, v in at_6.items() if at_3[p] - v}
        grants, scholarships = draw(1), draw(0.7)
        out.people[("business_grants", year)] = grants
        out.people[("scholarships", year)] = scholarships
        visited = {p: v - rng.randint(0, min(v, 1)) for p, v in grants.items()}
        out.people[("operating_6", year)] = {p: v for p, v in visited.items() if v}
        out.rest[("operating_6", year)] = {p: grants[p] - v for p, v in visited.items() if grants[p] - v}
        paid = {p: grants.get(p, 0) + scholarships.get(p, 0) for p in {*grants, *scholarships}}
        out.people[("grant_money", year)] = paid
        out.money[("grant_money", year)] = {p: v * award for p, v in paid.items()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--provinces", type=int, default=77)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--award", type=int, default=20_000)
    args = parser.parse_args()
    figures = release(args.provinces, args.years, args.seed, args.award)
    cells = sum(len(t) + 1 for t in [*figures.people.values(), *figures.rest.values(), *figures.money.values()])
    started = time.perf_counter()
    publication, audit = publish(figures)
    protected = time.perf_counter() - started
    labels = list(publication.labels.values())
    print(f"release: 7 themes × {args.provinces} provinces × {args.years} finished years, {cells} cells with "
          f"totals; every award {args.award:,} baht, known to the reader")
    print(f"protected in {protected:.2f} s ({audit.solves} ILP solves in the last audit, "
          f"{len(audit.steps)} cells hidden beyond the first rules)")
    print(f"labels: {labels.count(Shown.NUMBER)} numbers, {labels.count(Shown.FEWER_THAN_5)} fewer than 5, "
          f"{labels.count(Shown.HIDDEN)} hidden; {len(publication.shares)} shares shown")
    started = time.perf_counter()
    exact = audit_release(figures, [publication], exact=True)
    print(f"exact audit (smallest and largest of every protected cell) in {time.perf_counter() - started:.2f} s, "
          f"{exact.solves} ILP solves; failing: {len(exact.failing)}, unresolved: {len(audit.unresolved)}")
    narrowest = exact.narrowest()
    if narrowest:
        cell, width = narrowest
        print(f"narrowest range of a small count: {width:g} values, {cell} in {exact.ranges[cell]}")
    hidden = [(hi - lo + 1, c, (lo, hi)) for c, (lo, hi) in exact.ranges.items()
              if c not in exact.small and not (c in exact.either and figures.value(c) < 5)]
    if hidden:
        width, cell, span = min(hidden)
        print(f"narrowest range of another hidden cell: {width:g} values, {cell} in {span}")
    money = [c for c in publication.labels if c[3] == MONEY]
    print(f"money: {sum(publication.shown(c) for c in money)} of {len(money)} figures shown "
          f"({sum(publication.shown(c) for c in money if c[2] == TOTAL)} of "
          f"{sum(c[2] == TOTAL for c in money)} yearly totals)")
    assert all(part in (PEOPLE, REST, MONEY) for *_rest, part in publication.labels) and TOTAL


if __name__ == "__main__":
    main()
