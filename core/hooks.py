"""Named hooks, for the rare question one feature must ask another that it may not import.

Dependencies point one way (grants may use training, never the reverse). When training needs an answer only
grants knows (which courses a scholarship pays for), grants provides it here and training collects it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

_PROVIDERS: dict[str, list[Callable[..., Any]]] = {}


def provide(name: str, provider: Callable[..., Any]) -> None:
    providers = _PROVIDERS.setdefault(name, [])
    if provider not in providers:
        providers.append(provider)


def collect(name: str, *args) -> list[Any]:
    """Every provider's answer, in the order they were registered (none: an empty list)."""
    return [provider(*args) for provider in _PROVIDERS.get(name, [])]
