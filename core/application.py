"""The Flask class of the app: Flask's own, with one cost of every request taken out."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakSet

from flask import Flask


class PathwaysFlask(Flask):
    """Flask asks of every hook, context processor and view, on every request, whether it is `async def`
    (`inspect.iscoroutinefunction`: ~10 calls each, ~250 a page; issue 35). A plain function stays plain: the
    answer is kept, weakly, so a function made for one request (`after_this_request`) goes with it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain_functions: WeakSet[Callable[..., Any]] = WeakSet()

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        if func in self._plain_functions:
            return func
        sync = super().ensure_sync(func)
        if sync is func:
            try:
                self._plain_functions.add(func)
            except TypeError:  # a callable that takes no weak reference: asked again next time
                pass
        return sync
