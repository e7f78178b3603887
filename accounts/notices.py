"""The kinds of notice accounts sends (core.notify), declared in accounts' `feature()`."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.features import NoticeKind

NOTICE_KINDS: dict[str, NoticeKind] = {
    "contact.proposed": NoticeKind(
        _l("Please check your contact details"),
        _l("Programme staff suggest a change to your contact details. It changes only if you say yes.")),
    # An admin reset the second step of a work account's sign-in (accounts.two_factor).
    "account.two_factor_reset": NoticeKind(
        _l("Your two-step sign-in was reset"),
        _l("A Pathways admin reset the second step of your sign-in. Set it up again when you next sign "
           "in. If you did not ask for this, tell the programme's admin at once."), to_participant=False),
    # Too many wrong codes at the second step of a work account's sign-in, after a right password.
    "account.second_step_locked": NoticeKind(
        _l("Wrong sign-in codes were typed for your account"),
        _l("Someone typed your password and then several wrong codes at the second step of signing in, so "
           "two-step sign-in is locked for a while. If it was not you, change your password at once and "
           "tell the programme's admin."), to_participant=False),
}
