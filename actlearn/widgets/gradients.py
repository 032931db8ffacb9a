"""Widget for lesson 04: depth × activation × initialisation → per-layer gradient norms."""

from __future__ import annotations

from actlearn.plots.gradients import gradient_flow_plot
from actlearn.widgets.base import FigureWidget, activation_menu, dropdown, slider

ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "gelu", "silu"]
INITS = ["xavier", "he", "lecun"]


def gradient_flow_widget(
    activation_name: str = "sigmoid", depth: int = 20, init: str = "xavier", scale: float = 1.0
) -> FigureWidget:
    """Choose an activation, a depth, an initialiser and a weight scale; see the gradients.

    Each change runs one forward and backward pass on the engine
    (:func:`actlearn.plots.gradients.gradient_flow_plot`, seed 0).
    """
    controls = {
        "activation_name": dropdown(activation_menu(ACTIVATIONS), activation_name, "activation"),
        "depth": slider(depth, 2, 60, 1, "depth", integer=True),
        "init": dropdown(INITS, init, "init"),
        "scale": slider(scale, 0.25, 3.0, 0.05, "weight scale"),
    }
    return FigureWidget(gradient_flow_plot, controls, title="Gradient flow through a deep network")
