"""One normaliser for every script, for the texts and the rules' words alike: each way of writing the same words
that real ads (and people who want to slip past the screening) use, and the places it must leave alone."""
from __future__ import annotations

import pytest

from training import screening


def _found(text: str) -> set[str]:
    return {flag.indicator for flag in screening.screen_text(text)}


def test_fullwidth_and_other_compatibility_letters_are_read_as_plain_ones():
    assert screening.canonical("Ｒｅｃｒｕｉｔｍｅｎｔ ｆｅｅ ２０，０００") == "recruitment fee 20,000"
    assert "recruitment_fee" in _found("Ｒｅｃｒｕｉｔｍｅｎｔ ｆｅｅ ２０，０００ baht")


@pytest.mark.parametrize("joined,split", [("ค่าดำเนินการจัดหางาน", "ค่าด\u0e4d\u0e32เนินการจัดหางาน"),
                                          ("ເງິນມັດຈຳ", "ເງິນມັດຈ\u0ecd\u0eb2")])
def test_sara_am_is_put_back_together_after_nfkc_in_texts_and_rules(joined, split):
    # NFKC splits ำ (and Lao ຳ) in two; the rules were written with the single letter.
    assert screening.canonical(split) == screening.canonical(joined)
    assert "\u0e4d\u0e32" not in screening.canonical(joined) and "\u0ecd\u0eb2" not in screening.canonical(joined)
    assert "recruitment_fee" in _found(split + " 5,000")


def test_a_rule_word_written_with_the_split_sara_am_still_matches():
    assert screening.canonical_pattern("มัดจ\u0e4d\u0e32") == screening.canonical_pattern("มัดจำ")


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2067"])
def test_zero_width_and_bidi_characters_are_removed_in_every_script(invisible):
    assert "recruitment_fee" in _found(f"Recruit{invisible}ment fe{invisible}e 5,000 baht")
    assert "recruitment_fee" in _found(f"ค่าหัว{invisible}คิว 5,000 บาท")
    assert "documents_kept" in _found(f"ပတ်စပို့{invisible}ကို အလုပ်ရှင်က သိမ်း{invisible}ထားမည်။")


@pytest.mark.parametrize("text", ["The employer keeps your p@ssp0rt.",
                                  "The employer keeps your \u0440\u0430ss\u0440\u043ert.",  # Cyrillic р а р о
                                  "The employer keeps your 𝐩𝐚𝐬𝐬𝐩𝐨𝐫𝐭."])
def test_look_alike_letters_in_latin_words_are_read_by_their_skeleton(text):
    assert "documents_kept" in _found(text)


def test_the_skeleton_never_touches_burmese_thai_lao_or_khmer_words():
    # TR39 maps Burmese ဝ and the zeros of these scripts to a Latin o: read by it, their words would break.
    keyed, _ = screening.key_view(screening.canonical("ဝန်ဆောင်ခ ၁၀၀ ๐ ໐ ០"))
    assert keyed == "ဝန်ဆောင်ခ 100 0 0 0"
    assert screening.key_view("dear sir 2,000 baht")[0] == "dear sir 2,000 baht"


def test_numbers_are_not_read_as_letters_next_to_a_letter():
    assert screening.key_view("15000baht and 3,000/day")[0] == "15000baht and 3,000/day"
    assert screening.key_view("telegram @jobs_fast88")[0] == "telegram @jobs_fast88"


@pytest.mark.parametrize("text", ["The employer keeps your p a s s p o r t.", "R e c r u i t m e n t fee 9,000",
                                  "the company holds your p.a.s.s.p.o.r.t"])
def test_letters_spaced_out_one_by_one_are_joined(text):
    assert _found(text) & {"documents_kept", "recruitment_fee"}


def test_ordinary_short_words_are_not_joined():
    assert screening.canonical("I am a cook") == "i am a cook"


@pytest.mark.parametrize("digits", ["๑๒,๐๐๐", "໑໒,໐໐໐", "၁၂,၀၀၀", "១២,០០០", "١٢,٠٠٠", "१२,०००"])
def test_digits_of_every_script_are_read_as_numbers(digits):
    assert screening.canonical(digits) == "12,000"


def test_burmese_zero_typed_for_the_letter_wa_is_read_as_the_letter():
    assert screening.canonical("\u1040န်ဆောင်ခ") == "ဝန်ဆောင်ခ"
    assert screening.canonical("\u1041\u1040\u1040") == "100"


def test_zawgyi_is_converted_before_everything_else():
    from myanmar import converter

    zawgyi = converter.convert("ပွဲခ ဘတ် ၁၀,၀၀၀ ကို ကြိုတင်ပေးရမည်။", "unicode", "zawgyi")
    assert screening.canonical(zawgyi) == screening.canonical("ပွဲခ ဘတ် ၁၀,၀၀၀ ကို ကြိုတင်ပေးရမည်။")
    assert "recruitment_fee" in _found(zawgyi)


def test_the_sentence_quoted_to_staff_is_the_canonical_text_not_the_skeleton():
    [flag] = screening.screen_text("Learn a lot. The employer keeps your \u0440assport.")
    assert flag.sentence == "the employer keeps your \u0440assport."


@pytest.mark.parametrize("text,indicators", [
    ("Phi moi gioi 20 trieu, tru vao luong.", {"recruitment_fee", "debt"}),
    ("Cong ty giu ho chieu cua nguoi lao dong.", {"documents_kept"}),
    ("Khong thu phi moi gioi, luong tra cuoi thang.", set()),
])
def test_vietnamese_typed_without_its_marks_is_read_too(text, indicators):
    assert _found(text) == indicators


def test_english_is_never_read_as_vietnamese_without_marks():
    # "no" is "nợ" (debt) without its marks: the bare reading needs Vietnamese words around it.
    assert _found("No fee. Salary paid monthly, no deductions. No debt to anyone.") == set()
    assert screening.without_accents("phí môi giới, đặt cọc") == "phi moi gioi, dat coc"


def test_a_lower_case_cyrillic_letter_whose_skeleton_is_a_small_capital_is_read_as_latin():
    # Cyrillic т's skeleton is ᴛ (small capital T); its capital Т reads as T. Seen in batch bd ("Тelеgram").
    assert screening.key_view(screening.canonical("Тelеgram тelegram"))[0] == "telegram telegram"
