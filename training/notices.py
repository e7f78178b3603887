"""The kinds of notice training sends (core.notify), declared in training's `feature()`."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.features import NoticeKind

NOTICE_KINDS: dict[str, NoticeKind] = {
    "offer.made": NoticeKind(_l("You have an offer"), _l(
        "You have an offer: %(title)s. Please say yes or no by %(date)s. If you need more time, that is fine: "
        "tell the programme.")),
    "offer.reminder": NoticeKind(_l("Your offer is waiting"), _l(
        "Your offer for %(title)s is waiting for your answer by %(date)s. Saying no is fine.")),
    "offer.accepted": NoticeKind(_l("An offer was accepted"), _l(
        "The person accepted your offer for %(title)s (application %(number)s)."), to_participant=False),
    "check_in.due": NoticeKind(_l("How is your work going?"), _l(
        "You started work %(months)s months ago. Please answer a few short questions. Your employer does not "
        "see your answers.")),
    "offer.declined": NoticeKind(_l("An offer was declined"), _l(
        "The person said no to your offer for %(title)s (application %(number)s). Nothing else changes for "
        "them."), to_participant=False),
    # Waiting work (issue 33): each is told to the person who must act next, never to the actor.
    "post.approved": NoticeKind(_l("Your post is published"), _l(
        "Programme staff approved your post %(title)s. Job seekers can see it now."), to_participant=False),
    "post.changes_requested": NoticeKind(_l("Your post needs changes"), _l(
        "Programme staff ask for changes to your post %(title)s. Read their note on your Pathways page, change "
        "the post and save it again."), to_participant=False),
    "post.rejected": NoticeKind(_l("Your post was not approved"), _l(
        "Programme staff did not approve your post %(title)s. Read their note on your Pathways page."),
        to_participant=False),
    "post.held_again": NoticeKind(_l("Your post waits for programme staff"), _l(
        "We checked your post %(title)s again with our updated safe-recruitment rules. It is not shown to job "
        "seekers until programme staff have looked at it."), to_participant=False),
    "application.received": NoticeKind(_l("Someone applied to your post"), _l(
        "A new application arrived for %(title)s (application %(number)s)."), to_participant=False),
    # Told to each applicant whose application a closed post ended: nothing counts against them.
    "application.post_closed": NoticeKind(_l("An offer you applied to has closed"), _l(
        "The employer closed %(title)s, so your application to it is closed. This says nothing about you and "
        "nothing counts against you. You can apply to other offers.")),
    # An employer that registered itself confirmed its address: it waits on staff's list (training.vetting).
    "employer.to_verify": NoticeKind(_l("An employer waits for verification"), _l(
        "%(name)s registered itself to post jobs. Check the business, then verify or refuse it."),
        to_participant=False),
    "employer.verified": NoticeKind(_l("Your organisation is verified"), _l(
        "Programme staff verified %(name)s. Posts that pass the safe-recruitment check are now shown to job "
        "seekers."), to_participant=False),
    "employer.refused": NoticeKind(_l("Your organisation could not be verified"), _l(
        "Programme staff could not verify %(name)s, so nothing it posts is shown to job seekers. Their reason: "
        "%(reason)s"), to_participant=False),
    "placement.hired": NoticeKind(_l("A hire to follow up"), _l(
        "Application %(number)s for %(title)s ended in a hire. Check-ins with the person are planned: please "
        "follow up."), to_participant=False),
}
