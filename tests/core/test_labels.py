"""core.labels' labels_once: a page's status words translated once each, written as the lazy labels write them."""
from flask import render_template_string
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from core.labels import labels_once

LABELS = {"paid": _l("Paid"), "cancelled": _l("Cancelled")}
PAGE = "{% for code in codes %}[{{ label(code) }}]{% endfor %}"


def test_the_words_are_those_of_the_lazy_labels_in_the_readers_language_and_an_unknown_code_is_escaped(app):
    codes = ["paid", "cancelled", "paid", "<b>odd</b>", None]
    with app.test_request_context():
        for language in ("en", "th"):
            with force_locale(language):
                once = render_template_string(PAGE, codes=codes, label=labels_once(LABELS))
                each = render_template_string(PAGE, codes=codes, label=lambda code: LABELS.get(code, code))
                assert once == each
                assert "&lt;b&gt;odd&lt;/b&gt;" in once
        with force_locale("th"):
            assert "[Paid]" not in render_template_string(PAGE, codes=["paid"], label=labels_once(LABELS))
