"""Widgets for lesson 06: softplus's β and threshold, ELU versus CELU under one α."""

from __future__ import annotations

from actlearn.plots.smooth import elu_celu_plot, softplus_plot
from actlearn.widgets.base import FigureWidget, slider


def softplus_widget(beta: float = 1.0, threshold: float = 20.0) -> FigureWidget:
    """β sharpens softplus towards ReLU; the threshold moves the switch to the identity."""
    controls = {
        "beta": slider(beta, 0.25, 5.0, 0.05, "β"),
        "threshold": slider(threshold, 5.0, 30.0, 0.5, "threshold"),
    }
    return FigureWidget(softplus_plot, controls, title="softplus(x) = log(1 + exp(βx)) / β")


def elu_celu_widget(alpha: float = 2.0) -> FigureWidget:
    """One α for both: ELU's slope jumps at 0 unless α = 1, CELU's never does."""
    controls = {"alpha": slider(alpha, 0.1, 3.0, 0.05, "α")}
    return FigureWidget(elu_celu_plot, controls, title="ELU versus CELU")
