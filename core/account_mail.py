"""Mails about a person's own account, through the outbox, in the person's language."""
from __future__ import annotations

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from core import accounts, outbox
from core.models import User


def _language(user: User) -> str:
    language = user.locale if user.locale in current_app.config["LANGUAGES"] else None
    return language or current_app.config["BABEL_DEFAULT_LOCALE"]


def send_confirmation(user: User) -> None:
    link = url_for("auth.confirm_email", token=accounts.confirmation_token(user), _external=True)
    with force_locale(_language(user)):
        outbox.queue_email(user.email or "", _("Finish creating your Pathways account"), "\n".join([
            _("Open this link to finish creating your account:"), link, "",
            _("The link works for two days. If you did not ask for an account, you can ignore this mail."),
        ]))


def send_already_registered(user: User) -> None:
    if not user.email:
        return
    with force_locale(_language(user)):
        outbox.queue_email(user.email, _("You already have a Pathways account"), "\n".join([
            _("Someone asked to create a Pathways account with this e-mail address, which already has one."),
            _("To sign in, use this address and your password here:"),
            url_for("auth.login", _external=True), "",
            _("If you cannot remember your password, ask programme staff for a set-up code."),
            _("If it was not you, you can ignore this mail. Nothing has changed."),
        ]))
