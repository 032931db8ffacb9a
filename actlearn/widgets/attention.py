"""Widgets for lesson 10: move a query among keys and watch the attention weights."""

from __future__ import annotations

from actlearn.plots.attention import query_among_keys
from actlearn.widgets.base import FigureWidget, slider


def query_widget(angle: float = 30.0, length: float = 2.0) -> FigureWidget:
    """Sliders for the query's direction (0–360°) and length (0–5) redrawing
    :func:`~actlearn.plots.attention.query_among_keys`."""
    controls = {"angle": slider(angle, 0.0, 360.0, 5.0, "direction (°)"),
                "length": slider(length, 0.0, 5.0, 0.1, "length")}
    return FigureWidget(query_among_keys, controls, title="a query among six keys")
