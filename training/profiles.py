"""Participants' profiles: read and change them; staff changes are audited; data export and anonymising."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from core import audit
from core.extensions import db
from core.models import User
from core.refusal import Refusal
from training.geo import place_name
from training.models import Application, PathwayStep, PlacementCheckIn, Profile
from training.vocabulary import mask_to_days

PROFILE_FIELDS = ("languages_spoken", "languages_read", "reading_level", "province_code", "district_code",
                  "travel_daily", "max_travel_minutes", "relocate", "days_mask", "hours_from", "hours_to",
                  "childcare_needed", "must_earn", "monthly_need_thb", "sectors", "skills", "goal")


class ProfileError(Refusal):
    """A refusal from this feature's services."""


def profile_of(user: User, create: bool = False) -> Profile | None:
    profile = db.session.get(Profile, user.id)
    if profile is None and create:
        profile = Profile(user_id=user.id, languages_spoken=["th"], languages_read=[], sectors=[], skills={})
        db.session.add(profile)
    return profile


def update_profile(participant: User, changes: dict, by: User) -> list[str]:
    """Save the profile. When staff make the change it is written in the audit log (field names only)."""
    if changes.get("hours_from") is not None and changes.get("hours_to") is not None \
            and changes["hours_from"] >= changes["hours_to"]:
        raise ProfileError(_l("The end time must be after the start time."), "hours_to")
    if changes.get("district_code") and changes.get("province_code") \
            and not changes["district_code"].startswith(changes["province_code"]):
        raise ProfileError(_l("This district is not in the province you chose."), "district_code")
    profile = profile_of(participant, create=True)
    changed = [f for f in PROFILE_FIELDS if f in changes and getattr(profile, f) != changes[f]]
    for field in changed:
        setattr(profile, field, changes[field])
    if changed and by.id != participant.id:
        audit.record("participant.profile_update", "participant", participant.id, actor=by,
                     detail={"fields": changed})
    db.session.flush()
    return changed


def export_profile(user: User) -> list[dict]:
    profile = profile_of(user)
    if profile is None:
        return []
    row = {field: getattr(profile, field) for field in PROFILE_FIELDS}
    row["days"] = mask_to_days(row.pop("days_mask"))
    row["place"] = place_name(profile.province_code, profile.district_code)
    return [row]


def export_pathway(user: User) -> list[dict]:
    steps = db.session.scalars(select(PathwayStep).where(PathwayStep.participant_id == user.id)).all()
    return [{"step": s.step, "date": s.on_date, "course_id": s.course_id, "post_id": s.post_id, "note": s.note}
            for s in steps]


def export_applications(user: User) -> list[dict]:
    rows = db.session.scalars(select(Application).where(Application.participant_id == user.id)).all()
    return [{"course_id": a.course_id, "post_id": a.post_id, "status": a.status,
             "shared_with_employer": a.shared_fields, "message": a.message, "created_at": a.created_at}
            for a in rows]


def export_check_ins(user: User) -> list[dict]:
    rows = db.session.scalars(select(PlacementCheckIn).where(PlacementCheckIn.participant_id == user.id)
                              .order_by(PlacementCheckIn.due_on)).all()
    return [{"months_after_start": c.month, "due": c.due_on, "status": c.status, "answered": c.answered_on,
             "still_working": c.still_working, "paid_as_promised": c.paid_as_promised, "problems": c.problems,
             "note": c.note, "wants_help": c.wants_help} for c in rows]


def anonymise_check_ins(user: User) -> None:
    """The answers stay counted in retention figures; the person's own words go."""
    db.session.execute(update(PlacementCheckIn).where(PlacementCheckIn.participant_id == user.id).values(note=""))


def anonymise_training_data(user: User) -> None:
    """Keep counts (applications, steps) for reports; remove what describes the person."""
    profile = profile_of(user)
    if profile is not None:
        db.session.delete(profile)
    db.session.execute(update(Application).where(Application.participant_id == user.id)
                       .values(message="", shared_fields=[]))
    db.session.execute(update(PathwayStep).where(PathwayStep.participant_id == user.id).values(note=""))
