"""How long the impact auditor (impact/auditor.py) takes on a realistic release, and the narrowest range it
leaves a small count: 6 themes × 77 provinces × 5 years, linked as the features declare them (a cohort at two
check-ins, businesses visited after their grants, grant money per person between bounds), with many small
cells (most provinces have a handful of people, a few have many). Prints figures; asserts nothing.

    .venv/bin/python bench/disclosure_audit.py [--provinces 77] [--years 5] [--seed 1]
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


def release(provinces: int, years: int, seed: int) -> Release:
    """Counts of a programme strong in a few provinces and thin in most (a heavy-tailed draw per province)."""
    rng = random.Random(seed)
    places = [str(10 + n) for n in range(provinces)]
    weight = {p: rng.paretovariate(1.2) for p in places}
    first = 2026 - years
    out = Release(subsets={"in_work_6": (Subset("in_work_3", (0, 1)),),
                           "operating_6": (Subset("business_grants", (0, 1)),)},
                  amounts={"grant_money": (Amount(5_000, 30_000),)})

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
        grants = draw(1)
        out.people[("business_grants", year)] = grants
        visited = {p: v - rng.randint(0, min(v, 1)) for p, v in grants.items()}
        out.people[("operating_6", year)] = {p: v for p, v in visited.items() if v}
        out.rest[("operating_6", year)] = {p: grants[p] - v for p, v in visited.items() if grants[p] - v}
        out.people[("grant_money", year)] = dict(grants)
        out.money[("grant_money", year)] = {p: sum(rng.randint(5, 30) * 1_000 for _ in range(v))
                                            for p, v in grants.items()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--provinces", type=int, default=77)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    figures = release(args.provinces, args.years, args.seed)
    cells = sum(len(t) + 1 for t in [*figures.people.values(), *figures.rest.values(), *figures.money.values()])
    started = time.perf_counter()
    publication, audit = publish(figures)
    protected = time.perf_counter() - started
    labels = list(publication.labels.values())
    print(f"release: 6 themes × {args.provinces} provinces × {args.years} years, {cells} cells with totals")
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
    hidden = [r for c, r in exact.ranges.items() if c not in exact.small]
    if hidden:
        print(f"narrowest range of another hidden cell: {min(hi - lo + 1 for lo, hi in hidden):g} values")
    assert all(part in (PEOPLE, REST, MONEY) for *_rest, part in publication.labels) and TOTAL


if __name__ == "__main__":
    main()
