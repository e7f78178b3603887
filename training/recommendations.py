"""What the site recommends to a participant, and why, in plain words.

Reads open courses and published posts into columns of NumPy arrays (no pandas on a page), ranks them with
`training.matching`, and explains the few that are shown. Staff can also ask which participants a course fits.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sqlalchemy as sa
from flask_babel import format_decimal
from flask_babel import gettext as _

from core import audit, versioned_cache
from core.extensions import db
from core.models import User
from training import matching
from training.employer_models import WorkPost, public_posts
from training.geo import place_name
from training.models import Course, DemandRecord, MatchWeight, Profile
from training.safety import WORK_DAYS_PER_MONTH
from training.vocabulary import READING_RANK, SECTORS, SKILLS


def current_weights() -> dict[str, float]:
    stored = {row.name: row.weight for row in db.session.scalars(sa.select(MatchWeight))}
    return {name: stored.get(name, default) for name, default in matching.DEFAULT_WEIGHTS.items()}


def set_weights(staff: User, weights: dict[str, float]) -> None:
    if any(value < 0 for value in weights.values()) or sum(weights.values()) <= 0:
        raise ValueError("weights must be non-negative and not all zero")
    before = current_weights()
    for name in matching.COMPONENTS:
        row = db.session.get(MatchWeight, name) or MatchWeight(name=name, weight=0)
        row.weight = float(weights[name])
        db.session.add(row)
    audit.record("matching.weights", "match_weights", None, actor=staff, detail={"before": before, "after": weights})
    db.session.flush()


def demand_scores() -> dict[tuple[str, str], tuple[float, DemandRecord]]:
    """Latest demand per (province, occupation), scored 0..1 from open jobs and their trend."""
    latest = sa.select(DemandRecord.province_code, DemandRecord.isco_code,
                       sa.func.max(DemandRecord.source_date).label("latest")) \
        .group_by(DemandRecord.province_code, DemandRecord.isco_code).subquery()
    rows = db.session.scalars(sa.select(DemandRecord).join(latest, sa.and_(
        DemandRecord.province_code == latest.c.province_code, DemandRecord.isco_code == latest.c.isco_code,
        DemandRecord.source_date == latest.c.latest))).all()
    return {(r.province_code, r.isco_code): (
        min(r.vacancies / matching.DEMAND_FULL_VACANCIES, 1.0) * matching.TREND_FACTOR[r.trend], r) for r in rows}


def opportunities() -> matching.Arrays:
    """Every open course with seats left and every published post with openings, as columns: the arrays the
    ranking reads, and each one's province and occupation codes (for the reasons shown). Kept in each worker
    until a course, post, employer or demand figure changes (core.versioned_cache); read with plain column
    queries, not objects. Shared by every request of the worker: read, never changed."""
    return versioned_cache.cached(OPPORTUNITIES_CACHE, _build_opportunities)


def _build_opportunities() -> matching.Arrays:
    demand = demand_scores()
    rows = []
    courses = db.session.execute(sa.select(
        Course.id, Course.teaching_language, Course.reading_level_needed, Course.province_code,
        Course.district_code, Course.online, Course.days_mask, Course.hours_from, Course.hours_to,
        Course.childcare_offered, Course.stipend_thb_month, Course.sector, Course.skills_taught, Course.isco_code)
        .where(Course.is_open, Course.seats_taken < Course.seats))
    for c in courses:
        rows.append(_row("course", c.id, c.teaching_language, c.reading_level_needed, c.province_code,
                         c.district_code, c.online, c.days_mask, c.hours_from, c.hours_to, c.childcare_offered,
                         c.stipend_thb_month, c.sector, [], c.skills_taught, c.isco_code, demand))
    posts = db.session.execute(sa.select(
        WorkPost.kind, WorkPost.id, WorkPost.language, WorkPost.reading_level_needed, WorkPost.province_code,
        WorkPost.district_code, WorkPost.days_mask, WorkPost.hours_from, WorkPost.hours_to,
        WorkPost.childcare_offered, WorkPost.pay_amount_thb, WorkPost.pay_period, WorkPost.sector,
        WorkPost.skills_required, WorkPost.skills_taught, WorkPost.isco_code)
        .where(public_posts(), WorkPost.filled < WorkPost.openings))
    for p in posts:
        monthly = 0 if p.pay_amount_thb is None else (
            p.pay_amount_thb if p.pay_period == "month" else p.pay_amount_thb * WORK_DAYS_PER_MONTH)
        rows.append(_row(p.kind, p.id, p.language, p.reading_level_needed, p.province_code, p.district_code, False,
                         p.days_mask, p.hours_from, p.hours_to, p.childcare_offered, monthly, p.sector,
                         p.skills_required, p.skills_taught, p.isco_code, demand))
    arrays = matching.rows_as_arrays(rows, matching.OPPORTUNITY_COLUMNS, column_axis=False)
    codes = {name: np.array([row[name] for row in rows], dtype=object) for name in ("province_code", "isco_code")}
    return matching.Arrays({**arrays.values, **codes})


def _row(kind, id_, language, reading, province, district, online, days, hours_from, hours_to, childcare,
         monthly_pay, sector, required, taught, isco, demand) -> dict:
    return {
        "kind": kind, "id": id_, "lang_bit": matching.language_mask([language]),
        "reading_rank": READING_RANK.get(reading, 0), "province_idx": matching.province_index(province),
        "district": int(district or 0), "online": bool(online), "days_mask": days, "hours_from": hours_from,
        "hours_to": hours_to, "childcare_offered": bool(childcare), "monthly_pay": int(monthly_pay or 0),
        "sector_bit": matching.sector_mask([sector]), "skills_required": matching.skill_mask(required),
        "skills_taught": matching.skill_mask(taught), "goal_idx": matching.goal_index_of_kind(kind),
        "demand_score": demand.get((province, isco), (0.0, None))[0], "paid_by_scholarship": False,
        "province_code": province, "isco_code": isco,
    }


OPPORTUNITIES_CACHE = "opportunities"


@dataclass
class Match:
    kind: str
    item: object
    score: float
    reasons: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)


def matches_for(profile: Profile, limit: int = 20, scholarship_course_ids: frozenset[int] = frozenset(),
                locale: str = "en") -> list[Match]:
    options = opportunities()
    if not len(options.id):
        return []
    paid = None
    if scholarship_course_ids:
        paid = (options.kind == "course") & np.isin(options.id, list(scholarship_course_ids))
    ranked = matching.rank_top(matching.encode_participant(profile), options, current_weights(), limit,
                               paid_by_scholarship=paid)
    courses = {c.id: c for c in db.session.scalars(sa.select(Course).where(
        Course.id.in_([row["id"] for row in ranked if row["kind"] == "course"])))}
    posts = {p.id: p for p in db.session.scalars(sa.select(WorkPost).where(
        WorkPost.id.in_([row["id"] for row in ranked if row["kind"] != "course"])))}
    demand = demand_scores()
    results = []
    for row in ranked:
        item = courses.get(row["id"]) if row["kind"] == "course" else posts.get(row["id"])
        reasons, cautions = explain(profile, row, item, demand, locale)
        results.append(Match(row["kind"], item, float(row["score"]), reasons, cautions))
    return results


def _minutes(minutes: float) -> int:
    return int(round(minutes / 5) * 5 or 5)


def _away(place: str, minutes: float) -> str:
    """Whole sentences, each translated as one: a time pasted into a sentence stayed English in some languages."""
    if minutes < 60:
        return _("It is in %(place)s, about %(n)d minutes away.", place=place, n=_minutes(minutes))
    return _("It is in %(place)s, about %(n)s hours away.", place=place, n=format_decimal(round(minutes / 30) / 2))


def explain(profile: Profile, row: dict, item, demand, locale: str) -> tuple[list[str], list[str]]:
    """Short plain sentences: why this fits, and what may be hard."""
    reasons, cautions = [], []
    if row["interest"] >= 0.7:
        reasons.append(_("You are interested in %(sector)s.", sector=SECTORS.get(item.sector, item.sector)))
    have = set((profile.skills or {}).keys())
    required = set(getattr(item, "skills_required", []) or [])
    taught = set(item.skills_taught or [])
    if required & have:
        reasons.append(_("You already have %(n)d of the %(total)d skills it needs.", n=len(required & have),
                         total=len(required)))
    missing = sorted(required - have)
    if missing:
        cautions.append(_("It needs a skill you have not listed: %(skills)s.",
                          skills=", ".join(str(SKILLS.get(s, s)) for s in missing)))
    new = sorted(taught - have)
    if new:
        reasons.append(_("You would learn: %(skills)s.", skills=", ".join(str(SKILLS.get(s, s)) for s in new)))
    found = demand.get((row["province_code"], row["isco_code"]))
    if found and found[0] >= 0.5:
        reasons.append(_("Many jobs like this in %(place)s (%(n)d open).",
                         place=place_name(row["province_code"], None, locale), n=found[1].vacancies))
    if row["monthly_pay"] > 0:
        reasons.append(_("Pays about %(amount)s baht a month.", amount=format_decimal(row["monthly_pay"])))
        if row["monthly_pay"] < (profile.monthly_need_thb or matching.DEFAULT_MONTHLY_NEED):
            cautions.append(_("It pays less than you said you need."))
    elif row["paid_by_scholarship"]:
        reasons.append(_("Your scholarship pays for it."))
    else:
        cautions.append(_("It does not pay while you learn."))
    if getattr(item, "cost_thb", 0):
        cautions.append(_("It costs %(amount)s baht.", amount=format_decimal(item.cost_thb)))
    minutes = row["minutes"]
    if row["online"]:
        reasons.append(_("You can take it online."))
    elif np.isfinite(minutes) and minutes <= 30:
        reasons.append(_("It is close to you: about %(n)d minutes away.", n=_minutes(minutes)))
    elif np.isfinite(minutes):
        cautions.append(_away(place_name(row["province_code"], None, locale), minutes))
        if minutes > (profile.max_travel_minutes if profile.travel_daily else matching.NO_DAILY_TRAVEL_MINUTES):
            cautions.append(_("You would need to move there."))
    if getattr(item, "childcare_offered", False) and profile.childcare_needed:
        reasons.append(_("Childcare is offered."))
    return reasons, cautions


PARTICIPANTS_CACHE = "participants"


def _participant_arrays() -> tuple[np.ndarray, matching.Arrays]:
    """Every profile of a person still here, encoded once per version of the profiles (not per page): their
    account ids and the arrays the rule reads."""
    profiles = db.session.scalars(sa.select(Profile).join(User).where(User.anonymised_at.is_(None))
                                  .order_by(Profile.user_id)).all()
    rows = [matching.encode_participant(p) for p in profiles]
    return (np.array([p.user_id for p in profiles], dtype=np.int64),
            matching.rows_as_arrays(rows, matching.PARTICIPANT_COLUMNS, column_axis=True))


def participants_for_course(course: Course, limit: int = 50) -> list[tuple[User, float]]:
    """For staff: which participants this course fits, best first."""
    user_ids, people = versioned_cache.cached(PARTICIPANTS_CACHE, _participant_arrays)
    if not len(user_ids):
        return []
    option = matching.rows_as_arrays([_row(
        "course", course.id, course.teaching_language, course.reading_level_needed, course.province_code,
        course.district_code, course.online, course.days_mask, course.hours_from, course.hours_to,
        course.childcare_offered, course.stipend_thb_month, course.sector, [], course.skills_taught,
        course.isco_code, demand_scores())], matching.OPPORTUNITY_COLUMNS, column_axis=False)
    scores = matching.evaluate(people, option, current_weights())["score"][:, 0]
    order = [int(user_ids[i]) for i in np.argsort(-scores, kind="stable")[:limit] if scores[i] >= 0]
    score_of = dict(zip(user_ids.tolist(), scores.tolist(), strict=True))
    # The people shown, in one statement (not one per person); one anonymised since the arrays were built is not.
    users = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(order),
                                                                       User.anonymised_at.is_(None)))}
    return [(users[uid], float(score_of[uid])) for uid in order if uid in users]
