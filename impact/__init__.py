"""Impact: what the programme led to. Features register themes (what counts as an outcome of theirs); a nightly job
computes the figures, small numbers suppressed, for the public page and the staff's donor report."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from core.models import Role, User


def refresh_impact() -> str:
    """Scheduled: the public impact page's figures, for the years closed by tonight."""
    from core import clock
    from impact import services

    snapshot = services.refresh(clock.today())
    return f"figures for {', '.join(snapshot.years) or 'no closed year'}"


def seed_figures(people: dict[str, User]) -> None:
    """The night's job would; the demo shows its figures from the start. Registered last, after every
    feature's demo data."""
    from core import clock
    from core.extensions import db
    from impact import services

    db.session.flush()
    services.refresh(clock.today())


def init_app(app: Flask) -> None:
    import impact.models  # noqa: F401 - its table joins the metadata (create_all, migrations)
    from core.commands import register_seeder
    from core.navigation import register_nav
    from core.scheduler import register_job
    from impact import views

    app.register_blueprint(views.bp)
    register_nav("impact.report", _l("Donor report"), roles=[Role.STAFF, Role.ADMIN], after="people.deletion_requests")
    register_job("core.impact", refresh_impact, "cron", hour=2, minute=30)
    register_seeder(seed_figures)
