"""Widgets of lessons 00 and 01: a neuron's response, the step's threshold, gate weights."""

from __future__ import annotations

import actlearn as al
from actlearn.activations import registry
from actlearn.plots import neuron as plots
from actlearn.widgets.base import FigureWidget, dropdown, slider


def default_activations() -> list[str]:
    """Pointwise activations usable with their default parameters (``threshold`` needs two)."""
    return [name for name in al.list_activations(kind="pointwise")
            if not registry.get(name).required]


def response_widget(activation: str = "step", weight: float = 1.0,
                    bias: float = 0.0) -> FigureWidget:
    """y = f(w x + b): pick f from the registry's pointwise activations, move w and b."""
    return FigureWidget(plots.response, {
        "activation": dropdown(default_activations(), activation, "activation f"),
        "weight": slider(weight, -3.0, 3.0, 0.1, "weight w"),
        "bias": slider(bias, -3.0, 3.0, 0.1, "bias b"),
    }, title="One neuron: y = f(w·x + b)")


def threshold_widget(threshold: float = 0.0) -> FigureWidget:
    """The step with a threshold slider: which inputs fire?"""
    return FigureWidget(plots.step_threshold, {
        "threshold": slider(threshold, -3.0, 3.0, 0.1, "threshold T"),
    }, title="Step with a threshold")


def gate_widget(w1: float = 1.0, w2: float = 1.0, b: float = -1.5) -> FigureWidget:
    """Two weights and a bias: find AND, OR, NAND, NOR (and fail to find XOR)."""
    return FigureWidget(plots.gate_plane, {
        "w1": slider(w1, -2.0, 2.0, 0.1, "weight w1"),
        "w2": slider(w2, -2.0, 2.0, 0.1, "weight w2"),
        "b": slider(b, -3.0, 3.0, 0.1, "bias b"),
    }, title="Choose the weights of a step neuron")
