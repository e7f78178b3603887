"""The marks around people's own words (`|theirs`, `|written`) are built without Markup.format (issue 35) and
write exactly what it wrote, whatever the value."""
from types import SimpleNamespace

import pytest
from flask_babel import lazy_gettext
from markupsafe import Markup, escape

from core import content_languages

VALUES = ["Malee", "<script>alert('x')</script> & \"quoted\"", "ชื่อ ไทย", 0, 12, 3.5, Markup("<b>kept</b>"),
          lazy_gettext("Menu"), "{} {0} %s"]


@pytest.mark.parametrize("value", VALUES)
def test_theirs_writes_what_markup_format_wrote(app, value):
    with app.test_request_context("/"):
        expected = Markup("<span data-user-content>{}</span>").format(value)
        assert content_languages._theirs(value) == expected and isinstance(content_languages._theirs(value), Markup)
    assert content_languages._theirs(None) == content_languages._theirs("") == Markup("")


@pytest.mark.parametrize("value", [v for v in VALUES if isinstance(v, str)])
def test_written_writes_what_markup_format_wrote(app, value):
    # A record as `shown` reads one: written in Thai, with no text in the reader's language.
    record = SimpleNamespace(title=value, text_language="th", written_in=lambda field, language: None)
    with app.test_request_context("/"):
        expected = Markup('<span lang="{}" data-user-content>{}</span>').format("th", escape(value))
        assert content_languages._written(record, "title") == expected
