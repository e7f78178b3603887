"""Scheduled jobs: one scheduler across every process and machine, each due time of a job started once.

Features declare plain functions (core.features: `Feature.jobs`). Every process that runs `flask scheduler`, and
every web worker when SCHEDULER_IN_WEB=1, takes part: it seeks the scheduler's lease (core.leadership) every
SCHEDULER_RENEW_SECONDS, and only the process that holds it starts jobs. Safe to start anywhere, any number.

What is guaranteed, whoever leads and whenever the lead changes:
- each due time of a job is started at most once: the leader starts a run by moving the job's `next_due_at`
  on in one conditional UPDATE (`scheduled_jobs`), fenced by the lease (core.leadership.fence), so neither two
  processes nor a leader that lost its lease can start it twice; a due time missed while nobody led (a
  hand-over) is started by the next leader, up to SCHEDULER_GRACE_SECONDS late (an hour), then skipped;
- that UPDATE is made by the worker thread as the run begins, not when the run is queued: a run still waiting
  for a worker when its process stops (or dies, or loses the lease) has claimed nothing, and the next leader
  starts it;
- a leader that stops cleanly starts nothing more, keeps renewing its lease until its runs under way finish
  (so they commit under it), then gives the lease up at once;
- a run commits only under the lease it started with: its unit of work checks the lease's token before its
  commit and holds the lease row until it is done, so a leader that stalled past its lease rolls its run
  back rather than commit beside the new leader's;
- a run cut short (its process died, or it was fenced) is not started again for that due time: the job runs
  at its next one. Every job is written to finish what an earlier run left (the outbox, the daily checks).
Jobs that commit in steps of their own (the outbox's short transactions, refunds' checkpoints) fence their
last step only; each of their steps claims its own item, so none is done twice.
"""
from __future__ import annotations

import atexit
import logging
import threading
from concurrent import futures
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from apscheduler.triggers.cron import CronTrigger
from flask import Flask, g

from core import clock, leadership
from core.extensions import db
from core.features import Job, registries
from core.leadership import LeadershipLost, Term, database_now, fence
from core.models import ScheduledJob

log = logging.getLogger(__name__)
jobs_table = ScheduledJob.__table__
WORKERS = 4  # jobs that may run at once in the leader; each job one run at a time


@dataclass(frozen=True)
class ScheduledRun:
    """The run a job is in (`flask.g.scheduled_run` while it runs)."""
    job_id: str
    due_at: datetime
    holder: str
    token: int


def registered_jobs(app: Flask | None = None) -> list[Job]:
    """The jobs the features declared (core.features), then the platform's own."""
    return list(registries(app).jobs.values())


def run_job(app: Flask, job: Job, run: ScheduledRun | None = None, term: Term | None = None):
    """Run one job as one unit of work: its app context commits when it returns and rolls back when it
    fails (core.unit_of_work), so the next run starts clean. With a `term`, it commits only while that term
    still holds the lease (LeadershipLost otherwise, and nothing of it is kept)."""
    with app.app_context():
        g.scheduled_run = run
        try:
            result = job.func()
            if term is not None:
                fence(db.session(), term)
            return result
        except LeadershipLost:
            log.warning("scheduled job %s rolled back: the scheduler's lease passed to another process", job.id)
            raise
        except Exception:
            log.exception("scheduled job %s failed", job.id)
            raise


def next_due(app: Flask, job: Job, after: datetime) -> datetime:
    """The job's first due time after `after` (cron times in the programme's zone)."""
    if job.trigger == "interval":
        return after + timedelta(**job.trigger_args)
    if job.trigger == "cron":
        trigger = CronTrigger(timezone=clock.zone(app), **job.trigger_args)
        found = trigger.get_next_fire_time(None, after + timedelta(microseconds=1))
        if found is None:
            raise ValueError(f"cron job {job.id} is never due")
        return found
    raise ValueError(f"job {job.id}: unknown trigger {job.trigger!r}")


class Scheduler:
    """This process's part: seek or renew the lease each round; while it holds it, start what is due."""

    def __init__(self, app: Flask, workers: int = WORKERS):
        self.app = app
        self.lease_seconds = float(app.config["SCHEDULER_LEASE_SECONDS"])
        self.renew_seconds = float(app.config["SCHEDULER_RENEW_SECONDS"])
        self.grace = timedelta(seconds=float(app.config["SCHEDULER_GRACE_SECONDS"]))
        if not 0 < self.renew_seconds < self.lease_seconds:
            raise ValueError("SCHEDULER_RENEW_SECONDS must be above 0 and below SCHEDULER_LEASE_SECONDS")
        self.holder = ""  # named when it starts: a web worker is forked after the app is made
        self.term: Term | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pathways-job")
        self._running: dict[str, Future] = {}

    @property
    def leads(self) -> bool:
        return self.term is not None

    @property
    def running(self) -> bool:
        return not self._stop.is_set() and (self._thread is None or self._thread.is_alive())

    def start(self) -> None:
        """In a thread of its own (a web worker)."""
        self._thread = threading.Thread(target=self.run_forever, name="pathways-scheduler", daemon=True)
        self._thread.start()

    def run_forever(self) -> None:
        """Round after round until `stop()`; then wait for the runs under way and give the lease up."""
        self.holder = leadership.holder_name(self.app.config.get("SCHEDULER_NAME", ""))
        log.info("scheduler %s taking part (lease %ss, renewed every %ss)", self.holder, self.lease_seconds,
                 self.renew_seconds)
        while not self._stop.is_set():
            try:
                wait = self.round()
            except Exception:  # noqa: BLE001 - a round that failed is tried again; the lease decides who leads
                log.exception("scheduler %s: a round failed", self.holder)
                wait = self.renew_seconds
            self._stop.wait(wait)
        # Runs still queued have claimed nothing (see _start): dropped here, the next leader starts them.
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._finish_runs_under_way()
        self._pool.shutdown(wait=True)
        if self.term is not None:
            with self.app.app_context(), db.engine.begin() as conn:
                leadership.release(conn, self.term)
            log.info("scheduler %s gave up the lease", self.holder)
            self.term = None

    def _finish_runs_under_way(self) -> None:
        """After a stop: wait for the runs under way, renewing the lease meanwhile, or the lease would pass to
        another process during a long run and the run would be rolled back (fenced) at its end."""
        while under_way := [run for run in self._running.values() if not run.done()]:
            if self.term is not None:
                try:
                    with self.app.app_context(), db.engine.begin() as conn:
                        kept = leadership.renew(conn, self.term, self.lease_seconds)
                except sa.exc.SQLAlchemyError:  # tried again at the next renewal, while the lease lasts
                    log.exception("scheduler %s could not renew the lease while stopping", self.holder)
                    kept = True
                if not kept:
                    log.warning("scheduler %s lost the lease while stopping: its runs under way will be rolled "
                                "back", self.holder)
                    self.term = None
            log.info("scheduler %s stopping: waiting for %d run(s) under way", self.holder, len(under_way))
            futures.wait(under_way, timeout=self.renew_seconds)

    def stop(self, wait: bool = True) -> None:
        self._stop.set()
        if wait and self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def round(self) -> float:
        """Hold or seek the lease; while leading, start what is due. Returns the seconds until the next round."""
        with self.app.app_context():
            was = self.term
            try:
                with db.engine.begin() as conn:
                    self.term = leadership.take(conn, self.holder, self.lease_seconds)
            except sa.exc.SQLAlchemyError:  # the database did not answer: lead no more, try again next round
                log.exception("scheduler %s could not reach the lease", self.holder)
                self.term = None
            if self.term != was:
                log.info("scheduler %s %s", self.holder,
                         f"leads (token {self.term.token})" if self.term else "follows")
            if self.term is None:
                return self.renew_seconds
            try:
                return min(self.renew_seconds, self._start_due(self.term))
            except LeadershipLost:
                self.term = None
                return self.renew_seconds

    def _start_due(self, term: Term) -> float:
        with db.engine.begin() as conn:
            now = database_now(conn)
            due = {row.job_id: row.next_due_at for row in conn.execute(sa.select(jobs_table.c.job_id,
                                                                               jobs_table.c.next_due_at))}
            for job in registered_jobs(self.app):
                if job.id not in due:
                    due[job.id] = next_due(self.app, job, now)
                    leadership.insert_ignoring_duplicates(conn, jobs_table, job_id=job.id, next_due_at=due[job.id])
        wait = self.renew_seconds
        for job in registered_jobs(self.app):
            under_way = self._running.get(job.id)
            if under_way is not None and not under_way.done():
                continue  # one run of a job at a time
            if due[job.id] > now:
                wait = min(wait, (due[job.id] - now).total_seconds())
            elif now - due[job.id] > self.grace:
                self._claim(job, due[job.id], term)  # marks it skipped
            else:
                self._running[job.id] = self._pool.submit(self._start, job, due[job.id], term)
        return max(wait, 0.05)

    def _start(self, job: Job, due: datetime, term: Term) -> None:
        """In a worker thread: claim the due time as the run begins, then run it. Claimed only now, so a run
        still queued when this process stops (or dies, or loses the lease) has claimed nothing and the next
        leader starts it; nor does `--status` show a run as started that never began."""
        if self._stop.is_set():
            return  # stopping: left to the next leader
        try:
            started = self._claim(job, due, term)
        except LeadershipLost:
            log.info("scheduled job %s not started: the scheduler's lease passed to another process", job.id)
            return
        except Exception:  # noqa: BLE001 - not claimed, so the next round (or leader) tries it again
            log.exception("scheduled job %s could not be started", job.id)
            return
        if started is not None:
            self._run(job, ScheduledRun(job.id, due, term.holder, term.token), started, term)

    def _claim(self, job: Job, due: datetime, term: Term) -> datetime | None:
        """Take the run for `due` unless another process did: one conditional UPDATE, under the lease. Returns
        when the run started, or None when it is not to run (taken already, or missed beyond the grace)."""
        with self.app.app_context(), db.engine.begin() as conn:
            fence(conn, term)
            now = database_now(conn)
            missed = now - due > self.grace
            values = {"outcome": "skipped"} if missed else {
                "started_at": now, "finished_at": None, "started_by": term.holder, "token": term.token,
                "outcome": None}
            claimed = conn.execute(sa.update(jobs_table)
                                   .where(jobs_table.c.job_id == job.id, jobs_table.c.next_due_at == due)
                                   .values(next_due_at=next_due(self.app, job, max(now, due)), last_due_at=due,
                                           **values)).rowcount
        if claimed and missed:
            log.warning("scheduled job %s missed its time %s by more than the grace; skipped", job.id, due)
        return now if claimed and not missed else None

    def _run(self, job: Job, run: ScheduledRun, started: datetime, term: Term) -> None:
        outcome = "done"
        try:
            run_job(self.app, job, run, term)
        except LeadershipLost:
            outcome = "fenced"
        except Exception:  # noqa: BLE001 - logged by run_job; the job's next due time runs again
            outcome = "failed"
        with self.app.app_context(), db.engine.begin() as conn:
            conn.execute(sa.update(jobs_table)
                         .where(jobs_table.c.job_id == job.id, jobs_table.c.started_at == started,
                                jobs_table.c.token == term.token)
                         .values(finished_at=database_now(conn), outcome=outcome))


def status(app: Flask) -> dict:
    """Who leads, since when, and each job's next due time and last run (`flask scheduler --status`)."""
    with db.engine.connect() as conn:
        lead = leadership.leader(conn)
        rows = {row.job_id: row for row in conn.execute(sa.select(jobs_table))}
    return {"leader": lead, "jobs": [(job.id, rows.get(job.id), last_outcome(rows.get(job.id), lead))
                                     for job in registered_jobs(app)]}


CUT_SHORT = "cut short (its process stopped or lost the lease)"


def last_outcome(row: sa.Row | None, lead: leadership.Leader) -> str:
    """How the job's last run ended: its outcome, or `running` only while the lease that started it is still
    held; a run with no outcome whose lease is gone never finished (its process died, or could not record
    the end) and is not running any more."""
    if row is None or (row.started_at is None and row.outcome is None):
        return "-"
    if row.outcome is not None:
        return row.outcome
    if lead.live and lead.holder == row.started_by and lead.token == row.token:
        return "running"
    return CUT_SHORT


def optimize_database() -> str:
    """Scheduled: keep SQLite's statistics fresh, or it plans list pages badly as tables grow (an order list
    took 30 ms instead of 0.3 ms without them), and merge the search indexes, so no trace of changed or erased
    text stays in them. PostgreSQL's autovacuum does both by itself."""
    from core import text_search

    if db.session.get_bind().dialect.name != "sqlite":
        return "nothing to do"
    db.session.execute(sa.text("ANALYZE"))
    text_search.optimize(db.session.connection())
    return "optimized"


def init_app(app: Flask) -> None:
    from core import outbox

    jobs = registries(app)
    jobs.add_job(Job("core.outbox", outbox.deliver_pending, "interval", {"minutes": 1}))
    jobs.add_job(Job("core.optimize_database", optimize_database, "cron", {"hour": 3, "minute": 45}))
    if app.config.get("SCHEDULER_IN_WEB") and not app.testing:
        scheduler = Scheduler(app)
        scheduler.start()
        app.extensions["scheduler"] = scheduler
        atexit.register(scheduler.stop)
        log.info("scheduler taking part inside the web process (SCHEDULER_IN_WEB=1)")
