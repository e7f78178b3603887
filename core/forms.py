"""Forms of the shared pages. Every field has a label; every message is translated."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import flask_babel
from flask import current_app, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.form import _FlaskFormCSRF
from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict
from wtforms import Form as WtfForm
from wtforms import (
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget, Select

from core import input_rules, kept_input


class _BabelTranslations:
    """WTForms' messages through our own catalogues (see core.form_messages).

    WTForms fills in %(min)s, %(max)s… itself, so the text goes back unformatted: Flask-Babel's own
    `ngettext` would format it with only `num` and fail on the others."""

    def gettext(self, string):
        return flask_babel.get_translations().gettext(string)

    def ngettext(self, singular, plural, n):
        return flask_babel.get_translations().ngettext(singular, plural, n)


class _Select(Select):
    """WTForms' select, each option written in one f-string: the same HTML as `Select.render_option` (attributes
    in name order, so `selected` before `value`), without an `html_params` and two `Markup.format` calls per
    option, nor a look at `render_option`'s signature per select. A list of provinces has 78 options, and the
    opportunities page draws four such lists for every search (issue 35). Options with attributes of their own
    go the library's way."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        label = escape(choice.label or choice.value)
        selected = "selected " if choice.selected else ""
        return Markup(f'<option {selected}value="{escape(value)}">{label}</option>')  # noqa: S704  # nosec B704

    @classmethod
    def _dispatch_render_option(cls):
        return cls.render_option


_SELECTS = {False: _Select(), True: _Select(multiple=True)}


class _Meta:
    """Shared by every form and sub-form: the person's language, and the input rules of core.input_rules
    added to every field when it is bound, so a new form is protected without doing anything."""

    def get_translations(self, form):
        return _BabelTranslations()

    def bind_field(self, form, unbound_field, options):
        field = input_rules.protect(super().bind_field(form, unbound_field, options))
        if type(field.widget) is Select:
            field.widget = _SELECTS[field.widget.multiple]
        return field

    def render_field(self, field, render_kw):
        # Hidden inputs (the CSRF token above all) and submit buttons appear once per form; an id on them
        # would repeat on pages with several forms, and no label points at them.
        if field.type in ("HiddenField", "CSRFTokenField", "SubmitField"):
            render_kw = {"id": False, **render_kw}
        if isinstance(field.widget, Select):
            render_kw = {**render_kw, "required": False}  # a choice is always made; HTML would want an empty one
        return super().render_field(field, render_kw)


class _CSRF(_FlaskFormCSRF):
    """Flask-WTF's token, except in a page made to be kept for every anonymous visitor (core.page_cache): there
    a marker stands in for it, and each visitor's own token replaces the marker as the page is sent."""

    def generate_csrf_token(self, csrf_token_field):
        from core.page_cache import TOKEN_MARKER, making_kept_page

        return TOKEN_MARKER if making_kept_page() else super().generate_csrf_token(csrf_token_field)


class Form(FlaskForm):
    """The base of every form: CSRF from Flask-WTF, messages in the person's language, input rules."""

    class Meta(_Meta):
        csrf_class = _CSRF

    kept_action: str | None = None  # the address a refused form was sent to, when it comes back (kept_input)
    kept_data: MultiDict = MultiDict()
    kept_errors: dict[str, list[str]] = {}  # noqa: RUF012 - replaced, never changed in place

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not args and "formdata" not in kwargs:
            # A form refused on the request before, which sent the browser here (core.kept_input).
            kept_input.take(self, **kwargs)

    def for_row(self, action: str) -> Form:
        """On a page with one form of this class per row (a step for each applicant): this form in the row it
        was refused in (`action`, the address the row's form posts to), an empty one in the others."""
        if self.kept_action in (None, action):
            return self
        blank = type(self)(formdata=None, prefix=self._prefix)
        for name, field in self._fields.items():
            if hasattr(field, "choices"):
                blank[name].choices = field.choices
        return blank

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


class LanguageForm(Form):
    language = HiddenField(validators=[DataRequired()])
    next = HiddenField()


class ButtonForm(Form):
    """A form that is only a button (and its CSRF token): sign out, confirm, withdraw…"""
    submit = SubmitField(_l("Confirm"))


class SearchForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Search by name"), validators=[Optional(), Length(max=120)])
    submit = SubmitField(_l("Search"))


# An option that is what people wrote (a name, a title): marked, like any user content, as theirs.
THEIRS = {"data-user-content": True}


def reword(form: WtfForm, words: Mapping[str, Any]) -> WtfForm:
    """A form the participant fills in, as staff read it when they fill it in with or for the participant: one
    mapping of field name to the label said of the participant ("Languages they speak" for "Languages you
    speak"), or to (label, {choice: words}) where the choices speak as the participant too ("Yes, I still work
    there"). Each reader has their own wording (core.labels); the form's rules stay the same."""
    for name, said in words.items():
        label, choice_words = said if isinstance(said, tuple) else (said, {})
        bound = form[name]
        if label is not None:
            bound.label.text = label
        if choice_words:
            bound.choices = [dataclasses.replace(choice, label=choice_words.get(choice.value, choice.label))
                             for choice in map(SelectChoice.from_input, bound.choices)]
    return form


def site_languages() -> list[SelectChoice]:
    """Every language of the site (LANGUAGES in the settings), each name in its own script: the one list a
    language is chosen from."""
    languages = current_app.config["LANGUAGES"]
    return [SelectChoice(code, name, render_kw={"lang": code}) for code, name in languages.items()]


def _reader_language() -> str:
    locale = flask_babel.get_locale()
    return locale.language if locale is not None else "en"


def written_in_field() -> SelectField:
    """Which of the site's languages a form's own words are written in (the author's first language)."""
    return SelectField(_l("The words of this form are written in"), choices=site_languages,
                       default=_reader_language, validators=[DataRequired()])


def translation_form_class(form_class: type[Form], fields: tuple[str, ...], first_language: str) -> type[Form]:
    """A form for one more language of a record's words: the same labels and lengths as the record's own form,
    every box optional (all empty removes the language)."""
    attributes: dict = {"language": SelectField(_l("Language of these words"), choices=[
        choice for choice in site_languages() if choice.value != first_language])}
    for name in fields:
        unbound = getattr(form_class, name)
        longest = [v.max for v in unbound.kwargs.get("validators", ()) if isinstance(v, Length) and v.max > 0]
        attributes[name] = unbound.field_class(unbound.args[0], description=unbound.kwargs.get("description"),
                                               validators=[Optional(), Length(max=min(longest, default=4000))])
    attributes["submit"] = SubmitField(_l("Save this language"))
    return type(f"{form_class.__name__}Translation", (Form,), attributes)
