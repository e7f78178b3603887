"""CLI commands: `flask seed-demo` and `flask scheduler`."""
from __future__ import annotations

import signal
from collections.abc import Callable

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import with_appcontext

from core.extensions import db
from core.features import registries
from core.models import Role, User

DEMO_PASSWORD = "pathways-demo"  # noqa: S105 - demo data only: created by seed-demo and nowhere else
DEMO_ACCOUNTS = [
    # No language is set on the demo accounts: the site follows the language switch and the browser.
    (Role.PARTICIPANT, "participant@demo.pathways", "Malee", None),
    (Role.STAFF, "staff@demo.pathways", "Khun Somchai (staff)", None),
    # A second staff member: approving a post with a grave flag needs two people.
    (Role.STAFF, "staff2@demo.pathways", "Khun Nok (staff)", None),
    (Role.EMPLOYER, "employer@demo.pathways", "Lanna Coffee Roasters", None),
    (Role.MANAGER, "manager@demo.pathways", "Dao (shop manager)", None),
    (Role.CUSTOMER, "customer@demo.pathways", "Sam Customer", None),
    # A café approved to buy wholesale, on invoice with 30 days (marketplace/wholesale_demo.py).
    (Role.CUSTOMER, "cafe@demo.pathways", "Jintana (Doi Café)", None),
    (Role.ADMIN, "admin@demo.pathways", "Pathways admin", None),
]

def seeders() -> list[Callable[[dict[str, User]], None]]:
    """Features declare demo data (core.features: `Feature.seeders`); each seeder gets the demo accounts by role
    and must itself be idempotent."""
    return list(registries().seeders)


def seed_demo_accounts() -> dict[str, User]:
    """Accounts makes the demo accounts (DEMO_ACCOUNTS) and returns them by role, for the seeders."""
    maker = registries().demo_accounts
    return maker() if maker is not None else {}


def seed_demo(if_empty: bool = False) -> bool:
    """Create the demo data. Returns False when skipped because the database already has people."""
    if if_empty and db.session.scalar(sa.select(sa.func.count(User.id))):
        return False
    people = seed_demo_accounts()
    for seeder in seeders():
        seeder(people)
    db.session.flush()
    return True


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Only when the database has no accounts yet.")
def seed_demo_command(if_empty: bool) -> None:
    """Create demo data and one demo account per role (idempotent)."""
    if seed_demo(if_empty):
        click.echo(f"Demo data ready. Every demo account uses the password {DEMO_PASSWORD!r}:")
        for role, email, _name, _locale in DEMO_ACCOUNTS:
            click.echo(f"  {role.value:<12} {email}")
    else:
        click.echo("The database already has accounts; demo data not added.")


@click.command("scheduler")
@with_appcontext
@click.option("--status", "show_status", is_flag=True, help="Say who leads and when each job runs; run nothing.")
def scheduler_command(show_status: bool) -> None:
    """Take part in running the scheduled jobs (any number of these, on any machine: one leads at a time)."""
    from core import scheduler

    app = current_app._get_current_object()
    if show_status:
        _print_status(app)
        return
    if (started := app.extensions.get("scheduler")) is not None:
        started.stop()  # SCHEDULER_IN_WEB=1 in this process's settings too: one part per process
    runner = scheduler.Scheduler(app)
    app.extensions["scheduler"] = runner
    for number in (signal.SIGTERM, signal.SIGINT):  # a clean stop gives the lease up at once
        signal.signal(number, lambda *_: runner.stop(wait=False))
    click.echo("Scheduler taking part: " + ", ".join(job.id for job in scheduler.registered_jobs()))
    runner.run_forever()


def _print_status(app: Flask) -> None:
    from core import clock, scheduler

    def when(moment) -> str:
        return moment.astimezone(clock.zone(app)).strftime("%Y-%m-%d %H:%M:%S") if moment else "-"

    found = scheduler.status(app)
    lead = found["leader"]
    if lead.live:
        click.echo(f"Leader: {lead.holder} since {when(lead.since)}, lease until {when(lead.expires_at)}")
    else:
        click.echo("Leader: none now (the next process to try takes the lease)")
    for job_id, row, outcome in found["jobs"]:
        if row is None:
            click.echo(f"  {job_id:<40} not scheduled yet")
            continue
        click.echo(f"  {job_id:<40} next {when(row.next_due_at)}  last started {when(row.started_at)} "
                   f"by {row.started_by or '-'}, {outcome}")


def init_app(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(scheduler_command)
    from core.fonts import fonts_cli

    app.cli.add_command(fonts_cli)
    from core import backup

    backup.init_app(app)
    from core.file_store_commands import uploads_cli

    app.cli.add_command(uploads_cli)
