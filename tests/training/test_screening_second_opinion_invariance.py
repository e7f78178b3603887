"""The second opinion reads words, not typography (issue 27): a writer who only changes punctuation, how numbers are
written (1,000 or 1000, 15000 or 15,000), repeated marks or emoji changes nothing of its verdict, in any language.
A rules-aware attacker found that "!!!" against ".", and "00,000" against "0000" (every digit read as 0), moved its
score: an honest poster who writes plainly was published for the wrong reason, and one who writes loudly was held
for it."""
from __future__ import annotations

import re
import unicodedata

import pytest

from training.screening import second_opinion

PER_LABEL = 80  # development-set ads of each language and label, spread through the set (every ad: slow)

# A number in groups of three separated by commas or by dots (not a decimal "8,5", nor the lakh "15,00,000").
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}([,.])\d{3}(?:\1\d{3})*(?![.,]?\d)")
# A whole number of four to seven digits written without separators (not a phone number, which starts with 0).
_BARE_NUMBER = re.compile(r"(?<![\d.,-])[1-9]\d{3,6}(?![\d.,-])")
_SENTENCE_END = re.compile(r"(?<=[^\d\s.])([.။។])(?=\s|$)")
_EXCLAIMED = re.compile(r"!+(?![^\W\d_])")  # not "V!ber", whose "!" the rules read as a letter
_REPEATED_MARK = re.compile(r"([.?])\1+")


# Symbols the rules read as the letters or digits they enclose (regional indicators: a flag 🇹🇭 is "th"; circled,
# squared and dingbat letters and digits): words, not emoji.
_LETTER_SYMBOL = re.compile("[\u2460-\u24ff\u2776-\u2793\U0001f100-\U0001f1ff]")


def _emoji(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") and not _LETTER_SYMBOL.match(char)


def loud(text: str) -> str:
    """The same words written loudly: every amount with thousands separators, "!!!" after each sentence and line,
    emoji at the start of each line and after each amount."""
    text = _BARE_NUMBER.sub(lambda m: f"{int(m.group()):,}", text)
    text = re.sub(r"(?<![\d,.-])(\d[\d,.]*\d\d)(?=\s)", r"\1 💰", text)
    text = _SENTENCE_END.sub(r"\1!!!", text)
    return "\n".join(f"🔥 {line} ‼️" for line in text.split("\n"))


def plain(text: str) -> str:
    """The same words written plainly: no thousands separators, no emoji (a space for each), one full stop for any
    run of "!" or of full stops or question marks."""
    text = _GROUPED.sub(lambda m: re.sub(r"[,.]", "", m.group()), text)
    # An emoji's selector is dropped (a zero-width joiner too: writers hide one inside a word, which the rules read
    # as a word), the emoji itself is a space ("ລາວ⇄ອັງກິດ" is two words).
    text = "".join(" " if _emoji(char) else char for char in text.replace("\ufe0f", ""))
    return _REPEATED_MARK.sub(r"\1", _EXCLAIMED.sub(".", text))


def _ads(language: str, per_label: int | None) -> list[dict]:
    ads = [ad for ad in second_opinion.load_ads() if ad["language"] == language]
    chosen = []
    for label in ("deceptive", "honest"):
        of_label = sorted((ad for ad in ads if ad["label"] == label), key=lambda ad: ad["id"])
        chosen += of_label[::max(1, len(of_label) // per_label)][:per_label] if per_label else of_label
    return chosen


def _holds(text: str) -> bool:
    opinion = second_opinion.second_opinion([("post", text)])
    return opinion is not None and opinion.holds


def test_the_rewritings_change_only_typography():
    text = "Salary 15000 THB. Fee: 1,500,000 kip!! Call 081-234-5678 ✅\nLương 8,5 triệu."
    assert loud(text) == ("🔥 Salary 15,000 💰 THB.!!! Fee: 1,500,000 💰 kip!! Call 081-234-5678 ✅ ‼️\n"
                          "🔥 Lương 8,5 triệu.!!! ‼️")
    assert plain(text) == "Salary 15000 THB. Fee: 1500000 kip. Call 081-234-5678  \nLương 8,5 triệu."
    words = re.compile(r"[^\W_]+")  # the letters and digits, in order, are the same
    assert words.findall(plain(loud(text))) == words.findall(plain(text)) == words.findall(
        text.replace("1,500,000", "1500000"))


# On the weights of 45f90f8 (every digit 0, punctuation read): the sample changed verdicts in five languages (en
# bo-en-8, th bm-th-12, my bl-my-19, km bd-km-19, lo bb-lo-12 and bp-lo-19), every ad in all six.
@pytest.mark.parametrize("per_label", [PER_LABEL, pytest.param(None, marks=pytest.mark.slow, id="every")])
@pytest.mark.parametrize("language", second_opinion.LANGUAGES)
def test_punctuation_number_shapes_repeated_marks_and_emoji_do_not_change_the_verdict(language, per_label):
    changed = []
    for ad in _ads(language, per_label):
        text = f"{ad['title']}\n{ad['description']}"
        verdict = _holds(text)
        for name, rewrite in (("loud", loud), ("plain", plain)):
            if _holds(rewrite(text)) != verdict:
                changed.append(f"{ad['id']} {name}")
    assert changed == []
