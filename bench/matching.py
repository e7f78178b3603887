"""Benchmark: rank 10,000 opportunities for one participant, and 2,000 participants x 10,000 opportunities,
with the naive per-pair Python loop measured beside each in the same run. Prints figures; asserts nothing.

Run: .venv/bin/python bench/matching.py [--participants 2000] [--opportunities 10000] [--naive-sample 50]
The naive batch is timed on a sample of participants and scaled up (the full loop would take many minutes).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from training import matching  # noqa: E402


def random_participants(rng: np.random.Generator, n: int) -> pd.DataFrame:
    provinces = len(matching.province_minutes()[0])
    return pd.DataFrame({
        "participant_id": np.arange(n), "lang_mask": rng.integers(1, 128, n), "reading_rank": rng.integers(0, 3, n),
        "province_idx": rng.integers(0, provinces, n), "district": rng.choice([0, 5001, 5002], n),
        "travel_daily": rng.random(n) < 0.8, "max_travel_minutes": rng.integers(20, 240, n),
        "relocate": rng.random(n) < 0.2, "days_mask": rng.integers(0, 128, n) | 0b0011111,
        "hours_from": rng.integers(6, 10, n), "hours_to": rng.integers(16, 23, n),
        "childcare_needed": rng.random(n) < 0.3, "must_earn": rng.random(n) < 0.5,
        "monthly_need": rng.integers(5000, 15000, n), "sector_mask": rng.integers(1, 4096, n),
        "skill_mask": rng.integers(0, 2**20, n), "goal_idx": rng.integers(0, 3, n),
    })


def random_opportunities(rng: np.random.Generator, n: int) -> pd.DataFrame:
    provinces = len(matching.province_minutes()[0])
    return pd.DataFrame({
        "kind": rng.choice(["course", "apprenticeship", "job"], n), "id": np.arange(n),
        "lang_bit": 1 << rng.integers(0, 3, n), "reading_rank": rng.integers(0, 3, n),
        "province_idx": rng.integers(0, provinces, n), "district": rng.choice([0, 5001, 5002], n),
        "online": rng.random(n) < 0.1, "days_mask": rng.integers(0, 128, n) & 0b0011111,
        "hours_from": rng.integers(7, 11, n), "hours_to": rng.integers(14, 19, n),
        "childcare_offered": rng.random(n) < 0.3, "monthly_pay": rng.integers(0, 20000, n) * (rng.random(n) < 0.7),
        "sector_bit": 1 << rng.integers(0, 12, n),
        "skills_required": rng.integers(0, 2**20, n) & rng.integers(0, 2**20, n),
        "skills_taught": rng.integers(0, 2**20, n), "goal_idx": rng.integers(0, 3, n), "demand_score": rng.random(n),
        "paid_by_scholarship": rng.random(n) < 0.05,
    })


def timed(func, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--opportunities", type=int, default=10_000)
    parser.add_argument("--naive-sample", type=int, default=40)
    args = parser.parse_args()
    rng = np.random.default_rng(2026)
    people = random_participants(rng, args.participants)
    options = random_opportunities(rng, args.opportunities)
    weights = matching.DEFAULT_WEIGHTS
    one = people.iloc[0].to_dict()
    matching.rank_one(one, options, weights)  # warm the caches (province matrix)

    vector_one = timed(lambda: matching.rank_one(one, options, weights), repeat=5)
    naive_one = timed(lambda: matching.naive_rank_many(people.iloc[:1], options, weights), repeat=1)
    print(f"one participant x {args.opportunities:,} opportunities: vectorised {vector_one * 1000:.1f} ms, "
          f"naive loop {naive_one * 1000:.1f} ms ({naive_one / vector_one:.0f}x) [target: under 50 ms]")

    vector_batch = timed(lambda: matching.rank_many(people, options, weights, top=20))
    sample = people.iloc[:args.naive_sample]
    naive_sample = timed(lambda: matching.naive_rank_many(sample, options, weights, top=20))
    naive_batch = naive_sample * len(people) / len(sample)
    pairs = len(people) * len(options)
    print(f"{args.participants:,} participants x {args.opportunities:,} opportunities ({pairs:,} pairs): "
          f"vectorised {vector_batch:.2f} s ({pairs / vector_batch / 1e6:.1f} M pairs/s), naive loop about "
          f"{naive_batch:.0f} s (timed on {len(sample)} participants, scaled) -> {naive_batch / vector_batch:.0f}x "
          f"faster [target: at least 20x]")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak_mb:.0f} MB; cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
