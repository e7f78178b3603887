"""A second opinion on a post's text that can only hold, never publish: a small classifier over character n-grams
(2 to 4 characters of the text as the rules read it, `canonical` then `key_view`, so Zawgyi, look-alike letters,
zero-width characters and the digits of every script are read as the rules read them; every digit is 0, so an
amount is a shape, not a number).

Logistic regression, pure Python, trained on the development set (`evaluation_ads.jsonl`) with each language and
label weighted alike, so that a language with more deceptive ads does not read as deceptive itself. The weights
are plain data, `second_opinion.json`, written by

    .venv/bin/python -m training.screening.second_opinion

which also chooses the threshold by k-fold cross-validation on the development set only: just above the highest
score an honest ad reached in a fold it was not trained on, so that in cross-validation no honest ad is held by
the second opinion alone. A post scoring above it is held for staff with the sentences that weighed most.
"""
from __future__ import annotations

import json
import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from training.screening import _SENTENCE_END, canonical, key_view

WEIGHTS_FILE = Path(__file__).with_name("second_opinion.json")
DEVELOPMENT_SET = Path(__file__).with_name("evaluation_ads.jsonl")
SIZES = (2, 3, 4)
FOLDS = 5
EPOCHS = 40
MARGIN = 0.05  # above the highest honest score in cross-validation
# A text shorter than this (as read) gets no opinion: a bare title such as "ဝန်ထမ်းခေါ်ယူသည်" ("staff wanted")
# is too little to judge, and the development set's deceptive ads have shorter titles than its honest ones.
MIN_CHARACTERS = 40
LANGUAGES = ("en", "th", "my", "vi", "km", "lo")


def reading(text: str) -> str:
    """The text as the classifier reads it: as the rules read it, every digit 0, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"\d", "0", key_view(canonical(text))[0])).strip()


def grams(text: str) -> set[str]:
    """The character n-grams of a text already read (`reading`), each counted once."""
    padded = f" {text} "
    return {padded[i:i + n] for n in SIZES for i in range(len(padded) - n + 1)}


def _ad_text(ad: dict) -> str:
    return f"{ad.get('title', '')}\n{ad.get('description', '')}"


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float

    def _score(self, found: set[str]) -> float:
        if not found:
            return self.bias
        return self.bias + sum(self.weights.get(g, 0.0) for g in found) / math.sqrt(len(found))

    def score(self, text: str) -> float:
        """How much the text reads like the deceptive ads of the development set (above `threshold`: hold);
        minus infinity for a text too short to judge."""
        read = reading(text)
        return self._score(grams(read)) if len(read) >= MIN_CHARACTERS else -math.inf

    def weighing(self, text: str, most: int = 3) -> list[str]:
        """The sentences that weighed most towards "deceptive", as the employer wrote them (normalised)."""
        # Split before normalising: the normaliser turns line breaks (the end of a title) into spaces.
        sentences = [canonical(s) for s in _SENTENCE_END.split(text) if s.strip()]
        weighed = []
        for sentence in sentences:
            found = grams(reading(sentence))
            weight = sum(self.weights.get(g, 0.0) for g in found)
            if weight > 0:
                weighed.append((weight, sentence))
        return [sentence[:300] for _, sentence in sorted(weighed, key=lambda pair: -pair[0])[:most]]

    def as_data(self) -> dict:
        return {"about": "training/screening/second_opinion.py: character n-gram logistic regression, "
                         "regenerate with `python -m training.screening.second_opinion`",
                "sizes": list(SIZES), "bias": round(self.bias, 5), "threshold": round(self.threshold, 5),
                "weights": {g: round(w, 4) for g, w in sorted(self.weights.items()) if abs(w) >= 0.0005}}


def train(ads: list[dict], threshold: float = 0.0) -> Model:
    """Logistic regression by stochastic gradient descent over the n-grams present (scaled by the square root of
    their number, so a long ad does not weigh more than a short one); each (language, label) pair weighs alike."""
    found = [(grams(reading(_ad_text(ad))), 1.0 if ad["label"] == "deceptive" else 0.0,
              (ad["language"], ad["label"])) for ad in ads]
    counts = Counter(pair for _, _, pair in found)
    balance = {pair: len(found) / (len(counts) * n) for pair, n in counts.items()}
    weights: dict[str, float] = defaultdict(float)
    bias = 0.0
    order = list(range(len(found)))
    shuffle = random.Random(0)  # noqa: S311 (the same order every run; nothing secret)
    for epoch in range(EPOCHS):
        shuffle.shuffle(order)
        rate = 0.5 / (1 + 0.1 * epoch)
        for i in order:
            present, label, pair = found[i]
            scale = 1 / math.sqrt(len(present))
            z = bias + sum(weights[g] for g in present) * scale
            p = 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))
            gradient = (p - label) * balance[pair]
            step = rate * gradient * scale
            for g in present:
                weights[g] -= step
            bias -= rate * gradient * 0.1
    return Model(dict(weights), bias, threshold)


def folds_of(ads: list[dict], k: int = FOLDS) -> dict[str, int]:
    """Stratified by language and label, the same every run."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for ad in ads:
        groups[(ad["language"], ad["label"])].append(ad)
    fold = {}
    for _, members in sorted(groups.items()):
        members = sorted(members, key=lambda ad: ad["id"])
        random.Random(1).shuffle(members)  # noqa: S311 (the same folds every run)
        for i, ad in enumerate(members):
            fold[ad["id"]] = i % k
    return fold


def cross_validated_scores(ads: list[dict], k: int = FOLDS) -> dict[str, float]:
    """Each ad's score by a model trained on the other folds only."""
    fold = folds_of(ads, k)
    scores = {}
    for f in range(k):
        model = train([ad for ad in ads if fold[ad["id"]] != f])
        for ad in ads:
            if fold[ad["id"]] == f:
                scores[ad["id"]] = model.score(_ad_text(ad))
    return scores


def threshold_from(ads: list[dict], scores: dict[str, float]) -> float:
    """Just above the highest cross-validated score of an honest ad."""
    return max(scores[ad["id"]] for ad in ads if ad["label"] == "honest") + MARGIN


def lenient_threshold_from(ads: list[dict], scores: dict[str, float]) -> float:
    """The score 95% of honest ads stay under in cross-validation (a setting staff may choose: it holds more)."""
    honest = sorted((scores[ad["id"]] for ad in ads if ad["label"] == "honest"), reverse=True)
    return honest[len(honest) // 20]


def load_ads(path: Path = DEVELOPMENT_SET) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=1)
def model() -> Model:
    """The committed weights (plain JSON: never a pickle)."""
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return Model(data["weights"], float(data["bias"]), float(data["threshold"]))


@dataclass(frozen=True)
class Opinion:
    score: float
    threshold: float
    sentences: list[str]
    field: str

    @property
    def holds(self) -> bool:
        return self.score > self.threshold


def second_opinion(groups: Iterable[tuple[str, str]], threshold: float | None = None) -> Opinion | None:
    """The highest-scoring of a post's texts (`groups`: (name, text), e.g. its own words and each translation),
    or None when there is no text. Holding is the caller's choice: `Opinion.holds`."""
    classifier = model()
    limit = classifier.threshold if threshold is None else threshold
    best: tuple[float, str, str] | None = None
    for name, text in groups:
        if text and text.strip():
            score = classifier.score(text)
            if best is None or score > best[0]:
                best = (score, name, text)
    if best is None or best[0] == -math.inf:
        return None
    score, name, text = best
    return Opinion(score, limit, classifier.weighing(text) if score > limit else [], name)


def write_weights(ads: list[dict] | None = None) -> Model:
    """Train on the whole development set, with the threshold cross-validation chose; write the JSON file."""
    ads = ads if ads is not None else load_ads()
    scores = cross_validated_scores(ads)
    trained = train(ads, threshold_from(ads, scores))
    data = {**trained.as_data(), "lenient_threshold": round(lenient_threshold_from(ads, scores), 5)}
    WEIGHTS_FILE.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    model.cache_clear()
    return trained


if __name__ == "__main__":
    written = write_weights()
    print(f"{WEIGHTS_FILE.name}: {len(written.weights)} n-grams, threshold {written.threshold:.3f}, "
          f"{WEIGHTS_FILE.stat().st_size / 1e6:.2f} MB")
