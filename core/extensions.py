"""Bare extension objects, bound to the app in `app.create_app`."""
from flask import current_app, request, session
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.engine import CursorResult

from core.db import Base

db = SQLAlchemy(model_class=Base)


def changed_rows(statement) -> int:
    """Run an UPDATE or DELETE and say how many rows it changed: the conditional-update pattern that takes a
    seat, stock or budget only while some is left."""
    result: CursorResult = db.session.execute(statement)  # type: ignore[assignment]
    return result.rowcount or 0


class VisitorLoginManager(LoginManager):
    """Flask-Login's session protection marks a session "not fresh" when it was made on another address or
    browser, and a session without an identifier always looks so: a visitor's session (only the token of the
    form they were shown) was rewritten, with a new cookie, on their next page. With nobody signed in and no
    remember cookie there is nothing to protect."""

    def _session_protection_failed(self) -> bool:
        remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
        if "_user_id" not in session and remember not in request.cookies:
            return False
        return super()._session_protection_failed()


migrate = Migrate()
login_manager = VisitorLoginManager()
csrf = CSRFProtect()
babel = Babel()
