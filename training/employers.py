"""Employers and their posts: registration, verification, the safe-recruitment check, staff review, reports."""
from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from core import audit
from core.content_languages import check_first_language, set_translation
from core.db import utcnow
from core.extensions import db
from core.models import AuditEntry, User
from core.notify import channel_of, notify, path_for
from core.refusal import Refusal
from training.employer_models import (
    POST_LIFECYCLE,
    WAITING_FOR_STAFF,
    EmployerMember,
    EmployerOrganisation,
    PostReport,
    PostState,
    WorkPost,
)
from training.safety import RED_FLAGS, screen_post

POST_FIELDS = (
    "kind", "title", "description", "isco_code", "sector", "province_code", "district_code", "days_mask",
    "hours_from", "hours_to", "overtime_hours_week", "pay_amount_thb", "pay_period", "duration_months",
    "contract_type", "openings", "accommodation_offered", "accommodation_conditions", "what_you_learn",
    "skills_taught", "skills_required", "prerequisites", "language", "reading_level_needed", "childcare_offered",
    "worker_fee_thb", "employer_holds_documents", "travel_abroad_as_debt", "declares_no_fees",
    "declares_keeps_documents", "declares_free_to_leave", "declares_minimum_wage", "declares_legal_hours",
    "text_language",
)


class EmployerError(Refusal):
    """A refusal from this feature's services."""


def organisation_of(user: User) -> EmployerOrganisation | None:
    member = db.session.get(EmployerMember, user.id)
    return member.organisation if member else None


def register_organisation(user: User, **details) -> EmployerOrganisation:
    if organisation_of(user) is not None:
        raise EmployerError(_l("Your account already belongs to an organisation."))
    number = details["registration_number"].strip().upper()
    if db.session.scalar(sa.select(EmployerOrganisation.id).where(
            EmployerOrganisation.registration_number == number)):
        raise EmployerError(_l("An organisation with this registration number is already registered."),
                            "registration_number")
    organisation = EmployerOrganisation(**{**details, "registration_number": number})
    db.session.add(organisation)
    db.session.flush()
    db.session.add(EmployerMember(user_id=user.id, organisation_id=organisation.id))
    audit.record("employer.register", "employer_organisation", organisation.id, actor=user)
    db.session.flush()
    return organisation


def _publish(post: WorkPost, actor: User | None = None, event: str = "publish") -> None:
    POST_LIFECYCLE.apply(post, event, actor=actor)
    post.published_at = utcnow()


def _hold(post: WorkPost, actor: User | None = None) -> None:
    POST_LIFECYCLE.apply(post, "hold", actor=actor)
    post.published_at = None


def _refuse_closed(post: WorkPost | None) -> None:
    if post is not None and post.status == PostState.CLOSED:
        raise EmployerError(_l("This post is closed. Press \"Post again as a new post\" on its page to write it "
                               "again."))


def _lock(post: WorkPost) -> None:
    """Read the post again under a row lock (PostgreSQL; SQLite has one writer at a time): two saves of one post
    at once (two tabs, two members, a staff decision) each screen and place the post as the other left it, not
    as it was when their page was read. Changes already made to it in this request are written first, not lost."""
    db.session.flush()
    db.session.refresh(post, with_for_update=True)


# Flags that say who the employer is or what else it posted, not what this post says: no written reason is needed
# to approve a post for them.
EMPLOYER_POST_HELD = "employer_post_held"
NOT_THE_POSTS_OWN = {"unverified_employer", EMPLOYER_POST_HELD}
# What a post says that a recruiter can take back in other words to get past the screen (its text, and the fee,
# documents and debt it declares), as against facts an employer corrects (the pay, the hours, a declaration left
# unticked): a post held for these stays with staff when it changes, and keeps the employer's new posts with them.
SAID_FLAGS = frozenset({code for code in RED_FLAGS if code.startswith("text_")}
                       | {"contradicts_declaration", "worker_fee", "documents_held", "travel_debt", "vague_pay"})
# How long a post of an employer rejected or closed while held keeps its new posts with staff.
WATCHED_FOR = timedelta(days=30)
_WATCHED_AT_MOST = 20  # the employer's latest such posts read (a save reads no more, however many it has)


def another_post_held(post: WorkPost) -> bool:
    """Whether another post of the same employer is held for what it says: waiting for staff or sent back, or
    rejected or closed while it waited in the last 30 days (its flags now, or its history when it was reworded).
    Writing a new post in other words is the next way round a held one (`held_by_staff`), so the employer's new
    and changed posts wait for staff too while one is."""
    others = sa.select(WorkPost.id, WorkPost.status, WorkPost.red_flags, WorkPost.reviewed_at).where(
        WorkPost.organisation_id == post.organisation_id, WorkPost.published_at.is_(None),
        sa.or_(WorkPost.status.in_(("pending_review", "changes_requested")),
               sa.and_(WorkPost.status.in_(("rejected", "closed")), WorkPost.created_at >= utcnow() - WATCHED_FOR)))
    if post.id is not None:
        others = others.where(WorkPost.id != post.id)
    for other_id, status, flags, reviewed_at in db.session.execute(
            others.order_by(WorkPost.id.desc()).limit(_WATCHED_AT_MOST)):
        if set(flags or []) & SAID_FLAGS or _held_for_words_of(
                other_id, reviewed_at if status == "pending_review" else None):
            return True
    return False


def held_by_staff(post: WorkPost) -> bool:
    """Once staff have asked for changes, rejected or hidden a post, or upheld a report against it, a person looks
    at it again before it is public, whatever is saved meanwhile (its words, another language). Their note
    stays until they approve it; an upheld report counts until an approval after it."""
    if post.status in ("changes_requested", "rejected", "reported") or post.review_note:
        return True
    if post.id is None:
        return False
    # A post the screening held stays with staff when its words change: rewording a held post until it publishes
    # is how a recruiter who reads the reasons gets past any screen (issue 27, the rules-aware attacks). Waiting
    # only for the employer's verification is not a hold on the words.
    if post.status == "pending_review" and (set(post.red_flags or []) & SAID_FLAGS or held_for_words(post)):
        return True
    upheld = sa.select(PostReport.id).where(PostReport.post_id == post.id, PostReport.upheld.is_(True))
    if post.reviewed_at is not None:
        upheld = upheld.where(PostReport.resolved_at > post.reviewed_at)
    if db.session.scalar(upheld.limit(1)) is not None:
        return True
    if post.reviewed_at is not None:
        return False
    # Never approved: what staff said of the closed post it was written again from ("Post again") still stands,
    # and so does a report of it nobody answered.
    before = db.session.scalar(sa.select(WorkPost).where(WorkPost.reposted_as_id == post.id))
    if before is None:
        return False
    unanswered = sa.select(PostReport.id).where(PostReport.post_id == before.id, PostReport.resolved_at.is_(None))
    return held_by_staff(before) or db.session.scalar(unanswered.limit(1)) is not None


def words_digest(post: WorkPost) -> str:
    """What staff read on the review page, as a short digest: every field the employer writes and every other
    language. An approval carries the digest of the page it was made on, so words changed meanwhile are never
    published unread."""
    seen = {field: getattr(post, field) for field in POST_FIELDS}
    seen["translations"] = post.translations or {}
    text = json.dumps(seen, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _check_post_values(values: dict) -> None:
    if values.get("hours_from") is not None and values.get("hours_to") is not None \
            and values["hours_from"] >= values["hours_to"]:
        raise EmployerError(_l("The end time must be after the start time."), "hours_to")
    if values.get("pay_amount_thb") is not None and values["pay_amount_thb"] < 0:
        raise EmployerError(_l("Pay cannot be negative."), "pay_amount_thb")
    if values.get("kind") == "apprenticeship" and not values.get("duration_months"):
        raise EmployerError(_l("Say how many months the apprenticeship lasts."), "duration_months")


def save_post(user: User, values: dict, today: date, post: WorkPost | None = None) -> WorkPost:
    """Create or change a post, run the safe-recruitment check, and publish it only when nothing is flagged."""
    organisation = organisation_of(user)
    if organisation is None:
        raise EmployerError(_l("Register your organisation first."))
    if organisation.refused_at is not None:
        raise EmployerError(_l("Programme staff could not verify your organisation, so nothing can be posted. "
                               "Their reason is on your page."))
    if post is not None and post.organisation_id != organisation.id:
        raise EmployerError(_l("This post belongs to another organisation."))
    if post is not None:
        _lock(post)
    _refuse_closed(post)
    _check_post_values(values)
    check_first_language(post, values.get("text_language"))
    if post is None:
        post = WorkPost(organisation=organisation, created_by_id=user.id, status=PostState.PENDING_REVIEW.value)
        db.session.add(post)
    held = held_by_staff(post)
    for field in POST_FIELDS:
        if field in values:
            setattr(post, field, values[field])
    check_and_place(post, organisation, user, held, today)
    audit.record("post.save", "work_post", post.id, actor=user, detail={"flags": post.red_flags})
    db.session.flush()
    return post


def check_and_place(post: WorkPost, organisation: EmployerOrganisation, user: User, held_by_staff: bool,
                     today: date) -> None:
    """After any change of its words: the safe-recruitment check again, then public or waiting for staff."""
    post.first_approved_by_id = post.first_approved_at = None  # a changed post is looked at afresh
    screen_post(post, organisation.is_verified, today)
    if post.status != "reported" and another_post_held(post):
        post.red_flags = [*post.red_flags, EMPLOYER_POST_HELD]
    if post.status == "reported":
        pass  # stays hidden until staff resolve the report
    elif post.status == "paused" and not post.red_flags:
        pass  # stays paused until the employer resumes it (screened again then)
    elif post.red_flags or held_by_staff:
        _hold(post, user)
    else:
        _publish(post, user)
    db.session.flush()


def translate_post(user: User, post: WorkPost, language: str, texts: dict[str, str], today: date) -> WorkPost:
    """Write the post's words in one more language (or remove one). The new words pass the same check as the
    first ones: a post whose Burmese text asks for a fee waits for staff like one that says it in English."""
    organisation = organisation_of(user)
    if organisation is None or post.organisation_id != organisation.id:
        raise EmployerError(_l("This post belongs to another organisation."))
    _lock(post)
    _refuse_closed(post)
    held = held_by_staff(post)
    set_translation(post, language, texts)
    check_and_place(post, organisation, user, held, today)
    audit.record("post.translate", "work_post", post.id, actor=user,
                 detail={"language": language, "flags": post.red_flags})
    db.session.flush()
    return post


# Flags grave enough that one person's approval is not enough (maker-checker).
SECOND_LOOK_FLAGS = {"documents_held", "text_documents_kept", "travel_debt", "text_debt", "text_restricted_movement"}


def answering_digest(post: WorkPost) -> str:
    """The post's state and the reports its review page shows, as a short digest. One decision value means
    different things by state ("approve" publishes a waiting post, dismisses a reported post's reports), so a
    decision is taken only for the post and the reports the page showed."""
    reports = db.session.scalars(sa.select(PostReport.id).where(
        PostReport.post_id == post.id, PostReport.resolved_at.is_(None), _not_a_check_ins_report())
        .order_by(PostReport.id)).all()
    return hashlib.sha256(f"{post.status}:{list(reports)}".encode()).hexdigest()[:32]


def _check_answering(post: WorkPost, answering: str | None) -> None:
    if answering is not None and answering != answering_digest(post):
        raise EmployerError(_l("This post changed while you were reading it: another staff member decided on it "
                               "or someone reported it. Read it again, as it is now, before you decide."))


def _check_seen(post: WorkPost, seen: str | None) -> None:
    if seen is not None and seen != words_digest(post):
        raise EmployerError(_l("The employer changed this post while you were reading it. Read it again, as it "
                               "is now, before you decide."))


def review_post(post: WorkPost, staff: User, decision: str, note: str, seen: str | None = None,
                answering: str | None = None) -> str:
    """Staff decide on a waiting post: approve, ask for changes (with a note), or reject.

    Approving a post that still has flags needs the reason in writing (kept and audited); a flag of documents,
    debt or restricted movement needs a second staff member to confirm. `seen` is the digest of the words on
    the page the decision was made on (`words_digest`): an approval of words that changed since is refused;
    `answering` that of the post's state and reports (`answering_digest`): any decision on a post that another
    decision or a report changed since is refused.
    Returns "published", "waiting_for_second_approval", "changes_requested" or "rejected"."""
    if decision not in ("approve", "changes", "reject"):
        raise EmployerError(_l("Unknown decision."))
    _lock(post)
    _check_answering(post, answering)
    if decision == "approve":
        _check_seen(post, seen)
    reason = note.strip()
    if decision != "approve" and not reason:
        raise EmployerError(_l("Write a note for the employer."), "note")
    if decision == "approve":
        return _approve(post, staff, reason)
    post.review_note, post.reviewed_by_id, post.reviewed_at = reason, staff.id, utcnow()
    post.first_approved_by_id = post.first_approved_at = None
    POST_LIFECYCLE.apply(post, "request_changes" if decision == "changes" else "reject", actor=staff,
                         action=f"post.review.{decision}",
                         refusal=EmployerError(_l("This post is not waiting for a decision.")))
    tell_members(post.organisation, "post.changes_requested" if decision == "changes" else "post.rejected",
                 link=path_for("employer.edit_post", post_id=post.id), title=post.title)
    db.session.flush()
    return post.status


def _approve(post: WorkPost, staff: User, reason: str) -> str:
    if not post.organisation.is_verified:
        raise EmployerError(_l("Verify the employer before approving its posts."))
    flagged = [flag for flag in post.red_flags or [] if flag not in NOT_THE_POSTS_OWN]
    if flagged and len(reason) < 10:
        raise EmployerError(_l("This post still has flags. Write why it may be published."), "note")
    if set(flagged) & SECOND_LOOK_FLAGS:
        if post.first_approved_by_id is None:
            post.first_approved_by_id, post.first_approved_at, post.approval_reason = staff.id, utcnow(), reason
            audit.record("post.review.first_approval", "work_post", post.id, actor=staff,
                         detail={"reason": reason, "flags": flagged})
            db.session.flush()
            return "waiting_for_second_approval"
        if post.first_approved_by_id == staff.id:
            raise EmployerError(_l("Another staff member must confirm this approval."))
    # Only a waiting post is approved ("publish" also keeps a published post published when its employer
    # saves it): an approval posted twice is refused, not told twice.
    if post.status != PostState.PENDING_REVIEW:
        raise EmployerError(_l("This post is not waiting for a decision."))
    post.reviewed_by_id, post.reviewed_at = staff.id, utcnow()
    post.review_note = ""  # their earlier "ask for changes" or "reject" is answered: the employer no longer reads it
    if reason:
        post.approval_reason = (post.approval_reason + "\n" if post.approval_reason else "") + reason
    _publish(post, staff)
    audit.record("post.review.approve", "work_post", post.id, actor=staff,
                 detail={"reason": reason, "flags": flagged, "first_approved_by": post.first_approved_by_id})
    post.first_approved_by_id = post.first_approved_at = None  # spent: a later decision needs its own two
    tell_members(post.organisation, "post.approved", link=path_for("employer.edit_post", post_id=post.id),
                 title=post.title)
    db.session.flush()
    return "published"


REPORT_REASONS = {
    "fee": _l("I was asked to pay a fee or deposit"),
    "documents": _l("They want to keep my passport or ID card"),
    "pay": _l("The pay is not what the post says"),
    "not_as_described": _l("The work is not the work described"),
    "other": _l("Something else"),
}
ONE_TAP = "one_tap"  # the button on the post itself: no reason chosen, perhaps a few words typed
# What staff read: the reasons said of the person who reported (core.labels: the list's twin).
REPORT_ABOUT = {**REPORT_REASONS, "fee": _l("Was asked to pay a fee or deposit"),
                "documents": _l("They want to keep the person's passport or ID card")}
REPORT_LABELS = {**REPORT_ABOUT, ONE_TAP: _l("No reason chosen (one tap)")}


def report_post(post: WorkPost, reporter: User | None, reason: str, reason_code: str = "other") -> PostReport:
    """Anyone may report a post, signed in or not (`reporter` None); it leaves the public listings until staff
    look. A participant who applied to the post has the report linked to that application (it is about what
    happened to them)."""
    if reason_code not in REPORT_LABELS:
        raise EmployerError(_l("Choose what is wrong."), "reason_code")
    if reason_code == "other" and not reason.strip():
        raise EmployerError(_l("Tell us in a few words what is wrong."), "reason")
    application_id = None
    if reporter is not None:
        from training.models import Application  # the pathway's model: reports of one's own application

        application_id = db.session.scalar(sa.select(Application.id).where(
            Application.post_id == post.id, Application.participant_id == reporter.id)
            .order_by(Application.id.desc()).limit(1))
    _lock(post)  # a report and its employer's pause, resume or save at once: the report sees where the post is
    report = PostReport(post_id=post.id, reporter_id=reporter.id if reporter else None, reason=reason.strip(),
                        reason_code=reason_code, application_id=application_id)
    db.session.add(report)
    if post.status in (PostState.PUBLISHED, PostState.PAUSED):
        POST_LIFECYCLE.apply(post, "report", actor=reporter, detail={"from": post.status})
    audit.record("post.report", "work_post", post.id, actor=reporter)
    db.session.flush()
    return report


def _reported_while_paused(post: WorkPost) -> bool:
    from core.models import AuditEntry

    latest = db.session.scalar(sa.select(AuditEntry.detail).where(
        AuditEntry.action == "work_post.report", AuditEntry.record_type == "work_post",
        AuditEntry.record_id == str(post.id)).order_by(AuditEntry.id.desc()).limit(1))
    return isinstance(latest, dict) and latest.get("from") == PostState.PAUSED


def _not_a_check_ins_report() -> sa.ColumnElement[bool]:
    """A report sent with a placement check-in is answered on that check-in's follow-up, not with the post's."""
    from training.models import PlacementCheckIn

    return PostReport.id.not_in(sa.select(PlacementCheckIn.report_id).where(PlacementCheckIn.report_id.is_not(None)))


def resolve_reports(post: WorkPost, staff: User, republish: bool, note: str = "", seen: str | None = None,
                    answering: str | None = None) -> str:
    """Staff answer the reports of a hidden post: unfounded (`republish`) or upheld. An upheld report rejects the
    post, with staff's note for the employer, and it is looked at again before it is ever public. A post that
    has flags now (its employer may have changed it while it was hidden) is not published on the report's
    answer alone: it joins the posts waiting for staff, where flags need a written reason and the gravest a
    second staff member. Returns "published", "pending_review" or "rejected"."""
    _lock(post)
    _check_answering(post, answering)  # only the reports the page showed are answered
    if republish:
        _check_seen(post, seen)
    for report in db.session.scalars(sa.select(PostReport).where(
            PostReport.post_id == post.id, PostReport.resolved_at.is_(None), _not_a_check_ins_report())):
        report.resolved_at = utcnow()
        report.resolved_by_id = staff.id
        report.upheld = not republish  # an upheld report stays on the employer's record
    # Approvals given before the report are spent: the gravest flags need two staff members again.
    post.first_approved_by_id = post.first_approved_at = None
    flagged = [flag for flag in post.red_flags or [] if flag not in NOT_THE_POSTS_OWN]
    if post.status == PostState.CLOSED:
        pass  # closed for good: the answer goes on the employer's record, the post stays closed
    elif republish and (flagged or not post.organisation.is_verified):
        POST_LIFECYCLE.apply(post, "hold", actor=staff)
        post.published_at = None
    elif republish and _reported_while_paused(post):
        POST_LIFECYCLE.apply(post, "pause", actor=staff)  # its employer resumes it when they want
    else:
        POST_LIFECYCLE.apply(post, "republish" if republish else "reject", actor=staff)
        if republish:
            post.published_at = utcnow()
        elif note.strip():
            post.review_note, post.reviewed_by_id = note.strip(), staff.id
    audit.record("post.report_resolved", "work_post", post.id, actor=staff,
                 detail={"republished": post.status == PostState.PUBLISHED, "flags": flagged})
    # The employer learns the outcome, never who reported it or why.
    if post.status not in (PostState.PENDING_REVIEW, PostState.CLOSED):
        tell_members(post.organisation, "post.approved" if republish else "post.rejected",
                     link=path_for("employer.edit_post", post_id=post.id), title=post.title)
    db.session.flush()
    return post.status


def closed_posts_reported() -> sa.Select:
    """Closed posts with a report nobody has answered (by someone it hired or who applied), oldest report first;
    a check-in's report waits on its own follow-up."""
    open_reports = sa.select(PostReport.post_id, sa.func.min(PostReport.created_at).label("since")).where(
        PostReport.resolved_at.is_(None), _not_a_check_ins_report()
    ).group_by(PostReport.post_id).subquery()
    return (sa.select(WorkPost).join(open_reports, open_reports.c.post_id == WorkPost.id)
            .where(WorkPost.status == PostState.CLOSED.value).options(joinedload(WorkPost.organisation))
            .order_by(open_reports.c.since, WorkPost.id))


def posts_waiting_for_staff() -> sa.Select:
    """Oldest first. The condition is written as the partial index's own, so the planner can use it."""
    return (sa.select(WorkPost).where(sa.text(WAITING_FOR_STAFF)).options(joinedload(WorkPost.organisation))
            .order_by(WorkPost.created_at, WorkPost.id))


def rescreen_published(today: date) -> list[WorkPost]:
    """Screen every published post again (the rules may have changed since it was published). A post that now
    has a flag staff have not already accepted goes back to staff and leaves the listings; its employer is
    told why. Returns the posts taken down."""
    taken_down = []
    for post in db.session.scalars(sa.select(WorkPost).where(WorkPost.status == "published").order_by(WorkPost.id)):
        accepted = set(post.red_flags or []) if post.reviewed_at else set()
        screen_post(post, post.organisation.is_verified, today)
        new = [flag for flag in post.red_flags if flag not in accepted]
        if not new:
            continue
        _hold(post)
        post.first_approved_by_id = post.first_approved_at = None
        audit.record("post.rescreen_held", "work_post", post.id, detail={"flags": new})
        _tell_employer(post, new)
        # Each member also finds it among their notices; the one whose address got the e-mail is not sent a
        # second message with the same news.
        tell_members(post.organisation, "post.held_again", link=path_for("employer.edit_post", post_id=post.id),
                     quiet_for=post.organisation.contact_email, title=post.title)
        taken_down.append(post)
    db.session.flush()
    return taken_down


def tell_members(organisation: EmployerOrganisation, kind: str, link: str | None = None,
                 quiet_for: str | None = None, **values) -> None:
    """Tell every member of an employer organisation (each in their own language and channel): the work waits
    for whichever of them takes it. No message to `quiet_for`, an address that already had the news."""
    for member in sorted(organisation.members, key=lambda member: member.user_id):
        user = member.user
        if user.anonymised_at is not None or not user.is_active:
            continue
        notify(user, kind, link=link, send=not quiet_for or channel_of(user)[1] != quiet_for, **values)


def _tell_employer(post: WorkPost, flags: list[str]) -> None:
    """In the language of the member whose address is the organisation's contact, else of any member."""
    from core import outbox

    organisation = post.organisation
    recipient = organisation.contact_email
    if not recipient:
        return
    members = sorted((member.user for member in organisation.members), key=lambda user: user.email != recipient)
    outbox.queue_email(recipient, outbox.language_of(members[0] if members else None),
                       _l("Your post \"%(title)s\" waits for programme staff", title=post.title), [
                           _l("We checked your post again with our updated safe-recruitment rules."),
                           *(RED_FLAGS.get(flag, flag) for flag in flags),
                           _l("It is not shown to job seekers until programme staff have looked at it. You can "
                              "change it on your Pathways page.")])


def suspend_employer(organisation: EmployerOrganisation, staff: User, reason: str) -> None:
    """All the employer's posts leave the listings at once, and nothing it saves is published, until lifted."""
    if len(reason.strip()) < 10:
        raise EmployerError(_l("Write why the employer is suspended."), "reason")
    if organisation.suspended_at is not None:
        raise EmployerError(_l("This employer is already suspended."))
    organisation.suspended_at, organisation.suspension_reason = utcnow(), reason.strip()
    audit.record("employer.suspend", "employer_organisation", organisation.id, actor=staff,
                 detail={"reason": reason.strip()})
    db.session.flush()


def lift_suspension(organisation: EmployerOrganisation, staff: User) -> None:
    if organisation.suspended_at is None:
        raise EmployerError(_l("This employer is not suspended."))
    organisation.suspended_at = None
    audit.record("employer.suspension_lifted", "employer_organisation", organisation.id, actor=staff)
    db.session.flush()


def employer_record(organisation: EmployerOrganisation) -> dict:
    """What staff see of an employer beside a post: its other posts and their states, upheld reports."""
    posts = list(db.session.scalars(sa.select(WorkPost).where(WorkPost.organisation_id == organisation.id)
                                    .order_by(WorkPost.created_at.desc()).limit(50)))
    upheld = list(db.session.scalars(sa.select(PostReport).join(WorkPost).where(
        WorkPost.organisation_id == organisation.id, PostReport.upheld.is_(True))
        .order_by(PostReport.created_at.desc()).limit(50)))
    return {"posts": posts, "upheld_reports": upheld}


# Where the post's history says what the screening found: a save, a translation, a re-screening, a hold on resuming.
_SCREENED = ("post.save", "post.translate", "post.post_again", "post.rescreen_held", "work_post.hold")


def held_for_words(post: WorkPost) -> list[str]:
    """The flags (other than waiting for the employer's verification) the screening last held the post for since
    staff last approved it, from its history; [] when it never was. Kept in the history, not on the post, so that
    words changed to pass, or a verification that screens the post again, do not forget it."""
    return _held_for_words_of(post.id, post.reviewed_at)


def _held_for_words_of(post_id: int | None, approved_at: datetime | None) -> list[str]:
    if post_id is None:
        return []
    saves = sa.select(AuditEntry.detail).where(
        AuditEntry.record_type == "work_post", AuditEntry.record_id == str(post_id), AuditEntry.action.in_(_SCREENED))
    if approved_at is not None:
        saves = saves.where(AuditEntry.at > approved_at)
    # Newest first, to the first entry that held it: no cut-off, or enough clean saves would push the hold out.
    for detail in db.session.scalars(saves.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())):
        flags = [flag for flag in (detail or {}).get("flags") or [] if flag in SAID_FLAGS]
        if flags:
            return flags
    return []


def earlier_flags(post: WorkPost) -> list[str]:
    """What the screening held a waiting post for before its employer changed the words (`held_by_staff`), when
    it has no such flag now: staff see why the post still waits, and what to ask the employer about."""
    if post.status != "pending_review" or set(post.red_flags or []) & SAID_FLAGS:
        return []
    return held_for_words(post)


def reports_of(post: WorkPost) -> list[PostReport]:
    return list(db.session.scalars(sa.select(PostReport).where(PostReport.post_id == post.id)
                                   .order_by(PostReport.created_at.desc())))
