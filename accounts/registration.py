"""Registering oneself, offered to the features that let people do it (training: a business that posts jobs),
with accounts' own rule, mails and password field: the same work, answer and mails for every address
(accounts.services.register_self)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from accounts import mail
from accounts import services as accounts
from accounts.passwords import MAX_LENGTH, MIN_LENGTH
from core.models import Role, User


def register(role: Role, display_name: str, email: str, password: str, *, locale: str | None,
             phone: str | None = None) -> User | None:
    """The new account, waiting for the link mailed to it; None when the address had an account (its owner is
    mailed instead). The caller answers the same either way."""
    return accounts.register_self(role, display_name, email, password, locale=locale, phone=phone,
                                  send_confirmation=mail.send_confirmation,
                                  send_already_registered=mail.send_already_registered,
                                  send_already_waiting=mail.send_already_waiting)


def choose_password_field() -> PasswordField:
    return PasswordField(_l("Choose a password"), validators=[DataRequired(), Length(min=MIN_LENGTH,
                                                                                    max=MAX_LENGTH)],
                         description=_l("At least 8 characters. A short sentence is easy to remember."),
                         render_kw={"autocomplete": "new-password"})
