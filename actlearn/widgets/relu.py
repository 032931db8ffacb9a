"""Widgets for lesson 05: the ReLU family with its parameters, and scale invariance."""

from __future__ import annotations

from actlearn.plots.relu import family_panels, scale_invariance_plot
from actlearn.widgets.base import FigureWidget, dropdown, slider


def family_widget(negative_slope: float = 0.1, threshold: float = 10.0) -> FigureWidget:
    """Sliders for leaky ReLU's slope α and the threshold T; ReLU and ReLU6 for reference."""
    controls = {
        "negative_slope": slider(negative_slope, 0.0, 1.0, 0.01, "leaky slope α"),
        "threshold": slider(threshold, -2.0, 12.0, 0.5, "threshold T"),
    }
    return FigureWidget(family_panels, controls, title="The ReLU family")


def scale_invariance_widget(a: float = 3.0, other: str = "tanh") -> FigureWidget:
    """Slide the factor a: relu(a x) = a relu(x) holds for every a > 0, not for the others."""
    controls = {
        "a": slider(a, 0.1, 5.0, 0.1, "factor a"),
        "other": dropdown(["tanh", "sigmoid", "elu", "leaky_relu", "softplus"], other,
                          "compare with"),
    }
    return FigureWidget(scale_invariance_plot, controls, title="relu(a x) versus a relu(x)")
