"""A second opinion on a post's text that can only hold, never publish: a small classifier over character n-grams
and words of the text as the rules read it (`canonical` then `key_view`, so Zawgyi, look-alike letters, zero-width
characters and the digits of every script are read as the rules read them), then reduced to its words (`reading`):
letters and the marks on them only, every amount one run of zeros as long as its whole part (its order of
magnitude: "15,000", "15.000" and "15000" are all 00000; "8,5" is 0), every other character (punctuation, symbols,
emoji) a space, a letter repeated three times or more read twice. Issue 27: a rules-aware attacker found that the
reading before this (every digit 0, punctuation kept) made "!!!" against "." and "00,000" against "0000" features,
which a writer steers without changing a word; tests/training/test_screening_second_opinion_invariance.py holds the
verdict of development-set ads unchanged when only punctuation, number shapes, repeated marks and emoji change.

Features: character n-grams (1 to 5 characters), and words and pairs of neighbouring words: Latin-script words as
written, Thai words by PyThaiNLP's `newmm` (Thai has no spaces between words); Burmese, Khmer and Lao, which have
no segmenter here, are read by their character n-grams only. A feature seen in fewer than `MIN_ADS` training ads
is dropped (it would only remember one ad).

Logistic regression (stochastic gradient descent in NumPy), trained on the development set (`evaluation_ads.jsonl`)
with each language and label weighted alike, so that a language with more deceptive ads does not read as deceptive
itself, and an L2 penalty. The weights are plain data, `second_opinion.json`, written by

    .venv/bin/python -m training.screening.second_opinion

which also chooses a threshold for each language by cross-validation on the development set only (`REPEATS`
times `FOLDS`-fold, stratified by language and label): the one at most `HONEST_HELD` of that language's honest
ads' scores were above in folds they were not trained on (each repeat's score counted). The language is read
from the text's script (`language_of`), not from what the employer declared. A post scoring above its language's
threshold is held for staff with the sentences that weighed most.

Windows (issue 27): a licensed employer's boilerplate around one deceptive sentence pulls the whole text's score
under its threshold. So runs of the text as read (`windows_of`: about `WINDOW` characters every `STRIDE`, cut at a
space; no longer at its full stops, which a writer moves at will) are also scored alone (`window_score`: the
highest), against a window threshold per language chosen by the same cross-validation: the lowest at which, with
the whole-text threshold, at most `HONEST_HELD` of the language's honest ads are held (by the whole text or a
window) in most of the cross-validations. Like the whole text, a window can only hold.
"""
from __future__ import annotations

import json
import math
import random
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from training.screening import _SENTENCE_END, _VIETNAMESE_BARE, _VIETNAMESE_MARKS, canonical, key_view

WEIGHTS_FILE = Path(__file__).with_name("second_opinion.json")
DEVELOPMENT_SET = Path(__file__).with_name("evaluation_ads.jsonl")
SIZES = (1, 2, 3, 4, 5)
WORDS = True  # words and neighbouring pairs of words beside the character n-grams
MIN_ADS = 2  # a feature must be in at least this many training ads
EPOCHS = 40
L2 = 1e-4  # weight decay per ad seen
FOLDS = 5
REPEATS = 3
HONEST_HELD = 0.05  # per language, the share of honest ads the second opinion alone may hold in cross-validation
MAX_FEATURES = 40000  # only the heaviest weights are kept (the JSON file's size and loading time)
# A text shorter than this (as read) gets no opinion: a bare title such as "ဝန်ထမ်းခေါ်ယူသည်" ("staff wanted")
# is too little to judge, and the development set's deceptive ads have shorter titles than its honest ones.
MIN_CHARACTERS = 40
# Windows (issue 27): runs of the text as read, so that one deceptive clause inside honest boilerplate is read alone.
WINDOW = 100  # characters as read (about two sentences of the development set's ads; 60 held fewer padded ads)
STRIDE = 50
# Train on honest ads' windows too, as honest. Measured on the development set (one 5-fold split, each deceptive ad
# put in the middle of an honest ad of its language from its own held-out fold): padded deceptive ads held 1185/1456
# with, 839/1456 without; unpadded deceptive held 1368/1456 against 1388, honest published 1619/1701 both.
TRAIN_WINDOWS = True
SNAP = 15  # a window starts after, and ends at, a space at most this many characters away
LANGUAGES = ("en", "th", "my", "vi", "km", "lo")

_SCRIPTS = {"th": re.compile("[\u0e01-\u0e4e]"), "lo": re.compile("[\u0e81-\u0ede]"),
            "my": re.compile("[\u1000-\u109f]"), "km": re.compile("[\u1780-\u17ff\u19e0-\u19ff]")}
_LATIN_WORD = re.compile(r"[^\W\d_\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]+|0+")
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")


# An amount as one number however its thousands are separated ("15,000", "15.000", "15'000", "15000", the lakh
# "15,00,000"): its groups joined, but a last group not of three digits is a decimal part ("1.5", "8,5"), dropped.
_NUMBER = re.compile(r"\d+(?:[.,'\u2019]\d+)*")
_GROUP_SEPARATOR = re.compile(r"[.,'\u2019]")
_REPEATED_LETTER = re.compile(r"([^\W\d_])\1{2,}")  # "sooooo" is "soo"; three of one letter are never a spelling
_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")  # an emoji's variation selectors (marks, Mn)


def _magnitude(number: re.Match[str]) -> str:
    """An amount read as its order of magnitude: as many zeros as its whole part has digits ("15,000" is 00000)."""
    groups = _GROUP_SEPARATOR.split(number.group())
    if len(groups) > 1 and len(groups[-1]) != 3:
        groups.pop()
    return "0" * sum(map(len, groups))


def _kept(char: str) -> bool:
    """Letters, the marks written on them (Thai, Burmese, Khmer and Lao vowels and tones), the zeros of numbers."""
    category = unicodedata.category(char)
    return char == "0" or category[0] == "L" or category in ("Mn", "Mc")


def reading(text: str) -> str:
    """The text as the classifier reads it: as the rules read it, then only its words: letters and marks, each
    amount as one run of zeros as long as its whole part (its order of magnitude, not how it was separated), every
    other character (punctuation, symbols, emoji) a space, a letter repeated three times or more read twice, spaces
    collapsed. So "!!!" and ".", "15,000" and "15000", "😀 Apply" and "Apply" read alike."""
    keyed = _SELECTORS.sub("", key_view(canonical(text))[0])
    keyed = _NUMBER.sub(_magnitude, _REPEATED_LETTER.sub(r"\1\1", keyed))
    return re.sub(r"\s+", " ", "".join(char if _kept(char) else " " for char in keyed)).strip()


def language_of(read: str) -> str:
    """The language a text (already read) is written in, from its letters: the Thai, Lao, Burmese or Khmer script
    with the most letters; else Vietnamese when it has three letters with Vietnamese marks (or, typed without
    them, at least two common Vietnamese words; one "café" is not enough); else English."""
    counts = {language: len(script.findall(read)) for language, script in _SCRIPTS.items()}
    language, most = max(counts.items(), key=lambda pair: pair[1])
    if most >= 10:
        return language
    if len(_VIETNAMESE_MARKS.findall(read)) >= 3 or len(set(_VIETNAMESE_BARE.findall(read))) >= 2:
        return "vi"
    return "en"


def _words(read: str) -> list[str]:
    """Latin-script words and numbers as written, Thai words by newmm, in order (other scripts: none)."""
    words: list[str] = []
    position = 0
    for run in _THAI_RUN.finditer(read):
        words += _LATIN_WORD.findall(read, position, run.start())
        from pythainlp.tokenize import word_tokenize

        words += [w for w in word_tokenize(run.group(), engine="newmm", keep_whitespace=False) if w.strip()]
        position = run.end()
    return words + _LATIN_WORD.findall(read, position)


def grams(read: str) -> set[str]:
    """The features of a text already read (`reading`), each counted once: its character n-grams, and (prefixed
    by a tab, which no text read has) its words and pairs of neighbouring words."""
    padded = f" {read} "
    found = {padded[i:i + n] for n in SIZES for i in range(len(padded) - n + 1)}
    if WORDS:
        words = _words(read)
        found.update(f"\t{w}" for w in words)
        found.update(f"\t{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return found


def _ad_text(ad: dict) -> str:
    return f"{ad.get('title', '')}\n{ad.get('description', '')}"


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float  # when a language has none of its own
    thresholds: dict[str, float] = field(default_factory=dict)  # per language (`language_of`)
    # Per language, for the highest score of a window (`window_score`, `windows_of`): honest padding around one
    # deceptive sentence lowers the whole text's score, not its window's. None: windows not read.
    window_thresholds: dict[str, float] = field(default_factory=dict)

    def threshold_for(self, language: str) -> float:
        return self.thresholds.get(language, self.threshold)

    def _score(self, found: set[str]) -> float:
        if not found:
            return self.bias
        return self.bias + sum(self.weights.get(g, 0.0) for g in found) / math.sqrt(len(found))

    def score(self, text: str) -> float:
        """How much the text reads like the deceptive ads of the development set (above its language's threshold:
        hold); minus infinity for a text too short to judge."""
        read = reading(text)
        return self._score(grams(read)) if len(read) >= MIN_CHARACTERS else -math.inf

    def window_score(self, text: str) -> float:
        """The highest score of a window of the text (`windows_of`: about `WINDOW` characters as read) long enough to
        judge; minus infinity when none is."""
        return max((self._score(found) for found in window_grams(text)), default=-math.inf)

    def weighing(self, text: str, most: int = 3) -> list[str]:
        """The sentences that weighed most towards "deceptive", as the employer wrote them (normalised): shown to
        staff only, never part of the verdict (which punctuation does not move)."""
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
        return {"about": "training/screening/second_opinion.py: logistic regression over character n-grams and "
                         "words, regenerate with `python -m training.screening.second_opinion`",
                "sizes": list(SIZES), "words": WORDS, "bias": round(self.bias, 5),
                "threshold": _up(self.threshold),
                "thresholds": {language: _up(t) for language, t in sorted(self.thresholds.items())},
                "window_thresholds": {language: _up(t) for language, t in sorted(self.window_thresholds.items())},
                "weights": {g: round(w, 4) for g, w in sorted(self.weights.items())}}


def windows_of(read: str) -> list[str]:
    """The windows of a text already read (`reading`): runs of about `WINDOW` characters every `STRIDE` characters,
    cut at a space when one is near (a whole text no longer than a window is its only window), each at least
    `MIN_CHARACTERS` long. Cut from the text as read, not at its full stops: punctuation moves no window."""
    if len(read) <= WINDOW:
        return [read] if len(read) >= MIN_CHARACTERS else []
    found = []
    for start in range(0, len(read) - WINDOW + STRIDE, STRIDE):
        end = min(start + WINDOW, len(read))
        if start and read[start - 1] != " ":
            space = read.find(" ", start, start + SNAP)
            start = space + 1 if space >= 0 else start
        if end < len(read) and read[end] != " ":
            space = read.rfind(" ", end - SNAP, end)
            end = space if space > start else end
        if end - start >= MIN_CHARACTERS:
            found.append(read[start:end].strip())
    return found


def window_grams(text: str) -> list[set[str]]:
    """The features of each window of the text (`windows_of`)."""
    return [grams(window) for window in windows_of(reading(text))]


def _up(threshold: float) -> float:
    """Rounded up, so that the score a threshold was chosen at is still not above it."""
    return math.ceil(threshold * 1e5) / 1e5


def train(ads: list[dict], threshold: float = 0.0, features: Mapping[str, set[str]] | None = None,
          windows: Mapping[str, list[set[str]]] | None = None) -> Model:
    """Logistic regression by stochastic gradient descent over the features present (scaled by the square root of
    their number, so a long ad does not weigh more than a short one); each (language, label) pair weighs alike;
    an L2 penalty (the weights shrink once a pass); only the `MAX_FEATURES` heaviest weights are kept. With
    `TRAIN_WINDOWS`, each honest ad's windows (`windows_of`) are honest examples too, weighing together as much as
    the ad, so that honest boilerplate read alone reads honest and one deceptive clause stands out of it.
    `features`, `windows`: each ad's `grams` and `window_grams`, when the caller has them already
    (cross-validation trains fifteen times)."""
    found = [(features[ad["id"]] if features is not None else grams(reading(_ad_text(ad))),
              1.0 if ad["label"] == "deceptive" else 0.0, (ad["language"], ad["label"])) for ad in ads]
    frequency = Counter(g for present, _, _ in found for g in present)
    names = sorted(g for g, n in frequency.items() if n >= MIN_ADS)
    index = {g: i for i, g in enumerate(names)}
    rows = [([index[g] for g in present if g in index], label, pair) for present, label, pair in found]
    counts = Counter(pair for _, _, pair in rows)
    balance = {pair: len(rows) / (len(counts) * n) for pair, n in counts.items()}
    # What each step needs, worked out once rather than in every epoch. Each step reads and moves only the weights
    # of the ad's features, as NumPy gathers and scatters (each ad's features are distinct, so `-=` moves each
    # once): the same steps as the pure-Python loop before it (weights equal to 1e-14), five times faster.
    prepared = [(np.array(present, dtype=np.intp), label, balance[pair],
                 1 / math.sqrt(len(present)) if present else 0.0) for present, label, pair in rows]
    if TRAIN_WINDOWS:
        # Every window of an honest ad is honest too (a deceptive ad's windows need not be deceptive: its
        # boilerplate is not): together they weigh as much as the ad, so honest boilerplate read alone reads honest.
        for ad in ads:
            if ad["label"] != "honest":
                continue
            parts = windows[ad["id"]] if windows is not None else window_grams(_ad_text(ad))
            parts = [part for part in parts if len(parts) > 1]
            for part in parts:
                present = np.array([index[g] for g in part if g in index], dtype=np.intp)
                if present.size:
                    prepared.append((present, 0.0, balance[(ad["language"], "honest")] / len(parts),
                                     1 / math.sqrt(present.size)))
    weights = np.zeros(len(names))
    bias = 0.0
    order = list(range(len(prepared)))
    shuffle = random.Random(0)  # noqa: S311 (the same order every run; nothing secret)
    for epoch in range(EPOCHS):
        shuffle.shuffle(order)
        rate = 0.5 / (1 + 0.1 * epoch)
        keep = 1 - rate * L2 * len(rows)  # the penalty of one pass over every ad, applied once an epoch
        for i in order:
            present, label, weigh, scale = prepared[i]
            if not present.size:
                continue
            z = bias + float(weights[present].sum()) * scale
            p = 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))
            gradient = (p - label) * weigh
            weights[present] -= rate * gradient * scale
            bias -= rate * gradient * 0.1
        if L2:
            weights *= keep
    kept = sorted(zip(names, weights.tolist(), strict=True), key=lambda pair: -abs(pair[1]))[:MAX_FEATURES]
    return Model({g: w for g, w in kept if abs(w) >= 0.0005}, bias, threshold)


def folds_of(ads: list[dict], k: int = FOLDS, seed: int = 1) -> dict[str, int]:
    """Stratified by language and label, the same every run."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for ad in ads:
        groups[(ad["language"], ad["label"])].append(ad)
    fold = {}
    for _, members in sorted(groups.items()):
        members = sorted(members, key=lambda ad: ad["id"])
        random.Random(seed).shuffle(members)  # noqa: S311 (the same folds every run)
        for i, ad in enumerate(members):
            fold[ad["id"]] = i % k
    return fold


def cross_validated_scores(ads: list[dict], k: int = FOLDS, repeats: int = REPEATS) -> dict[str, list[float]]:
    """Each ad's scores by models trained on the other folds only, one for each of `repeats` different splits."""
    return cross_validated_both(ads, k, repeats, windows=False)[0]


def cross_validated_both(ads: list[dict], k: int = FOLDS, repeats: int = REPEATS,
                         windows: bool = True) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Each ad's whole-text scores and window scores (`Model.window_score`) by models trained on the other folds
    only, one for each of `repeats` different splits."""
    scores: dict[str, list[float]] = defaultdict(list)
    window_scores: dict[str, list[float]] = defaultdict(list)
    read = {ad["id"]: reading(_ad_text(ad)) for ad in ads}
    features = {ad_id: grams(text) for ad_id, text in read.items()}  # once, not once a training
    parts = {ad["id"]: window_grams(_ad_text(ad)) for ad in ads}
    # Every feature gets a number, so a trained model is one array and a score one gather (as Model._score adds).
    number: dict[str, int] = {}
    def numbered(found: set[str]) -> np.ndarray:
        return np.fromiter((number.setdefault(g, len(number)) for g in found), dtype=np.intp, count=len(found))
    ad_numbers = {ad_id: numbered(found) for ad_id, found in features.items()}
    ad_windows = {ad_id: [numbered(found) for found in found_parts] for ad_id, found_parts in parts.items()} \
        if windows else {}
    for repeat in range(repeats):
        fold = folds_of(ads, k, seed=1 + repeat)
        for f in range(k):
            model = train([ad for ad in ads if fold[ad["id"]] != f], features=features, windows=parts)
            weights = np.zeros(len(number))
            for g, w in model.weights.items():
                weights[number[g]] = w
            def score(present: np.ndarray, bias: float = model.bias, weights: np.ndarray = weights) -> float:
                return bias + float(weights[present].sum()) / math.sqrt(present.size) if present.size else bias
            for ad in ads:
                if fold[ad["id"]] == f:  # as Model.score reads the text
                    scores[ad["id"]].append(score(ad_numbers[ad["id"]]) if len(read[ad["id"]]) >= MIN_CHARACTERS
                                            else -math.inf)
                    if windows:
                        window_scores[ad["id"]].append(max((score(present) for present in ad_windows[ad["id"]]),
                                                           default=-math.inf))
    return dict(scores), dict(window_scores)


def held_in_most(scores: list[float], limit: float) -> bool:
    """Held in most of the cross-validations (the figures the bench prints)."""
    return 2 * sum(score > limit for score in scores) > len(scores)


Scores = Mapping[str, list[float]]


def _honest_scores(ads: list[dict], scores: Scores, language: str | None = None) -> list[float]:
    """Every cross-validated score of the honest ads (of one language), highest first."""
    return sorted((score for ad in ads if ad["label"] == "honest"
                   and (language is None or language_of(reading(_ad_text(ad))) == language)
                   for score in scores[ad["id"]] if score > -math.inf), reverse=True)


def threshold_at(honest: list[float], share: float = HONEST_HELD) -> float:
    """The threshold at most `share` of these honest scores (highest first) are above: the highest of the rest."""
    held = int(len(honest) * share)
    return honest[held] if held < len(honest) else honest[-1] - 0.05


def thresholds_from(ads: list[dict], scores: Scores, share: float = HONEST_HELD) -> dict[str, float]:
    """Per language (as `language_of` reads each ad): the threshold at most `share` of its honest ads' scores
    were above in cross-validation (every repeat's score counted), raised when needed so that at most `share` of
    its honest ads are also held in most cross-validations (`held_in_most`: an ad whose scores straddle the
    threshold counts once, as the bench and the tests count it)."""
    chosen: dict[str, float] = {}
    for language in LANGUAGES:
        every = _honest_scores(ads, scores, language)
        if not every:
            continue
        limit = threshold_at(every, share)
        # The score an ad must stay at or under not to be held in most repeats: its (len // 2)-th highest.
        deciding = sorted((sorted(scores[ad["id"]], reverse=True)[len(scores[ad["id"]]) // 2] for ad in ads
                           if ad["label"] == "honest" and scores[ad["id"]]
                           and language_of(reading(_ad_text(ad))) == language), reverse=True)
        allowed = int(len(deciding) * share)
        if allowed < len(deciding) and deciding[allowed] > limit:
            limit = deciding[allowed]
        chosen[language] = limit
    return chosen


def window_thresholds_from(ads: list[dict], scores: Scores, window_scores: Scores,
                           share: float = HONEST_HELD) -> dict[str, float]:
    """Per language: the lowest window threshold at which, with the whole-text thresholds, at most `share` of its
    honest ads are held in most cross-validations (by the whole text or by a window). None for a language whose
    whole-text threshold already holds more than that."""
    whole = thresholds_from(ads, scores, share)
    chosen: dict[str, float] = {}
    for language, limit in whole.items():
        honest = [ad["id"] for ad in ads if ad["label"] == "honest" and language_of(reading(_ad_text(ad))) == language]
        allowed = int(len(honest) * share)
        free = [i for i in honest if not held_in_most(scores[i], limit)]
        if len(honest) - len(free) > allowed:
            continue
        # An ad is held by its windows in most repeats when its median window score is above the threshold.
        medians = sorted((sorted(window_scores[i])[len(window_scores[i]) // 2] for i in free
                          if window_scores[i] and max(window_scores[i]) > -math.inf), reverse=True)
        room = allowed - (len(honest) - len(free))
        if not medians:
            continue
        chosen[language] = medians[room] if room < len(medians) else medians[-1] - 0.05
    return chosen


def threshold_from(ads: list[dict], scores: Scores) -> float:
    """For a language without its own: just above the highest cross-validated score of any honest ad."""
    return max(_honest_scores(ads, scores)) + 0.05


def lenient_threshold_from(ads: list[dict], scores: Scores) -> float:
    """The score 95% of honest ads (all languages) stay under in cross-validation."""
    honest = _honest_scores(ads, scores)
    return honest[len(honest) // 20]


def load_ads(path: Path = DEVELOPMENT_SET) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=1)
def model() -> Model:
    """The committed weights (plain JSON: never a pickle)."""
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return Model(data["weights"], float(data["bias"]), float(data["threshold"]),
                 {language: float(t) for language, t in data.get("thresholds", {}).items()},
                 {language: float(t) for language, t in data.get("window_thresholds", {}).items()})


Threshold = float | Mapping[str, float] | None


@dataclass(frozen=True)
class Opinion:
    score: float
    threshold: float
    sentences: list[str]
    field: str
    language: str = ""

    @property
    def holds(self) -> bool:
        return self.score > self.threshold


def limit_for(classifier: Model, language: str, threshold: Threshold) -> float:
    """The threshold a text in `language` is held above: a number set for every language, a language's own
    number when the setting names it, else the committed one for the language."""
    if isinstance(threshold, int | float):
        return float(threshold)
    if threshold and language in threshold:
        return float(threshold[language])
    return classifier.threshold_for(language)


def second_opinion(groups: Iterable[tuple[str, str]], threshold: Threshold = None) -> Opinion | None:
    """The post's text that stands highest over its own language's threshold (`groups`: (name, text), e.g. its
    own words and each translation), or None when there is no text long enough. Holding is the caller's choice:
    `Opinion.holds`. `threshold`: a number for every language, or numbers for some ({"th": 1.2}), the committed
    ones for the rest."""
    classifier = model()
    best: tuple[float, float, str, str, str] | None = None
    for name, text in groups:
        if text and text.strip():
            score = classifier.score(text)
            if score == -math.inf:
                continue
            language = language_of(reading(text))
            limit = limit_for(classifier, language, threshold)
            if best is None or score - limit > best[0] - best[1]:
                best = (score, limit, name, text, language)
            # A window read alone: honest padding around it does not lower its score. Its own
            # thresholds, only for the languages cross-validation set one for.
            if language in classifier.window_thresholds:
                window, window_limit = classifier.window_score(text), classifier.window_thresholds[language]
                if window > -math.inf and window - window_limit > best[0] - best[1]:
                    best = (window, window_limit, name, text, language)
    if best is None:
        return None
    score, limit, name, text, language = best
    return Opinion(score, limit, classifier.weighing(text) if score > limit else [], name, language)


def write_weights(ads: list[dict] | None = None) -> Model:
    """Train on the whole development set, with the thresholds cross-validation chose; write the JSON file."""
    ads = ads if ads is not None else load_ads()
    scores, window_scores = cross_validated_both(ads)
    trained = train(ads, threshold_from(ads, scores))
    trained = Model(trained.weights, trained.bias, trained.threshold, thresholds_from(ads, scores),
                    window_thresholds_from(ads, scores, window_scores))
    data = {**trained.as_data(), "lenient_threshold": _up(lenient_threshold_from(ads, scores))}
    WEIGHTS_FILE.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    model.cache_clear()
    return trained


if __name__ == "__main__":
    written = write_weights()
    print(f"{WEIGHTS_FILE.name}: {len(written.weights)} features, thresholds "
          + ", ".join(f"{language} {t:.3f}" for language, t in sorted(written.thresholds.items()))
          + f" (else {written.threshold:.3f}), {WEIGHTS_FILE.stat().st_size / 1e6:.2f} MB")
