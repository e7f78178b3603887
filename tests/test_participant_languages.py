"""Every message a participant can meet — on a page, in a form error, in a message sent to them — is in Thai,
Burmese, Khmer, Lao and Vietnamese: present, not the English left as it is (names aside), and written in the
language's own script. The messages are found by walking the site as a participant and as a visitor
(tests.participant_messages), so a new page or message is checked the day it is added."""
from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from core import notify
from core.i18n import TRANSLATIONS
from tests.conftest import RolledBackDatabase
from tests.participant_messages import participant_msgids
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, build_world

pytestmark = [pytest.mark.real_commits, pytest.mark.slow]  # it builds its own world in a rolled-back transaction

SCRIPTS = {"th": "\u0e00-\u0e7f", "lo": "\u0e80-\u0eff", "my": "\u1000-\u109f", "km": "\u1780-\u17ff",
           "vi": "A-Za-zÀ-ỹ"}
# Words that stay as they are in every language: names of the site and of services, file formats, keys.
NAMES = re.compile(r"%\([a-z_]+\)[sd]|\b(Pathways|LINE|ID|SMS|JSON|CSV|Shift|Stripe|PromptPay)\b")


def _catalogue(lang: str) -> dict[str, tuple[str, ...]]:
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalogue = read_po(handle, locale=lang)
    found = {}
    for message in catalogue:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found[key] = () if message.fuzzy else tuple(strings)
    return found


@pytest.fixture(scope="module")
def participant_messages(app) -> set[str]:
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
        met = participant_msgids(app, {"participant": (DEMO_LOGINS["participant"], DEMO_PASSWORD)})
    known = set(_catalogue("th"))
    with app.app_context():
        kinds = notify.kinds().values()
    sent = {str(part._args[0]) if hasattr(part, "_args") else str(part)
            for kind in kinds if kind.to_participant for part in (kind.subject, kind.text)}
    staff_only = {str(part._args[0]) if hasattr(part, "_args") else str(part)
                  for kind in kinds if not kind.to_participant for part in (kind.subject, kind.text)}
    return ((met & known) - staff_only) | (sent & known)


def test_the_walk_finds_the_participants_messages(participant_messages):
    for expected in ("My pathway", "Leave this site quickly", "This field is required.", "You have an offer",
                     "How is your work going?", "Your cart"):
        assert expected in participant_messages
    assert len(participant_messages) > 400


@pytest.mark.parametrize("lang", ["th", "my", "km", "lo", "vi"])
def test_every_participant_message_is_translated_in_its_own_script(app, participant_messages, lang):
    assert lang in app.config["LANGUAGES"] and lang in app.config["PARTICIPANT_LANGUAGES"]
    catalogue = _catalogue(lang)
    script = re.compile(f"[{SCRIPTS[lang]}]")
    missing, unchanged, wrong_script = [], [], []
    for message in sorted(participant_messages):
        strings = catalogue.get(message, ())
        if not strings or not all(strings):
            missing.append(message)
            continue
        words = NAMES.sub("", message)
        if not re.search("[A-Za-z]", words):
            continue  # only names, numbers and placeholders: nothing to translate
        if any(string == message for string in strings):
            unchanged.append(message)
        elif not all(script.search(NAMES.sub("", string)) for string in strings):
            wrong_script.append(message)
    assert missing == [], f"{lang}: {len(missing)} missing, e.g. {missing[:5]}"
    assert unchanged == [], f"{lang}: left in English: {unchanged[:5]}"
    assert wrong_script == [], f"{lang}: not in its script: {wrong_script[:5]}"
