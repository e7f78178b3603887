"""Every province is named in every language of the site, in the language's own script."""
import re

import pytest

from training import geo

SCRIPTS = {"th": "\u0e00-\u0e7f", "lo": "\u0e80-\u0eff", "my": "\u1000-\u109f", "km": "\u1780-\u17ff"}


def test_there_are_seventy_seven_provinces():
    assert len(geo.provinces()) == 77


@pytest.mark.parametrize("locale", ["th", "my", "km", "lo", "vi"])
def test_every_province_has_a_name_in_each_language(locale):
    names = {code: geo.province_name(code, locale) for code in geo.provinces()}
    assert all(names.values()) and len(set(names.values())) == 77  # none missing, none given twice
    if locale in SCRIPTS:
        script = re.compile(f"[{SCRIPTS[locale]}]")
        assert all(script.search(name) for name in names.values()), locale
        assert not any(re.search("[A-Za-z]", name) for name in names.values())
    assert set(geo.province_names()) <= set(geo.provinces())


def test_places_and_choices_read_in_the_readers_language():
    assert geo.place_name("50", None, "my") == "ချင်းမိုင်"
    assert geo.place_name("50", None, "th") == "เชียงใหม่"
    assert geo.place_name("50", None, "en") == "Chiang Mai"
    assert dict(geo.province_choices("lo"))["50"] == "ຊຽງໃໝ່"
    assert dict(geo.province_choices("km"))["10"] == "បាងកក"
