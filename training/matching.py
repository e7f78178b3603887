"""Matching participants with courses, apprenticeships and jobs, in a way a participant can understand.

Hard filters first (language, reading, place, schedule, childcare, pay when the person must earn), then a
weighted score of five parts, each between 0 and 1. Everything is computed with NumPy over whole arrays:
one participant against every opportunity, or a block of participants against every opportunity, with no
Python loop per pair. `naive_match` is the same rule written pair by pair; tests and benchmarks compare them.
Pages rank from arrays (`rows_as_arrays`, `rank_top`) and never build a pandas frame; `rank_one` and
`rank_many` read frames, for the benchmark and the tests, which bring pandas themselves.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from training.geo import SAME_DISTRICT_MINUTES, province_minutes
from training.vocabulary import LANGUAGES, READING_RANK, SECTORS, SKILLS

if TYPE_CHECKING:  # pages import this module: pandas is not loaded for them
    import pandas as pd

DEFAULT_WEIGHTS = {"interest": 3.0, "skills": 2.0, "demand": 2.0, "pay": 2.0, "distance": 1.0}
COMPONENTS = tuple(DEFAULT_WEIGHTS)
NO_DAILY_TRAVEL_MINUTES = 20      # someone who cannot travel daily can still reach their own district
DEFAULT_MONTHLY_NEED = 10_000     # THB, when the person has not said what they need
FAR_MINUTES = 240                 # four hours or more counts as "far" for the distance score
DEMAND_FULL_VACANCIES = 100
TREND_FACTOR = {"rising": 1.0, "steady": 0.8, "falling": 0.5}
GOAL_OF_KIND = {"course": "business", "apprenticeship": "apprenticeship", "job": "job"}

_LANGUAGE_BIT = {code: 1 << i for i, code in enumerate(LANGUAGES)}
_SKILL_BIT = {code: 1 << i for i, code in enumerate(SKILLS)}
_SECTOR_BIT = {code: 1 << i for i, code in enumerate(SECTORS)}
_GOAL_INDEX = {"job": 0, "apprenticeship": 1, "business": 2}


def goal_index_of_kind(kind: str) -> int:
    """Which goal an opportunity serves: a job, an apprenticeship, or (a course) one's own business."""
    return _GOAL_INDEX[GOAL_OF_KIND[kind]]


def mask_of(codes, bits: dict[str, int]) -> int:
    mask = 0
    for code in codes or ():
        mask |= bits.get(code, 0)
    return mask


def language_mask(codes) -> int:
    return mask_of(codes, _LANGUAGE_BIT)


def skill_mask(codes) -> int:
    return mask_of(codes, _SKILL_BIT)


def sector_mask(codes) -> int:
    return mask_of(codes, _SECTOR_BIT)


# --- encoding ------------------------------------------------------------------------------------------

PARTICIPANT_COLUMNS = ("participant_id", "lang_mask", "reading_rank", "province_idx", "district",
                       "travel_daily", "max_travel_minutes", "relocate", "days_mask", "hours_from", "hours_to",
                       "childcare_needed", "must_earn", "monthly_need", "sector_mask", "skill_mask", "goal_idx")
OPPORTUNITY_COLUMNS = ("kind", "id", "lang_bit", "reading_rank", "province_idx", "district", "online",
                       "days_mask", "hours_from", "hours_to", "childcare_offered", "monthly_pay", "sector_bit",
                       "skills_required", "skills_taught", "goal_idx", "demand_score", "paid_by_scholarship")


def province_index(code: str | None) -> int:
    """-1 for an unknown place."""
    return province_minutes()[0].get(code or "", -1)


def encode_participant(profile) -> dict:
    """One row of plain values from a training.models.Profile (or anything with the same attributes)."""
    return {
        "participant_id": profile.user_id,
        "lang_mask": language_mask(profile.languages_spoken),
        "reading_rank": READING_RANK.get(profile.reading_level, 0),
        "province_idx": province_index(profile.province_code),
        "district": int(profile.district_code or 0),  # district codes are numbers; 0: not given
        "travel_daily": bool(profile.travel_daily),
        "max_travel_minutes": int(profile.max_travel_minutes or 0),
        "relocate": bool(profile.relocate),
        "days_mask": int(profile.days_mask),
        "hours_from": int(profile.hours_from),
        "hours_to": int(profile.hours_to),
        "childcare_needed": bool(profile.childcare_needed),
        "must_earn": bool(profile.must_earn),
        "monthly_need": int(profile.monthly_need_thb or DEFAULT_MONTHLY_NEED),
        "sector_mask": sector_mask(profile.sectors),
        "skill_mask": skill_mask((profile.skills or {}).keys()),
        "goal_idx": _GOAL_INDEX.get(profile.goal, 0),
    }


@dataclass
class Arrays:
    """Columns as NumPy arrays; for participants each array gets a trailing axis to broadcast over opportunities."""

    values: dict[str, np.ndarray]

    def __getattr__(self, name: str) -> np.ndarray:
        try:
            return self.values[name]
        except KeyError as error:
            raise AttributeError(name) from error


def _as_arrays(frame: pd.DataFrame, columns, column_axis: bool) -> Arrays:
    return _arrays({column: frame[column].to_numpy() for column in columns}, column_axis)


def rows_as_arrays(rows: list[dict], columns, column_axis: bool) -> Arrays:
    """The same arrays as from a frame of these rows, without building the frame (pages rank with NumPy only)."""
    return _arrays({column: np.array([row[column] for row in rows], dtype=object if column == "kind" else None)
                    for column in columns}, column_axis)


def _arrays(columns: dict[str, np.ndarray], column_axis: bool) -> Arrays:
    values = {}
    for column, array in columns.items():
        if column != "kind" and array.dtype.kind in "iuO":
            array = array.astype(np.int32)  # half the memory traffic of int64; every mask fits
        values[column] = array[:, None] if column_axis else array
    return Arrays(values)


# --- the rule, over arrays ------------------------------------------------------------------------------

def _travel_minutes(p: Arrays, o: Arrays) -> np.ndarray:
    matrix = province_minutes()[1]
    known = (p.province_idx >= 0) & (o.province_idx >= 0)
    minutes = np.where(known, matrix[np.maximum(p.province_idx, 0), np.maximum(o.province_idx, 0)], np.inf)
    same_district = known & (p.province_idx == o.province_idx) & (p.district == o.district) & \
        (o.district != 0)
    return np.where(same_district, float(SAME_DISTRICT_MINUTES), minutes)


@lru_cache(maxsize=1)
def _least_minutes() -> np.ndarray:
    """Province to province, the shortest a trip can be (same district inside one province); a last row and
    column of infinity stand for an unknown place, so index -1 finds them."""
    minutes = province_minutes()[1].copy()
    np.fill_diagonal(minutes, SAME_DISTRICT_MINUTES)
    return np.pad(minutes, ((0, 1), (0, 1)), constant_values=np.inf)


def _reach(p: Arrays) -> np.ndarray:
    return np.where(p.travel_daily, p.max_travel_minutes, np.minimum(p.max_travel_minutes, NO_DAILY_TRAVEL_MINUTES))


def _cheap_filters(p: Arrays, o: Arrays) -> dict[str, np.ndarray]:
    """The hard filters that need no travel time: cheap enough to run on every pair first."""
    return {
        "language": (p.lang_mask & o.lang_bit) != 0,
        "reading": p.reading_rank >= o.reading_rank,
        "schedule": ((o.days_mask & ~p.days_mask) == 0) & (o.hours_from >= p.hours_from) &
                    (o.hours_to <= p.hours_to),
        "childcare": ~p.childcare_needed | o.childcare_offered,
        "paid": ~p.must_earn | (o.monthly_pay > 0) | o.paid_by_scholarship,
    }


def evaluate(p: Arrays, o: Arrays, weights: dict[str, float]) -> dict[str, np.ndarray]:
    """Hard filters, the five parts and the weighted score, for every (participant, opportunity) pair.

    `p` and `o` either broadcast against each other (a column of participants, a row of opportunities) or
    are aligned 1-D arrays of pairs.
    """
    minutes = np.where(o.online, 0.0, _travel_minutes(p, o))
    reach = _reach(p)
    filters = _cheap_filters(p, o)
    filters["place"] = o.online | (minutes <= reach) | p.relocate
    eligible = filters["language"] & filters["reading"] & filters["place"] & filters["schedule"] & \
        filters["childcare"] & filters["paid"]

    required = np.bitwise_count(o.skills_required)
    have_required = np.bitwise_count(o.skills_required & p.skill_mask)
    taught = np.bitwise_count(o.skills_taught)
    new_taught = np.bitwise_count(o.skills_taught & ~p.skill_mask)
    fit = np.where(required > 0, have_required / np.maximum(required, 1), 1.0)
    learn = np.where(taught > 0, new_taught / np.maximum(taught, 1), 0.0)
    parts = {
        "interest": 0.7 * ((p.sector_mask & o.sector_bit) != 0) + 0.3 * (p.goal_idx == o.goal_idx),
        "skills": 0.6 * fit + 0.4 * learn,
        "demand": o.demand_score,
        "pay": np.clip(np.where(o.paid_by_scholarship, p.monthly_need, o.monthly_pay) / p.monthly_need, 0.0, 1.0),
        "distance": np.where(np.isfinite(minutes), 1.0 - np.clip(minutes / FAR_MINUTES, 0.0, 1.0), 0.0),
    }
    total = sum(weights[name] for name in COMPONENTS)
    score = sum(weights[name] * parts[name] for name in COMPONENTS) / total
    return {"eligible": eligible, "score": np.where(eligible, score, -1.0), "minutes": minutes, **parts,
            **{f"ok_{name}": value for name, value in filters.items()}}


def rank_top(participant: dict, options: Arrays, weights: dict[str, float], limit: int,
             paid_by_scholarship: np.ndarray | None = None) -> list[dict]:
    """The `limit` best eligible opportunities, as `rank_one` orders them (best score first, then lowest id,
    then position), each as a row of plain values: every column of `options` (extra ones, such as a place's
    code, come along) and the rule's parts. Only the chosen rows are built."""
    count = len(options.id)
    if not count:
        return []
    p = rows_as_arrays([participant], PARTICIPANT_COLUMNS, column_axis=False)
    p = Arrays({k: v[0] for k, v in p.values.items()})
    o = options if paid_by_scholarship is None else Arrays({**options.values,
                                                            "paid_by_scholarship": paid_by_scholarship})
    result = evaluate(p, o, weights)
    eligible = np.flatnonzero(np.broadcast_to(result["eligible"], (count,)))
    score = np.broadcast_to(result["score"], (count,))[eligible]
    chosen = eligible[np.lexsort((o.id[eligible], -score))[:limit]]  # lexsort is stable: position breaks ties
    columns = {name: values[chosen].tolist() for name, values in o.values.items()}
    columns.update({name: np.broadcast_to(values, (count,))[chosen].tolist() for name, values in result.items()})
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def rank_one(participant: dict, opportunities: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    """Every opportunity for one participant, eligible ones first by score, with the parts of the score."""
    if opportunities.empty:
        return opportunities.assign(score=[], eligible=[])
    p = rows_as_arrays([participant], PARTICIPANT_COLUMNS, column_axis=False)
    p = Arrays({k: v[0] for k, v in p.values.items()})
    o = _as_arrays(opportunities, OPPORTUNITY_COLUMNS, column_axis=False)
    result = evaluate(p, o, weights)
    frame = opportunities.copy()
    for name, values in result.items():
        frame[name] = np.broadcast_to(values, (len(frame),))
    return frame.sort_values(["eligible", "score", "id"], ascending=[False, False, True], kind="stable")


def rank_many(participants: pd.DataFrame, opportunities: pd.DataFrame, weights: dict[str, float],
              top: int = 20, block: int = 512) -> np.ndarray:
    """Each participant's best eligible opportunities (row positions, best first); -1 pads short lists.

    Per block of participants: the cheap filters run on every pair, then travel, place and score only on the
    pairs left, as flat arrays. Ties are broken by row position, as in `naive_rank_many`.
    """
    o = _as_arrays(opportunities, OPPORTUNITY_COLUMNS, column_axis=False)
    best = np.full((len(participants), top), -1, dtype=np.int64)
    for start in range(0, len(participants), block):
        chunk = participants.iloc[start:start + block]
        p = _as_arrays(chunk, PARTICIPANT_COLUMNS, column_axis=True)
        cheap = _cheap_filters(p, o)
        # A province-level bound on travel drops far places before any exact travel time is looked up.
        near = _least_minutes()[p.province_idx[:, 0]] <= _reach(p)
        maybe_reachable = np.take(near, o.province_idx, axis=1) | o.online | p.relocate
        keep = cheap["language"] & cheap["reading"] & cheap["schedule"] & cheap["childcare"] & cheap["paid"] & \
            maybe_reachable
        pi, oi = np.nonzero(keep)
        pairs_p = Arrays({name: values[pi, 0] for name, values in p.values.items()})
        pairs_o = Arrays({name: values[oi] for name, values in o.values.items()})
        result = evaluate(pairs_p, pairs_o, weights)
        ok = result["eligible"]
        pi, oi, score = pi[ok], oi[ok], result["score"][ok]
        order = np.lexsort((oi, -score, pi))
        pi, oi = pi[order], oi[order]
        rank = np.arange(len(pi)) - np.searchsorted(pi, np.arange(len(chunk)))[pi]
        shown = rank < top
        best[start + pi[shown], rank[shown]] = oi[shown]
    return best


# --- the same rule, one pair at a time (for tests and the benchmark) -----------------------------------

def naive_match(p: dict, o: dict, weights: dict[str, float]) -> tuple[bool, float]:
    """(eligible, score) for one pair, written plainly with Python numbers."""
    index, matrix = province_minutes()
    if o["online"]:
        minutes = 0.0
    elif p["province_idx"] < 0 or o["province_idx"] < 0:
        minutes = float("inf")
    elif p["province_idx"] == o["province_idx"] and o["district"] and p["district"] == o["district"]:
        minutes = float(SAME_DISTRICT_MINUTES)
    else:
        minutes = float(matrix[p["province_idx"], o["province_idx"]])
    reach = p["max_travel_minutes"] if p["travel_daily"] else min(p["max_travel_minutes"], NO_DAILY_TRAVEL_MINUTES)
    eligible = (
        (p["lang_mask"] & o["lang_bit"]) != 0
        and p["reading_rank"] >= o["reading_rank"]
        and (o["online"] or minutes <= reach or p["relocate"])
        and (o["days_mask"] & ~p["days_mask"]) == 0
        and o["hours_from"] >= p["hours_from"] and o["hours_to"] <= p["hours_to"]
        and (not p["childcare_needed"] or o["childcare_offered"])
        and (not p["must_earn"] or o["monthly_pay"] > 0 or o["paid_by_scholarship"])
    )
    if not eligible:
        return False, -1.0
    required = int(o["skills_required"]).bit_count()
    have = int(o["skills_required"] & p["skill_mask"]).bit_count()
    taught = int(o["skills_taught"]).bit_count()
    new = int(o["skills_taught"] & ~p["skill_mask"]).bit_count()
    fit = have / required if required else 1.0
    learn = new / taught if taught else 0.0
    pay = p["monthly_need"] if o["paid_by_scholarship"] else o["monthly_pay"]
    parts = {
        "interest": 0.7 * ((p["sector_mask"] & o["sector_bit"]) != 0) + 0.3 * (p["goal_idx"] == o["goal_idx"]),
        "skills": 0.6 * fit + 0.4 * learn,
        "demand": o["demand_score"],
        "pay": min(max(pay / p["monthly_need"], 0.0), 1.0),
        "distance": 1.0 - min(max(minutes / FAR_MINUTES, 0.0), 1.0) if minutes != float("inf") else 0.0,
    }
    total = sum(weights[name] for name in COMPONENTS)
    return True, sum(weights[name] * parts[name] for name in COMPONENTS) / total


def naive_rank_many(participants: pd.DataFrame, opportunities: pd.DataFrame, weights: dict[str, float],
                    top: int = 20) -> list[list[int]]:
    people = participants.to_dict("records")
    options = opportunities.to_dict("records")
    ranked = []
    for p in people:
        scored = []
        for position, o in enumerate(options):
            eligible, score = naive_match(p, o, weights)
            if eligible:
                scored.append((-score, position))
        scored.sort()
        ranked.append([position for _score, position in scored[:top]])
    return ranked
