"""Grants' `flask grants` commands, and the daily job they share with the scheduler."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from core import clock

grants_cli = AppGroup("grants", help="Grant rounds and follow-up of funded businesses.")


def daily_job():
    """Scheduled at 06:00: the follow-up check on the programme's day (grants.monitoring.run_daily)."""
    from grants.monitoring import run_daily

    return run_daily(clock.today())


@grants_cli.command("run-daily")
def run_daily_command() -> None:
    """Mark overdue visits and flag businesses at risk (safe to run more than once a day)."""
    result = daily_job()
    click.echo(f"visits reminded: {result['reminded']}, overdue visits marked: {result['overdue']}, "
               f"risk flags raised: {result['raised']}, "
               f"closed: {result['resolved']}")
