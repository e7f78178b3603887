"""One reading of whole numbers typed by people or sent in forms: quantities, scores, ids.

`str.isdigit()` says yes to "²" and then `int()` fails; `int()` alone takes "1_000" and numbers of any size.
Here a whole number is an optional sign and 1 to 12 decimal digits of any script (Thai "๓" is 3), nothing else.
"""
from __future__ import annotations

import re
import unicodedata

from werkzeug.routing import IntegerConverter

from core.input_rules import INT_LIMIT

_WHOLE = re.compile(r"[+-]?\d{1,12}")  # \d is Unicode's decimal digits: Thai, Burmese, Khmer, Lao… not "²"


def ascii_digits(text: str) -> str:
    """Digits of every script as 0-9 (Thai "๗๒๓๑" is "7231"): codes and numbers typed on any keyboard."""
    return _DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)


_DIGIT = re.compile(r"\d")


def whole_number(raw) -> int | None:
    """The number, or None when the text is not a whole number that fits the database."""
    text = str(raw if raw is not None else "").strip()
    if not _WHOLE.fullmatch(text):
        return None
    value = int(text)
    return value if -INT_LIMIT <= value <= INT_LIMIT else None


def record_id(raw) -> int | None:
    """A database id (1 and up), or None."""
    value = whole_number(raw)
    return value if value is not None and value > 0 else None


class DatabaseIntegerConverter(IntegerConverter):
    """`<int:…>` in routes: an id past the database's integer range is "not found", not a database error."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", INT_LIMIT)
        super().__init__(map, *args, **kwargs)
