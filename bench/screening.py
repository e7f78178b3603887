"""How the text screening does on the labelled set of ads: held and published, per language and per indicator.
Prints figures; asserts nothing (tests/training/test_screening.py holds the thresholds).

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


def main() -> None:
    ads = [json.loads(line) for line in
           Path(screening.__file__).with_name("evaluation_ads.jsonl").read_text(encoding="utf-8").splitlines()]
    started = time.perf_counter()
    found = {a["id"]: {f.indicator for f in screening.screen_fields({"title": a["title"],
                                                                      "description": a["description"]})}
             for a in ads}
    elapsed = time.perf_counter() - started
    by_language: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # deceptive held/all, honest ok/all
    by_indicator: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for ad in ads:
        row = by_language[ad["language"]]
        if ad["label"] == "deceptive":
            row[0] += bool(found[ad["id"]])
            row[1] += 1
            for indicator in ad["indicators"]:
                by_indicator[indicator][0] += indicator in found[ad["id"]]
                by_indicator[indicator][1] += 1
        else:
            row[2] += not found[ad["id"]]
            row[3] += 1
    print(f"{len(ads)} ads screened in {elapsed * 1000:.0f} ms ({elapsed * 1000 / len(ads):.1f} ms an ad)\n")
    print(f"{'language':<10}{'deceptive held':>18}{'honest published':>20}")
    for language, (held, deceptive, ok, honest) in sorted(by_language.items()):
        print(f"{language:<10}{f'{held}/{deceptive}':>18}{f'{ok}/{honest}':>20}")
    totals = [sum(r[i] for r in by_language.values()) for i in range(4)]
    print(f"{'all':<10}{f'{totals[0]}/{totals[1]} ({100 * totals[0] / totals[1]:.0f}%)':>18}"
          f"{f'{totals[2]}/{totals[3]} ({100 * totals[2] / totals[3]:.0f}%)':>20}\n")
    print(f"{'indicator':<22}{'found where labelled':>22}")
    for indicator in screening.INDICATORS:
        hit, total = by_indicator[indicator]
        print(f"{indicator:<22}{f'{hit}/{total}':>22}")


if __name__ == "__main__":
    main()
