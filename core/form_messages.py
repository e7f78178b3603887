"""WTForms' own error messages, listed so that our catalogues carry them (WTForms ships no Thai).

`core.forms.Form` sends every WTForms message through Flask-Babel, so a new language only needs its catalogue.
This function is never called: it exists for `pybabel extract`.
"""
from flask_babel import gettext, ngettext


def _messages_for_extraction():  # pragma: no cover
    return [
        gettext("This field is required."), gettext("Invalid input."), gettext("Invalid email address."),
        gettext("Not a valid choice."), gettext("Not a valid integer value."), gettext("Not a valid decimal value."),
        gettext("Not a valid float value."), gettext("Not a valid date value."), gettext("Not a valid time value."),
        gettext("Not a valid datetime value."), gettext("Invalid Choice: could not coerce."),
        gettext("Invalid choice(s): one or more data inputs could not be coerced."),
        gettext("Field must be between %(min)d and %(max)d characters long."),
        gettext("Number must be at least %(min)s."), gettext("Number must be at most %(max)s."),
        gettext("Number must be between %(min)s and %(max)s."), gettext("Date must be at least %(min)s."),
        gettext("Date must be at most %(max)s."), gettext("Date must be between %(min)s and %(max)s."),
        gettext("Invalid value, must be one of: %(values)s."), gettext("Field must be equal to %(other_name)s."),
        ngettext("Field must be at least %(min)d character long.",
                 "Field must be at least %(min)d characters long.", 1),
        ngettext("Field cannot be longer than %(max)d character.",
                 "Field cannot be longer than %(max)d characters.", 1),
        ngettext("'%(value)s' is not a valid choice for this field.",
                 "'%(value)s' are not valid choices for this field.", 1),
        gettext("File does not have an approved extension: {extensions}"),
        gettext("Invalid CSRF Token."), gettext("CSRF token missing."), gettext("CSRF token expired."),
    ]
