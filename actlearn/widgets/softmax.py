"""Widgets for lesson 07: the temperature of a softmax."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from actlearn.plots.softmax import SEED_SCORES, temperature_bars
from actlearn.widgets.base import FigureWidget


def temperature_widget(
    scores: Sequence[float] = SEED_SCORES, temperature: float = 1.0
) -> FigureWidget:
    """A log-scale temperature slider (0.05 to 20) redrawing
    :func:`~actlearn.plots.softmax.temperature_bars` for fixed ``scores``."""
    control = w.FloatLogSlider(
        value=temperature, base=10, min=-1.3, max=1.3, step=0.02, description="temperature T",
        continuous_update=True, readout_format=".3g",
        style={"description_width": "initial"}, layout=w.Layout(width="360px"),
    )
    return FigureWidget(temperature_bars, {"temperature": control},
                        fixed={"scores": tuple(scores)}, title="softmax(z / T)")
