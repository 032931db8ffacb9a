"""Widgets for lesson 08: a decision boundary trained on the engine, and ReLU pieces."""

from __future__ import annotations

import ipywidgets as w

from actlearn.labs.boundaries.approximation import TARGETS
from actlearn.labs.boundaries.planes import DATASETS
from actlearn.plots.boundaries import decision_boundary, relu_pieces
from actlearn.widgets.base import FigureWidget, activation_menu, dropdown, slider

#: Hidden activations offered by the boundary widget (fast on the engine, varied in shape).
ACTIVATIONS: tuple[str, ...] = ("relu", "leaky_relu", "elu", "silu", "softplus", "tanh",
                                "sigmoid", "sin", "linear", "step")
#: Hidden widths offered by the boundary widget.
WIDTHS: tuple[int, ...] = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32)


def boundary_widget(
    dataset: str = "spirals", activation: str = "relu", width: int = 16, steps: int = 200
) -> FigureWidget:
    """Data set × activation × hidden width × training steps, redrawing
    :func:`~actlearn.plots.boundaries.decision_boundary` (training runs are cached)."""
    widths = w.SelectionSlider(options=list(WIDTHS), value=width, description="hidden width",
                               continuous_update=False, style={"description_width": "initial"},
                               layout=w.Layout(width="320px"))
    controls = {
        "dataset": dropdown(list(DATASETS), dataset, "data"),
        "activation": dropdown(activation_menu(ACTIVATIONS), activation, "activation"),
        "width": widths,
        "steps": slider(steps, 0, 200, 20, "training steps", integer=True),
    }
    return FigureWidget(decision_boundary, controls, title="MLP([2, width, classes]) on the engine")


def relu_pieces_widget(name: str = "wave", n_pieces: int = 8) -> FigureWidget:
    """Target curve × number of ReLU units, redrawing
    :func:`~actlearn.plots.boundaries.relu_pieces`."""
    controls = {
        "name": dropdown(sorted(TARGETS), name, "curve"),
        "n_pieces": slider(n_pieces, 1, 40, 1, "ReLU units", integer=True),
    }
    return FigureWidget(relu_pieces, controls, title="a curve as a sum of ReLU units")
