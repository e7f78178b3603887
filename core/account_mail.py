"""Mails about a person's own account, through the outbox, in the person's language."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from core import accounts, outbox
from core.models import User


def send_confirmation(user: User) -> None:
    link = url_for("auth.confirm_email", token=accounts.confirmation_token(user), _external=True)
    outbox.queue_email(user.email or "", outbox.language_of(user), _l("Finish creating your Pathways account"), [
        _l("Open this link to finish creating your account:"), link, "",
        _l("The link works for two days. If you did not ask for an account, you can ignore this mail."),
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
