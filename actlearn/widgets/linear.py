"""Widgets of lesson 02: depth without nonlinearity, and fits without and with ReLU."""

from __future__ import annotations

from actlearn.labs.linear import CURVES
from actlearn.plots import linear as plots
from actlearn.widgets.base import FigureWidget, activation_menu, dropdown, slider

ACTIVATIONS = ["linear", "relu", "tanh"]


def depth_widget(depth: int = 4, activation: str = "linear", seed: int = 0) -> FigureWidget:
    """Random networks of any depth: lines stay lines unless the activation bends them."""
    return FigureWidget(plots.deep_network, {
        "depth": slider(depth, 1, 12, 1, "layers", integer=True),
        "activation": dropdown(activation_menu(ACTIVATIONS), activation, "activation"),
    }, fixed={"seed": seed}, title="Stacking layers")


def curve_fit_widget(units: int = 6, curve: str = "x²", seed: int = 0) -> FigureWidget:
    """The best straight line against a least-squares fit with a chosen number of ReLU units."""
    return FigureWidget(plots.curve_fit, {
        "units": slider(units, 0, 20, 1, "ReLU units", integer=True),
        "curve": dropdown(list(CURVES), curve, "curve"),
    }, fixed={"seed": seed}, title="Fitting a curve without and with ReLU")
