"""Forms of the privacy pages: the notice at first sign-in, and agreeing to (or withdrawing) a purpose."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SubmitField
from wtforms.validators import DataRequired

from core.forms import Form


class ConsentForm(Form):
    purpose = HiddenField(validators=[DataRequired()])
    agree = SubmitField(_l("I agree"))
    withdraw = SubmitField(_l("Withdraw my agreement"))


class NoticeForm(Form):
    share_with_employers = BooleanField(_l("When I apply to an employer, they may see the details I choose to "
                                           "share."),
                                        description=_l("You can change this at any time under "
                                                       "\u201cWhat I share\u201d."))
    submit = SubmitField(_l("I have read this. Continue"))
