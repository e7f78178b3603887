"""The controlled words of training and work: sectors, skills, languages, reading levels, goals, weekdays.

Codes are stored; labels are translated when shown. Matching compares codes, so they must stay stable.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

READING_LEVELS = {"none": _l("Not yet"), "basic": _l("Basic"), "fluent": _l("Fluent")}
READING_RANK = {code: rank for rank, code in enumerate(READING_LEVELS)}

LANGUAGES = {"th": _l("Thai"), "en": _l("English"), "my": _l("Burmese"), "km": _l("Khmer"), "lo": _l("Lao"),
             "vi": _l("Vietnamese"), "shn": _l("Shan")}

GOALS = {"job": _l("A job"), "apprenticeship": _l("An apprenticeship"), "business": _l("My own business")}
GOALS_ABOUT = {**GOALS, "business": _l("Their own business")}  # as staff read it (core.labels: the twin)

SECTORS = {
    "food": _l("Food and drink"), "hospitality": _l("Hotels and tourism"), "beauty": _l("Hair and beauty"),
    "garments": _l("Sewing and garments"), "crafts": _l("Jewellery and crafts"), "farming": _l("Farming"),
    "retail": _l("Shops and sales"), "repair": _l("Repair and mechanics"), "care": _l("Care work"),
    "office": _l("Office and computers"), "construction": _l("Building"), "transport": _l("Driving and delivery"),
}

SKILLS = {
    "barista": _l("Making coffee"), "cooking": _l("Cooking"), "baking": _l("Baking"),
    "sewing": _l("Sewing"), "jewellery": _l("Jewellery making"), "hairdressing": _l("Hairdressing"),
    "nails": _l("Nail care"), "massage": _l("Massage"), "cleaning": _l("Cleaning"),
    "customer_service": _l("Serving customers"), "selling": _l("Selling"), "bookkeeping": _l("Keeping accounts"),
    "computer": _l("Using a computer"), "driving": _l("Driving"), "farming": _l("Growing crops"),
    "animals": _l("Raising animals"), "motorbike_repair": _l("Motorbike repair"),
    "childcare": _l("Looking after children"),
    "english": _l("Speaking English"), "business": _l("Running a small business"),
}
SKILL_LEVELS = {1: _l("Beginner"), 2: _l("Some experience"), 3: _l("Experienced")}

WEEKDAYS = {0: _l("Monday"), 1: _l("Tuesday"), 2: _l("Wednesday"), 3: _l("Thursday"), 4: _l("Friday"),
            5: _l("Saturday"), 6: _l("Sunday")}


def days_to_mask(days) -> int:
    mask = 0
    for day in days or ():
        mask |= 1 << int(day)
    return mask


def mask_to_days(mask: int) -> list[int]:
    return [day for day in range(7) if mask & (1 << day)]
