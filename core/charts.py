"""Small charts drawn on the server as SVG: no script, no outside service, readable without colour."""
from __future__ import annotations

import math
from numbers import Real


def _known(value) -> bool:
    return isinstance(value, Real) and math.isfinite(value)  # NumPy's numbers are Real too


def bars(values: list[tuple[str, Real | None]], width: int = 360, bar_height: int = 22,
         label_width: int = 70) -> dict:
    """Geometry for templates/_bars.html: one horizontal bar per (label, value).

    A missing value (None or NaN, as pandas gives for an empty group) gets no bar; its label is listed in
    `missing` so the page can say which figures are not known yet instead of drawing a zero."""
    known = [(label, float(value)) for label, value in values if value is not None and _known(value)]
    top = max((abs(v) for _label, v in known), default=0) or 1
    room = width - label_width - 90  # space left for the value written after the bar
    return {"height": bar_height * len(known) + 4, "width": width, "label_width": label_width,
            "rows": [{"label": label, "value": value, "y": i * bar_height, "w": max(int(room * value / top), 0)}
                     for i, (label, value) in enumerate(known)],
            "missing": [label for label, value in values if not _known(value)]}
