"""People and their roles, consent, the audit log, the outbox, notices, cached-value versions and the scheduler's
lease and job times.

A person's record holds what the site needs to help them now (name they chose, language, contact) and never
their past: there is deliberately no field for how someone came to the programme.
"""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import UTCDateTime, utcnow
from core.extensions import db


class Role(str, enum.Enum):
    PARTICIPANT = "participant"
    STAFF = "staff"
    MANAGER = "manager"  # runs one social enterprise's shop
    EMPLOYER = "employer"
    CUSTOMER = "customer"
    ADMIN = "admin"


ROLE_VALUES = tuple(role.value for role in Role)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint(f"role IN {ROLE_VALUES!r}", name="role_known"),
        sa.CheckConstraint("username IS NOT NULL OR email IS NOT NULL", name="has_login_name"),
        sa.CheckConstraint("session_version >= 1", name="session_version_positive"),
        sa.CheckConstraint("contact_channel IS NULL OR contact_channel IN ('email', 'sms', 'line', 'none')",
                           name="contact_channel_known"),
        sa.CheckConstraint("(quiet_from_hour IS NULL AND quiet_to_hour IS NULL) OR (quiet_from_hour BETWEEN 0 AND 23"
                           " AND quiet_to_hour BETWEEN 0 AND 23)", name="quiet_hours_in_day"),
        sa.Index("ix_users_role_name", "role", "display_name", "id"),  # accounts and participants by name
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    email: Mapped[str | None] = mapped_column(sa.String(254), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(120))
    role: Mapped[str] = mapped_column(sa.String(20), index=True)
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    locale: Mapped[str | None] = mapped_column(sa.String(10))
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    line_id: Mapped[str | None] = mapped_column(sa.String(64))
    # How the person wants messages: email, sms, line, or none (only on their pages); None: whatever they have.
    contact_channel: Mapped[str | None] = mapped_column(sa.String(10))
    # "Please do not call or text me between": local hours; messages by SMS or LINE wait until it ends.
    quiet_from_hour: Mapped[int | None] = mapped_column()
    quiet_to_hour: Mapped[int | None] = mapped_column()
    session_version: Mapped[int] = mapped_column(default=1)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A participant's last activity (privacy.retention.ACTIVITY) and the closing of their case: their record is
    # kept RETENTION_PARTICIPANT_YEARS after the later of the two.
    last_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    case_closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # A customer who registered themself signs in only after opening the link sent to their e-mail.
    awaiting_confirmation: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    consents: Mapped[list[Consent]] = relationship(back_populates="user", cascade="all, delete-orphan",
                                                     foreign_keys="Consent.user_id")

    def get_id(self) -> str:
        # The session version rides in the login cookie, so bumping it ends every old session.
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:  # Flask-Login reads this
        return self.active and self.anonymised_at is None

    def has_role(self, *roles: Role | str) -> bool:
        return self.role in {r.value if isinstance(r, Role) else r for r in roles}

    @property
    def login_name(self) -> str:
        return self.username or self.email or ""

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class CacheVersion(db.Model):
    """How many times the rows behind a cached value have changed (core.versioned_cache)."""

    __tablename__ = "cache_versions"

    name: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    version: Mapped[int] = mapped_column(sa.BigInteger, default=0)


class AuditEntry(db.Model):
    """Who did what to which record, when and from where. Written in the same transaction as the change."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        # A participant's "who opened my record", and one read entry per person and participant in minutes.
        sa.Index("ix_audit_entries_record", "record_type", "record_id", "at"),
        sa.Index("ix_audit_entries_actor_action_at", "actor_id", "action", "at"),
        sa.Index("ix_audit_entries_at_id", "at", "id"),  # the log's newest-first order, ties included
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    actor_role: Mapped[str | None] = mapped_column(sa.String(20))
    action: Mapped[str] = mapped_column(sa.String(80), index=True)
    record_type: Mapped[str] = mapped_column(sa.String(60), index=True)
    record_id: Mapped[str | None] = mapped_column(sa.String(60))
    ip_address: Mapped[str | None] = mapped_column(sa.String(64))
    detail: Mapped[dict | None] = mapped_column(sa.JSON)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])


class Consent(db.Model):
    """What a person agreed to, when, and which version of the notice they saw."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(sa.String(60))
    notice_version: Mapped[str] = mapped_column(sa.String(20))
    agreed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="consents", foreign_keys=[user_id])


class OutboxMessage(db.Model):
    """A message written in the same transaction as the change it tells about, and sent after that commit.

    If the process stops between the commit and the sending, the scheduled delivery sends it later: once,
    because a sender first claims the message with one conditional UPDATE."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        sa.CheckConstraint("status IN ('pending', 'sent', 'failed')", name="status_known"),
        sa.Index("ix_outbox_messages_pending", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    channel: Mapped[str] = mapped_column(sa.String(20), default="email")
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(20), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(sa.String(300))
    send_after: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the recipient's quiet hours


class Notice(db.Model):
    """A message to one person, shown on their pages whatever channel also carried it. Kept as a kind and
    its values, so it reads in the language the person uses when they open it."""

    __tablename__ = "notices"
    __table_args__ = (sa.Index("ix_notices_user_created", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(40))
    params: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    link: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SchedulerLease(db.Model):
    """Which process leads the scheduler (core.leadership): the holder renews `expires_at`; another process may
    take the lease once it has passed. `token` grows by one at each change of holder: a run started under an
    older token commits nothing (its fence finds a newer one)."""

    __tablename__ = "scheduler_leases"

    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    holder: Mapped[str | None] = mapped_column(sa.String(200))
    token: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    acquired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ScheduledJob(db.Model):
    """A scheduled job's next due time and its last run (core.scheduler). The leader starts a run by moving
    `next_due_at` on in one conditional UPDATE, so each due time is started once, whoever leads."""

    __tablename__ = "scheduled_jobs"

    job_id: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    next_due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started_by: Mapped[str | None] = mapped_column(sa.String(200))
    token: Mapped[int | None] = mapped_column(sa.BigInteger)
    outcome: Mapped[str | None] = mapped_column(sa.String(20))  # done, failed, fenced (leadership lost), skipped
