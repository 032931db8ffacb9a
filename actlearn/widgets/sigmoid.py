"""Widgets of lesson 03: sigmoid and tanh under a slope and a bias; their output averages."""

from __future__ import annotations

from actlearn.plots import sigmoid as plots
from actlearn.widgets.base import FigureWidget, slider


def slope_bias_widget(slope: float = 1.0, bias: float = 0.0) -> FigureWidget:
    """σ(a x + b) and tanh(a x + b) with their slopes: steeper a, higher and narrower peak."""
    return FigureWidget(plots.sigmoid_and_tanh, {
        "slope": slider(slope, -4.0, 4.0, 0.1, "slope a"),
        "bias": slider(bias, -4.0, 4.0, 0.1, "bias b"),
    }, title="Sigmoid and tanh of a·x + b")


def centring_widget(spread: float = 1.0, shift: float = 0.0, seed: int = 0) -> FigureWidget:
    """Where the outputs of σ and tanh fall for inputs z ~ N(shift, spread²)."""
    return FigureWidget(plots.output_distributions, {
        "spread": slider(spread, 0.1, 5.0, 0.1, "input spread"),
        "shift": slider(shift, -3.0, 3.0, 0.1, "input shift"),
    }, fixed={"seed": seed}, title="Are the outputs centred on zero?")
