"""Mails about a person's own account, through the outbox, in the person's language."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from accounts import services as accounts
from core import outbox
from core.models import User


def send_confirmation(user: User, *, send_now: bool = True) -> None:
    link = url_for("auth.confirm_email", token=accounts.confirmation_token(user), _external=True)
    outbox.queue_email(user.email or "", outbox.language_of(user), _l("Finish creating your Pathways account"), [
        _l("Open this link to finish creating your account:"), link, "",
        _l("The link works for two days. If you did not ask for an account, you can ignore this mail."),
    ], send_now=send_now)


def send_already_waiting(user: User) -> None:
    """A second registration of an address whose first one waits for its link. No link that confirms: the
    first registration's password may be a stranger's. The owner can cancel it and register again."""
    link = url_for("auth.cancel_registration", token=accounts.cancellation_token(user), _external=True)
    outbox.queue_email(user.email or "", outbox.language_of(user), _l("Your Pathways account is waiting"), [
        _l("Someone asked again to create a Pathways account with this e-mail address. An account for it "
           "already waits for confirmation, with the password chosen the first time. Nothing has changed."),
        _l("If you made that first request, open the link in the first mail we sent."),
        _l("If you did not, or you do not remember that password, do not open the first link. Open this link "
           "to cancel the waiting account, then register again:"),
        link,
    ])


def send_already_registered(user: User) -> None:
    if not user.email:
        return
    outbox.queue_email(user.email, outbox.language_of(user), _l("You already have a Pathways account"), [
        _l("Someone asked to create a Pathways account with this e-mail address, which already has one."),
        _l("To sign in, use this address and your password here:"),
        url_for("auth.login", _external=True), "",
        _l("If you cannot remember your password, ask programme staff for a set-up code."),
        _l("If it was not you, you can ignore this mail. Nothing has changed."),
    ])
