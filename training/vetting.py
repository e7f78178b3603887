"""Staff vet employers. An organisation waits, unverified, until staff verify or refuse it, and publishes
nothing meanwhile (training.safety flags every post of an unverified employer). One that registered itself on
the public page waits from the moment its e-mail address is confirmed: only then is it on staff's list and are
staff told, so addresses typed by a robot make no work for anyone."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import Role, User
from core.notify import notify, path_for
from training.employer_models import EmployerMember, EmployerOrganisation, PostState, WorkPost
from training.employers import (
    POST_LIFECYCLE,
    EmployerError,
    _publish,
    another_post_held,
    held_by_staff,
    organisation_of,
    tell_members,
)
from training.safety import screen_post


def _waiting() -> list[sa.ColumnElement[bool]]:
    confirmed_member = sa.exists().where(EmployerMember.organisation_id == EmployerOrganisation.id,
                                         EmployerMember.user_id == User.id,
                                         User.awaiting_confirmation.is_(False))
    return [EmployerOrganisation.verified_at.is_(None), EmployerOrganisation.refused_at.is_(None),
            sa.or_(EmployerOrganisation.registered_itself.is_(False), confirmed_member)]


def to_verify() -> sa.Select:
    """Staff's list of employers to verify, oldest first (its count is on their to-do: training.waiting)."""
    return (sa.select(EmployerOrganisation).where(*_waiting())
            .order_by(EmployerOrganisation.created_at, EmployerOrganisation.id))


def count_to_verify() -> sa.Select:
    return sa.select(EmployerOrganisation.id).where(*_waiting())


def registration_confirmed(user: User) -> None:
    """Hook (core.hooks "email_confirmed"): an employer that registered itself confirmed its address. Its
    organisation is now on staff's list; every active staff member is told, each in their language."""
    organisation = organisation_of(user) if user.has_role(Role.EMPLOYER) else None
    if organisation is None or not organisation.registered_itself or organisation.is_verified \
            or organisation.refused_at is not None:
        return
    staff = db.session.scalars(sa.select(User).where(User.role == Role.STAFF.value, User.active.is_(True),
                                                     User.anonymised_at.is_(None)).order_by(User.id))
    for person in staff:
        notify(person, "employer.to_verify", link=path_for("training_staff.dashboard"), name=organisation.name)
    db.session.flush()


def _claim(organisation: EmployerOrganisation, **values) -> bool:
    """One conditional UPDATE: of two staff deciding at once, one decides (and the employer is told once)."""
    return changed_rows(sa.update(EmployerOrganisation).where(
        EmployerOrganisation.id == organisation.id, EmployerOrganisation.verified_at.is_(None))
        .values(**values).execution_options(synchronize_session=False)) == 1


def verify_organisation(organisation: EmployerOrganisation, staff: User, today: date) -> int:
    """Mark verified, then re-check the organisation's waiting posts. Returns how many were published. An
    organisation that registered itself takes the number it gave as its checked number, if no other has it."""
    if organisation.is_verified:
        raise EmployerError(_l("This employer is already verified."))
    given = organisation.given_registration_number
    if organisation.registration_number is None and given:
        if db.session.scalar(sa.select(EmployerOrganisation.id).where(
                EmployerOrganisation.registration_number == given, EmployerOrganisation.id != organisation.id)):
            raise EmployerError(_l("Another organisation already has the registration number %(number)s. Ask "
                                   "the business, or refuse it.", number=given))
        organisation.registration_number = given
        db.session.flush()
    now = utcnow()
    if not _claim(organisation, verified_at=now, verified_by_id=staff.id, refused_at=None, refusal_reason=""):
        raise EmployerError(_l("This employer is already verified."))
    db.session.refresh(organisation)
    audit.record("employer.verify", "employer_organisation", organisation.id, actor=staff)
    published = 0
    for post in db.session.scalars(sa.select(WorkPost).where(WorkPost.organisation_id == organisation.id,
                                                             WorkPost.status == PostState.PENDING_REVIEW.value)):
        held = held_by_staff(post)  # held for its words once: staff decide, verified or not
        screen_post(post, True, today)
        if not post.red_flags and not post.reviewed_at and not held and not another_post_held(post):
            _publish(post)
            published += 1
    tell_members(organisation, "employer.verified", link=path_for("employer.home"), name=organisation.name)
    db.session.flush()
    return published


def refuse_organisation(organisation: EmployerOrganisation, staff: User, reason: str) -> int:
    """Staff could not verify the employer: it leaves their list, its waiting posts are rejected with the
    reason as staff's note, and its members are told. It publishes nothing (staff may still verify it later).
    Returns how many waiting posts were rejected."""
    reason = reason.strip()
    if len(reason) < 10:
        raise EmployerError(_l("Write why the employer cannot be verified."), "reason")
    if organisation.is_verified:
        raise EmployerError(_l("This employer is already verified. Suspend it instead."))
    if organisation.refused_at is not None:
        raise EmployerError(_l("This employer was already refused."))
    if changed_rows(sa.update(EmployerOrganisation).where(
            EmployerOrganisation.id == organisation.id, EmployerOrganisation.verified_at.is_(None),
            EmployerOrganisation.refused_at.is_(None))
            .values(refused_at=utcnow(), refusal_reason=reason)
            .execution_options(synchronize_session=False)) != 1:
        raise EmployerError(_l("This employer was already refused."))
    db.session.refresh(organisation)
    audit.record("employer.refuse", "employer_organisation", organisation.id, actor=staff,
                 detail={"reason": reason})
    rejected = 0
    for post in db.session.scalars(sa.select(WorkPost).where(WorkPost.organisation_id == organisation.id,
                                                             WorkPost.status == PostState.PENDING_REVIEW.value)):
        post.review_note, post.reviewed_by_id, post.reviewed_at = reason, staff.id, utcnow()
        POST_LIFECYCLE.apply(post, "reject", actor=staff)
        rejected += 1
    tell_members(organisation, "employer.refused", link=path_for("employer.home"), name=organisation.name,
                 reason=reason)
    db.session.flush()
    return rejected
