"""The shop's template helpers: a price in baht is written as Flask-Babel's own format_decimal writes it."""
from flask_babel import force_locale, format_decimal

from marketplace.templating import baht


def test_a_price_is_written_as_format_decimal_writes_it_in_every_language(app):
    with app.test_request_context():
        for language in app.config["LANGUAGES"]:
            with force_locale(language):
                for minor in (None, 0, 5, 99, 123_456, -250, 1_000_000_007):
                    assert baht(minor) == format_decimal((minor or 0) / 100, "#,##0.00") + " ฿", (language, minor)
        with force_locale("en"):
            assert baht(123_456) == "1,234.56 ฿"
