"""The one shape of a service's "no": a message the person can read, and the form field it is about."""
from __future__ import annotations


class Refusal(Exception):
    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
