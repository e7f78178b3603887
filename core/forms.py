"""Forms of the shared pages. Every field has a label; every message is translated."""
from __future__ import annotations

import flask_babel
from flask import current_app, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms import Form as WtfForm
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget, Select

from core import input_rules
from core.passwords import MAX_LENGTH, MIN_LENGTH


class _BabelTranslations:
    """WTForms' messages through our own catalogues (see core.form_messages).

    WTForms fills in %(min)s, %(max)s… itself, so the text goes back unformatted: Flask-Babel's own
    `ngettext` would format it with only `num` and fail on the others."""

    def gettext(self, string):
        return flask_babel.get_translations().gettext(string)

    def ngettext(self, singular, plural, n):
        return flask_babel.get_translations().ngettext(singular, plural, n)


class _Meta:
    """Shared by every form and sub-form: the person's language, and the input rules of core.input_rules
    added to every field when it is bound, so a new form is protected without doing anything."""

    def get_translations(self, form):
        return _BabelTranslations()

    def bind_field(self, form, unbound_field, options):
        return input_rules.protect(super().bind_field(form, unbound_field, options))

    def render_field(self, field, render_kw):
        # Hidden inputs (the CSRF token above all) and submit buttons appear once per form; an id on them
        # would repeat on pages with several forms, and no label points at them.
        if field.type in ("HiddenField", "CSRFTokenField", "SubmitField"):
            render_kw = {"id": False, **render_kw}
        if isinstance(field.widget, Select):
            render_kw = {**render_kw, "required": False}  # a choice is always made; HTML would want an empty one
        return super().render_field(field, render_kw)


class Form(FlaskForm):
    """The base of every form: CSRF from Flask-WTF, messages in the person's language, input rules."""

    class Meta(_Meta):
        pass

    def validate_on_submit(self, extra_validators=None) -> bool:
        # "Show districts" (the way to fill the district list without JavaScript) sends the form back to be
        # shown again with the districts of the chosen province; nothing is checked or saved.
        if self.is_submitted() and request.form.get(SHOW_DISTRICTS):
            return False
        return super().validate_on_submit(extra_validators)


SHOW_DISTRICTS = "show_districts"


class MultiCheckboxField(SelectMultipleField):
    """Tick boxes instead of a multiple select: easier on a phone and without JavaScript."""
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SubForm(WtfForm):
    """A group of fields repeated inside a form (budget rows, criteria): no token of its own, same language."""

    class Meta(_Meta):
        pass


LANGUAGE_CHOICES = [SelectChoice("", _l("Not chosen")), SelectChoice("en", "English"), SelectChoice("th", "ไทย")]
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


class LanguageForm(Form):
    language = HiddenField(validators=[DataRequired()])
    next = HiddenField()


class ButtonForm(Form):
    """A form that is only a button (and its CSRF token): sign out, confirm, withdraw…"""
    submit = SubmitField(_l("Confirm"))


class ForgetDeviceForm(Form):
    """One button per remembered device on the devices page; the device's number rides along."""
    device = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9]{1,12}$")])
    submit = SubmitField(_l("Forget this device"))


class CancelRegistrationForm(Form):
    """From the mail about a registration that waits: the token rides in the link, the button removes it."""
    token = HiddenField(validators=[Length(max=500)])
    submit = SubmitField(_l("Cancel the waiting account"))


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


class ParticipantForm(Form):
    display_name = StringField(_l("Name to use"), validators=[DataRequired(), Length(max=120)],
                               description=_l("Any name the person chooses. It does not need to be a legal name."))
    username = StringField(_l("Username"), validators=[Optional(), Length(min=3, max=64), USERNAME],
                           description=_l("For signing in. Needed when there is no e-mail."))
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    locale = SelectField(_l("Preferred language"), choices=LANGUAGE_CHOICES, validators=[Optional()])
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
    locale = SelectField(_l("Preferred language"), choices=LANGUAGE_CHOICES, validators=[Optional()])
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


class SearchForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Search by name"), validators=[Optional(), Length(max=120)])
    submit = SubmitField(_l("Search"))



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
    locale = SelectField(_l("Preferred language"), choices=LANGUAGE_CHOICES, validators=[Optional()])
    role = SelectField(_l("Role"), validators=[Optional()],
                       description=_l("Changing the role signs the person out everywhere."))
    submit = SubmitField(_l("Save"))


# An option that is what people wrote (a name, a title): marked, like any user content, as theirs.
THEIRS = {"data-user-content": True}


def _site_languages() -> list[SelectChoice]:
    languages = current_app.config["LANGUAGES"]
    return [SelectChoice(code, name, render_kw={"lang": code}) for code, name in languages.items()]


def _reader_language() -> str:
    locale = flask_babel.get_locale()
    return locale.language if locale is not None else "en"


def written_in_field() -> SelectField:
    """Which of the site's languages a form's own words are written in (the author's first language)."""
    return SelectField(_l("The words of this form are written in"), choices=_site_languages,
                       default=_reader_language, validators=[DataRequired()])


def translation_form_class(form_class: type[Form], fields: tuple[str, ...], first_language: str) -> type[Form]:
    """A form for one more language of a record's words: the same labels and lengths as the record's own form,
    every box optional (all empty removes the language)."""
    attributes: dict = {"language": SelectField(_l("Language of these words"), choices=[
        choice for choice in _site_languages() if choice.value != first_language])}
    for name in fields:
        unbound = getattr(form_class, name)
        longest = [v.max for v in unbound.kwargs.get("validators", ()) if isinstance(v, Length) and v.max > 0]
        attributes[name] = unbound.field_class(unbound.args[0], description=unbound.kwargs.get("description"),
                                               validators=[Optional(), Length(max=min(longest, default=4000))])
    attributes["submit"] = SubmitField(_l("Save this language"))
    return type(f"{form_class.__name__}Translation", (Form,), attributes)
