"""The web fonts: one committed WOFF2 subset per script, complete for its range, with every layout feature of
the full Noto font, declared with its unicode-range in fonts.css (which matches what the builder writes), and
linked from every page; the licence travels with them. The list of languages has a font of its own, a few KB
with every glyph of the six names, so that the list does not make every page download all four scripts."""
from __future__ import annotations

import os

import pytest
from fontTools.ttLib import TTFont

from core.fonts import (
    NAMES_FAMILY,
    NAMES_FILE,
    SCRIPT_FONTS,
    SOURCE,
    STATIC_FONTS,
    font_css,
    name_code_points,
    subset_names,
)

CSS = STATIC_FONTS.parent / "css" / "fonts.css"
HAVE_SOURCE = all((SOURCE / font.source).is_file() for font in SCRIPT_FONTS)
# CI installs fonts-noto-core, so there the subsets are always compared with the full fonts.
assert HAVE_SOURCE or not os.environ.get("CI"), "CI must install fonts-noto-core"


def _features(font: TTFont, table: str) -> set[str]:
    if table not in font or font[table].table.FeatureList is None:
        return set()
    return {record.FeatureTag for record in font[table].table.FeatureList.FeatureRecord}


@pytest.mark.parametrize("font", SCRIPT_FONTS, ids=lambda f: f.script)
def test_each_subset_is_a_woff2_with_its_shaping_tables(font):
    subset = TTFont(STATIC_FONTS / font.file_name)
    assert subset.flavor == "woff2"
    assert "GSUB" in subset and "GPOS" in subset, "a subset without layout tables renders these scripts wrongly"
    covered = set(subset.getBestCmap())
    wanted = {c for a, b in font.ranges for c in range(a, b + 1)}
    if HAVE_SOURCE:
        full = TTFont(SOURCE / font.source)
        in_full = wanted & set(full.getBestCmap())
        assert in_full <= covered, f"missing: {sorted(hex(c) for c in in_full - covered)[:10]}"
        for table in ("GSUB", "GPOS"):
            assert _features(subset, table) == _features(full, table), table
        assert 0x25CC in covered  # the dotted circle shaping engines draw for a lone mark
    else:
        assert len(covered & wanted) > 40


def test_the_css_is_what_the_builder_writes_and_has_no_font_cdn(app):
    css = CSS.read_text(encoding="utf-8")
    assert css == font_css(app.config["LANGUAGES"].values()), "run `flask --app app fonts build`"
    for font in SCRIPT_FONTS:
        assert f"unicode-range: {font.unicode_range()};" in css and font.family in css
    assert css.count("font-display: swap;") == len(SCRIPT_FONTS) + 1
    assert "http" not in css.replace("https://openfontlicense.org", "")
    site = (STATIC_FONTS.parent / "css" / "site.css").read_text(encoding="utf-8")
    body_rule = next(line for line in site.splitlines() if line.startswith("body {"))
    assert all(f'"{font.family}"' in body_rule for font in SCRIPT_FONTS)


def test_the_licence_ships_with_the_fonts():
    licence = (STATIC_FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Google" in licence


def test_every_page_links_the_fonts(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert "/static/css/fonts.css" in page


def test_english_pages_download_no_font():
    """A unicode-range that includes common characters would make every page fetch a font."""
    for font in SCRIPT_FONTS:
        for start, end in font.ranges:
            assert start > 0x2FF and not (start <= 0x200B <= end)


NAMES_BUDGET = 5 * 1024  # bytes: it is on every page that shows the list of languages


def test_the_language_names_font_is_small_and_draws_every_name(app):
    names = list(app.config["LANGUAGES"].values())
    wanted = set(name_code_points(names))
    # every character of the six names outside Latin: Thai, Burmese, Khmer and Lao
    assert len(wanted) >= 12 and {0x0E44, 0x103C, 0x17D2, 0x0EA5} <= wanted
    font = TTFont(STATIC_FONTS / NAMES_FILE)
    assert font.flavor == "woff2"
    assert (STATIC_FONTS / NAMES_FILE).stat().st_size <= NAMES_BUDGET
    cmap = set(font.getBestCmap())
    assert wanted <= cmap, f"missing: {sorted(hex(c) for c in wanted - cmap)}"
    assert len(cmap) < len(wanted) + 10, "only the names' own characters (and the shaping marks)"
    # Burmese and Khmer names reorder and stack letters: without these tables they draw wrongly
    assert "GSUB" in font and "GPOS" in font
    assert {"mym2", "khmr"} <= {record.ScriptTag for record in font["GSUB"].table.ScriptList.ScriptRecord}


def test_the_language_names_face_is_declared_for_those_characters_only(app):
    css = CSS.read_text(encoding="utf-8")
    face = css[css.index(f'font-family: "{NAMES_FAMILY}"'):]
    face = face[:face.index("}")]
    declared = set()
    for part in face.split("unicode-range:")[1].split(";")[0].split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        declared |= set(range(int(first, 16), int(last or first, 16) + 1))
    assert declared == set(name_code_points(app.config["LANGUAGES"].values()))
    assert min(declared) > 0x2FF  # Latin ("English", "Tiếng Việt") stays with the phone's own font


def test_only_the_list_of_languages_uses_the_names_font():
    site = (STATIC_FONTS.parent / "css" / "site.css").read_text(encoding="utf-8")
    uses = [line.split("{")[0].strip() for line in site.replace("\n    ", " ").splitlines() if NAMES_FAMILY in line]
    assert uses == [".languages button, .languages a"]  # a signed-in person's buttons, a visitor's links
    body_rule = next(line for line in site.splitlines() if line.startswith("body {"))
    assert NAMES_FAMILY not in body_rule


@pytest.mark.skipif(not HAVE_SOURCE, reason="Debian's fonts-noto-core is not installed")
def test_the_language_names_font_is_what_the_builder_makes_of_the_names(app, tmp_path):
    """Rebuilt from the names in LANGUAGES: a name changed without `flask fonts build` fails here."""
    built = subset_names(app.config["LANGUAGES"].values(), SOURCE, tmp_path)
    # Compared by what the font holds, not byte for byte: fontTools packs the shaping tables differently when
    # uharfbuzz is installed (its repacker), with the same glyphs and rules.
    made, shipped = TTFont(built), TTFont(STATIC_FONTS / NAMES_FILE)
    assert made.getBestCmap() == shipped.getBestCmap(), "run `flask --app app fonts build`"
    assert made.getGlyphOrder() == shipped.getGlyphOrder(), "run `flask --app app fonts build`"
    for tag in ("GSUB", "GPOS"):
        if tag in made:
            lookups = [lookup.LookupType for lookup in made[tag].table.LookupList.Lookup]
            assert lookups == [lookup.LookupType for lookup in shipped[tag].table.LookupList.Lookup], tag
