"""Every message of the code, in every language, read from the catalogues themselves (not from a walk, which
finds only the messages its own steps look up): present, translated, not the English left as it is, written in
the language's own script, with the same placeholders and every plural form.

The messages are extracted from the source the way `make extract-messages` does (core/babel.cfg, the same
keywords), so a message added to a page, a refusal or a flash after a POST is checked the day it is written."""
from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from core.i18n import TRANSLATIONS

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("th", "my", "km", "lo", "vi")
SCRIPTS = {"th": "\u0e00-\u0e7f", "lo": "\u0e80-\u0eff", "my": "\u1000-\u109f", "km": "\u1780-\u17ff",
           # Vietnamese: Latin with its own letters and marks (ă â đ ê ô ơ ư and the tone marks)
           "vi": "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"}
# What stays as it is in every language: placeholders, markup, names of the site, of services and of formats.
KEPT = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_0-9]*\}|<[^>]+>|&[a-z]+;|https?://\S+|\S+@\S+|"
                  r"\b(Pathways|LINE|ID|SMS|JSON|CSV|XLSX|PDF|PDPA|QR|TOTP|Shift|Stripe|PromptPay|Telegram|WhatsApp|"
                  r"Viber|Facebook|Google|Microsoft|Authenticator|OK|THB|kg|g|ml|km)\b")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_0-9]*\}")


@lru_cache(maxsize=1)
def code_messages() -> dict[str, tuple[str, ...]]:
    """Every message in the code: its id and, for a plural, (singular, plural)."""
    with open(ROOT / "core" / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found: dict[str, tuple[str, ...]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords):
        ids = (message,) if isinstance(message, str) else tuple(m for m in message if m)
        if ids and ids[0]:
            found[ids[0]] = ids
    return found


@cache
def catalogue(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=lang)


def test_extraction_finds_the_messages_of_every_package():
    messages = code_messages()
    assert len(messages) > 1500
    for known in ("Leave this site quickly", "This field is required.", "Your password is saved. Welcome to Pathways.",
                  "Share at least one way to contact you: phone or e-mail."):
        assert known in messages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_of_the_code_is_translated_in_its_own_script(lang):
    read = catalogue(lang)
    by_id = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in read if m.id}
    script = re.compile(f"[{SCRIPTS[lang]}]", re.IGNORECASE)
    missing, empty, unchanged, wrong_script, placeholders, plurals = [], [], [], [], [], []
    for key, ids in sorted(code_messages().items()):
        message = by_id.get(key)
        if message is None:
            missing.append(key)
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            empty.append(key)
            continue
        if len(ids) > 1 and len(strings) != read.num_plurals:
            plurals.append(key)
        wanted = sorted(set(PLACEHOLDER.findall(" ".join(ids))))
        if any(sorted(set(PLACEHOLDER.findall(s))) != wanted for s in strings) \
                and not (len(ids) > 1 and all(set(PLACEHOLDER.findall(s)) <= set(wanted) for s in strings)):
            placeholders.append(key)
        words = KEPT.sub("", key)
        if not re.search("[A-Za-z]{2}", words):
            continue  # only names, numbers, placeholders and markup: nothing to translate
        if any(s == key for s in strings):
            unchanged.append(key)
        elif lang != "vi" and not all(script.search(KEPT.sub("", s)) for s in strings):
            wrong_script.append(key)
        elif lang == "vi" and len(words.split()) >= 3 and not all(script.search(s) for s in strings):
            wrong_script.append(key)
    assert missing == [], f"{lang}: {len(missing)} messages of the code missing, e.g. {missing[:5]}"
    assert empty == [], f"{lang}: {len(empty)} not translated, e.g. {empty[:5]}"
    assert unchanged == [], f"{lang}: {len(unchanged)} left in English, e.g. {unchanged[:5]}"
    assert wrong_script == [], f"{lang}: {len(wrong_script)} not in its script, e.g. {wrong_script[:5]}"
    assert placeholders == [], f"{lang}: {len(placeholders)} with other placeholders, e.g. {placeholders[:5]}"
    assert plurals == [], f"{lang}: {len(plurals)} without every plural form, e.g. {plurals[:5]}"


@pytest.mark.parametrize("lang", ("my", "km", "lo"))
def test_machine_written_catalogues_say_they_await_native_review(lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", encoding="utf-8") as handle:
        head = handle.read(2000)
    assert "await review by native speakers" in head
