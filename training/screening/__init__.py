"""Text screening of what employers write, for the forced-labour indicators that show in words.

The rules are data (see README.md here). `rules/grammar.json` says what each indicator is made of: concepts that
must meet in one clause, in any order, with a few words between ("passport" + "kept by someone else"), or, for the
scam-compound lure, a combination over the whole post. `rules/<language>.json` holds the words of each concept in
that language, the language's negations, and an example and a counter-example per indicator, checked when the
app starts and run as tests.

Texts and rule words go through one normaliser (`canonical`, then `key_view` for matching): zero-width and bidi
characters removed, Burmese typed in Zawgyi made Unicode, NFKC (with Thai and Lao SARA AM put back together),
Thai through PyThaiNLP's normaliser, digits of every script read as 0-9, letters spaced out one by one joined,
lower case; for matching only, look-alike letters in Latin and mixed-script words are read by Unicode's
confusables skeleton (PyICU), never inside Burmese, Thai, Lao or Khmer words.

A match is not a flag when its clause says it does not happen: a negation before it ("no recruitment fee",
"ไม่เก็บค่าหัวคิว") or after it ("Recruitment fee: none", "ค่าหัวคิว: ไม่มี", "အလုပ်အကိုင်ရှာဖွေခ မပေးရပါ").
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path

from core import numbers as _numbers
from core.numbers import ascii_digits

RULES_FOLDER = Path(__file__).with_name("rules")
INDICATORS = ("recruitment_fee", "documents_kept", "debt", "wages_withheld", "restricted_movement",
              "resignation_penalty", "isolation", "vague_promise", "scam_compound", "off_platform", "task_scam")
LANGUAGES = ("en", "th", "my", "vi", "km", "lo")
# A warning quotes the lures it warns about ("people have been held and had documents taken", "ถ้ามีคนอ้างว่า…
# ไม่ต้องมีพาสปอร์ต", "'ပတ်စ်ပို့ မလို…' ဟု ပြောသော ကြော်ငြာများကို မယုံပါနှင့်"): in a clause that puts the harm on others
# (`warned`), the harm is not the ad's own offer, and its words count neither in that clause nor in a combination
# over the post. Unless the ad speaks for itself between the warning and the harm (`own_voice`: "beware of fakes, we
# are a real company and the manager keeps your passport"): then the harm is its own again.
WARNED, OWN_VOICE = "warned", "own_voice"

# Thai, Lao, Burmese and Khmer: written without spaces between words, so their rule words allow a space between
# any two letters, and the confusables skeleton never touches them (it maps Burmese ဝ and their zeros to Latin o).
_SEA = "\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u19E0-\u19FF\uA9E0-\uA9FF\uAA60-\uAA7F"
_SEA_CHAR = re.compile(f"[{_SEA}]")
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff]")
_LETTER = f"[^\\W\\d_{_SEA}]"  # a letter of a script written with spaces (Latin, Vietnamese, Cyrillic, Greek…)
_SPACED_OUT = re.compile(f"(?<![^\\W\\d_])(?:{_LETTER}[ .\\-*]){{3,}}{_LETTER}(?![^\\W\\d_])")
# Two or three single letters ("i d card", "i.d. card"), and the word after them.
_SHORT_SPACED = re.compile(f"(?<![^\\W\\d_])((?:{_LETTER}[ .]){{1,2}}{_LETTER})\\.?(?: ({_LETTER}+))?(?![^\\W\\d_])")
_SPACES = re.compile(r"\s+")
# Digits typed one by one with spaces between them ("5 0 , 0 0 0", "๕ ๐ ๐ ๐ ๐"): at least four, read as one number.
_SPACED_DIGITS = re.compile(r"(?<![\d.,])\d(?:(?:\s?[,.]\s?|\s)\d){3,}(?!\d)")
_DIGIT = re.compile(r"\d")
_BURMESE_ZERO = re.compile("(?<![\u1040-\u1049\\d])\u1040(?![\u1040-\u1049\\d])")
# A line of three or more dashes, underscores or equals signs separates parts of a post as a full stop does.
_SENTENCE_END = re.compile(r"[!?;\n။។៕]|\.(?!\d)|[-_=—]{3,}")
# A clause: where concepts must meet. A scope: where a negation still counts (also broken by a comma, and in Thai,
# which writes no full stops, by a space). A dot inside a number, also one masked with x ("09xx.xxx.xxx"), or inside
# an e-mail or web address ("hr@shwelamin.com.mm") is no break: "Zalo 09xx.xxx.xxx for questions" is one clause.
# A question mark does not end a clause: a question and its answer are one ("Passport? In the manager's safe until
# the contract ends", "Phí? Có, 5 triệu"); it still ends what a negation reaches (a scope).
_CLAUSE_BREAK_MARK = re.compile(r"[!;\n။។៕]|(?<![\da-z])\.|\.(?![\da-z])|[-_=—]{3,}")
# An FAQ may put one short sentence between a question and its answer ("Want to go home early? That is your choice.
# Then the visa costs come off your last pay"): that sentence's end does not end the question's clause.
_ASIDE_UNITS = 6
# Burmese ends a question with its full stop after a question particle ("ပေးရမလား။", "ဘယ်သူကိုင်မလဲ။"): that full stop
# is a question mark, and the question and its answer are one clause ("မေး - အလုပ်ဝင်ကြေး ပေးရမလား။ ဖြေ - မပေးရပါ။").
_BURMESE_QUESTION_END = re.compile("(?:လား|လဲ)\\s?$")


def _after_question_aside(text: str, mark: re.Match) -> bool:
    """Whether a sentence end closes only a short aside right after a question (at most `_ASIDE_UNITS` words)."""
    if mark.group() not in ".!။។៕":
        return False
    before = text[max(0, mark.start() - 80):mark.start()]
    question = before.rfind("?")
    if question < 0:
        return False
    aside = before[question + 1:]
    return bool(aside.strip()) and not _CLAUSE_BREAK_MARK.search(aside) and _units(aside) <= _ASIDE_UNITS


class _ClauseBreaks:
    """The clause breaks of `_CLAUSE_BREAK_MARK`, less those that close a short aside after a question (`_bounds`
    needs only `finditer` and `search`)."""

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        for mark in _CLAUSE_BREAK_MARK.finditer(text, pos, len(text) if endpos is None else endpos):
            if mark.group() == "။" and _BURMESE_QUESTION_END.search(text, max(0, mark.start() - 6), mark.start()):
                continue
            if not _after_question_aside(text, mark):
                yield mark

    def search(self, text: str, pos: int = 0) -> re.Match | None:
        return next(iter(self.finditer(text, pos)), None)


_CLAUSE_BREAK = _ClauseBreaks()
# A pictograph (emoji) that opens an item of a list ("🍚 ອາຫານ ຟຣີ 📄 ບໍລິສັດເກັບ passport") also ends what a
# negation before it reaches: the "free" of the meals is not about the passport.
# So does the bar of a table row ("| Hộ chiếu: không cần | Phá hợp đồng: bồi thường 8.000 USD": the "không" is the
# passport row's answer, not about the penalty of the next row).
_PICTOGRAPH = "\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF"
_SCOPE_BREAK = re.compile(f"[!?;\\n။၊។៕,|{_PICTOGRAPH}]" r"|(?<!\d)\.|\.(?!\d)|\bbut\b"
                          r"|(?<=[\u0E00-\u0EFF\u1780-\u17FF]) (?=[\u0E00-\u0EFF\u1780-\u17FF])")
# Thai, Khmer and Lao written with a space between every word ("ບໍ່ ຕ້ອງ ຈ່າຍ ຄ່າ ສະໝັກ", "ប្រាក់ កក់ ឯកសណ្ឋាន៖ គ្មាន"):
# there a space is no more than the gap between two words, so it does not end what a negation reaches; a bracket
# does ("ຄ່າທຳນຽມ 8,000 ບາດ (ບໍ່ ສົ່ງ ຄືນ) ພາສປອດ ບໍລິສັດ ເກັບ": the refund is not about the passport).
_SCOPE_BREAK_WORD_SPACED = re.compile(f"[!?;\\n။၊។៕,()|{_PICTOGRAPH}]" r"|(?<!\d)\.|\.(?!\d)|\bbut\b")
_SPACED_SCRIPT_WORD = re.compile("[\u0E00-\u0EFF\u1780-\u17FF]+")
_DASH = re.compile(r"\s[–—-]\s")
_INNER_BREAK = re.compile(r"[,၊、]|\bbut\b")
_LEET = {"@": "a", "$": "s", "!": "i", "|": "l"}


@dataclass(frozen=True)
class Alternative:
    """One way an indicator shows: every concept of `all` in one clause, each within `window` words of the next;
    or `combination`: one of `required` anywhere in the post plus `at_least` of `of` (a list inside `of` counts
    when all its concepts are there). `unless` counts in the clause, `unless_post` anywhere in the post (title and
    description: "Course fee 3,500,000 kip" in a post whose title says it is a course and no job)."""
    all: tuple[str, ...]
    window: int
    negatable: bool
    unless: tuple[str, ...]
    required: tuple[str, ...] = ()
    at_least: int = 0
    of: tuple[tuple[str, ...], ...] = ()
    unless_post: tuple[str, ...] = ()


@dataclass(frozen=True)
class Language:
    code: str
    concepts: dict[str, tuple[re.Pattern, re.Pattern | None]]  # concept -> (its words, words that are not it)
    negations_before: re.Pattern | None
    negations_after: re.Pattern | None
    none_after: re.Pattern | None  # "X: none", "ค่าหัวคิว: ไม่มี": the answer after a colon
    examples: dict[str, tuple[str, str]]  # indicator -> (example, counter-example)
    # A negation that closes its clause around a list, across the spaces that end a scope in Thai, Khmer and Lao:
    # "មិនយកថ្លៃជ្រើសរើស ថ្លៃឯកសារ ឬប្រាក់កក់ណាមួយឡើយ", "ບໍ່ເກັບຄ່າສະໝັກ ຄ່າເອກະສານ ຫຼື ເງິນມັດຈຳໃດໆ".
    clause_negation: re.Pattern | None = None
    # A negation that only reassures and denies nothing of the rules' ("Zero worries:", "no need to carry your
    # passport", "ไม่ต้องพก…", "Không lo mất giấy tờ", "…ယူစရာမလိုပါ"): where one matches, its negation does not count,
    # so it does not reach a harm stated beside it ("… the manager keeps it until the contract ends").
    reassurances: re.Pattern | None = None


@dataclass(frozen=True)
class Hit:
    concept: str
    language: str
    start: int
    end: int


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


# ---------------------------------------------------------------------------------------------- normalisation

def burmese_as_unicode(text: str) -> str:
    """Burmese typed with the Zawgyi font encoding, converted to Unicode (unchanged when it is Unicode). A text
    mostly in Unicode may hide a Zawgyi sentence or line: each is judged on its own, and converted only when it also
    shows a sign that cannot be Unicode Burmese (short Unicode sentences such as "နေစရာ စားစရာ အခမဲ့။" score high)."""
    from myanmar import converter

    if _detector().get_zawgyi_probability(text) > 0.95:
        return converter.convert(text, "zawgyi", "unicode")
    parts = _BURMESE_SENTENCE_END.split(text)
    if len(parts) == 1:
        return text
    return "".join(converter.convert(part, "zawgyi", "unicode")
                   if _ZAWGYI_SIGN.search(part) and _detector().get_zawgyi_probability(part) > 0.95 else part
                   for part in parts)


_BURMESE_SENTENCE_END = re.compile("(?<=[။\n])")
# Only Zawgyi writes these: the stacked and variant glyphs it put at U+1060-U+1097 (Unicode Burmese does not use them
# for the Burmese language), the vowel sign E before its consonant, and U+1039 (virama) as the asat.
_ZAWGYI_SIGN = re.compile("[\u1060-\u108f\u1092-\u1097]|(?:^|[^\u1000-\u1030\u1032-\u103f])\u1031"
                          "|\u1039(?![\u1000-\u1021])")


@lru_cache(maxsize=1)
def _detector():
    from myanmartools import ZawgyiDetector

    return ZawgyiDetector()


_DIGIT_NAMES = ("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE")
# Enclosed alphanumerics: circled, squared, negative (white on black), parenthesised Latin letters and digits, and
# the regional indicator letters. Unicode names each after the letter or digit it encloses.
_ENCLOSED_NAME = re.compile(r"^(?:[A-Z-]+ )*?(?:CIRCLED|SQUARED|PARENTHESIZED|REGIONAL INDICATOR SYMBOL)\b"
                            r".*\b(?:LETTER ([A-Z])|DIGIT (" + "|".join(_DIGIT_NAMES) + r"))$")
_ENCLOSED_BLOCKS = ((0x2460, 0x24FF), (0x2776, 0x2793), (0x1F100, 0x1F1FF))


@lru_cache(maxsize=1)
def _enclosed_letters() -> dict[int, str]:
    """From Unicode's names: each enclosed letter or digit that NFKC leaves as it is (🅻, 🅐, ❶, 🇱) read as the letter
    or digit it encloses ("🅻🅾🅰🅽" is "LOAN"); enclosing combining marks (the keycap of 1️⃣) removed."""
    table: dict[int, str] = {code: "" for code in range(0x20DD, 0x20F1)
                             if unicodedata.category(chr(code)) == "Me"}
    for first, last in _ENCLOSED_BLOCKS:
        for code in range(first, last + 1):
            char = chr(code)
            match = _ENCLOSED_NAME.match(unicodedata.name(char, ""))
            if match and unicodedata.normalize("NFKC", char) == char:
                letter, digit = match.groups()
                table[code] = letter if letter else str(_DIGIT_NAMES.index(digit))
    return table


def _nfkc(text: str) -> str:
    """NFKC, with Thai and Lao SARA AM put back together (NFKC splits ำ into ํ + า and ຳ into ໍ + າ); enclosed letters
    and digits that NFKC keeps (🅻, 🅐, ❶) read as plain ones."""
    text = unicodedata.normalize("NFKC", text.translate(_enclosed_letters()))
    return text.replace("\u0e4d\u0e32", "\u0e33").replace("\u0ecd\u0eb2", "\u0eb3")


def _burmese_zero_as_wa(match: re.Match) -> str:
    """၀ (zero) typed for ဝ (wa), as many keyboards do: a letter when a Burmese letter is next to it."""
    text, at = match.string, match.start()
    near = text[at - 1:at] + text[at + 1:at + 2]
    return "\u101d" if re.search("[\u1000-\u103f\u1050-\u109f]", near) else "\u1040"


def _ascii_digits(text: str) -> str:
    text = _BURMESE_ZERO.sub(_burmese_zero_as_wa, text) if "\u1040" in text else text
    return ascii_digits(text)


def canonical(text: str) -> str:
    """What the employer wrote, as the rules read it and as staff are shown it: one normaliser for every script."""
    text = _INVISIBLE.sub("", text or "")
    if re.search("[\u1000-\u109f]", text):
        text = burmese_as_unicode(text)
    text = _nfkc(text)
    if re.search("[\u0e00-\u0e7f]", text):
        from pythainlp.util import normalize as thai_normalize

        text = thai_normalize(text)
    # Letters spaced out are joined before the spaces are collapsed: two spaces are the gap between two spaced-out
    # words ("P a s s p o r t  n o t  n e e d e d").
    text = _SPACED_OUT.sub(_joined, _ascii_digits(text).lower())
    text = _SPACED_DIGITS.sub(lambda match: re.sub(r"\s", "", match.group()), text)
    text = _SPACES.sub(" ", text).strip()
    return _SHORT_SPACED.sub(_short_joined, text) if _SHORT_SPACED.search(text) else text


def _joined(match: re.Match) -> str:
    """Letters spaced out one by one, joined: "p a s s p o r t". A single-letter word right before them ("a d e p o
    s i t", "i p a s s p o r t") stays a word of its own when only the rest spells a rule word."""
    letters = re.sub(r"[ .\-*]", "", match.group())
    if letters[0] in "ai" and not _rule_word(letters) and _rule_word(letters[1:]):
        return f"{letters[0]} {letters[1:]}"
    return letters


def _short_joined(match: re.Match) -> str:
    """Two or three letters spaced out ("I D card", "I.D. card"): joined only when they then spell a rule word,
    alone or with the word after them, so that ordinary single-letter words ("a", "I") stay as written."""
    letters = re.sub(r"[ .\-*]", "", match.group(1))
    following = match.group(2) or ""
    if _rule_word(letters) or (following and _rule_word(f"{letters} {following}")):
        return letters + (f" {following}" if following else "")
    return match.group()


def _rule_word(word: str) -> bool:
    """Whether a word (or two) is exactly one of the rules' words in a language written with spaces."""
    keyed = key_view(word)[0]
    for code in ("en", "vi"):
        language = languages().get(code)
        if language and any(words.fullmatch(keyed) for words, _ in language.concepts.values()):
            return True
    return False


@lru_cache(maxsize=1)
def _spoof_checker():
    import icu

    return icu.SpoofChecker()


@lru_cache(maxsize=1)
def _ascii_by_skeleton() -> dict[str, str]:
    return {_spoof_checker().getSkeleton(0, c).lower(): c for c in "abcdefghijklmnopqrstuvwxyz"}


@lru_cache(maxsize=8192)
def key_char(char: str) -> str:
    """A look-alike letter read as the letter it imitates (TR39 skeleton, one character at a time so that "rn" and
    "m" stay apart): Cyrillic р → p, fullwidth and mathematical letters → ASCII, 0 → o."""
    if char in _LEET:
        return _LEET[char]
    skeleton = _spoof_checker().getSkeleton(0, char).lower()
    if not skeleton.isascii() and unicodedata.name(char, "").startswith(("CYRILLIC", "GREEK")):
        # Some lower-case Cyrillic letters have a small capital as skeleton (т → ᴛ): their capital's is Latin.
        capital = _spoof_checker().getSkeleton(0, char.upper()).lower()
        if capital.isascii() and capital.isalpha():
            skeleton = capital
    return unicodedata.normalize("NFC", _ascii_by_skeleton().get(skeleton, skeleton))


_LOOK_ALIKE_RUN = re.compile(r"[\d@$!|]{1,3}")


def _look_alike_runs(token: str) -> set[int]:
    """Where a token's digits, @ and $ stand for letters: a run of up to three between two letters ("b0nus",
    "pa$$port", "r00m"), at the end of a word that then spells a rule word ("Zal0"), or a zero opening a word of
    four letters or more ("0nline", never "3rd" or "0đ")."""
    places: set[int] = set()
    for run in _LOOK_ALIKE_RUN.finditer(token):
        a, b = run.span()
        if a == 0 and run.group() == "0" and len(token) >= b + 4 and token[b:].isascii() and token[b:].isalpha():
            places.add(0)
            continue
        before = a > 0 and token[a - 1].isalpha()
        after = b < len(token) and token[b].isalpha()
        if before and (after or (b == len(token) and a >= 3 and token[:a].isascii() and token[:a].isalpha()
                                 and _spells_rule_word(token[:a] + "".join(key_char(c) for c in run.group())))):
            places.update(range(a, b))
    return places


def _spells_rule_word(word: str) -> bool:
    """Whether a plain lower-case Latin word is exactly one of the rules' words in a language written with spaces."""
    if not (word.isascii() and word.isalpha()):
        return False
    for code in ("en", "vi"):
        language = languages().get(code)
        if language and any(words.fullmatch(word) for words, _ in language.concepts.values()):
            return True
    return False


def _key_token(token: str) -> tuple[str, list[int]]:
    """A Latin or mixed-script word as matching reads it, with the place of each of its characters."""
    out, where = [], []
    look_alike = _look_alike_runs(token) if re.search(r"[\d@$!|]", token) else set()
    for i, char in enumerate(token):
        if char.isascii() and char.isalpha():
            piece = char
        elif char.isdigit() or char in _LEET:
            piece = key_char(char) if i in look_alike else char
        elif char.isalpha() or unicodedata.category(char).startswith("M"):
            piece = key_char(char)
        else:
            piece = char
        out.append(piece)
        where.extend([i] * len(piece))
    return "".join(out), where


_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")
_LAO_LETTER = re.compile("[\u0e81-\u0ece]")


def _one_of_thai_and_lao(token: str) -> str:
    """A word mixing Thai and Lao letters (look-alikes typed to slip past a filter: "ໜັງสືຜ່າนແດน") read in the
    script most of its letters are in. Unicode laid Lao out parallel to Thai, 0x80 apart: ນ is น + 0x80."""
    thai, lao = len(_THAI_LETTER.findall(token)), len(_LAO_LETTER.findall(token))
    if not thai or not lao:
        return token
    shift, source = (0x80, _THAI_LETTER) if lao >= thai else (-0x80, _LAO_LETTER)

    def moved(match: re.Match) -> str:
        other = chr(ord(match.group()) + shift)
        return other if unicodedata.category(other) != "Cn" else match.group()

    return source.sub(moved, token)


def key_view(text: str) -> tuple[str, list[int]]:
    """The canonical text as matching reads it, and for each of its characters the place in the canonical text
    (to quote the sentence as written)."""
    pieces: list[str] = []
    where: list[int] = []
    last = 0
    for match in re.finditer(r"\S+", text):
        if match.start() > last:
            pieces.append(text[last:match.start()])
            where.extend(range(last, match.start()))
        token = match.group()
        if _SEA_CHAR.search(token) or (token.isascii()
                                       and not re.search(r"[@$]|[a-z]\d|\d[a-z]|[a-z][!|][a-z]", token)):
            pieces.append(_one_of_thai_and_lao(token))  # the same length: the places stay
            where.extend(range(match.start(), match.end()))
        else:
            keyed, offsets = _key_token(token)
            pieces.append(keyed)
            where.extend(match.start() + o for o in offsets)
        last = match.end()
    pieces.append(text[last:])
    where.extend(range(last, len(text)))
    return "".join(pieces), where


def _spaced(pattern: str) -> str:
    """Allow a space between two letters of the scripts written without spaces, and between such a letter and a
    group next to it (never inside a [...] class)."""
    out, in_class, previous = [], False, ""  # previous: "letter", "close" (a group just closed) or ""
    for i, char in enumerate(pattern):
        escaped = i > 0 and pattern[i - 1] == "\\"
        if char == "[" and not escaped:
            in_class = True
        is_letter = not in_class and bool(_SEA_CHAR.match(char))
        opens = not in_class and char == "(" and not escaped and not pattern.startswith("(?", i)
        # Two groups of those letters one after the other ("ມາ(ສະໝັກ)(ທີ່|ຢູ່)", "(လာ)?(လျှောက်|တွေ့)") may have a
        # space between them too, as the words inside them may.
        sea_group = opens and previous == "close" and bool(_SEA_CHAR.match(pattern[i + 1:i + 2]))
        if (is_letter or opens) and (previous == "letter" or (previous == "close" and is_letter) or sea_group):
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


def canonical_pattern(pattern: str) -> str:
    """A rule's words through the same normaliser as the texts (regular-expression syntax left alone)."""
    pattern = _ascii_digits(_nfkc(_INVISIBLE.sub("", pattern)))
    pieces, last = [], 0
    for match in re.finditer(r"\\.|[^\W\d_]+", pattern):
        pieces.append(pattern[last:match.start()])
        word = match.group()
        if word.startswith("\\") or _SEA_CHAR.search(word):
            pieces.append(word)
        else:
            pieces.append(_key_token(word.lower())[0])
        last = match.end()
    pieces.append(pattern[last:])
    pattern = "".join(pieces)
    # A Latin word in a rule is a whole word: "fee" is not inside "coffee", "hand" not inside "handled".
    letters = re.findall(f"{_LETTER}|[{_SEA}]", re.sub(r"\\.", "", pattern))
    if letters and not _SEA_CHAR.match(letters[0]) and not pattern.startswith(("\\b", "(?<", "^")):
        pattern = f"(?<![^\\W_])(?:{pattern})"
    if letters and not _SEA_CHAR.match(letters[-1]) and not pattern.endswith(("\\b", "/", ":", "@", "$")):
        pattern = f"(?:{pattern})(?![^\\W_])"
    return _spaced(pattern)


def _compile(patterns, where: str) -> re.Pattern | None:
    if not patterns:
        return None
    try:
        # Texts and rule words are both lower case by now: matching ignores no case (faster).
        return re.compile("|".join(f"(?:{canonical_pattern(p)})" for p in patterns))
    except re.error as error:
        raise RuleFileError(f"{where}: {error}") from error


# ------------------------------------------------------------------------------------------------ rule files

def without_accents(text: str) -> str:
    """Vietnamese as it is often typed online, without its marks: "phí môi giới" → "phi moi gioi"."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


def _load_language(path: Path, known_concepts: set[str], plain: bool = False) -> Language:
    """A language's rule file; `plain`: its words without accents, for Vietnamese typed without its marks."""
    data = json.loads(path.read_text(encoding="utf-8"))
    code = data["language"]
    strip = without_accents if plain else (lambda words: words)
    concepts: dict[str, tuple[re.Pattern, re.Pattern | None]] = {}
    for name, raw in data.get("concepts", {}).items():
        if name not in known_concepts:
            raise RuleFileError(f"{path.name}: concept {name!r} is used by no indicator of grammar.json")
        words = raw["words"] if isinstance(raw, dict) else raw
        not_it = raw.get("not", []) if isinstance(raw, dict) else []
        pattern = _compile([strip(w) for w in words], f"{path.name} {name}")
        if pattern is None:
            raise RuleFileError(f"{path.name}: concept {name!r} has no words")
        concepts[name] = (pattern, _compile([strip(w) for w in not_it], f"{path.name} {name} not"))
    if plain:
        before, after, none, around = (_compile([strip(w) for w in data.get(key, [])], f"{path.name} {key}")
                                       for key in ("negations_before", "negations_after", "none_after",
                                                   "clause_negation"))
        calm = _compile([strip(w) for w in data.get("reassurances", [])], f"{path.name} reassurances")
        return Language(code, concepts, before, after, none, {}, around, calm)
    examples = {}
    for indicator, pair in data.get("examples", {}).items():
        if indicator not in INDICATORS:
            raise RuleFileError(f"{path.name}: unknown indicator {indicator!r}")
        if not pair.get("example") or not pair.get("counter_example"):
            raise RuleFileError(f"{path.name} {indicator}: needs an example and a counter_example")
        examples[indicator] = (pair["example"], pair["counter_example"])
    return Language(code, concepts, _compile(data.get("negations_before"), f"{path.name} negations_before"),
                    _compile(data.get("negations_after"), f"{path.name} negations_after"),
                    _compile(data.get("none_after"), f"{path.name} none_after"), examples,
                    _compile(data.get("clause_negation"), f"{path.name} clause_negation"),
                    _compile(data.get("reassurances"), f"{path.name} reassurances"))


def _load_grammar(path: Path) -> dict[str, tuple[Alternative, ...]]:
    if not path.exists():
        raise RuleFileError(f"{path}: the grammar of the indicators is missing")
    data = json.loads(path.read_text(encoding="utf-8"))
    grammar = {}
    for indicator, alternatives in data["indicators"].items():
        if indicator not in INDICATORS:
            raise RuleFileError(f"grammar.json: unknown indicator {indicator!r}")
        parsed = []
        for raw in alternatives:
            combination = raw.get("combination", {})
            parsed.append(Alternative(
                tuple(raw.get("all", ())), int(raw.get("window", data.get("window", 8))),
                bool(raw.get("negatable", True)), tuple(raw.get("unless", ())),
                tuple(combination.get("required", ())), int(combination.get("at_least", 0)),
                tuple((item,) if isinstance(item, str) else tuple(item) for item in combination.get("of", ())),
                tuple(raw.get("unless_post", ()))))
        grammar[indicator] = tuple(parsed)
    return grammar


@dataclass(frozen=True)
class Rules:
    grammar: dict[str, tuple[Alternative, ...]]
    languages: dict[str, Language]


def _concepts_of(grammar: dict[str, tuple[Alternative, ...]]) -> set[str]:
    used = {c for alternatives in grammar.values() for a in alternatives
            for c in (*a.all, *a.unless, *a.unless_post, *a.required, *(c for item in a.of for c in item))}
    return used | {WARNED, OWN_VOICE}  # the warning's guard is read by the code (`_warned`), not named in the grammar


@lru_cache(maxsize=1)
def rules() -> Rules:
    grammar = _load_grammar(RULES_FOLDER / "grammar.json")
    known = _concepts_of(grammar)
    loaded = {path.stem: _load_language(path, known) for path in sorted(RULES_FOLDER.glob("*.json"))
              if path.stem != "grammar"}
    if "vi" in loaded:
        loaded["vi_plain"] = _load_language(RULES_FOLDER / "vi.json", known, plain=True)
    return Rules(grammar, loaded)


def languages() -> dict[str, Language]:
    return rules().languages


languages.cache_clear = rules.cache_clear  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------------- reading

def _units(gap: str) -> int:
    """How many words apart: Latin-script words and numbers, Thai words (PyThaiNLP), and syllables of Burmese,
    Khmer and Lao (a consonant that starts one; close enough to keep a clause's words together)."""
    # An amount with a thousands separator or decimals ("15,000", "1.500.000") is one word, not two or three.
    units = len(re.findall(r"\d+(?:[.,]\d+)*|[^\W_\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]+", gap))
    thai = "".join(re.findall("[\u0e00-\u0e7f]+", gap))
    if thai:
        from pythainlp.tokenize import word_tokenize

        units += len(word_tokenize(thai, engine="newmm", keep_whitespace=False))
    units += len(re.findall("[\u1000-\u1021\u103f](?![\u1039\u103a])", gap)) // 2  # Burmese: not a killed final
    units += len(re.findall("(?<!\u17d2)[\u1780-\u17a2](?![\u17cc-\u17ce\u17d2])", gap)) // 2  # Khmer
    units += len(re.findall("[\u0e81-\u0eae\u0edc-\u0edf]", gap)) // 2  # Lao
    return units


def _bounds(pattern: re.Pattern | _ClauseBreaks, text: str, start: int, end: int) -> tuple[int, int]:
    # One character past `start`, so that a break which looks ahead (a space between two Thai letters) is seen
    # right before the span: with `start` as the end of the search, the look-ahead saw nothing.
    left = max((m.end() for m in pattern.finditer(text, 0, min(start + 1, len(text))) if m.end() <= start),
               default=0)
    right = pattern.search(text, end)
    return left, right.start() if right else len(text)


def _negated(text: str, start: int, end: int, hit_ends: tuple[int, ...] = ()) -> bool:
    """A negation in the scope of the span: before it (or inside it: "passport is not kept"), after it in the same
    scope ("မပေးရပါ"), or as the answer after a colon in the same clause ("Deposit for uniform: none").
    `hit_ends`: where the span's concepts end; one that ends before a comma inside the span may be denied right
    after it, in its own part ("you repay nothing, and your passport stays with you")."""
    scope_break = _SCOPE_BREAK_WORD_SPACED if _word_spaced(text) else _SCOPE_BREAK
    scope_start, scope_end = _bounds(scope_break, text, start, end)
    # A dash between words also ends what a negation before it reaches: "Passport not needed to apply – the
    # company keeps your travel documents" (a dash after the span is often the answer: "Fee – none").
    scope_start = max((m.end() for m in _DASH.finditer(text, max(scope_start, start - 40), start)), default=scope_start)
    before = text[max(scope_start, start - 40):end]
    inner = [m.end() for m in _INNER_BREAK.finditer(text, start, end)]
    if inner:
        # Concepts that meet across a comma: a negation between them reaches only the part it is in, "nếu tự ý
        # nghỉ hoặc không đủ giờ công, nhân viên phải bồi thường" (the "không" is not about the compensation).
        before = text[max(scope_start, start - 40):start] + " " + text[inner[-1]:end]
    after = text[end:min(scope_end, end + 40)]
    # The part after a concept that a comma inside the span closes ("repay nothing,"), read as its own "after".
    inner_afters = [text[e:min(next((i - 1 for i in inner if i > e), e), e + 40)] for e in hit_ends if e < end]
    clause_start, clause_end = _bounds(_CLAUSE_BREAK, text, start, end)
    clause_after = text[end:min(clause_end, end + 45)]
    listed = _list_after(text[end:min(clause_end, end + 90)])
    calming = [language.reassurances for key, language in languages().items()
               if language.reassurances is not None and _reads(key, text)]
    if calming:
        before, after, clause_after = (_calmed(part, calming) for part in (before, after, clause_after))
        listed, inner_afters = [_calmed(p, calming) for p in listed], [_calmed(p, calming) for p in inner_afters]
    for key, language in languages().items():
        if not _reads(key, text):
            continue
        if key == "vi_plain" and _VIETNAMESE_MARKS.search(text):
            # Vietnamese partly typed without its marks: the bare words read with every mark taken off (the same
            # length, so the places stay), "không thu phi moi gioi" as "khong thu phi moi gioi".
            text, before, after, clause_after = (_bare_latin(part) for part in (text, before, after, clause_after))
            listed, inner_afters = [_bare_latin(p) for p in listed], [_bare_latin(p) for p in inner_afters]
        if language.clause_negation and any(
                m.start() <= start and m.end(1) >= end
                for m in _overlapping(language.clause_negation).finditer(text, max(clause_start, start - 80),
                                                                         clause_end)):
            return True
        if language.negations_before and language.negations_before.search(before):
            return True
        if language.negations_after and (language.negations_after.search(after)
                                         or any(language.negations_after.search(item) for item in listed)
                                         or any(language.negations_after.search(part)
                                                for part in inner_afters if part)):
            return True
        if language.none_after:
            # A Khmer colon (៖) is a colon: "ប្រាក់កក់ឯកសណ្ឋាន៖ គ្មាន"; a question is answered: "Fee? None".
            opening = re.match(r"\s?[:=៖\-–?]?\s?", clause_after)  # always matches: every part is optional
            right_after = opening.end() if opening else 0
            colon = re.match(r"[^:=៖]{0,30}[:=៖]\s?", clause_after)
            for candidate in {right_after, colon.end() if colon else right_after}:
                if language.none_after.match(clause_after, candidate):
                    return True
    return False


def _calmed(part: str, calming: list[re.Pattern]) -> str:
    """The part with each reassurance in it masked (the same length), so that its negation is not read."""
    for pattern in calming:
        part = pattern.sub(lambda m: "\u00b7" * len(m.group()), part)
    return part


@lru_cache(maxsize=64)
def _word_spaced(text: str) -> bool:
    """Whether the Thai, Khmer or Lao of a text is written with a space between words (half its runs of those
    letters are five letters or shorter), not only between phrases as usual."""
    lengths = sorted(len(word) for word in _SPACED_SCRIPT_WORD.findall(text))
    return len(lengths) >= 5 and lengths[len(lengths) // 2] <= 5


@lru_cache(maxsize=16)
def _overlapping(pattern: re.Pattern) -> re.Pattern:
    """A pattern that finds every match, also those that start inside another (group 1 is the match): "the employer
    pays your airfare, and there are no deposits, penalty clauses or fees" holds the employer's list and, inside it,
    the denied one; "អ្នករក្សាទុកខ្លួនឯង" is both "you keep" and "keep it yourself"."""
    return re.compile(f"(?=({pattern.pattern}))")


def _list_after(text: str) -> list[str]:
    """The items after a span that closes a list of short, amount-free items ("Visa, medical check, ticket: all
    paid by the employer", "ဗီဇာ၊ ပါမစ်၊ ဆေးစစ်ခ၊ ခရီးစရိတ် အားလုံး အလုပ်ရှင်က ပေးသည်"): a negation there covers the
    whole list. An amount in between ends the list: "Fee 5,000 baht, ticket paid by the employer" is still a fee."""
    pieces = _LIST_SEPARATOR.split(text)
    items = []
    for i in range(1, len(pieces)):
        if len(pieces[i - 1]) > 25 or _DIGIT.search(pieces[i - 1]):
            break
        items.append(pieces[i].lstrip())
    return items


_LIST_SEPARATOR = re.compile("[,၊、]")


# The letters each language's words need: a text without any is not read with that language's words (speed).
_SCRIPT = {"th": re.compile("[\u0e00-\u0e7f]"), "lo": re.compile("[\u0e80-\u0eff]"),
           "my": re.compile("[\u1000-\u109f]"), "km": re.compile("[\u1780-\u17ff]")}
_VIETNAMESE_MARKS = re.compile("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]")
_VIETNAMESE_BARE = re.compile(r"\b(khong|luong|cong ty|nguoi|viec|tien|duoc|lam|trieu|ngay|thang|hop dong|"
                              r"ho chieu|nhan vien|tuyen|phi)\b")
# Of those, the ones that are never a Vietnamese word as written (ngày, tháng, làm, phí are marked; "ngay", "thang",
# "lam", "phi" are words too): two of them in a text with marks say it is partly typed without them.
_VIETNAMESE_ONLY_BARE = re.compile(r"\b(khong|luong|cong ty|nguoi|viec|tien|duoc|trieu|hop dong|ho chieu|nhan vien|"
                                   r"tuyen|moi gioi|dat coc|giu|tru|hoan)\b")


@lru_cache(maxsize=1)
def _bare_table() -> dict[int, str]:
    marked = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
    return {ord(c): without_accents(c) for c in marked + marked.upper()}


def _bare_latin(text: str) -> str:
    """Vietnamese letters without their marks, one letter for one (the places in the text stay)."""
    return text.translate(_bare_table())


def _reads(key: str, text: str) -> bool:
    """Whether a language's words are worth reading on this text. Vietnamese without its marks only when the text
    has none and at least two common Vietnamese words, so that English "no" is never read as Vietnamese "nợ"; or,
    when it has marks, at least two words that are Vietnamese only without them ("Đà Nẵng … phi moi gioi … tru vao
    luong"): then the whole text is read without its marks."""
    if key == "vi_plain":
        if not _VIETNAMESE_MARKS.search(text):
            return len(set(_VIETNAMESE_BARE.findall(text))) >= 2
        return len(set(_VIETNAMESE_ONLY_BARE.findall(text))) >= 2
    script = _SCRIPT.get(key)
    return script is None or bool(script.search(text))


def _hits(text: str) -> dict[str, list[Hit]]:
    found: dict[str, list[Hit]] = {}
    for key, language in languages().items():
        if not _reads(key, text):
            continue
        read = _bare_latin(text) if key == "vi_plain" else text
        for name, (words, not_it) in language.concepts.items():
            if words is None:
                continue
            spans = [(m.start(), m.end()) for m in words.finditer(read) if m.end() > m.start()]
            if spans and not_it is not None:
                excluded = [(m.start(), m.end(1)) for m in _overlapping(not_it).finditer(read)]
                # A word's match may end in the space its pattern allows between letters ("จ่าย "): a "not" that
                # covers the word itself covers it.
                spans = [s for s in spans
                         if not any(a <= s[0] and s[0] + len(text[s[0]:s[1]].rstrip()) <= b for a, b in excluded)]
            found.setdefault(name, []).extend(Hit(name, language.code, s, e) for s, e in spans)
    return found


def _clause_of(text: str, at: int) -> tuple[int, int]:
    return _bounds(_CLAUSE_BREAK, text, at, at)


def _meets(text: str, combo: tuple[Hit, ...], window: int) -> bool:
    ordered = sorted(combo, key=lambda h: h.start)
    clause = _clause_of(text, ordered[0].start)
    if any(_clause_of(text, h.start) != clause for h in ordered[1:]):
        return False
    return all(_units(text[a.end:b.start]) <= window for a, b in zip(ordered, ordered[1:], strict=False)
               if b.start > a.end)


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() + 1 if right_match else len(text)
    return text[max(left, start - 150):min(right, end + 150)].strip()


@dataclass
class _Field:
    name: str
    text: str  # canonical
    keyed: str  # as matching reads it
    where: list[int]
    hits: dict[str, list[Hit]]

    def sentence(self, start: int, end: int) -> str:
        if not self.keyed:
            return ""
        a, b = self.where[min(start, len(self.where) - 1)], self.where[max(end - 1, 0)] + 1
        return _sentence_around(self.text, a, b)


# Texts already read, with the rules they were read by: a post's unchanged fields are read again each time it is
# saved or translated, and reading (the concepts' patterns over the text) is nearly all of screening's time. A few
# only: a reading of a 4,000-character description holds about 225 KB (positions kept for every character).
_READINGS: dict[str, tuple[Rules, str, str, list[int], dict[str, list[Hit]]]] = {}
READINGS_KEPT = 64


def _warned(field: _Field, start: int, end: int) -> bool:
    """Whether the span is harm quoted in a warning: its clause has a `warned` hit, and no `own_voice` hit stands
    between that hit and the span (the warning's words reach the harm, the ad's own voice does not come between)."""
    warnings = field.hits.get(WARNED, [])
    if not warnings:
        return False
    clause = _clause_of(field.keyed, start)
    voices = field.hits.get(OWN_VOICE, [])
    for hit in warnings:
        if _clause_of(field.keyed, hit.start) != clause:
            continue
        left, right = (hit.end, start) if hit.end <= start else (end, hit.start) if hit.start >= end else (0, 0)
        if not any(left <= v.start and v.end <= right for v in voices):
            return True
    return False


def _read(name: str, text: str) -> _Field:
    current = rules()
    kept = _READINGS.get(text)
    if kept is None or kept[0] is not current:  # new, or read by rules since reloaded
        normal = canonical(text)
        keyed, where = key_view(normal)
        kept = (current, normal, keyed, where, _hits(keyed))
        if len(_READINGS) >= READINGS_KEPT:
            _READINGS.clear()
        _READINGS[text] = kept
    return _Field(name, *kept[1:])


def _clause_flags(indicator: str, alternative: Alternative, field: _Field,
                  present: frozenset[str] = frozenset()) -> list[TextFlag]:
    """`present`: the concepts found anywhere in the post, for `unless_post`."""
    lists = [field.hits.get(c, []) for c in alternative.all]
    if not lists or not all(lists) or present & set(alternative.unless_post):
        return []
    flags = []
    for count, combo in enumerate(product(*lists)):
        if count > 400:
            break
        if len(combo) > 1 and not _meets(field.keyed, combo, alternative.window):
            continue
        start, end = min(h.start for h in combo), max(h.end for h in combo)
        clause = _clause_of(field.keyed, start)
        # An `unless` word counts in the clause it starts or ends in: "Apply on this page; questions on LINE" is
        # one match of "apply ... questions" that ends in the LINE's clause.
        if any(clause in (_clause_of(field.keyed, h.start), _clause_of(field.keyed, max(h.end - 1, h.start)))
               for c in alternative.unless if c != WARNED for h in field.hits.get(c, [])):
            continue
        if WARNED in alternative.unless and _warned(field, start, end):
            continue
        if alternative.negatable and _negated(field.keyed, start, end, tuple(h.end for h in combo)):
            continue
        flags.append(TextFlag(indicator, field.sentence(start, end), field.name, combo[0].language))
    return flags


def _combination_flags(indicator: str, alternative: Alternative, fields: list[_Field]) -> list[TextFlag]:
    # A lure's parts quoted in a warning ("offers of 'admin online' … with a free ticket are often traps") are not
    # the post's own: only the hits outside a warned clause count.
    own = {f.name: {c: [h for h in hits if not _warned(f, h.start, h.end)] for c, hits in f.hits.items()}
           for f in fields}
    present = {c for f in fields for c, hits in own[f.name].items() if hits}
    if not present & set(alternative.required):
        return []
    if sum(all(c in present for c in item) for item in alternative.of) < alternative.at_least:
        return []
    for field in fields:
        for concept in alternative.required:
            for hit in own[field.name].get(concept, []):
                return [TextFlag(indicator, field.sentence(hit.start, hit.end), field.name, hit.language)]
    return []


def screen_fields(fields: dict[str, str | None]) -> list[TextFlag]:
    """Screen several named texts (a post's title, description…) as one post; one flag per indicator and
    sentence. The scam-compound lure is read over all of them together: its parts are often in different fields."""
    read = [_read(name, value) for name, value in fields.items() if value]
    present = frozenset(c for f in read for c, hits in f.hits.items() if hits)
    flags: dict[tuple[str, str, str], TextFlag] = {}
    for indicator, alternatives in rules().grammar.items():
        for alternative in alternatives:
            found = (_combination_flags(indicator, alternative, read) if alternative.required else
                     [flag for field in read for flag in _clause_flags(indicator, alternative, field, present)])
            for flag in found:
                flags.setdefault((flag.indicator, flag.field, flag.sentence), flag)
    return list(flags.values())


def screen_text(text: str, field: str = "text") -> list[TextFlag]:
    """Every indicator the text shows, in any language of the rules, with the sentence that shows it."""
    return screen_fields({field: text})


def check_rule_files() -> None:
    """At start-up: every file loads and, in every language, each indicator's example is caught and its
    counter-example is not."""
    rules.cache_clear()
    for language in languages().values():
        for indicator, (example, counter_example) in language.examples.items():
            if indicator not in {f.indicator for f in screen_text(example)}:
                raise RuleFileError(f"{language.code} {indicator}: its example is not caught: {example}")
            if indicator in {f.indicator for f in screen_text(counter_example)}:
                raise RuleFileError(f"{language.code} {indicator}: its counter-example is caught: {counter_example}")


_VALIDATED = False


def rules_fingerprint() -> str:
    """What the check's outcome depends on: the rule files, the code that reads them and the libraries that
    split and convert the words. The same fingerprint passed the check before, so it passes again."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for path in (*sorted(RULES_FOLDER.glob("*.json")), Path(__file__), Path(_numbers.__file__)):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for package in ("pythainlp", "python-myanmar", "myanmartools", "PyICU"):
        try:
            digest.update(f"{package}={version(package)}".encode())
        except Exception:  # noqa: BLE001 - a library this machine lacks: its absence is part of the fingerprint
            digest.update(f"{package}=none".encode())
    # The Unicode tables under them: PyICU keeps its version on a newer ICU, a newer Python keeps every package's.
    digest.update(f"unicode={unicodedata.unidata_version} python={sys.version}".encode())
    try:
        import icu

        digest.update(f"icu={icu.ICU_VERSION} icu-unicode={icu.UNICODE_VERSION}".encode())
    except ImportError:
        digest.update(b"icu=none")
    return digest.hexdigest()


def validate_once(checked_folder: Path | None = None) -> None:
    """`check_rule_files()` the first time an app starts in this process, unless rules with the same fingerprint
    passed it before: `checked_folder` (the instance folder) keeps one empty file per fingerprint that passed.
    Every worker of every start read and checked 1,000 patterns (about 5 s) for an answer that cannot change."""
    global _VALIDATED
    if _VALIDATED:
        return
    marker = checked_folder / f"screening-rules-checked-{rules_fingerprint()}" if checked_folder else None
    if marker is None or not marker.exists():
        check_rule_files()
        if marker is not None:
            try:
                marker.parent.mkdir(parents=True, exist_ok=True)
                marker.touch()
            except OSError:
                pass  # a read-only instance folder: the next start checks again
    _VALIDATED = True


def warm_up() -> None:
    """Compile the rules and load the Thai dictionary now, so a served app keeps them with what it made at start
    (core.long_lived freezes that): loaded by a first request instead, its ~700,000 objects would be walked by
    every full garbage collection, 200-600 ms each. The check does this itself; a start that skips it does not."""
    rules()
    _units("ตรวจสอบ")
