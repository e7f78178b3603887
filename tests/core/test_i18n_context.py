"""Flask-Babel's per-request namespace is read by core.i18n's quicker lookup (issue 35): same answers."""
import flask_babel
from flask import g
from flask_babel import get_locale, gettext

from core import i18n


def test_babel_reads_its_namespace_through_the_quicker_lookup(app):
    # Flask-Babel finds the function by its module-level name when called: an upgrade that stops doing so
    # would silently take the slow path again.
    for function in (flask_babel.get_locale, flask_babel.get_domain, flask_babel.Domain.get_translations):
        assert function.__globals__["_get_current_context"] is i18n._babel_context
    assert i18n._babel_context() is None  # no app context: Flask-Babel then uses its defaults
    with app.test_request_context("/", headers={"Accept-Language": "th"}):
        first = i18n._babel_context()
        assert first is i18n._babel_context() is g._flask_babel
        assert str(get_locale()) == "th" and first.babel_locale == get_locale()
        assert gettext("Menu") == "เมนู"
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert i18n._babel_context() is not first and str(get_locale()) == "en" and gettext("Menu") == "Menu"
