"""Bare extension objects, bound to the app in `app.create_app`."""
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
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
