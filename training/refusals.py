"""The refusal of the pathway's services (applications, offers, check-ins), in a module of its own so that
each of them can raise it without importing the other."""
from __future__ import annotations

from core.refusal import Refusal


class PathwayError(Refusal):
    """A refusal from this feature's services."""
