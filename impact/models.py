"""Impact's own table: the latest computed figures."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import UTCDateTime, utcnow
from core.extensions import db


class ImpactSnapshot(db.Model):
    """The programme's results as computed one night (impact.services): the public figures, small numbers
    suppressed, and the internal ones for a donor report staff choose. Only the latest row is kept."""

    __tablename__ = "impact_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    years: Mapped[list] = mapped_column(sa.JSON, default=list)
    public: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    internal: Mapped[dict] = mapped_column(sa.JSON, default=dict)
