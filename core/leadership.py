"""Who leads the scheduler: a lease row in the database, renewed by its holder, taken over once it has passed.

Why a lease row and not a PostgreSQL advisory lock: the same rule then holds on SQLite (several processes on
one machine) and on PostgreSQL (several machines), with one code path and the same tests on both; it works
behind a transaction-pooling proxy (PgBouncer), where a session lock would be lost; it costs no connection
held open per process; and its `token` is a fencing token: it grows by one at each change of holder, and a
scheduled run commits only while the lease still carries the token it started under (`fence`), so a leader
that stalled past its lease (a long pause, a cut network) cannot commit work next to the new leader's.

Times are the database's clock on PostgreSQL (machines' clocks may differ), the process's on SQLite (one
machine). A holder that stops cleanly renews the lease until its runs under way finish, then releases it at
once; one that dies is replaced when its lease passes: within SCHEDULER_LEASE_SECONDS +
SCHEDULER_RENEW_SECONDS (30 + 10 s by default).
"""
from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core.db import utcnow
from core.models import SchedulerLease

LEASE = "scheduler"
leases = SchedulerLease.__table__


class LeadershipLost(RuntimeError):
    """The lease passed to another process while this one worked: what it did is rolled back."""


@dataclass(frozen=True)
class Term:
    """One holder's unbroken hold of the lease."""
    holder: str
    token: int


def holder_name(configured: str = "") -> str:
    """What the status shows as the leader: SCHEDULER_NAME (else the machine's name), the process id and a
    random part. Always unique: two processes given the same name (one settings file for every worker) must
    not both take the lease for theirs, nor a restarted process the lease of the one before it."""
    return f"{configured or socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def database_now(conn: sa.Connection) -> datetime:
    if conn.dialect.name == "postgresql":
        return conn.execute(sa.select(sa.func.clock_timestamp())).scalar_one()
    return utcnow()


def insert_ignoring_duplicates(conn: sa.Connection, table: sa.Table, **values) -> bool:
    """Insert one row unless its primary key is taken (another process was first); True if it was inserted.
    (RETURNING, as psycopg reports no row count for ON CONFLICT DO NOTHING.)"""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing()
    return conn.execute(statement.returning(*table.primary_key.columns)).first() is not None


def take(conn: sa.Connection, holder: str, seconds: float) -> Term | None:
    """Renew the lease if `holder` has it, take it if it is free or has passed; None when another holds it."""
    now = database_now(conn)
    until = now + timedelta(seconds=seconds)
    mine = leases.c.holder == holder
    token = conn.execute(
        sa.update(leases)
        .where(leases.c.name == LEASE, sa.or_(mine, leases.c.holder.is_(None), leases.c.expires_at < now))
        .values(holder=holder, expires_at=until,
                token=sa.case((mine, leases.c.token), else_=leases.c.token + 1),
                acquired_at=sa.case((mine, leases.c.acquired_at), else_=now))
        .returning(leases.c.token)).scalar()
    if token is None and insert_ignoring_duplicates(conn, leases, name=LEASE, holder=holder, token=1,
                                                    acquired_at=now, expires_at=until):
        token = 1
    return Term(holder, token) if token is not None else None


def renew(conn: sa.Connection, term: Term, seconds: float) -> bool:
    """Extend the lease only if `term` still holds it (never take it afresh): a stopping leader keeps its runs
    under way covered. False once it has passed to another process."""
    until = database_now(conn) + timedelta(seconds=seconds)
    return conn.execute(sa.update(leases).where(leases.c.name == LEASE, leases.c.token == term.token,
                                                leases.c.holder == term.holder)
                        .values(expires_at=until).returning(leases.c.token)).first() is not None


def release(conn: sa.Connection, term: Term) -> None:
    """Give the lease up at once (a clean stop): the next process to try takes it without waiting."""
    conn.execute(sa.update(leases).where(leases.c.name == LEASE, leases.c.token == term.token,
                                         leases.c.holder == term.holder).values(holder=None, expires_at=None))


def fence(conn: sa.Connection | Session, term: Term) -> None:
    """Raise LeadershipLost unless `term` still holds the lease. The statement writes the lease row, so until
    this transaction ends no other process can take the lease (PostgreSQL's row lock, SQLite's write lock):
    what this transaction commits is committed under `term`."""
    held = conn.execute(sa.update(leases).where(leases.c.name == LEASE, leases.c.token == term.token,
                                                leases.c.holder == term.holder)
                        .values(token=leases.c.token).returning(leases.c.token)).scalar()
    if held is None:
        raise LeadershipLost(f"the scheduler's lease passed from {term.holder} (token {term.token})")


@dataclass(frozen=True)
class Leader:
    holder: str | None
    since: datetime | None
    expires_at: datetime | None
    token: int
    live: bool


def leader(conn: sa.Connection) -> Leader:
    """Who holds the lease now, as the status shows it."""
    row = conn.execute(sa.select(leases).where(leases.c.name == LEASE)).first()
    if row is None:
        return Leader(None, None, None, 0, False)
    live = row.holder is not None and row.expires_at is not None and row.expires_at >= database_now(conn)
    return Leader(row.holder, row.acquired_at, row.expires_at, row.token, live)
