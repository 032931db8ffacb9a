"""Widgets for lesson 09: the learning rate of gradient descent."""

from __future__ import annotations

import ipywidgets as w

from actlearn.plots.engine import learning_rate
from actlearn.widgets.base import FigureWidget, slider


def learning_rate_widget(lr: float = 0.05, steps: int = 40) -> FigureWidget:
    """A log-scale learning-rate slider (0.002 to 0.3) and a step count, redrawing
    :func:`~actlearn.plots.engine.learning_rate` on the quadratic bowl."""
    rate = w.FloatLogSlider(
        value=lr, base=10, min=-2.7, max=-0.52, step=0.01, description="learning rate α",
        continuous_update=True, readout_format=".3g",
        style={"description_width": "initial"}, layout=w.Layout(width="360px"),
    )
    controls = {"lr": rate, "steps": slider(steps, 1, 100, 1, "steps", integer=True)}
    return FigureWidget(learning_rate, controls, title="θ ← θ − α ∇J(θ) on a quadratic bowl")
