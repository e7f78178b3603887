"""Named hooks, for the rare question one feature must ask another that it may not import.

Dependencies point one way (grants may use training, never the reverse). When training needs an answer only
grants knows (which courses a scholarship pays for), grants provides it in its declaration and training
collects it here.
"""
from __future__ import annotations

from typing import Any

from core.features import registries


def collect(name: str, *args) -> list[Any]:
    """Every provider's answer, in the order they were declared (core.features: `Feature.provides`; none: an
    empty list)."""
    return [provider(*args) for provider in registries().providers.get(name, [])]
