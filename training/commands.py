"""Training's `flask training` commands, and the daily job they share with the scheduler."""
from __future__ import annotations

import click
from flask.cli import AppGroup

training_cli = AppGroup("training", help="Training and work: safe-recruitment checks.")


def rescreen_job() -> int:
    """Scheduled at 05:30: every published post screened again; how many went back to staff."""
    from core import clock
    from training.employers import rescreen_published

    return len(rescreen_published(clock.today()))


@training_cli.command("rescreen")
def rescreen_command() -> None:
    """Screen every published post again with the current rules (also run daily by the scheduler)."""
    held = rescreen_job()
    click.echo(f"posts screened again; sent back to staff: {held}")
