"""The impact feature's `flask impact` commands."""
from __future__ import annotations

import click
from flask.cli import AppGroup

impact_cli = AppGroup("impact", help="The impact figures: frozen finished years.")


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
