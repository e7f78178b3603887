"""How the text screening does on labelled ads: held and published, per language and per indicator, with the
ads it gets wrong. Prints figures; asserts nothing (tests/training/test_screening.py holds the thresholds on the
development set).

Sets reported apart: `evaluation_ads.jsonl`, the development set the rules are tuned on, and the held-out sets
`heldout_ads.jsonl` to `heldout10_ads.jsonl` when they exist, ads written by people who never saw the rules. A
held-out set is read here only, never by the tests or while writing rules, and only its figures and the ids of
the ads it gets wrong are printed, never their texts.

    .venv/bin/python bench/screening.py                  # both sets
    .venv/bin/python bench/screening.py --development    # the development set only (while tuning)
    .venv/bin/python bench/screening.py --no-cross-validation   # without the second opinion's 5-fold runs
    .venv/bin/python bench/screening.py --sample 60      # at most 60 ads of each set, spread through it (a quick
                                                         # look; tests/test_benchmarks.py runs it so)
"""
from __future__ import annotations

import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training import screening  # noqa: E402
from training.screening import second_opinion  # noqa: E402

FOLDER = Path(screening.__file__).parent


# Each written blind by someone who never saw the rules, committed with its hash before tuning went on.
HELD_OUT_SETS = ("heldout_ads.jsonl", "heldout2_ads.jsonl", "heldout3_ads.jsonl", "heldout4_ads.jsonl",
                 "heldout5_ads.jsonl", "heldout6_ads.jsonl", "heldout7_ads.jsonl", "heldout8_ads.jsonl",
                 "heldout9_ads.jsonl", "heldout10_ads.jsonl")

# Written by an attacker who had read the rules (issue 27): reported apart, never part of the development set.
ATTACK_SET = "attack_ads.jsonl"
# A second rules-aware attacker, on the rules of 706fa5e (2026-12-07 evening): all 72 deceptive ads published, all
# 24 honest ads held, at first sight. Also reported apart, never part of the development set. A third (2026-12-07,
# night) reworded each ad against the screen until it passed: what an employer who reads the reasons can do, which
# is why a held post stays with staff when its words change (training.employers.held_by_staff).
ATTACK_SETS = (ATTACK_SET, "attack2_ads.jsonl", "attack3_ads.jsonl")


def _sample() -> int | None:
    if "--sample" not in sys.argv[1:]:
        return None
    return int(sys.argv[sys.argv.index("--sample") + 1])


def _load(path: Path) -> list[dict]:
    ads = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    most = _sample()
    return ads[::math.ceil(len(ads) / most)] if most and len(ads) > most else ads


def _found(ad: dict) -> set[str]:
    return {f.indicator for f in screening.screen_fields({"title": ad.get("title", ""),
                                                          "description": ad.get("description", "")})}


def report(name: str, ads: list[dict], texts: bool = True) -> dict[str, set[str]]:
    """`texts`: print the misses with their titles and descriptions. False for the held-out set: only aggregates
    and the ids of the ads it gets wrong, so that nobody tuning the rules reads a held-out ad."""
    screening.check_rule_files()  # as the app does when it starts: rules, dictionaries and ICU load once
    started = time.perf_counter()
    found = {ad["id"]: _found(ad) for ad in ads}
    elapsed = time.perf_counter() - started
    by_language: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # deceptive held/all, honest ok/all
    by_indicator: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_variant: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # right/all
    missed: list[dict] = []
    false_alarms: list[tuple[dict, list[str]]] = []
    partly: list[tuple[dict, list[str]]] = []
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
    rows_by_title: tuple[tuple[str, list[tuple[dict, list[str]]]], ...] = (
        ("held nothing (missed)", [(ad, []) for ad in missed]),
                     ("held although honest", false_alarms), ("held, but an indicator was not seen", partly))
    if not texts:
        for title, rows in rows_by_title:
            if rows:
                print(f"\n{title}: " + " ".join(ad["id"] for ad, _ in rows))
        print()
        return found
    for title, rows in rows_by_title:
        if rows:
            print(f"\n{title}:")
            for ad, indicators in rows:
                text = f"{ad.get('title', '')} | {ad.get('description', '')}".replace("\n", " ")
                print(f"  {ad['id']:<12}{ad['language']:<4}{','.join(indicators):<28}{text[:110]}")
    print()
    return found


def _held_published(ads: list[dict], held: Callable[[dict], bool]) -> dict[str, tuple[int, int, int, int]]:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for ad in ads:
        for key in (ad["language"], "all"):
            row = rows[key]
            if ad["label"] == "deceptive":
                row[0] += held(ad)
                row[1] += 1
            else:
                row[2] += not held(ad)
                row[3] += 1
    return {key: (a, b, c, d) for key, (a, b, c, d) in rows.items()}


def _print_side_by_side(columns: dict[str, dict[str, tuple[int, int, int, int]]]) -> None:
    """Per language, each column's deceptive held / honest published."""
    print(f"{'language':<10}" + "".join(f"{name:>34}" for name in columns))
    keys = sorted(next(iter(columns.values())), key=lambda k: (k == "all", k))
    for key in keys:
        cells = []
        for rows in columns.values():
            held, deceptive, ok, honest = rows[key]
            cells.append(f"{_share(held, deceptive) + ' / ' + _share(ok, honest):>34}")
        print(f"{key:<10}" + "".join(cells))
    print()


def report_second_opinion(development: list[dict], dev_found: dict[str, set[str]],
                          heldouts: list[tuple[str, list[dict], dict[str, set[str]]]]) -> None:
    """The classifier that can only hold: its size and load time, its cross-validated figures on the development
    set (rules alone, rules + second opinion, second opinion alone), then the held-out set's figures (aggregates
    and ids only) with the committed weights. Each text is held above its own language's threshold."""
    second_opinion.model.cache_clear()
    started = time.perf_counter()
    model = second_opinion.model()
    loaded = time.perf_counter() - started
    size = second_opinion.WEIGHTS_FILE.stat().st_size
    print(f"== second opinion ({second_opinion.WEIGHTS_FILE.name}): {len(model.weights)} features, "
          f"{size / 1e6:.2f} MB, loaded in {loaded * 1000:.0f} ms; thresholds "
          + ", ".join(f"{language} {t:.3f}" for language, t in sorted(model.thresholds.items()))
          + f" (else {model.threshold:.3f})\n")
    started = time.perf_counter()
    for ad in development:
        model.score(_text(ad))
    each = (time.perf_counter() - started) * 1000 / max(len(development), 1)
    print(f"scoring the development set: {each:.2f} ms an ad\n")
    if "--no-cross-validation" in sys.argv[1:]:
        print("The cross-validation is left out (--no-cross-validation).\n")
        for file_name, heldout, heldout_found in heldouts:
            _report_held_out_opinion(model, None, file_name, heldout, heldout_found)
        return
    scores, window_scores = second_opinion.cross_validated_both(development)
    language = {ad["id"]: second_opinion.language_of(second_opinion.reading(_text(ad))) for ad in development}
    configured = model.thresholds
    lenient = second_opinion.lenient_threshold_from(development, scores)
    for name, limits in (("configured, per language", configured),
                         (f"lenient {lenient:.3f}, 95% of honest under it", dict.fromkeys(language.values(), lenient))):
        def whole(ad: dict, limits: dict[str, float] = limits) -> bool:
            limit = limits.get(language[ad["id"]], model.threshold)
            return second_opinion.held_in_most(scores[ad["id"]], limit)

        def opinion(ad: dict, whole: Callable[[dict], bool] = whole) -> bool:
            # As the app reads it: the whole text, or one window (a sentence or two) above its own threshold.
            window = model.window_thresholds.get(language[ad["id"]])
            return whole(ad) or (window is not None and second_opinion.held_in_most(window_scores[ad["id"]], window))
        print(f"-- development set, {second_opinion.REPEATS} x {second_opinion.FOLDS}-fold cross-validation "
              f"(held: in most of them), thresholds {name}; deceptive held / honest published")
        _print_side_by_side({
            "rules alone": _held_published(development, lambda ad: bool(dev_found[ad["id"]])),
            "rules + second opinion": _held_published(development, _either(dev_found, opinion)),
            "rules + whole text only": _held_published(development, _either(dev_found, whole)),
            "second opinion alone": _held_published(development, opinion),
        })
    for file_name, heldout, heldout_found in heldouts:
        _report_held_out_opinion(model, lenient, file_name, heldout, heldout_found)


def _report_held_out_opinion(model: second_opinion.Model, lenient: float | None, file_name: str, heldout: list[dict],
                             heldout_found: dict[str, set[str]]) -> None:
    # Aggregates and ids only, as for the rules.
    language = {ad["id"]: second_opinion.language_of(second_opinion.reading(_text(ad))) for ad in heldout}
    configured = model.thresholds
    held_out_scores = {ad["id"]: model.score(_text(ad)) for ad in heldout}
    held_out_windows = {ad["id"]: model.window_score(_text(ad)) for ad in heldout}
    choices = [("configured, per language", configured)]
    if lenient is not None:  # the lenient threshold comes from the cross-validation
        choices.append((f"lenient {lenient:.3f}", dict.fromkeys(language.values(), lenient)))
    for name, limits in choices:
        def above(ad: dict, limits: dict[str, float] = limits) -> bool:
            return (held_out_scores[ad["id"]] > limits.get(language[ad["id"]], model.threshold)
                    or held_out_windows[ad["id"]] > model.window_thresholds.get(language[ad["id"]], math.inf))
        print(f"-- held-out set {file_name}, committed weights, thresholds {name}; "
              f"deceptive held / honest published")
        _print_side_by_side({
            "rules alone": _held_published(heldout, lambda ad: bool(heldout_found[ad["id"]])),
            "rules + second opinion": _held_published(heldout, _either(heldout_found, above)),
        })
        added = [ad for ad in heldout if not heldout_found[ad["id"]] and above(ad)]
        print("held by the second opinion alone, deceptive: "
              + (" ".join(ad["id"] for ad in added if ad["label"] == "deceptive") or "none"))
        print("held by the second opinion alone, honest: "
              + (" ".join(ad["id"] for ad in added if ad["label"] == "honest") or "none") + "\n")


def report_attack(file_name: str, ads: list[dict], found: dict[str, set[str]]) -> None:
    """A set written by an attacker who knew the rules (issue 27): rules alone, and rules + the second opinion with
    the committed weights and thresholds. Not part of the development set's figures or its tests' bars."""
    model = second_opinion.model()
    language = {ad["id"]: second_opinion.language_of(second_opinion.reading(_text(ad))) for ad in ads}
    scores = {ad["id"]: model.score(_text(ad)) for ad in ads}
    windows = {ad["id"]: model.window_score(_text(ad)) for ad in ads}

    def above(ad: dict) -> bool:
        return (scores[ad["id"]] > model.thresholds.get(language[ad["id"]], model.threshold)
                or windows[ad["id"]] > model.window_thresholds.get(language[ad["id"]], math.inf))
    print(f"-- attack set {file_name}, committed weights, configured thresholds; deceptive held / honest published")
    _print_side_by_side({
        "rules alone": _held_published(ads, lambda ad: bool(found[ad["id"]])),
        "rules + second opinion": _held_published(ads, _either(found, above)),
    })


def _either(found: dict[str, set[str]], opinion: Callable[[dict], bool]) -> Callable[[dict], bool]:
    """Held by the rules or by the second opinion."""
    return lambda ad: bool(found[ad["id"]]) or opinion(ad)


def _text(ad: dict) -> str:
    return f"{ad.get('title', '')}\n{ad.get('description', '')}"


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


KNOWN_OPTIONS = ("--development", "--no-cross-validation", "--sample")


def refuse_unknown_options(arguments: list[str]) -> None:
    """Anything else (`--help`, a typo such as `--developement`) stops before a set is read: run on, it would
    print the held-out figures to someone who meant to see the development set only."""
    values = {i + 1 for i, a in enumerate(arguments) if a == "--sample"}
    unknown = [a for i, a in enumerate(arguments) if i not in values and a not in KNOWN_OPTIONS]
    if unknown:
        sys.exit(f"unknown option {unknown[0]!r}; options: {', '.join(KNOWN_OPTIONS)}\n{__doc__}")


def main() -> None:
    refuse_unknown_options(sys.argv[1:])
    development = _load(FOLDER / "evaluation_ads.jsonl")
    dev_found = report("development set (evaluation_ads.jsonl)", development)
    heldouts = []
    if "--development" in sys.argv[1:]:
        print("The held-out sets are not read (--development): only the development figures.\n")
    for file_name in () if "--development" in sys.argv[1:] else HELD_OUT_SETS:
        path = FOLDER / file_name
        if path.exists():
            # Aggregates and ids only: its texts are never printed (training/screening/HELDOUT.md, HELDOUT2.md).
            heldout = _load(path)
            heldouts.append((file_name, heldout, report(f"held-out set ({file_name}, never tuned on)", heldout,
                                                        texts=False)))
        else:
            print(f"No held-out set {file_name} here: only the other figures.")
    attacks = [(name, _load(FOLDER / name)) for name in ATTACK_SETS]
    attacks_found = [report(f"attack set ({name}, written knowing the rules)", ads) for name, ads in attacks]
    report_second_opinion(development, dev_found, heldouts)
    for (name, ads), found in zip(attacks, attacks_found, strict=True):
        report_attack(name, ads, found)


if __name__ == "__main__":
    main()
