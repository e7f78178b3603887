"""The kinds of notice grants sends (core.notify), declared in grants' `feature()`."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.features import NoticeKind

NOTICE_KINDS: dict[str, NoticeKind] = {
    "grant.approved": NoticeKind(_l("Your grant is approved"), _l(
        "Your grant of %(amount)s baht is approved. Please read what it includes and say yes or no. Saying no "
        "is fine.")),
    "grant.visit_soon": NoticeKind(_l("A follow-up visit is coming"), _l(
        "Someone from the programme will visit or call about your business around %(date)s. If you prefer, "
        "tell us how it is going yourself on Pathways.")),
    "grant.award_accepted": NoticeKind(_l("A grant was accepted"), _l(
        "The person accepted grant %(number)s. Payments and follow-up visits can start."),
        to_participant=False),
    "grant.award_declined": NoticeKind(_l("A grant was declined"), _l(
        "The person said no to grant %(number)s. Its money went back to the round."), to_participant=False),
    # Waiting work (issue 33): each is told to the person who must act next, never to the actor.
    "grant.review_assigned": NoticeKind(_l("A grant application waits for your review"), _l(
        "You are asked to review grant application %(number)s. First say whether you have a conflict of "
        "interest, then score it."), to_participant=False),
    "grant.decision_waiting": NoticeKind(_l("A grant application waits for a decision"), _l(
        "Grant application %(number)s has all its reviews. It waits for a decision."), to_participant=False),
    "grant.exception_granted": NoticeKind(_l("A rule of the grant round was waived for you"), _l(
        "Programme staff made an exception to a rule of the grant round for you. You can send your "
        "application now.")),
    "grant.changes_requested": NoticeKind(_l("Please change your grant application"), _l(
        "Programme staff ask you to change your grant application. Read what they wrote, change it and send it "
        "again.")),
}
