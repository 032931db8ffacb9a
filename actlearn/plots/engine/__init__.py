"""Figures for lesson 09, the backprop engine: :mod:`.training` (learning rates on a bowl, a
training curve, misread digits) and :mod:`.graph` (a scalar tensor's computation graph)."""

from actlearn.plots.engine.graph import computation_graph, formula
from actlearn.plots.engine.training import (
    digit_mistakes,
    learning_rate,
    learning_rate_sweep,
    training_curve,
)

__all__ = [
    "computation_graph",
    "digit_mistakes",
    "formula",
    "learning_rate",
    "learning_rate_sweep",
    "training_curve",
]
