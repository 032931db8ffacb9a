"""Widget for lesson 14: activation × initialisation × normalisation × learning rate → the
training dashboards of a deep MLP on the digits."""

from __future__ import annotations

from actlearn.labs.training.experiments import ACTIVATIONS, INITS, LEARNING_RATES, NORMS
from actlearn.plots.training import QUANTITIES, dashboard_plot
from actlearn.widgets.base import FigureWidget, dropdown


def dashboard_widget(activation: str = "tanh", init: str = "gain-aware", norm: str = "none",
                     lr: float = 0.1, quantity: str = "act") -> FigureWidget:
    """Choose an activation, an initialisation, a normalisation and a learning rate; see the
    loss, the per-layer histograms, the saturated or dead fractions and the update ratios.

    Each new combination trains once (300 SGD steps; ``benchmarks/widgets.py`` times it); the
    most recent runs are cached (:data:`actlearn.labs.training.experiments.RUN_CACHE_SIZE`),
    so coming back to one of them only redraws (:func:`actlearn.plots.training.dashboard_plot`).
    """
    controls = {
        "activation": dropdown(list(ACTIVATIONS), activation, "activation"),
        "init": dropdown(list(INITS), init, "init"),
        "norm": dropdown(list(NORMS), norm, "norm"),
        "lr": dropdown({f"{value:g}": value for value in LEARNING_RATES}, lr, "learning rate"),
        "quantity": dropdown({v: k for k, v in QUANTITIES.items()}, quantity, "histogram of"),
    }
    return FigureWidget(dashboard_plot, controls, title="Training dashboards: a 6-layer MLP "
                        "on the digits", busy="updating (a new combination trains first)…")
