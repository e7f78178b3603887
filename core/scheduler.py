"""Scheduled jobs run in exactly one process.

Features declare plain functions (core.features: `Feature.jobs`); `flask scheduler` runs them in its own
process. Web workers start the scheduler only when SCHEDULER_IN_WEB=1 (the single-process default of `make run`).
"""
from __future__ import annotations

import logging

import sqlalchemy as sa
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from core import clock
from core.features import Job, registries

log = logging.getLogger(__name__)


def registered_jobs(app: Flask | None = None) -> list[Job]:
    """The jobs the features declared (core.features), then the platform's own."""
    return list(registries(app).jobs.values())


def run_job(app: Flask, job: Job):
    """Run one job as one unit of work: its app context commits when it returns and rolls back when it
    fails (core.unit_of_work), so the next run starts clean."""
    with app.app_context():
        try:
            return job.func()
        except Exception:
            log.exception("scheduled job %s failed", job.id)
            raise


def optimize_database() -> str:
    """Scheduled: keep SQLite's statistics fresh, or it plans list pages badly as tables grow (an order list
    took 30 ms instead of 0.3 ms without them), and merge the search indexes, so no trace of changed or erased
    text stays in them. PostgreSQL's autovacuum does both by itself."""
    from core import text_search
    from core.extensions import db

    if db.session.get_bind().dialect.name != "sqlite":
        return "nothing to do"
    db.session.execute(sa.text("ANALYZE"))
    text_search.optimize(db.session.connection())
    return "optimized"


def build_scheduler(app: Flask, blocking: bool):
    scheduler = (BlockingScheduler if blocking else BackgroundScheduler)(timezone=clock.zone(app))
    for job in registered_jobs(app):
        scheduler.add_job(run_job, job.trigger, args=[app, job], id=job.id, replace_existing=True,
                          coalesce=True, max_instances=1, misfire_grace_time=3600, **job.trigger_args)
    return scheduler


def init_app(app: Flask) -> None:
    from core import outbox

    jobs = registries(app)
    jobs.add_job(Job("core.outbox", outbox.deliver_pending, "interval", {"minutes": 1}))
    jobs.add_job(Job("core.optimize_database", optimize_database, "cron", {"hour": 3, "minute": 45}))
    if app.config.get("SCHEDULER_IN_WEB") and not app.testing:
        background = build_scheduler(app, blocking=False)
        background.start()
        app.extensions["scheduler"] = background
        log.info("scheduler started inside the web process (SCHEDULER_IN_WEB=1)")
