"""Dates in Thai carry Buddhist-era years (a setting): every CLDR length, dates of stored times in Bangkok's
day, English untouched, and a participant's page in Thai shows no Western year."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import render_template_string
from flask_babel import force_locale

from core.i18n import format_day, format_moment
from core.models import Role
from tests.conftest import post_form

DAY = date(2026, 11, 26)


@pytest.mark.parametrize(("fmt", "shown"), [
    ("short", "26/11/69"), ("medium", "26 พ.ย. พ.ศ. 2569"), ("long", "26 พฤศจิกายน พ.ศ. 2569"),
    ("full", "วันพฤหัสบดีที่ 26 พฤศจิกายน พ.ศ. 2569")])
def test_thai_dates_use_the_buddhist_era_at_every_length(app, fmt, shown):
    with app.test_request_context(), force_locale("th"):
        written = format_day(DAY, fmt)
        assert written == shown
        assert "ค.ศ." not in written and "2026" not in written


def test_the_setting_turns_it_off_and_english_is_untouched(app):
    with app.test_request_context():
        with force_locale("en"):
            assert format_day(DAY) == "Nov 26, 2026"
        app.config["THAI_BUDDHIST_ERA"] = False
        try:
            with force_locale("th"):
                assert format_day(DAY) == "26 พ.ย. 2026"
        finally:
            app.config["THAI_BUDDHIST_ERA"] = True


def test_the_date_filter_writes_each_day_as_format_day_does_in_each_language_of_one_request(app):
    """The filter writes each day once a request (issue 35): a day written in English is not reused in Thai."""
    page = "{{ day|date }}|{{ day|date('long') }}|{{ other|date }}|{{ missing|date }}"
    other = date(2027, 1, 2)
    with app.test_request_context():
        for language in ("en", "th", "my", "en", "th"):
            with force_locale(language):
                assert render_template_string(page, day=DAY, other=other, missing=None) == \
                    f"{format_day(DAY)}|{format_day(DAY, 'long')}|{format_day(other)}|"
        with force_locale("th"):
            assert render_template_string("{{ day|date }}", day=DAY) == "26 พ.ย. พ.ศ. 2569"


def test_the_datetime_filter_writes_each_time_as_format_moment_does_in_each_language_of_one_request(app):
    """The filter writes each second once a request, its day once (issue 35): the same text as format_moment in
    every language and length, a time written in one language not reused in another, nor one second for the
    next, and the Bangkok day (not the stored UTC day) written for times either side of midnight."""
    from datetime import timedelta

    times = [datetime(2026, 12, 31, 16, 59, 59, 900_000, tzinfo=UTC), datetime(2026, 12, 31, 17, 0, 0, tzinfo=UTC),
             datetime(2026, 12, 31, 17, 0, 0, 400_000, tzinfo=UTC), datetime(2026, 12, 31, 17, 0, 1, tzinfo=UTC),
             datetime(2026, 3, 4, 5, 6, 7), datetime(2027, 7, 8, 23, 0, tzinfo=UTC) + timedelta(hours=1)]
    page = "|".join("{{ times[" + str(i) + "]|datetime(fmt) }}" for i in range(len(times)))
    with app.test_request_context():
        for language in ("en", "th", "my", "km", "lo", "vi", "en", "th"):
            for fmt in ("short", "medium", "long", "full"):
                with force_locale(language):
                    assert render_template_string(page, times=times, fmt=fmt) == \
                        "|".join(format_moment(value, fmt) for value in times), (language, fmt)


def test_a_stored_time_is_dated_on_bangkoks_day(app):
    late_evening_utc = datetime(2026, 12, 31, 18, 30, tzinfo=UTC)  # 01:30 on 1 January 2027 in Bangkok
    with app.test_request_context(), force_locale("th"):
        written = format_moment(late_evening_utc)
    assert written.startswith("1 ม.ค. พ.ศ. 2570") and "01:30" in written


def test_a_participants_page_in_thai_shows_no_western_year(app, signed_in):
    client, _participant_id = signed_in(Role.PARTICIPANT)
    post_form(client, "/language", {"language": "th", "next": "/me/data"})
    page = client.get("/me/data").get_data(as_text=True)
    this_year = date.today().year
    assert f"พ.ศ. {this_year + 543}" in page
    assert f" {this_year}" not in page.replace(f"{this_year}-", "")  # ISO dates in links aside



@pytest.mark.parametrize("lang", ["my", "lo", "km"])
def test_burmese_lao_and_khmer_dates_spell_the_month_in_full(app, lang):
    """Burmese short months read as words ("ဒီ" this, "အောက်" below), Lao's are initials ("ທ.ວ."): every
    date, and the date of every stored time, spells its month in full; the numeric short date stays numeric."""
    from babel.dates import format_date

    with app.test_request_context(), force_locale(lang):
        for month in range(1, 13):
            day = date(2026, month, 26)
            full, short = format_date(day, "MMMM", locale=lang), format_date(day, "MMM", locale=lang)
            for fmt in ("medium", "long"):
                written = format_day(day, fmt)
                assert full in written and "2026" in written
                if short != full:
                    assert short not in written.replace(full, "")
        moment = format_moment(datetime(2026, 12, 6, 3, 0, tzinfo=UTC))
        assert format_date(date(2026, 12, 1), "MMMM", locale=lang) in moment and "10:00" in moment  # Bangkok
        assert format_day(DAY, "short") in ("26/11/26", "26/11/2026")
    with app.test_request_context(), force_locale("my"):
        assert format_day(date(2026, 12, 6)) == "2026 ဒီဇင်ဘာ 6"
