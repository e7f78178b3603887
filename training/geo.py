"""Thai provinces and districts (from the geothai package) and rough travel times between them."""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

import geothai
import numpy as np

DATA = Path(__file__).with_name("data")
ROAD_FACTOR = 1.3      # roads are longer than the straight line
ROAD_SPEED_KMH = 60    # buses and motorbikes on provincial roads
SAME_PROVINCE_MINUTES = 45
SAME_DISTRICT_MINUTES = 15


@lru_cache(maxsize=1)
def provinces() -> dict[str, tuple[str, str]]:
    """code -> (English name, Thai name)."""
    return {p.code: (p.name_en, p.name_th) for p in geothai.provinces()}


@lru_cache(maxsize=128)
def districts(province_code: str) -> dict[str, tuple[str, str]]:
    return {d.code: (d.name_en, d.name_th) for d in geothai.districts(province_code)}


@lru_cache(maxsize=1)
def province_names() -> dict[str, dict[str, str]]:
    """code -> {language: name} for the languages geothai does not have (Burmese, Khmer, Lao, Vietnamese)."""
    with (DATA / "province_names.json").open(encoding="utf-8") as handle:
        return json.load(handle)["names"]


def province_name(province_code: str, locale: str = "en") -> str:
    """A province's name in the reader's language (English for a language with no names here)."""
    english, thai = provinces()[province_code]
    if locale == "th":
        return thai
    return province_names().get(province_code, {}).get(locale, english)


def place_name(province_code: str | None, district_code: str | None = None, locale: str = "en") -> str:
    if not province_code or province_code not in provinces():
        return ""
    name = province_name(province_code, locale)
    if district_code and district_code in districts(province_code):
        # Districts are named in Thai or English only (geothai's names): the province says where it is.
        return f"{districts(province_code)[district_code][1 if locale == 'th' else 0]}, {name}"
    return name


def province_choices(locale: str = "en") -> list[tuple[str, str]]:
    return sorted(((code, province_name(code, locale)) for code in provinces()), key=lambda item: item[1])


def district_choices(province_code: str | None, locale: str = "en") -> list[tuple[str, str]]:
    """The districts of one province (none when no province is chosen)."""
    if not province_code or province_code not in provinces():
        return []
    index = 1 if locale == "th" else 0
    return sorted(((code, names[index]) for code, names in districts(province_code).items()),
                  key=lambda item: item[1])


@lru_cache(maxsize=1)
def _centres() -> tuple[list[str], np.ndarray]:
    with (DATA / "province_centres.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    codes = [row["province_code"] for row in rows]
    return codes, np.radians(np.array([[float(r["latitude"]), float(r["longitude"])] for r in rows]))


@lru_cache(maxsize=1)
def province_minutes() -> tuple[dict[str, int], np.ndarray]:
    """A province-by-province matrix of rough travel minutes, and the index of each province code."""
    codes, coords = _centres()
    lat, lon = coords[:, 0][:, None], coords[:, 1][:, None]
    a = np.sin((lat - lat.T) / 2) ** 2 + np.cos(lat) * np.cos(lat.T) * np.sin((lon - lon.T) / 2) ** 2
    km = 2 * 6371 * np.arcsin(np.sqrt(a)) * ROAD_FACTOR
    minutes = km / ROAD_SPEED_KMH * 60
    np.fill_diagonal(minutes, SAME_PROVINCE_MINUTES)
    return {code: i for i, code in enumerate(codes)}, minutes


def travel_minutes(from_province: str | None, from_district: str | None, to_province: str | None,
                   to_district: str | None) -> float:
    """Rough minutes from one place to another; NaN when either place is unknown."""
    index, minutes = province_minutes()
    if from_province not in index or to_province not in index:
        return float("nan")
    if from_province == to_province and from_district and from_district == to_district:
        return float(SAME_DISTRICT_MINUTES)
    return float(minutes[index[from_province], index[to_province]])
