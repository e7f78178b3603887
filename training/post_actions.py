"""What an employer does with a post after writing it: pause, resume, close, and post a closed one again.

Each is one transition of POST_LIFECYCLE, so each is one conditional UPDATE (`WHERE status =` the state it was
seen in) with its audit row: a second press, or two at once, finds the post moved already and is told so,
changing and recording nothing more.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit, notify
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import User
from core.states import TransitionRefused
from training.employer_models import POST_LIFECYCLE, PostReport, PostState, WorkPost
from training.employers import POST_FIELDS, EmployerError, check_and_place, held_for_words, organisation_of
from training.models import APPLICATION_LIFECYCLE, Application

ALREADY = {
    "pause": (PostState.PAUSED, _l("This post is already paused.")),
    "resume": (PostState.PUBLISHED, _l("This post is already public.")),
    "close": (PostState.CLOSED, _l("This post is already closed.")),
}
NOT_NOW = {
    "pause": _l("Only a public post can be paused."),
    "resume": _l("Only a paused post can be resumed."),
    "close": _l("This post cannot be closed now."),
}
COPIED = (*POST_FIELDS, "translations", "translated_text")  # a new post's own: status, places filled, history


def _own(user: User, post: WorkPost) -> None:
    organisation = organisation_of(user)
    if organisation is None or post.organisation_id != organisation.id:
        raise EmployerError(_l("This post belongs to another organisation."))


def _move(post: WorkPost, event: str, user: User) -> None:
    """The transition, or a refusal that says where the post is now (a second press: "already paused")."""
    target, already = ALREADY[event]
    if post.status == target:
        raise EmployerError(already)
    try:
        POST_LIFECYCLE.apply(post, event, actor=user)
    except TransitionRefused:
        # The UPDATE found the post moved by another request meanwhile; the status is the one it left.
        raise EmployerError(already if post.status == target else NOT_NOW[event]) from None


def pause_post(user: User, post: WorkPost) -> None:
    """The post leaves the listings and matches. Applications already made stay and can be answered."""
    _own(user, post)
    _move(post, "pause", user)
    db.session.flush()


def resume_post(user: User, post: WorkPost, today: date) -> str:
    """Back to the listings, through the same safe-recruitment check as a save: a post that now has a flag,
    or whose employer is suspended or not verified, waits for staff instead. Returns the new status."""
    _own(user, post)
    db.session.refresh(post, with_for_update=True)  # a report sent at the same moment is seen, not lost
    organisation = post.organisation
    if post.status != PostState.PAUSED:
        _move(post, "resume", user)  # refuses, saying why
    post.first_approved_by_id = post.first_approved_at = None
    from training.safety import screen_post

    screen_post(post, organisation.is_verified, today)
    if post.red_flags or organisation.suspended_at is not None or not organisation.is_verified:
        try:
            POST_LIFECYCLE.apply(post, "hold", actor=user, detail={"flags": post.red_flags, "from": "paused"})
        except TransitionRefused:
            raise EmployerError(NOT_NOW["resume"]) from None
        post.published_at = None
    else:
        _move(post, "resume", user)
        post.published_at = utcnow()
    db.session.flush()
    return post.status


def close_post(user: User, post: WorkPost, today: date) -> int:
    """Closed for good (for the employer). Its open applications end without a hire, and each applicant is
    told in their own language that they may apply elsewhere; nothing is recorded against them. Returns how
    many applications were closed."""
    _own(user, post)
    _move(post, "close", user)
    open_ones = db.session.scalars(sa.select(Application).where(
        Application.post_id == post.id, Application.status.in_(APPLICATION_LIFECYCLE.sources("close_post")))
        .order_by(Application.id)).all()
    closed = 0
    for application in open_ones:
        try:
            APPLICATION_LIFECYCLE.apply(application, "close_post", actor=user)
        except TransitionRefused:
            continue  # the person withdrew (or was hired) at this moment: theirs stands
        closed += 1
        participant = application.participant
        if participant.anonymised_at is None and participant.is_active:
            notify.notify(participant, "application.post_closed", link=notify.path_for("training.opportunities"),
                          title=post.title)
    db.session.flush()
    return closed


def post_again(user: User, post: WorkPost, today: date) -> WorkPost:
    """A closed post written again as a new post (its words, places and declaration copied), which goes
    through the safe-recruitment check like any new post. The closed one stays closed, with its history."""
    _own(user, post)
    if post.status != PostState.CLOSED:
        raise EmployerError(_l("Only a closed post can be posted again."))
    if post.reposted_as_id is not None:
        raise EmployerError(_l("This post is already posted again."))
    copy = WorkPost(organisation_id=post.organisation_id, created_by_id=user.id,
                    status=PostState.PENDING_REVIEW.value,
                    **{field: getattr(post, field) for field in COPIED})
    db.session.add(copy)
    db.session.flush()
    # Once per closed post: two presses at once make one copy (the second finds the link set and is refused;
    # its copy goes with its rolled-back request).
    if changed_rows(sa.update(WorkPost).where(WorkPost.id == post.id, WorkPost.reposted_as_id.is_(None))
                    .values(reposted_as_id=copy.id).execution_options(synchronize_session=False)) != 1:
        raise EmployerError(_l("This post is already posted again."))
    # What staff said of the closed post goes with its words: a copy of a post they asked to change, rejected, or
    # that someone reported, waits for them (closing it must not be a way round their decision).
    reported = db.session.scalar(sa.select(sa.func.count(PostReport.id)).where(
        PostReport.post_id == post.id, sa.or_(PostReport.resolved_at.is_(None), PostReport.upheld.is_(True))))
    copy.review_note = post.review_note
    held = bool(post.review_note) or bool(reported) or bool(held_for_words(post))  # closed while held for its words
    check_and_place(copy, post.organisation, user, held, today)
    audit.record("post.post_again", "work_post", copy.id, actor=user,
                 detail={"from": post.id, "flags": copy.red_flags})
    db.session.flush()
    return copy
