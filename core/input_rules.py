"""Rules every submitted value obeys, whichever form it comes from.

`core.forms` adds them to each field as it is bound, so a new form gets them without doing anything:
- text: line breaks arrive as CRLF from browsers but count as one character there, so they become LF before
  any length check; NUL, other control characters and bidirectional overrides are refused (PostgreSQL refuses
  NUL mid-request, and an override can disguise a name); one-line fields refuse line breaks (e-mail headers);
- whole numbers must fit the database's integer column, decimals must be finite and of a sane size;
- dates must lie in years a programme can mean (date arithmetic past year 9999 would crash).
"""
from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import DateField, DecimalField, FloatField, IntegerField, StringField, TextAreaField
from wtforms.validators import StopValidation

# Control characters other than tab and line feed, and the bidirectional embeddings, overrides and isolates.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LINE_BREAK = re.compile(r"[\n\t\u2028\u2029]")
INT_LIMIT = 2_147_483_647  # the largest value of an INTEGER column in PostgreSQL
DECIMAL_LIMIT = Decimal(10) ** 12
FIRST_YEAR, LAST_YEAR = 1900, 2200


def normalise_text(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _no_hidden_characters(form, field):
    if isinstance(field.data, str) and FORBIDDEN.search(field.data):
        raise StopValidation(_l("Remove the hidden control characters from this text."))


def _one_line(form, field):
    if isinstance(field.data, str) and LINE_BREAK.search(field.data):
        raise StopValidation(_l("Write this on one line."))


def _fits_integer(form, field):
    if isinstance(field.data, int) and not -INT_LIMIT <= field.data <= INT_LIMIT:
        raise StopValidation(_l("This number is too large."))


def _finite_number(form, field):
    value = field.data
    if isinstance(value, Decimal) and (not value.is_finite() or abs(value) >= DECIMAL_LIMIT):
        field.data = None
        raise StopValidation(_l("Enter a number."))
    if isinstance(value, float) and (not math.isfinite(value) or abs(value) >= DECIMAL_LIMIT):
        field.data = None
        raise StopValidation(_l("Enter a number."))


def _sensible_date(form, field):
    if isinstance(field.data, dt.date) and not FIRST_YEAR <= field.data.year <= LAST_YEAR:
        raise StopValidation(_l("Enter a date between %(first)d and %(last)d.", first=FIRST_YEAR, last=LAST_YEAR))


def protect(field):
    """Add the rules that apply to this kind of field; they run before the field's own validators."""
    rules = []
    if isinstance(field, StringField):
        field.filters = (normalise_text, *field.filters)
        rules.append(_no_hidden_characters)
        if not isinstance(field, TextAreaField):
            rules.append(_one_line)
    elif isinstance(field, IntegerField):
        rules.append(_fits_integer)
    elif isinstance(field, (DecimalField, FloatField)):
        rules.append(_finite_number)
    elif isinstance(field, DateField):
        rules.append(_sensible_date)
    if rules:
        field.validators = [*rules, *field.validators]
    return field
