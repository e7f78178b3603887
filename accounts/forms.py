"""Forms of the accounts pages: signing in, registering, passwords, people, contact details, the admin's."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from accounts.passwords import MAX_LENGTH, MIN_LENGTH
from core.forms import Form, site_languages


def language_choices() -> list[SelectChoice]:
    """A person's language: any of the site's (staff record Burmese, Khmer, Lao and Vietnamese too)."""
    return [SelectChoice("", _l("Not chosen")), *site_languages()]


USERNAME = Regexp(r"^[A-Za-z0-9._-]+$", message=_l("Use only letters, numbers, dots, dashes and underscores."))


class SignInForm(Form):
    login_name = StringField(_l("Username or e-mail"), validators=[DataRequired(), Length(max=254)],
                             render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)],
                             render_kw={"autocomplete": "current-password"})
    keep_signed_in = BooleanField(_l("Keep me signed in on this device"),
                                  description=_l("Only on your own phone. On a shared phone, leave this empty: "
                                                 "you are signed out when the browser closes."))
    submit = SubmitField(_l("Sign in"))


class SetupForm(Form):
    login_name = StringField(_l("Username or e-mail"), validators=[DataRequired(), Length(max=254)],
                             render_kw={"autocomplete": "username"})
    code = StringField(_l("Set-up code from programme staff"), validators=[DataRequired(), Length(max=20)],
                       render_kw={"autocomplete": "one-time-code"})
    new_password = PasswordField(_l("Choose a password"),
                                 validators=[DataRequired(), Length(min=MIN_LENGTH, max=MAX_LENGTH)],
                                 description=_l("At least 8 characters. A short sentence is easy to remember."),
                                 render_kw={"autocomplete": "new-password"})
    submit = SubmitField(_l("Save my password"))


class RegisterForm(Form):
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)],
                       render_kw={"autocomplete": "email"})
    password = PasswordField(_l("Choose a password"), validators=[DataRequired(), Length(min=MIN_LENGTH,
                                                                                         max=MAX_LENGTH)],
                             description=_l("At least 8 characters. A short sentence is easy to remember."),
                             render_kw={"autocomplete": "new-password"})
    submit = SubmitField(_l("Create my account"))


class PasswordChangeForm(Form):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=MAX_LENGTH)],
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField(_l("New password"),
                                 validators=[DataRequired(), Length(min=MIN_LENGTH, max=MAX_LENGTH)],
                                 description=_l("At least 8 characters. A short sentence is easy to remember."),
                                 render_kw={"autocomplete": "new-password"})
    submit = SubmitField(_l("Change password"))


class ForgetDeviceForm(Form):
    """One button per remembered device on the devices page; the device's number rides along."""
    device = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9]{1,12}$")])
    submit = SubmitField(_l("Forget this device"))


class CancelRegistrationForm(Form):
    """From the mail about a registration that waits: the token rides in the link, the button removes it."""
    token = HiddenField(validators=[Length(max=500)])
    submit = SubmitField(_l("Cancel the waiting account"))


class ParticipantForm(Form):
    display_name = StringField(_l("Name to use"), validators=[DataRequired(), Length(max=120)],
                               description=_l("Any name the person chooses. It does not need to be a legal name."))
    username = StringField(_l("Username"), validators=[Optional(), Length(min=3, max=64), USERNAME],
                           description=_l("For signing in. Needed when there is no e-mail."))
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    locale = SelectField(_l("Preferred language"), choices=language_choices, validators=[Optional()])
    submit = SubmitField(_l("Save"))


class ParticipantEditForm(Form):
    """Staff change a participant's name and language; contact details they change are only suggested."""

    display_name = StringField(_l("Name to use"), validators=[DataRequired(), Length(max=120)],
                               description=_l("Any name the person chooses. It does not need to be a legal name."))
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Email(), Length(max=254)],
                       description=_l("A change is sent to the person to confirm."))
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)],
                        description=_l("A change is sent to the person to confirm."))
    line_id = StringField(_l("LINE ID (optional)"), validators=[Optional(), Length(max=64)],
                          description=_l("A change is sent to the person to confirm."))
    locale = SelectField(_l("Preferred language"), choices=language_choices, validators=[Optional()])
    submit = SubmitField(_l("Save"))


class ContactForm(Form):
    """The person's own ways to be reached."""

    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Length(max=254)])
    line_id = StringField(_l("LINE ID (optional)"), validators=[Optional(), Length(max=64)])
    contact_channel = RadioField(_l("How should we send you messages?"), default="", validators=[Optional()],
                                 choices=[SelectChoice("", _l("Any way I have given")),
                                          SelectChoice("email", _l("E-mail")), SelectChoice("sms", _l("SMS")),
                                          SelectChoice("line", _l("LINE")),
                                          SelectChoice("none", _l("No messages: I look on Pathways myself"))])
    quiet_from_hour = SelectField(_l("Please do not call or text me from"), validators=[Optional()])
    quiet_to_hour = SelectField(_l("until"), validators=[Optional()])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hours = [SelectChoice("", _l("Any time"))] + [SelectChoice(str(h), f"{h:02d}:00") for h in range(24)]
        self.quiet_from_hour.choices = hours
        self.quiet_to_hour.choices = hours


class AccountForm(ParticipantForm):
    role = SelectField(_l("Role"), validators=[DataRequired()])


class AuditFilterForm(Form):
    class Meta:
        csrf = False  # a GET search form: it changes nothing

    action = StringField(_l("Action"), validators=[Optional(), Length(max=80)])
    record_type = StringField(_l("Record type"), validators=[Optional(), Length(max=60)])
    actor = StringField(_l("Done by (username or e-mail)"), validators=[Optional(), Length(max=254)])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])
    submit = SubmitField(_l("Filter"))


class AccountSearchForm(Form):
    class Meta:
        csrf = False  # a GET search form: it changes nothing

    q = StringField(_l("Name, username or e-mail"), validators=[Optional(), Length(max=120)])
    role = SelectField(_l("Role"), validators=[Optional()])
    status = SelectField(_l("Status"), validators=[Optional()],
                         choices=[SelectChoice("", _l("All")), SelectChoice("active", _l("Active")),
                                  SelectChoice("disabled", _l("Disabled"))])
    submit = SubmitField(_l("Search"))


class AccountEditForm(Form):
    display_name = StringField(_l("Name to use"), validators=[DataRequired(), Length(max=120)])
    username = StringField(_l("Username"), validators=[Optional(), Length(min=3, max=64), USERNAME])
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    locale = SelectField(_l("Preferred language"), choices=language_choices, validators=[Optional()])
    role = SelectField(_l("Role"), validators=[Optional()],
                       description=_l("Changing the role signs the person out everywhere."))
    submit = SubmitField(_l("Save"))


def _second_step_code() -> StringField:
    """A code from the authenticator app, or a recovery code (signing in, turning two-step off)."""
    return StringField(_l("Code"), validators=[DataRequired(), Length(max=20)],
                       description=_l("The 6 digits your authenticator app shows now, or one of your recovery "
                                      "codes."),
                       render_kw={"autocomplete": "one-time-code", "autocapitalize": "characters",
                                  "spellcheck": "false"})


class SecondStepForm(Form):
    """The second step of signing in: a code from the authenticator app, or a recovery code."""
    code = _second_step_code()
    trust = BooleanField(_l("Trust this browser for 30 days"),
                         description=_l("Only on your own computer or phone: here, your password will be "
                                        "enough. You can take it back on your sign-in security page."))
    submit = SubmitField(_l("Continue"))


class EnrolForm(Form):
    code = StringField(_l("Code from your app"),
                       validators=[DataRequired(), Regexp(r"^\s*[0-9]{3} ?[0-9]{3}\s*$",
                                                          message=_l("Type the 6 digits your app shows."))],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 7})
    submit = SubmitField(_l("Turn on two-step sign-in"))


class ForgetBrowserForm(Form):
    """One button per trusted browser on the security page; the browser's number rides along."""
    browser = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9]{1,12}$")])
    submit = SubmitField(_l("Forget this browser"))


class EnrolmentCodeForm(Form):
    """At a work account's first set-up of its second step: the one-time code an admin gave."""
    enrolment_code = StringField(_l("Enrolment code from a Pathways admin"),
                                 validators=[DataRequired(), Length(max=20)],
                                 render_kw={"autocomplete": "one-time-code", "autocapitalize": "characters",
                                            "spellcheck": "false"})
    submit = SubmitField(_l("Continue"))


class RecoveryCodesForm(Form):
    """New recovery codes, only with a fresh proof: a code from the app, or the password."""
    proof = PasswordField(_l("A code from your app, or your password"),
                          validators=[DataRequired(), Length(max=MAX_LENGTH)],
                          render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Make new recovery codes"))


class TurnOffForm(Form):
    code = _second_step_code()
    submit = SubmitField(_l("Turn off two-step sign-in"))
