"""Impact: what the programme led to. Features provide themes (what counts as an outcome of theirs); a nightly job
computes the figures, small numbers suppressed, for the public page and the staff's donor report."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.features import Feature, Job, Nav
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


def feature() -> Feature:
    """Last in the app's list: its seeder runs after every feature's demo data."""
    import impact.models  # noqa: F401 - its table joins the metadata (create_all, migrations)
    from impact import views

    return Feature(
        "impact",
        blueprints=(views.bp,),
        nav=(Nav("impact.report", _l("Donor report"), roles=[Role.STAFF, Role.ADMIN],
                 after="people.deletion_requests"),),
        jobs=(Job("core.impact", refresh_impact, "cron", {"hour": 2, "minute": 30}),),
        seeders=(seed_figures,),
        migrations="impact/migrations",
    )
