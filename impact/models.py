"""Impact's own tables: the figures of each finished year, computed once after its closing date and kept, and
the nightly snapshots of the time before years were frozen (kept: they were published)."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import UTCDateTime, utcnow
from core.extensions import db


class ImpactSnapshot(db.Model):
    """The programme's results as computed one night, before finished years were frozen (impact_years).
    Nothing writes these any more; the rows that exist were published and are kept as earlier releases."""

    __tablename__ = "impact_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    years: Mapped[list] = mapped_column(sa.JSON, default=list)
    public: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    internal: Mapped[dict] = mapped_column(sa.JSON, default=dict)


class FrozenYear(db.Model):
    """One finished year's figures, computed once on the first night after its closing date and never again:
    records entered later (a late check-in, a back-dated payment, a person who moved) change nothing that was
    published. `public` and `internal` are {theme key: that year's table}, as impact.services computes them.

    A year is frozen once (release 1). Only a forced re-freeze from the command line (`flask impact refreeze`,
    audited, with a reason) adds a release 2, 3…; every release is kept, the page shows the latest."""

    __tablename__ = "impact_years"
    __table_args__ = (sa.UniqueConstraint("year", "release", name="uq_impact_years_year_release"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[str] = mapped_column(sa.String(4))
    release: Mapped[int] = mapped_column(default=1)
    closes_on: Mapped[date] = mapped_column(sa.Date)  # records up to this day are the year's figures
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    public: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    internal: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    reason: Mapped[str] = mapped_column(sa.Text, default="")  # why a year was frozen again (release 2 on)
