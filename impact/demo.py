"""The demo's figures (`flask seed-demo`)."""
from __future__ import annotations

from core.models import User


def seed_figures(people: dict[str, User]) -> None:
    """The night's job would; the demo shows its figures from the start. Registered last, after every
    feature's demo data."""
    from core import clock
    from core.extensions import db
    from impact import services

    db.session.flush()
    services.refresh(clock.today())
