"""Languages: English and Thai now; Burmese, Khmer, Lao and Vietnamese follow by adding a catalogue."""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Literal, cast

import flask_babel
from babel.dates import format_time as babel_format_time
from babel.dates import get_date_format, get_datetime_format
from flask import Flask, current_app, has_request_context, request, session
from flask.globals import _cv_app
from flask_babel import format_date, format_datetime, format_time, get_locale, get_translations, to_user_timezone
from flask_login import current_user
from jinja2 import pass_context

TRANSLATIONS = Path(__file__).with_name("translations")


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI, scheduled jobs, services called from tests
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return str(chosen)
    user = current_user._get_current_object()  # the proxy, read once
    if user.is_authenticated and user.locale in languages:
        return user.locale
    return request.accept_languages.best_match(list(languages)) or current_app.config["BABEL_DEFAULT_LOCALE"]


Length = Literal["short", "medium", "long", "full"]
LENGTHS = ("short", "medium", "long", "full")
BUDDHIST_ERA_OFFSET = 543
_DATE_PART = re.compile(r"('[^']*')|(G+\s*)|(y+)")  # a quoted literal, the era name, or the year


def _buddhist_era(pattern: str, year: int) -> str:
    """The same CLDR pattern with the era name dropped and the year written in the Buddhist era ("พ.ศ. 2569",
    or "69" where the pattern has a two-digit year). Babel has no Buddhist calendar: it would print ค.ศ."""
    def replace(match: re.Match) -> str:
        quoted, era, years = match.groups()
        if quoted or era is None and years is None:
            return quoted or ""
        if era:
            return ""
        buddhist = year + BUDDHIST_ERA_OFFSET
        return f"{buddhist % 100:02d}" if len(years) == 2 else f"'พ.ศ. {buddhist}'"
    return _DATE_PART.sub(replace, pattern)


def _thai_years() -> bool:
    locale = get_locale()
    return locale is not None and locale.language == "th" and current_app.config.get("THAI_BUDDHIST_ERA", True)


# Languages whose abbreviated month names are not clear words: Burmese cuts a name to a syllable that is a word
# of its own ("ဒီ" this, "အောက်" below for December and October); Lao abbreviates to initials ("ທ.ວ.") that
# people who read with effort do not know; Khmer's "short" names are the full ones already. Their dates spell
# the month in full wherever a pattern would abbreviate it.
FULL_MONTH_LANGUAGES = frozenset({"my", "lo", "km"})
_SHORT_MONTH = re.compile(r"(?<![ML])([ML])\1\1(?![ML])")  # MMM or LLL, not MMMM


def _full_months() -> bool:
    locale = get_locale()
    return locale is not None and locale.language in FULL_MONTH_LANGUAGES


def _date_pattern(value: date, fmt: str) -> str:
    pattern = get_date_format(cast(Length, fmt), locale=get_locale()).pattern if fmt in LENGTHS else fmt
    if _full_months():
        pattern = _SHORT_MONTH.sub(lambda match: match.group(1) * 4, pattern)
    return _buddhist_era(pattern, value.year) if _thai_years() else pattern


def format_day(value: date, fmt: str = "medium") -> str:
    """A date in the reader's language; in Thai with Buddhist-era years unless THAI_BUDDHIST_ERA is off; months
    spelt in full where the language's abbreviations are unclear."""
    if not _thai_years() and not _full_months():
        return format_date(value, fmt)
    return format_date(value, _date_pattern(value, fmt))


def format_year(year: int | str) -> str:
    """A year alone (a column of figures): in Thai in the Buddhist era, as dates are."""
    return f"พ.ศ. {int(year) + BUDDHIST_ERA_OFFSET}" if _thai_years() else str(year)


def format_moment(value: datetime, fmt: str = "medium") -> str:
    """A stored (UTC) time in the programme's time zone, its date written as format_day writes it."""
    if not _thai_years() and not _full_months():
        return format_datetime(value, fmt)
    local = to_user_timezone(value)
    return str(get_datetime_format(cast(Length, fmt), locale=get_locale())).replace("'", "").format(
        format_time(value, fmt), format_day(local.date(), fmt))


def _translations(context):
    # Looked up once per page (a context processor puts them in the page's context), not once per string:
    # Flask-Babel's own lookup walks the request context for every one of a page's strings.
    found = context.get("babel_translations")
    return found if found is not None else get_translations()


@pass_context
def _gettext(context, string):
    return _translations(context).ugettext(string)


@pass_context
def _ngettext(context, singular, plural, n):
    return _translations(context).ungettext(singular, plural, n)


@pass_context
def _pgettext(context, message_context, string):
    return _translations(context).upgettext(message_context, string)


@pass_context
def _npgettext(context, message_context, singular, plural, n):
    return _translations(context).unpgettext(message_context, singular, plural, n)


def _install_template_gettext(app: Flask) -> None:
    # install_gettext_callables is added to the environment by jinja2.ext.i18n, which Flask-Babel loads.
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_gettext, ngettext=_ngettext, pgettext=_pgettext, npgettext=_npgettext, newstyle=True)
    app.context_processor(lambda: {"babel_translations": get_translations()})


def _babel_context() -> SimpleNamespace | None:
    """Flask-Babel's own `_get_current_context`, reading the app context once instead of through the `g` proxy
    three times. Every translated string, lazy label, date and number asks for it (twice or three times each,
    some 500 times on a list page): 6 us a string became 2, and the locale 2.5 us became 0.1 (issue 35).
    Same answers: None outside an app context, else the namespace kept on `g`."""
    context = _cv_app.get(None)
    if context is None:
        return None
    found = context.g.__dict__.get("_flask_babel")
    if found is None:
        found = context.g._flask_babel = SimpleNamespace()
    return found


def once_a_request(name: str) -> dict | None:
    """A dict kept beside Flask-Babel's own per-request values (`_babel_context`), for what is written once a
    request (a day, a time, a label: its key must hold the language); None outside an app context."""
    kept = _babel_context()
    if kept is None:
        return None
    found = kept.__dict__.get(name)
    if found is None:
        found = kept.__dict__[name] = {}
    return found


def day_on_page(value: date | None, fmt: str = "medium") -> str:
    """The `date` filter: `format_day`, each day written once a request in each language and length. A board of
    60 visits due on a few days wrote the same few dates 60 times, some 90 function calls each (issue 35)."""
    if not value:
        return ""
    days = once_a_request("days_written")
    if days is None:
        return format_day(value, fmt)
    key = (value, fmt, get_locale())
    written = days.get(key)
    if written is None:
        written = days[key] = format_day(value, fmt)
    return written


def moment_on_page(value: datetime | None, fmt: str = "medium") -> str:
    """The `datetime` filter: `format_moment`, each second written once a request in each language and length
    (some 200 calls each: the audit log's 50 rows, written by a few requests, hold a few seconds; issue 35). The
    named lengths show no fraction of a second, so times within one second are written alike."""
    if not value:
        return ""
    moments = once_a_request("moments_written")
    if moments is None:
        return format_moment(value, fmt)
    key = (value.replace(microsecond=0) if fmt in LENGTHS else value, fmt, get_locale())
    written = moments.get(key)
    if written is None:
        if fmt in LENGTHS:  # format_moment's two parts, the day's written once a request, joined as Babel joins them
            local, locale = to_user_timezone(value), get_locale()
            written = str(get_datetime_format(cast(Length, fmt), locale=locale)).replace("'", "").replace(
                "{0}", babel_format_time(local, cast(Length, fmt), locale=locale)).replace(
                "{1}", day_on_page(local.date(), fmt))
        else:
            written = format_moment(value, fmt)
        moments[key] = written
    return written


def init_app(app: Flask) -> None:
    from core.extensions import babel

    # Flask-Babel 4.0 looks up its per-request namespace through this module-level function (by name, at call
    # time): tests/core/test_i18n_context.py fails if an upgrade changes that.
    flask_babel._get_current_context = _babel_context

    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    babel.init_app(app, locale_selector=select_locale)
    # Stored in UTC; shown in Bangkok time (the Babel default time zone).
    _install_template_gettext(app)
    app.jinja_env.filters["datetime"] = moment_on_page
    app.jinja_env.filters["date"] = day_on_page
    app.jinja_env.filters["year"] = format_year
