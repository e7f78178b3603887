"""Occupations (ISCO-08 unit groups): found by words in English or Thai, or by their code.

`data/isco08_unit_groups.csv` holds all 436 unit groups of the ILO's ISCO-08 with their English titles, and
Thai titles written for the groups the programme's courses and jobs use; a group without a Thai title shows
the English one. Staff and employers type words ("sewing", "ตัดเสื้อ") or a code; the form keeps the code.

`data/isco08_job_words.csv` adds the words people use for a job that its title does not hold ("barista" is
one of the Bartenders, "caregiver" a Home-based personal care worker), in any language: they are searched with
the titles. A code may be typed in any script's digits (Thai "๗๒๓๑").
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from core.numbers import ascii_digits
from training.geo import DATA

CODE = re.compile(r"^\s*(\d{4})\b")


@dataclass(frozen=True)
class Occupation:
    code: str
    title_en: str
    title_th: str

    def title(self, locale: str) -> str:
        return self.title_th if locale == "th" and self.title_th else self.title_en


@lru_cache(maxsize=1)
def occupations() -> dict[str, Occupation]:
    with (DATA / "isco08_unit_groups.csv").open(encoding="utf-8") as handle:
        return {row["code"]: Occupation(row["code"], row["title_en"], row["title_th"])
                for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def job_words() -> dict[str, list[str]]:
    """Code -> the everyday words for that work, beside its title (several codes may share a word)."""
    with (DATA / "isco08_job_words.csv").open(encoding="utf-8") as handle:
        return {row["code"]: [w.strip().lower() for w in row["words"].split(";") if w.strip()]
                for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _searched_text() -> dict[str, str]:
    return {code: " ".join([o.title_en, o.title_th, *job_words().get(code, [])]).lower()
            for code, o in occupations().items()}


def title_of(code: str | None, locale: str = "en") -> str:
    found = occupations().get(code or "")
    return found.title(locale) if found else (code or "")


def code_in(text: str | None) -> str | None:
    """The code at the start of what was typed ("5120" or "5120 Cooks", as the list fills it in), if it is
    a unit group."""
    match = CODE.match(ascii_digits(text or ""))
    return match.group(1) if match and match.group(1) in occupations() else None


def search(text: str, locale: str = "en", limit: int = 12) -> list[Occupation]:
    """Unit groups whose code starts with the typed digits, or whose English or Thai title holds every typed
    word (Thai has no spaces between words, so each word is looked for as part of the title)."""
    words = [w for w in re.split(r"[\s,;/]+", ascii_digits(text or "").strip().lower()) if w]
    if not words:
        return []
    found = []
    searched = _searched_text()
    for occupation in occupations().values():
        if words[0].isdigit() and len(words) == 1:
            if occupation.code.startswith(words[0]):
                found.append(occupation)
            continue
        if all(word in searched[occupation.code] for word in words):
            found.append(occupation)
    # Titles that start with the first word come first, then the rest by code.
    found.sort(key=lambda o: (not o.title(locale).lower().startswith(words[0]), o.code))
    return found[:limit]
