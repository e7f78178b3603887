"""Privacy's own table: a person's request to delete their data."""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import UTCDateTime, utcnow
from core.extensions import db
from core.models import User
from core.states import Lifecycle


class DeletionState(enum.StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


# A request to delete one's data waits for staff, who confirm it (the data is anonymised) or cancel it.
DELETION_LIFECYCLE = Lifecycle("deletion_request", DeletionState, {
    (DeletionState.PENDING, "confirm"): DeletionState.COMPLETED,
    (DeletionState.PENDING, "cancel"): DeletionState.CANCELLED,
}, record_type="deletion_request")


class DeletionRequest(db.Model):
    __tablename__ = "deletion_requests"
    __table_args__ = (
        sa.CheckConstraint(DELETION_LIFECYCLE.check_constraint(), name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[str] = mapped_column(sa.String(20), default="pending")
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(foreign_keys=[user_id])
