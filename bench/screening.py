"""How the text screening does on labelled ads: held and published, per language and per indicator, with the
ads it gets wrong. Prints figures; asserts nothing (tests/training/test_screening.py holds the thresholds on the
development set).

Two sets, reported apart: `evaluation_ads.jsonl`, the development set the rules are tuned on, and
`heldout_ads.jsonl` when it exists, ads written by someone who never saw the rules. The held-out set is read
here only, never by the tests or while writing rules, and only its figures and the ids of the ads it gets wrong
are printed, never their texts.

    .venv/bin/python bench/screening.py
"""
from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training import screening  # noqa: E402

FOLDER = Path(screening.__file__).parent


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _found(ad: dict) -> set[str]:
    return {f.indicator for f in screening.screen_fields({"title": ad.get("title", ""),
                                                          "description": ad.get("description", "")})}


def report(name: str, ads: list[dict], texts: bool = True) -> None:
    """`texts`: print the misses with their titles and descriptions. False for the held-out set: only aggregates
    and the ids of the ads it gets wrong, so that nobody tuning the rules reads a held-out ad."""
    screening.check_rule_files()  # as the app does when it starts: rules, dictionaries and ICU load once
    started = time.perf_counter()
    found = {ad["id"]: _found(ad) for ad in ads}
    elapsed = time.perf_counter() - started
    by_language: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # deceptive held/all, honest ok/all
    by_indicator: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_variant: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # right/all
    missed, false_alarms, partly = [], [], []
    for ad in ads:
        row, seen = by_language[ad["language"]], found[ad["id"]]
        if ad.get("variant"):
            by_variant[ad["variant"]][0] += bool(seen) == (ad["label"] == "deceptive")
            by_variant[ad["variant"]][1] += 1
        if ad["label"] == "deceptive":
            row[0] += bool(seen)
            row[1] += 1
            for indicator in ad.get("indicators", []):
                by_indicator[indicator][0] += indicator in seen
                by_indicator[indicator][1] += 1
            if not seen:
                missed.append(ad)
            elif set(ad.get("indicators", [])) - seen:
                partly.append((ad, sorted(set(ad["indicators"]) - seen)))
        else:
            row[2] += not seen
            row[3] += 1
            if seen:
                false_alarms.append((ad, sorted(seen)))
    print(f"== {name}: {len(ads)} ads screened in {elapsed * 1000:.0f} ms "
          f"({elapsed * 1000 / max(len(ads), 1):.1f} ms an ad)\n")
    print(f"{'language':<10}{'deceptive held':>18}{'honest published':>20}")
    for language, (held, deceptive, ok, honest) in sorted(by_language.items()):
        print(f"{language:<10}{_share(held, deceptive):>18}{_share(ok, honest):>20}")
    totals = [sum(r[i] for r in by_language.values()) for i in range(4)]
    print(f"{'all':<10}{_share(totals[0], totals[1]):>18}{_share(totals[2], totals[3]):>20}\n")
    print(f"{'indicator':<22}{'found where labelled':>22}")
    for indicator in screening.INDICATORS:
        hit, total = by_indicator[indicator]
        print(f"{indicator:<22}{_share(hit, total):>22}")
    if by_variant:
        print(f"\n{'variant':<22}{'screened right':>22}")
        for variant, (right, total) in sorted(by_variant.items()):
            print(f"{variant:<22}{_share(right, total):>22}")
    rows_by_title = (("held nothing (missed)", [(ad, []) for ad in missed]),
                     ("held although honest", false_alarms), ("held, but an indicator was not seen", partly))
    if not texts:
        for title, rows in rows_by_title:
            if rows:
                print(f"\n{title}: " + " ".join(ad["id"] for ad, _ in rows))
        print()
        return
    for title, rows in rows_by_title:
        if rows:
            print(f"\n{title}:")
            for ad, indicators in rows:
                text = f"{ad.get('title', '')} | {ad.get('description', '')}".replace("\n", " ")
                print(f"  {ad['id']:<12}{ad['language']:<4}{','.join(indicators):<28}{text[:110]}")
    print()


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


def main() -> None:
    report("development set (evaluation_ads.jsonl)", _load(FOLDER / "evaluation_ads.jsonl"))
    heldout = FOLDER / "heldout_ads.jsonl"
    if heldout.exists():
        # Aggregates and ids only: its texts are never printed (training/screening/HELDOUT.md).
        report("held-out set (heldout_ads.jsonl, never tuned on)", _load(heldout), texts=False)
    else:
        print("No held-out set here (training/screening/heldout_ads.jsonl): only the development figures above.")


if __name__ == "__main__":
    main()
