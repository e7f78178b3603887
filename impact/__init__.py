"""Impact: what the programme led to. Features provide themes (what counts as an outcome of theirs); a nightly job
freezes each finished year's figures, small numbers suppressed, for the public page and the staff's donor report."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from core.features import Feature, Job, Nav
from core.models import Role, User

impact_cli = AppGroup("impact", help="The impact figures: frozen finished years.")


def refresh_impact() -> str:
    """Scheduled: freeze the figures of the years whose closing date has passed (each once)."""
    from core import clock
    from impact import services

    frozen = services.refresh(clock.today())
    return f"froze {', '.join(frozen)}" if frozen else "no year to freeze"


@impact_cli.command("refreeze")
@click.argument("year")
@click.option("--reason", default="", help="Why (a real correction of the year's records); kept and audited.")
@click.option("--force", is_flag=True, help="Compute a published year again, as a new release.")
def refreeze_command(year: str, reason: str, force: bool) -> None:
    """Compute a frozen year again after a real data correction. Refused unless --force and a --reason are given:
    two releases of one year side by side can be differenced. The earlier release is kept."""
    from core import clock
    from impact import services

    try:  # the command's app context commits when it ends (core.unit_of_work)
        row = services.refreeze(year, clock.today(), reason, force=force)
        click.echo(f"{year}: release {row.release} frozen")
    except services.RefreezeRefused as refused:
        click.echo(f"refused: {refused}")
        raise SystemExit(1) from refused


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
        cli=(impact_cli,),
        migrations="impact/migrations",
    )
