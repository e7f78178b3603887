"""Small charts drawn on the server as SVG: no script, no outside service, readable without colour."""
from __future__ import annotations


def bars(values: list[tuple[str, float]], width: int = 360, bar_height: int = 22, label_width: int = 70) -> dict:
    """Geometry for templates/_bars.html: one horizontal bar per (label, value)."""
    top = max((v for _label, v in values), default=0) or 1
    room = width - label_width - 90  # space left for the value written after the bar
    return {"height": bar_height * len(values) + 4, "width": width, "label_width": label_width,
            "rows": [{"label": label, "value": value, "y": i * bar_height, "w": int(room * value / top)}
                     for i, (label, value) in enumerate(values)]}
