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
}
