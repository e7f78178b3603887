"""Fonts served from `static/fonts/` so Thai, Burmese, Khmer and Lao render on any phone, with no font CDN.

Each script gets a subset of its Noto Sans font (SIL Open Font Licence, `static/fonts/OFL.txt`) as WOFF2,
declared in `static/css/fonts.css` with the script's `unicode-range`, so a page downloads only the fonts of
the scripts it shows. The subsets keep every OpenType layout feature (GSUB and GPOS): Burmese, Khmer and Lao
stack and reorder letters through them, and a subset without them renders wrongly without a single box.

`flask --app app fonts build` rebuilds the files from Debian's `fonts-noto-core` (needs fontTools and brotli,
installed with the test requirements); the built files are committed, so running the site needs neither.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click
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


def font_css() -> str:
    faces = [
        f'@font-face {{\n  font-family: "{font.family}";\n  src: url("../fonts/{font.file_name}") format("woff2");\n'
        f"  unicode-range: {font.unicode_range()};\n  font-display: swap;\n}}"
        for font in SCRIPT_FONTS]
    return ("/* Built by `flask --app app fonts build` (core/fonts.py): one subset per script, downloaded only by a\n"
            "   page that shows that script. Noto Sans, SIL Open Font Licence (../fonts/OFL.txt). */\n"
            + "\n".join(faces) + "\n")


def subset(font: ScriptFont, source_dir: Path = SOURCE, target_dir: Path = STATIC_FONTS) -> Path:
    from fontTools import subset as ft_subset

    options = ft_subset.Options()
    options.layout_features = ["*"]  # every GSUB/GPOS feature: the shaping of these scripts lives there
    options.flavor = "woff2"
    options.desubroutinize = True
    options.name_IDs = ["*"]  # keep the copyright and licence names
    loaded = ft_subset.load_font(str(source_dir / font.source), options)
    unicodes = [c for a, b in font.ranges + SHAPING_EXTRAS for c in range(a, b + 1)]
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(loaded)
    target = target_dir / font.file_name
    ft_subset.save_font(loaded, str(target), options)
    return target


fonts_cli = AppGroup("fonts", help="The web fonts served for Thai, Burmese, Khmer and Lao.")


@fonts_cli.command("build")
@click.option("--source", type=click.Path(path_type=Path), default=SOURCE, show_default=True,
              help="Folder with the Noto Sans TTF files (Debian: fonts-noto-core).")
def build_command(source: Path) -> None:
    """Subset each script's Noto Sans to WOFF2 into static/fonts/ and write static/css/fonts.css."""
    STATIC_FONTS.mkdir(parents=True, exist_ok=True)
    for font in SCRIPT_FONTS:
        target = subset(font, source)
        click.echo(f"{target.name}: {target.stat().st_size:,} bytes")
    (STATIC_FONTS.parent / "css" / "fonts.css").write_text(font_css(), encoding="utf-8")
    click.echo("static/css/fonts.css written")
