"""Applications and the pathway: apply, offer, enrol, complete, exit exam, apprenticeship, hire.

A participant may decline an offer or withdraw at any step, with no reason asked and nothing lost: the record
stays visible to them and they can apply again. Seats are taken with one conditional UPDATE, so two staff
accepting people for the last seat at the same moment cannot both succeed.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit, clock, notify
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import Role, User
from core.unit_of_work import savepoint
from privacy import services as privacy
from training.employer_models import WorkPost
from training.geo import place_name
from training.models import (
    APPLICATION_LIFECYCLE,
    OPEN_APPLICATION_STATUSES,
    Application,
    ApplicationState,
    Course,
    PathwayStep,
    Profile,
)
from training.refusals import PathwayError
from training.vocabulary import LANGUAGES, SKILLS

SHAREABLE_FIELDS = {
    "display_name": _l("My name"), "phone": _l("My phone number"), "email": _l("My e-mail"),
    "languages": _l("Languages I speak"), "skills": _l("My skills"), "place": _l("Where I live"),
}
# What the employer reads beside each shared detail (core.labels: the list's twin, said of the participant).
SHAREABLE_ABOUT = {"display_name": _l("Name"), "phone": _l("Phone number"), "email": _l("E-mail"),
                   "languages": _l("Languages spoken"), "skills": _l("Skills"), "place": _l("Where they live")}
STAFF_STEPS = ("enrolled", "completed", "exam_passed", "exam_failed", "apprenticeship_started",
               "apprenticeship_completed", "business_training_completed")


OUTCOME_EVENTS = {"hired": "hire", "not_hired": "not_hire"}
# A post its employer paused or closed: what a person who tries to apply is told (nothing is sent).
NOT_TAKING = {
    "paused": _l("The employer has paused this offer: it is not taking applications now. Nothing was sent."),
    "closed": _l("This offer is closed: it is not taking applications. Nothing was sent. You can apply to other "
                 "offers."),
}  # what the employer records -> the event


def _step(participant_id: int, step: str, on: date, by: User | None, application: Application | None = None,
          note: str = "") -> PathwayStep:
    post = application.post if application and application.post_id else None
    row = PathwayStep(participant_id=participant_id, step=step, on_date=on, note=note,
                      recorded_by_id=by.id if by else None,
                      application_id=application.id if application else None,
                      course_id=application.course_id if application else None,
                      post_id=application.post_id if application else None,
                      province_code=post.province_code if post else None)  # counted there (impact)
    db.session.add(row)
    return row


def _open_application(participant_id: int, course_id: int | None, post_id: int | None) -> Application | None:
    return db.session.scalar(sa.select(Application).where(
        Application.participant_id == participant_id, Application.status.in_(OPEN_APPLICATION_STATUSES),
        Application.course_id == course_id if course_id else Application.post_id == post_id))


def apply_to_course(participant: User, course: Course, today: date, by: User | None = None) -> Application:
    if not course.is_open:
        raise PathwayError(_l("This course is not taking applications."))
    if _open_application(participant.id, course.id, None):
        raise PathwayError(_l("You have already applied to this course."))
    application = Application(participant_id=participant.id, course_id=course.id,
                              created_by_id=(by or participant).id)
    db.session.add(application)
    db.session.flush()
    _step(participant.id, "applied", today, by or participant, application)
    audit.record("application.create", "application", application.id, actor=by or participant,
                 detail={"on_behalf": by is not None and by.id != participant.id})
    db.session.flush()
    return application


def apply_to_post(participant: User, post: WorkPost, shared_fields: list[str], message: str, today: date,
                  by: User | None = None) -> Application:
    """Only the fields the participant ticks are ever shown to the employer, and only after consent."""
    if post.status in NOT_TAKING:
        raise PathwayError(NOT_TAKING[post.status])
    if not post.is_public:
        raise PathwayError(_l("This offer is not open."))
    if not privacy.has_consent(participant, "share_with_employers"):
        raise PathwayError(_l("First agree that employers may see what you choose to share."), "shared_fields")
    shared = [f for f in shared_fields if f in SHAREABLE_FIELDS]
    if not {"phone", "email"} & set(shared):
        raise PathwayError(_l("Share at least one way to contact you: phone or e-mail."), "shared_fields")
    # A way ticked but empty on record would leave the employer with no way to answer (issue 33).
    if "phone" in shared and not (participant.phone or "").strip():
        raise PathwayError(_l("We have no phone number for you. Add it on \"How to reach me\", or share your "
                              "e-mail instead."), "shared_fields")
    if "email" in shared and not (participant.email or "").strip():
        raise PathwayError(_l("We have no e-mail address for you. Add it on \"How to reach me\", or share your "
                              "phone number instead."), "shared_fields")
    if _open_application(participant.id, None, post.id):
        raise PathwayError(_l("You have already applied to this offer."))
    application = Application(participant_id=participant.id, post_id=post.id, shared_fields=shared,
                              message=message.strip(), created_by_id=(by or participant).id)
    try:
        with savepoint():  # "Send" pressed twice at once: the unique index lets one stand, the other is told
            db.session.add(application)
            db.session.flush()
    except sa.exc.IntegrityError:
        raise PathwayError(_l("You have already applied to this offer.")) from None
    _step(participant.id, "applied", today, by or participant, application)
    audit.record("application.create", "application", application.id, actor=by or participant)
    from training.employers import tell_members  # employers reads this module's models

    # Only the post and a number: who applied, and what they share, is on the employer's page.
    tell_members(post.organisation, "application.received",
                 link=notify.path_for("employer.post_applications", post_id=post.id), title=post.title,
                 number=str(application.id))
    db.session.flush()
    return application


def take_seat(course_id: int) -> bool:
    """One statement: it succeeds only while a seat is left. The CHECK constraint backs it up."""
    result = changed_rows(sa.update(Course).where(Course.id == course_id, Course.seats_taken < Course.seats)
                                .values(seats_taken=Course.seats_taken + 1))
    return result == 1


OFFER_ANSWER_DAYS = 7  # when whoever makes an offer gives no answer-by date
REMIND_DAYS_BEFORE = 2


def _answer_by(today: date, answer_by: date | None) -> date:
    if answer_by is None:
        return today + timedelta(days=OFFER_ANSWER_DAYS)
    if answer_by < today:
        raise PathwayError(_l("The answer-by date cannot be in the past."), "answer_by")
    return answer_by


def _title(application: Application) -> str:
    return application.course.title if application.course_id and application.course else \
        (application.post.title if application.post else "")


def _tell_about_offer(application: Application, offered_by: User) -> None:
    application.offered_by_id = offered_by.id
    application.reminded_at = None
    notify.notify(application.participant, "offer.made", link=notify.path_for("training.my_pathway"),
                  title=_title(application), date=application.answer_by)


def offer_course_place(application: Application, staff: User, today: date, answer_by: date | None = None) -> None:
    """Staff accept an applicant: a seat is held for them until they decline or withdraw, and they are asked
    to say yes by a date. Not answering by then closes nothing."""
    refused = PathwayError(_l("Only a new course application can be accepted."))
    if application.course_id is None or not APPLICATION_LIFECYCLE.allows(application.status, "offer"):
        raise refused
    if not take_seat(application.course_id):
        raise PathwayError(_l("The course is full. No seat was taken."))
    answer = _answer_by(today, answer_by)
    APPLICATION_LIFECYCLE.apply(application, "offer", actor=staff, action="application.offer", refusal=refused)
    application.holds_seat = True
    application.answer_by = answer
    _step(application.participant_id, "accepted", today, staff, application)
    _tell_about_offer(application, staff)
    db.session.flush()


def offer_post(application: Application, employer: User, today: date, answer_by: date | None = None) -> None:
    refused = PathwayError(_l("Only a new application can get an offer."))
    if application.post_id is None:
        raise refused
    answer = _answer_by(today, answer_by)
    APPLICATION_LIFECYCLE.apply(application, "offer", actor=employer, action="application.offer", refusal=refused)
    application.answer_by = answer
    _tell_about_offer(application, employer)
    db.session.flush()


def accept_offer(application: Application, participant: User, today: date, recorded_by: User | None = None) -> None:
    """The person says yes to an offer (or staff record a yes given in person). The pathway moves on, and
    whoever made the offer is told."""
    if application.participant_id != participant.id:
        raise PathwayError(_l("This is not your application."))
    by = recorded_by or participant
    APPLICATION_LIFECYCLE.apply(application, "accept", actor=by, action="application.accepted",
                                audit_as=("participant", participant.id),
                                refusal=PathwayError(_l("Only an open offer can be accepted.")))
    _step(participant.id, "offer_accepted", today, by, application,
          note="" if recorded_by is None else str(_l("Recorded by staff: said yes in person.")))
    _tell_offer_maker(application, "offer.accepted")
    db.session.flush()


def _tell_offer_maker(application: Application, kind: str) -> None:
    maker = db.session.get(User, application.offered_by_id) if application.offered_by_id else None
    if maker is not None:
        notify.notify(maker, kind, title=_title(application), number=str(application.id))


def remind_unanswered_offers(today: date | None = None) -> int:
    """Scheduled daily: one reminder two days before the answer-by date. Past the date nothing closes; the
    offer waits, and staff see it as unanswered."""
    today = today or clock.today()
    due = db.session.scalars(sa.select(Application).where(
        Application.status == ApplicationState.OFFERED.value, Application.reminded_at.is_(None),
        Application.answer_by.is_not(None), Application.answer_by <= today + timedelta(days=REMIND_DAYS_BEFORE),
        Application.answer_by >= today).order_by(Application.id)).all()
    for application in due:
        notify.notify(application.participant, "offer.reminder", link=notify.path_for("training.my_pathway"),
                      title=_title(application), date=application.answer_by)
        application.reminded_at = utcnow()
    db.session.flush()
    return len(due)


def _release_seat(application: Application) -> None:
    if application.holds_seat and application.course_id:
        db.session.execute(sa.update(Course).where(Course.id == application.course_id, Course.seats_taken > 0)
                           .values(seats_taken=Course.seats_taken - 1))
        application.holds_seat = False


def step_back(application: Application, participant: User, today: date) -> str:
    """Decline an offer, or withdraw an application or enrolment. No reason asked; nothing else changes."""
    if application.participant_id != participant.id:
        raise PathwayError(_l("This is not your application."))
    event = "decline" if application.status == "offered" else "withdraw"
    had_offer = application.status in ("offered", "accepted")
    step = APPLICATION_LIFECYCLE.apply(application, event, actor=participant,
                                       action=f"application.{'declined' if event == 'decline' else 'withdrawn'}",
                                       refusal=PathwayError(_l("This application is already closed.")))
    _release_seat(application)
    _step(participant.id, step.value, today, participant, application)
    if had_offer:
        _tell_offer_maker(application, "offer.declined")
    db.session.flush()
    return step.value


def record_step(application: Application, staff: User, step: str, on: date, note: str = "") -> None:
    """Staff record a dated step (enrolled, completed, exam passed or failed, apprenticeship...)."""
    if step not in STAFF_STEPS:
        raise PathwayError(_l("Unknown step."))
    if on > clock.today():
        raise PathwayError(_l("The date cannot be in the future."), "on_date")
    # The dated step is recorded on the person's pathway; two of them also move the application on.
    audit_as = ("participant", application.participant_id)
    if step == "enrolled":
        APPLICATION_LIFECYCLE.apply(application, "enrol", actor=staff, action="application.enrol", audit_as=audit_as,
                                    refusal=PathwayError(_l("Only someone who accepted a place can be enrolled.")))
    elif step == "completed":
        APPLICATION_LIFECYCLE.apply(application, "complete", actor=staff, action="application.complete",
                                    audit_as=audit_as,
                                    refusal=PathwayError(_l("Only an enrolled participant can complete.")))
        _release_seat(application)
    _step(application.participant_id, step, on, staff, application, note)
    if step == "apprenticeship_started":
        _schedule_check_ins(application, on)
    audit.record(f"pathway.{step}", "participant", application.participant_id, actor=staff)
    db.session.flush()


def _schedule_check_ins(application: Application, started_on: date) -> None:
    """At the hire (or the start of an apprenticeship): the check-ins, and the work's province then, where
    the impact figures count the hire for good."""
    from training import check_ins

    if application.post is not None and application.work_province_code is None:
        application.work_province_code = application.post.province_code
    check_ins.schedule(application, started_on)


def record_outcome(application: Application, employer: User, outcome: str, today: date) -> None:
    """The employer records hired / not hired for an application to their own post."""
    if outcome not in ("hired", "not_hired"):
        raise PathwayError(_l("Unknown outcome."))
    refused = PathwayError(_l("The outcome is already recorded."))
    if application.outcome or not APPLICATION_LIFECYCLE.allows(application.status, OUTCOME_EVENTS[outcome]):
        raise refused
    if outcome == "hired":
        filled = changed_rows(sa.update(WorkPost).where(WorkPost.id == application.post_id,
                                                              WorkPost.filled < WorkPost.openings)
                                    .values(filled=WorkPost.filled + 1))
        if filled != 1:
            raise PathwayError(_l("Every opening of this post is already filled."))
        kind = application.post.kind if application.post else "job"
        _step(application.participant_id, "apprenticeship_started" if kind == "apprenticeship" else "hired",
              today, employer, application)
        _schedule_check_ins(application, today)
    APPLICATION_LIFECYCLE.apply(application, OUTCOME_EVENTS[outcome], actor=employer,
                                action=f"application.{outcome}", refusal=refused)
    application.outcome = outcome
    if outcome == "hired":
        _tell_follow_up(application)
    db.session.flush()


def _tell_follow_up(application: Application) -> None:
    """A hire is work for programme staff (the check-ins): the staff member who approved the post is told,
    else the one who vetted the employer."""
    post = application.post
    staff_id = post.reviewed_by_id or post.organisation.verified_by_id if post else None
    staff = db.session.get(User, staff_id) if staff_id else None
    if staff is None or not staff.is_active or not staff.has_role(Role.STAFF, Role.ADMIN):
        return
    notify.notify(staff, "placement.hired", link=notify.path_for("training_staff.participant_profile",
                                                                  participant_id=application.participant_id),
                  title=_title(application), number=str(application.id))


# Once an application is withdrawn or closed without a hire, the employer no longer gets a way to contact
# the person; after a hire they are colleagues and keep it.
CONTACT_FIELDS = ("phone", "email")
KEEPS_CONTACT = OPEN_APPLICATION_STATUSES


def stop_sharing_with_employers(participant: User) -> None:
    """Consent to share with employers withdrawn: every application of the person stops sharing at once."""
    rows = db.session.scalars(sa.select(Application).where(Application.participant_id == participant.id,
                                                           Application.post_id.is_not(None))).all()
    for application in rows:
        if application.shared_fields:
            application.shared_fields = []
            audit.record("application.sharing_stopped", "application", application.id, actor=participant)
    db.session.flush()


def shared_views(rows: list[Application]) -> list[tuple[Application, dict[str, str]]]:
    """Exactly what the employer may see of each application: the ticked fields, and the message. Nothing
    about any programme. Nothing at all without the person's standing consent; no contact details once the
    application is withdrawn or closed (unless it ended in a hire). Consents and profiles of the whole list
    are read in one statement each; the applications come with their participant loaded."""
    people = {row.participant_id for row in rows}
    consenting = privacy.consenting(people, "share_with_employers")
    profiles = {p.user_id: p for p in db.session.scalars(sa.select(Profile).where(Profile.user_id.in_(people)))}
    views: list[tuple[Application, dict[str, str]]] = []
    for application in rows:
        if application.participant_id not in consenting:
            views.append((application, {}))
            continue
        person, profile = application.participant, profiles.get(application.participant_id)
        hired = application.outcome == "hired"
        fields = [f for f in application.shared_fields
                  if f not in CONTACT_FIELDS or application.status in KEEPS_CONTACT or hired]
        values = {
            "display_name": person.display_name, "phone": person.phone or "", "email": person.email or "",
            "languages": ", ".join(str(LANGUAGES.get(c, c)) for c in (profile.languages_spoken if profile else [])),
            "skills": ", ".join(str(SKILLS.get(c, c)) for c in ((profile.skills or {}) if profile else {})),
            "place": place_name(profile.province_code, profile.district_code) if profile else "",
        }
        views.append((application, {field: values[field] for field in fields if field in values}))
    return views


def pathway_of(participant_id: int) -> tuple[list[Application], list[PathwayStep]]:
    applications = db.session.scalars(sa.select(Application).where(Application.participant_id == participant_id)
                                      .order_by(Application.created_at.desc())).all()
    steps = db.session.scalars(sa.select(PathwayStep).where(PathwayStep.participant_id == participant_id)
                               .order_by(PathwayStep.on_date, PathwayStep.id)).all()
    return list(applications), list(steps)


# The grants side's eligibility rules, and the pathway step that meets each.
ELIGIBILITY_STEPS = {"completed_course": "completed", "passed_exit_exam": "exam_passed",
                     "completed_apprenticeship": "apprenticeship_completed",
                     "business_training": "business_training_completed"}


def eligibility_facts(participant_id: int) -> dict[str, bool]:
    """What the grants side asks of the training record: plain facts, read-only."""
    steps = set(db.session.scalars(sa.select(PathwayStep.step).where(PathwayStep.participant_id == participant_id)))
    return {rule: step in steps for rule, step in ELIGIBILITY_STEPS.items()}


def rule_met(rule: str, participant_id: Any) -> sa.ColumnElement[bool]:
    """The same fact as a condition on a participant id column, for a count over many people in one statement."""
    return sa.exists().where(PathwayStep.participant_id == participant_id,
                             PathwayStep.step == ELIGIBILITY_STEPS[rule])
