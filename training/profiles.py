"""Participants' profiles: read and change them; staff changes are audited; data export and anonymising."""
from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from core import audit
from core.extensions import db
from core.labels import Field
from core.models import User
from core.refusal import Refusal
from training.geo import place_name
from training.models import Application, PathwayStep, PlacementCheckIn, Profile
from training.vocabulary import mask_to_days

PROFILE_FIELDS = ("languages_spoken", "languages_read", "reading_level", "province_code", "district_code",
                  "travel_daily", "max_travel_minutes", "relocate", "days_mask", "hours_from", "hours_to",
                  "childcare_needed", "must_earn", "monthly_need_thb", "sectors", "skills", "goal")


F = Field
PROFILE_DATA_FIELDS = {
    "languages_spoken": F(_l("Languages I speak"), "list:language", _l("Languages spoken")),
    "languages_read": F(_l("Languages I read"), "list:language", _l("Languages read")),
    "reading_level": F(_l("Reading"), "reading_level"),
    "travel_daily": F(_l("I can travel every day"), "yes_no", _l("Can travel every day")),
    "max_travel_minutes": F(_l("Longest journey (minutes)"), "number"),
    "relocate": F(_l("I can move to another place"), "yes_no", _l("Can move to another place")),
    "hours_from": F(_l("From"), "hour"),
    "hours_to": F(_l("Until"), "hour"), "childcare_needed": F(_l("I need childcare"), "yes_no", _l("Needs childcare")),
    "must_earn": F(_l("I must earn money while I train"), "yes_no",
                   _l("Must earn money while training")),
    "monthly_need_thb": F(_l("Money I need each month"), "baht", _l("Money needed each month")),
    "sectors": F(_l("Work I am interested in"), "list:sector", _l("Work of interest")),
    "skills": F(_l("My skills"), "levels:skill:skill_level", _l("Skills")),
    "goal": F(_l("My goal"), "goal", _l("Goal")),
    "days": F(_l("Days I can come"), "list:weekday", _l("Days they can come")),
    "place": F(_l("Where I live"), about=_l("Where they live")),
}
APPLICATION_DATA_FIELDS = {
    "course": F(_l("Course")), "work": F(_l("Apprenticeship or job")),
    "status": F(_l("Where it stands"), "application_status"),
    "shared_with_employer": F(_l("What the employer may see"), "list:shareable_field"),
    "message": F(_l("Message")), "created_at": F(_l("Sent on"), "moment"),
}
PATHWAY_DATA_FIELDS = {
    "step": F(_l("Step"), "pathway_step"), "date": F(_l("Date"), "date"), "course": F(_l("Course")),
    "work": F(_l("Apprenticeship or job")), "note": F(_l("Note")),
}
CHECK_IN_DATA_FIELDS = {
    "months_after_start": F(_l("Months after starting work"), "number"), "due": F(_l("Due"), "date"),
    "status": F(_l("Where it stands"), "check_in_status"), "answered": F(_l("Answered on"), "date"),
    "still_working": F(_l("Still working there"), "yes_no"),
    "paid_as_promised": F(_l("Paid as promised"), "yes_no"),
    "problems": F(_l("Problems"), "list:check_in_problem"), "note": F(_l("In your words"), about=_l("In their words")),
    "wants_help": F(_l("Asked to be contacted"), "yes_no"),
}


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
    del row["province_code"], row["district_code"]  # written out as the place, in the reader's language
    row["place"] = place_name(profile.province_code, profile.district_code, str(get_locale() or "en"))
    return [row]


def export_pathway(user: User) -> list[dict]:
    steps = db.session.scalars(select(PathwayStep).where(PathwayStep.participant_id == user.id)
                               .options(joinedload(PathwayStep.course)).order_by(PathwayStep.on_date,
                                                                                 PathwayStep.id)).all()
    posts = _post_titles({s.post_id for s in steps if s.post_id})
    return [{"step": s.step, "date": s.on_date, "course": s.course.title if s.course else None,
             "work": posts.get(s.post_id) if s.post_id else None, "note": s.note} for s in steps]


def _post_titles(post_ids: set[int]) -> dict[int, str]:
    from training.employer_models import WorkPost

    return dict(db.session.execute(select(WorkPost.id, WorkPost.title).where(WorkPost.id.in_(post_ids))).all()) \
        if post_ids else {}


def export_applications(user: User) -> list[dict]:
    rows = db.session.scalars(select(Application).where(Application.participant_id == user.id)
                              .options(joinedload(Application.course), joinedload(Application.post))
                              .order_by(Application.id)).all()
    return [{"course": a.course.title if a.course else None, "work": a.post.title if a.post else None,
             "status": a.status, "shared_with_employer": a.shared_fields, "message": a.message,
             "created_at": a.created_at} for a in rows]


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
