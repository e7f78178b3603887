"""Select lists are written by core.forms._Select, one f-string per option (issue 35): the same HTML as WTForms'
own widget, option for option, for every kind of value and label a form gives it."""
from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField
from wtforms.widgets import Select

from core.forms import Form, _Select

CHOICES = [("", "All"), ("10", "Bangkok"), (50, "Chiang Mai"), (True, "Yes"), (False, "No"), (None, "Nothing"),
           ("a\"b<c>&'", "Tom & Jerry <b>\"quoted\"</b>"), ("lazy", _l("Any")), ("empty-label", ""),
           ("kw", "With its own attributes", {"disabled": True, "data_x": "1"})]


class _Choices(Form):
    one = SelectField(choices=CHOICES)
    many = SelectMultipleField(choices=CHOICES)


def test_options_are_written_as_wtforms_writes_them(app):
    with app.test_request_context("/?one=10&many=True&many=a%22b%3Cc%3E%26%27&many=kw"):
        form = _Choices(request.args, meta={"csrf": False})
        assert type(form.one.widget) is _Select and type(form.many.widget) is _Select
        for field, multiple in ((form.one, False), (form.many, True)):
            ours = str(field())
            field.widget = Select(multiple=multiple)
            assert ours == str(field()), field.name
            assert ours.count("selected") == (1 if not multiple else 3)
            assert str(field(class_="compact")) == str(_Select(multiple=multiple)(field, class_="compact"))
