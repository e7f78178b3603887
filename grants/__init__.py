"""Small-business grants and training scholarships: rounds, review, decisions, tranches and follow-up."""
from __future__ import annotations

from datetime import date

import click
from flask import Flask
from flask.cli import AppGroup


grants_cli = AppGroup("grants", help="Grant rounds and follow-up of funded businesses.")


@grants_cli.command("run-daily")
def run_daily_command() -> None:
    """Mark overdue visits and flag businesses at risk (safe to run more than once a day)."""
    from grants.monitoring import run_daily

    result = run_daily(date.today())
    click.echo(f"overdue visits marked: {result['overdue']}, risk flags raised: {result['raised']}, "
               f"closed: {result['resolved']}")


def daily_job():
    from grants.monitoring import run_daily

    return run_daily(date.today())


def init_app(app: Flask) -> None:
    from core.scheduler import register_job
    from grants import models  # noqa: F401  (the tables must be known to the metadata and migrations)

    app.cli.add_command(grants_cli)
    register_job("grants.daily", daily_job, "cron", hour=6, minute=0)
