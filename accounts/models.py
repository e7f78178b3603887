"""Accounts' own tables: sign-in counters, remembered devices, set-up codes, suggested contact changes."""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import UTCDateTime, utcnow
from core.extensions import db
from core.models import User
from core.states import Lifecycle


class SignInCounter(db.Model):
    """Tries counted under one key (an account, an address, an account from one address, a registration
    address), shared by every web worker. One conditional UPDATE claims a try and decides (accounts.throttle)."""

    __tablename__ = "sign_in_counters"
    __table_args__ = (sa.CheckConstraint("tries >= 0", name="tries_not_negative"),)

    key: Mapped[str] = mapped_column(sa.String(160), primary_key=True)
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    tries: Mapped[int] = mapped_column(default=0)
    # An account's growing delay: no try before this time (unless from a device the person trusted).
    next_try_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RememberedDevice(db.Model):
    """A browser where someone chose "keep me signed in": its tries skip the account's growing delay. The
    cookie holds a random id, this row only its sha256, so a copied database trusts no browser; deleting the
    row (quick exit, sign-out there, a new password, a disabled account, "forget" on the devices page) makes
    a saved copy of the cookie worthless (accounts.devices)."""

    __tablename__ = "remembered_devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    label: Mapped[str] = mapped_column(sa.String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SetupCode(db.Model):
    """A one-time code staff hand to a person so they can choose their own password."""

    __tablename__ = "setup_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class ProposalState(enum.StrEnum):
    WAITING = "waiting"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    REPLACED = "replaced"


# A suggestion waits for the person's yes or no, or is overtaken by what they wrote or a newer suggestion.
PROPOSAL_LIFECYCLE = Lifecycle("contact_proposal", ProposalState, {
    (ProposalState.WAITING, "accept"): ProposalState.ACCEPTED,
    (ProposalState.WAITING, "refuse"): ProposalState.REFUSED,
    (ProposalState.WAITING, "replace"): ProposalState.REPLACED,
}, record_type="contact_proposal")


class ContactProposal(db.Model):
    """Staff think a person's phone, e-mail or LINE ID should change: it changes only when the person says yes."""

    __tablename__ = "contact_proposals"
    __table_args__ = (
        sa.CheckConstraint("field IN ('phone', 'email', 'line_id')", name="field_known"),
        sa.CheckConstraint(PROPOSAL_LIFECYCLE.check_constraint(), name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(sa.String(10))
    value: Mapped[str] = mapped_column(sa.String(254))
    proposed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[str] = mapped_column(sa.String(10), default="waiting")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SecondFactor(db.Model):
    """An authenticator app enrolled for an account (accounts.two_factor). The shared secret is kept encrypted
    with a key drawn from the app's SECRET_KEY and is never shown again after enrolment. `last_step` is the
    30-second time-step of the last code accepted: a code is good once."""

    __tablename__ = "second_factors"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    secret_sealed: Mapped[str] = mapped_column(sa.String(200))
    last_step: Mapped[int] = mapped_column(sa.BigInteger(), default=0)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RecoveryCode(db.Model):
    """One of the ten codes shown once at enrolment, for a lost phone; stored as an HMAC, each used once."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class TrustedBrowser(db.Model):
    """"Trust this browser for 30 days" at the second step: its sign-ins skip the code. Like remembered devices
    (a cookie with a random id, only its sha256 here), but a table of its own: remembered devices skip the
    throttle's delay for participants, these skip a factor for work accounts, and each is taken back apart."""

    __tablename__ = "trusted_browsers"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    label: Mapped[str] = mapped_column(sa.String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EnrolmentCode(db.Model):
    """A one-time code an admin gives a work account (on creating it, on resetting its second step, or from the
    `enrolment-code` command for the first admin) so that its owner, and not whoever learnt the password, sets up
    its authenticator app (accounts.enrolment_codes). Only the hash is kept; it expires and is used once."""

    __tablename__ = "enrolment_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Draft(db.Model):
    """Answers a participant gave on the first steps of a long form, kept until they send it (core.steps): the
    session is a signed but readable cookie, so nothing a person types goes there. One per person and form;
    gone when sent, at the quick exit, with the account's data, and DRAFT_DAYS after the last step answered."""

    __tablename__ = "drafts"
    __table_args__ = (sa.UniqueConstraint("user_id", "form"),)  # one per person and form

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    form: Mapped[str] = mapped_column(sa.String(60))  # the form and its record: "profile", "apply:12"
    answers: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
