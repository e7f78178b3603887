"""Text screening of what employers write, for the forced-labour indicators that show in words.

The rules are data: one file per language in `rules/` (indicator, patterns, an example that must match and
one that must not), checked when the app starts and each example run as a test. Adding a phrase is adding a
line there. Text is normalised before it is read: Burmese typed in Zawgyi becomes Unicode, Thai goes through
PyThaiNLP's normaliser and Thai digits become 0-9, spaces inside Thai, Lao, Khmer and Burmese words (which
those scripts do not use, so their patterns allow one anywhere) and line breaks inside a phrase are read as
one space, and letters are lower-cased.

A match is not a flag when the sentence says it does not happen ("no recruitment fee", "ไม่เก็บค่าหัวคิว",
"အလုပ်အကိုင်ရှာဖွေခ မပေးရပါ"): each language lists its negation words and where they stand (before the
phrase in English and Thai, after it in Burmese).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RULES_FOLDER = Path(__file__).with_name("rules")
INDICATORS = ("recruitment_fee", "documents_kept", "debt", "wages_withheld", "restricted_movement",
              "resignation_penalty", "isolation", "vague_promise")
# Scripts written without spaces between words: "ค่า  นาย  หน้า" is still ค่านายหน้า, so their patterns allow
# a space between any two letters.
_NO_SPACE_LETTER = re.compile(r"[\u0E00-\u0E7F\u0E80-\u0EFF\u1780-\u17FF\u1000-\u109F]")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?;။]")


@dataclass(frozen=True)
class Rule:
    language: str
    indicator: str
    patterns: tuple[re.Pattern, ...]
    negatable: bool
    example: str
    counter_example: str


@dataclass(frozen=True)
class Language:
    code: str
    negations_before: re.Pattern | None
    negations_after: re.Pattern | None
    window: int
    clause_break: re.Pattern  # a negation counts only inside the clause of the phrase it denies
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class TextFlag:
    indicator: str
    sentence: str  # the sentence that raised it, as the employer wrote it (normalised)
    field: str
    language: str

    def as_dict(self) -> dict:
        return {"indicator": self.indicator, "sentence": self.sentence, "field": self.field,
                "language": self.language}


class RuleFileError(ValueError):
    """A rule file that cannot be used: the app refuses to start rather than screen with it."""


def _spaced(pattern: str) -> str:
    """Allow a space between two letters of the scripts written without spaces, and between such a letter and a
    group next to it (never inside a [...] class)."""
    out, in_class, previous = [], False, ""  # previous: "letter", "close" (a group just closed) or ""
    for i, char in enumerate(pattern):
        escaped = i > 0 and pattern[i - 1] == "\\"
        if char == "[" and not escaped:
            in_class = True
        is_letter = not in_class and bool(_NO_SPACE_LETTER.match(char))
        opens = not in_class and char == "(" and not escaped and not pattern.startswith("(?", i)
        if (is_letter or opens) and (previous == "letter" or (previous == "close" and is_letter)):
            out.append(r"\s?")
        out.append(char)
        if char == "]" and not escaped:
            in_class = False
        if is_letter:
            previous = "letter"
        elif not in_class and char == ")" and not escaped:
            previous = "close"
        elif not (previous == "close" and char == "?"):
            previous = ""
    return "".join(out)


def _compile(patterns, where: str) -> tuple[re.Pattern, ...]:
    try:
        return tuple(re.compile(_spaced(p), re.IGNORECASE) for p in patterns)
    except re.error as error:
        raise RuleFileError(f"{where}: {error}") from error


def _load_language(path: Path) -> Language:
    data = json.loads(path.read_text(encoding="utf-8"))
    code = data["language"]
    before = "|".join(data.get("negations_before", []))
    after = "|".join(data.get("negations_after", []))
    rules = []
    for number, raw in enumerate(data["rules"], start=1):
        where = f"{path.name} rule {number}"
        if raw["indicator"] not in INDICATORS:
            raise RuleFileError(f"{where}: unknown indicator {raw['indicator']!r}")
        if not raw.get("patterns") or not raw.get("example") or not raw.get("counter_example"):
            raise RuleFileError(f"{where}: needs patterns, an example and a counter_example")
        rules.append(Rule(code, raw["indicator"], _compile(raw["patterns"], where), raw.get("negatable", True),
                          raw["example"], raw["counter_example"]))
    return Language(code, re.compile(_spaced(before), re.IGNORECASE) if before else None,
                    re.compile(_spaced(after), re.IGNORECASE) if after else None, int(data.get("window", 30)),
                    re.compile(data.get("clause_break", r"[.!?;]")), tuple(rules))


@lru_cache(maxsize=1)
def languages() -> dict[str, Language]:
    return {path.stem: _load_language(path) for path in sorted(RULES_FOLDER.glob("*.json"))}


def normalise(text: str) -> str:
    """What the rules read: Unicode Burmese, Thai normalised with ASCII digits, words closed up, lower case."""
    text = unicodedata.normalize("NFC", text or "")
    if re.search(r"[\u1000-\u109F]", text):
        text = burmese_as_unicode(text)
    if re.search(r"[\u0E00-\u0E7F]", text):
        from pythainlp.util import normalize as thai_normalize
        from pythainlp.util import thai_digit_to_arabic_digit

        text = thai_digit_to_arabic_digit(thai_normalize(text))
    return _SPACES.sub(" ", text).strip().lower()


def burmese_as_unicode(text: str) -> str:
    """Burmese typed with the Zawgyi font encoding, converted to Unicode (unchanged when it is Unicode)."""
    from myanmar import converter

    if _detector().get_zawgyi_probability(text) > 0.95:
        return converter.convert(text, "zawgyi", "unicode")
    return text


@lru_cache(maxsize=1)
def _detector():
    from myanmartools import ZawgyiDetector

    return ZawgyiDetector()


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() + 1 if right_match else len(text)
    return text[max(left, start - 150):min(right, end + 150)].strip()


def _negated(language: Language, text: str, start: int, end: int) -> bool:
    clause_start = max((m.end() for m in language.clause_break.finditer(text, 0, start)), default=0)
    before = text[max(clause_start, start - language.window):end]  # the phrase itself may carry it: "your own"
    clause_end = language.clause_break.search(text, end)
    after = text[end:min(clause_end.start() if clause_end else len(text), end + language.window)]
    return bool((language.negations_before and language.negations_before.search(before)) or
                (language.negations_after and language.negations_after.search(after)))


def screen_text(text: str, field: str = "text") -> list[TextFlag]:
    """Every indicator the text shows, in any language of the rules, with the sentence that shows it."""
    normal = normalise(text)
    flags: dict[tuple[str, str], TextFlag] = {}
    for language in languages().values():
        for rule in language.rules:
            for pattern in rule.patterns:
                for match in pattern.finditer(normal):
                    if rule.negatable and _negated(language, normal, match.start(), match.end()):
                        continue
                    sentence = _sentence_around(normal, match.start(), match.end())
                    flags.setdefault((rule.indicator, sentence), TextFlag(rule.indicator, sentence, field,
                                                                          language.code))
    return list(flags.values())


def screen_fields(fields: dict[str, str | None]) -> list[TextFlag]:
    """Screen several named texts (a post's title, description…); one flag per indicator and sentence."""
    return [flag for name, value in fields.items() if value for flag in screen_text(value, name)]


def check_rule_files() -> None:
    """At start-up: every file loads and every rule's example matches and counter-example does not."""
    languages.cache_clear()
    for language in languages().values():
        for rule in language.rules:
            found = {f.indicator for f in screen_text(rule.example)}
            if rule.indicator not in found:
                raise RuleFileError(f"{language.code} {rule.indicator}: its example is not caught: {rule.example}")
            if rule.indicator in {f.indicator for f in screen_text(rule.counter_example)}:
                raise RuleFileError(f"{language.code} {rule.indicator}: its counter-example is caught: "
                                    f"{rule.counter_example}")


_VALIDATED = False


def validate_once() -> None:
    """`check_rule_files()` the first time an app starts in this process."""
    global _VALIDATED
    if not _VALIDATED:
        check_rule_files()
        _VALIDATED = True
