"""Fonts served from `static/fonts/` so Thai, Burmese, Khmer and Lao render on any phone, with no font CDN.

Each script gets a subset of its Noto Sans font (SIL Open Font Licence, `static/fonts/OFL.txt`) as WOFF2,
declared in `static/css/fonts.css` with the script's `unicode-range`, so a page downloads only the fonts of
the scripts it shows. The subsets keep every OpenType layout feature (GSUB and GPOS): Burmese, Khmer and Lao
stack and reorder letters through them, and a subset without them renders wrongly without a single box.

The list of languages writes each name in its own script, so drawn with the script fonts it would make every
page download all four. It has a face of its own instead, "Pathways Language Names": one file of about 3 KB
with only the glyphs of those names (and what their shaping needs), cut from the same fonts and merged.

`flask --app app fonts build` rebuilds the files from Debian's `fonts-noto-core` (needs fontTools and brotli,
installed with the test requirements); the built files are committed, so running the site needs neither.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

SOURCE = Path("/usr/share/fonts/truetype/noto")
STATIC_FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"
# Marks every shaping engine may insert or keep: the dotted circle of a mark without a base, and the
# zero-width joiner and non-joiner. They are kept in each font but left out of `unicode-range` so a page in
# English never downloads a font for them.
SHAPING_EXTRAS = ((0x200C, 0x200D), (0x25CC, 0x25CC))


@dataclass(frozen=True)
class ScriptFont:
    script: str
    family: str  # the CSS family name
    source: str  # the file in fonts-noto-core
    ranges: tuple[tuple[int, int], ...]

    @property
    def file_name(self) -> str:
        return self.source.replace(".ttf", ".subset.woff2")

    def unicode_range(self) -> str:
        return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in self.ranges)


SCRIPT_FONTS = (
    ScriptFont("Thai", "Pathways Thai", "NotoSansThai-Regular.ttf", ((0x0E01, 0x0E5B),)),
    ScriptFont("Lao", "Pathways Lao", "NotoSansLao-Regular.ttf", ((0x0E81, 0x0EDF),)),
    ScriptFont("Myanmar", "Pathways Myanmar", "NotoSansMyanmar-Regular.ttf",
               ((0x1000, 0x109F), (0xA9E0, 0xA9FE), (0xAA60, 0xAA7F))),
    ScriptFont("Khmer", "Pathways Khmer", "NotoSansKhmer-Regular.ttf", ((0x1780, 0x17F9), (0x19E0, 0x19FF))),
)


NAMES_FAMILY = "Pathways Language Names"
NAMES_FILE = "language-names.subset.woff2"


def name_code_points(names: Iterable[str]) -> list[int]:
    """The characters of the language names that the served fonts draw (Latin is left to the phone's font)."""
    return sorted({ord(char) for name in names for char in name
                   if any(a <= ord(char) <= b for font in SCRIPT_FONTS for a, b in font.ranges)})


def _unicode_range(code_points: Iterable[int]) -> str:
    ranges: list[list[int]] = []
    for point in sorted(code_points):
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in ranges)


def _face(family: str, file_name: str, unicode_range: str) -> str:
    return (f'@font-face {{\n  font-family: "{family}";\n  src: url("../fonts/{file_name}") format("woff2");\n'
            f"  unicode-range: {unicode_range};\n  font-display: swap;\n}}")


def font_css(language_names: Iterable[str]) -> str:
    faces = [_face(font.family, font.file_name, font.unicode_range()) for font in SCRIPT_FONTS]
    faces.append(_face(NAMES_FAMILY, NAMES_FILE, _unicode_range(name_code_points(language_names))))
    return ("/* Built by `flask --app app fonts build` (core/fonts.py): one subset per script, downloaded only by a\n"
            "   page that shows that script, and one with only the glyphs of the language names, for the list of\n"
            "   languages. Noto Sans, SIL Open Font Licence (../fonts/OFL.txt). */\n"
            + "\n".join(faces) + "\n")


def _options():
    from fontTools import subset as ft_subset

    options = ft_subset.Options()
    options.layout_features = ["*"]  # every GSUB/GPOS feature: the shaping of these scripts lives there
    options.flavor = "woff2"
    options.desubroutinize = True
    options.name_IDs = ["*"]  # keep the copyright and licence names
    # fontTools packs layout tables with HarfBuzz's repacker whenever uharfbuzz is installed (it is, for the
    # shop's PDFs): other bytes from the same font. Always its own packer, so a build is the same everywhere.
    options.harfbuzz_repacker = False
    return options


def subset(font: ScriptFont, source_dir: Path = SOURCE, target_dir: Path = STATIC_FONTS) -> Path:
    from fontTools import subset as ft_subset

    options = _options()
    loaded = ft_subset.load_font(str(source_dir / font.source), options)
    unicodes = [c for a, b in font.ranges + SHAPING_EXTRAS for c in range(a, b + 1)]
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(loaded)
    target = target_dir / font.file_name
    ft_subset.save_font(loaded, str(target), options)
    return target


def subset_names(language_names: Iterable[str], source_dir: Path = SOURCE, target_dir: Path = STATIC_FONTS) -> Path:
    """One small font with the glyphs of the language names in each script (with every layout feature, so
    Burmese and Khmer names still stack and reorder), merged from the four script fonts into one file."""
    import tempfile

    from fontTools import subset as ft_subset
    from fontTools.merge import Merger
    from fontTools.ttLib.tables.otBase import USE_HARFBUZZ_REPACKER

    wanted = set(name_code_points(language_names))
    options = _options()
    options.flavor = None  # the parts are merged as TrueType, then written as WOFF2
    # Hinting instructions would be two thirds of the file, for a handful of words that phones draw unhinted.
    options.hinting = False
    with tempfile.TemporaryDirectory() as folder:
        parts, sources = [], []
        for font in SCRIPT_FONTS:
            own = {c for c in wanted if any(a <= c <= b for a, b in font.ranges)}
            if not own:
                continue
            loaded = ft_subset.load_font(str(source_dir / font.source), options)
            subsetter = ft_subset.Subsetter(options)
            subsetter.populate(unicodes=own | {0x25CC})
            subsetter.subset(loaded)
            part = Path(folder, font.file_name.replace(".woff2", ".ttf"))
            ft_subset.save_font(loaded, str(part), options)
            parts.append(str(part))
            sources.append(loaded)
        merged = Merger().merge(parts)
        # The merger dates the font now: dated as its sources are, the same names give the same file.
        merged["head"].created = merged["head"].modified = max(source["head"].modified for source in sources)
        merged.recalcTimestamp = False
        merged.flavor = "woff2"
        merged.cfg[USE_HARFBUZZ_REPACKER] = False  # as in _options: the same bytes with or without uharfbuzz
        target = target_dir / NAMES_FILE
        merged.save(str(target))
    return target


fonts_cli = AppGroup("fonts", help="The web fonts served for Thai, Burmese, Khmer and Lao.")


@fonts_cli.command("build")
@click.option("--source", type=click.Path(path_type=Path), default=SOURCE, show_default=True,
              help="Folder with the Noto Sans TTF files (Debian: fonts-noto-core).")
def build_command(source: Path) -> None:
    """Subset each script's Noto Sans to WOFF2 into static/fonts/, cut the language names' font (from the
    names in LANGUAGES) and write static/css/fonts.css."""
    STATIC_FONTS.mkdir(parents=True, exist_ok=True)
    names = current_app.config["LANGUAGES"].values()
    for target in [subset(font, source) for font in SCRIPT_FONTS] + [subset_names(names, source)]:
        click.echo(f"{target.name}: {target.stat().st_size:,} bytes")
    (STATIC_FONTS.parent / "css" / "fonts.css").write_text(font_css(names), encoding="utf-8")
    click.echo("static/css/fonts.css written")
