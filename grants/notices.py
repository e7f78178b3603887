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
}
