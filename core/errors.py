"""Friendly error pages that say what to do next and leak nothing about the inside."""
from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES = {
    400: (_l("Something was wrong with that request"),
          _l("The form may have been open too long. Go back, reload the page and try again.")),
    403: (_l("This page is not open to you"), _l("If you think you should see it, ask programme staff.")),
    404: (_l("We could not find that page"), _l("Check the address, or go back to the start page.")),
    405: (_l("That cannot be done this way"), _l("Go back and use the buttons on the page.")),
    413: (_l("That file is too large"), _l("Please choose a smaller file and try again.")),
    429: (_l("Too many tries"), _l("Please wait a minute, then try again.")),
    500: (_l("Something went wrong on our side"), _l("Nothing you did caused this. Please try again later.")),
}


def render_error(code: int, reference: str | None = None):
    title, hint = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors.html", code=code, title=title, hint=hint, reference=reference), code


def _http_error(error: HTTPException):
    return render_error(error.code or 500)


def _server_error(error: InternalServerError):
    """Roll back, log the cause under a short reference, and show that reference so staff can find the log
    line when someone reports it. If even the friendly page fails (the database is down), plain text."""
    from core.unit_of_work import abandon

    reference = secrets.token_hex(4).upper()
    current_app.logger.error("Error reference %s on %s %s", reference, request.method, request.path,
                             exc_info=error.original_exception or error)
    try:
        abandon()  # the page is drawn on a session that works again, with nothing of the failed request
        return render_error(500, reference)
    except Exception:  # noqa: BLE001 - the last resort must not fail
        current_app.logger.exception("Error reference %s: the error page failed too", reference)
        return Response(f"Something went wrong on our side. Reference: {reference}\n", 500,
                        content_type="text/plain; charset=utf-8")


def init_app(app: Flask) -> None:
    for code in MESSAGES:
        if code != 500:
            app.register_error_handler(code, _http_error)
    app.register_error_handler(CSRFError, lambda error: render_error(400))
    app.register_error_handler(InternalServerError, _server_error)
