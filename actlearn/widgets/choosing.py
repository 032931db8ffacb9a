"""Widgets for lesson 13: how an activation treats pre-activations of a chosen scale."""

from __future__ import annotations

import ipywidgets as w
import numpy as np

import actlearn as al
from actlearn.plots.choosing import response_plot
from actlearn.widgets.base import FigureWidget, dropdown


def response_widget(name: str = "sigmoid", scale: float = 1.0) -> FigureWidget:
    """An activation dropdown and a log-scale slider for the scale s of z ~ N(0, s²) (0.1 to
    30), redrawing :func:`~actlearn.plots.choosing.response_plot`."""
    scale_control = w.FloatLogSlider(
        value=scale, base=10, min=-1.0, max=np.log10(30.0), step=0.02, description="scale s",
        continuous_update=True, readout_format=".3g",
        style={"description_width": "initial"}, layout=w.Layout(width="360px"),
    )
    controls = {"name": dropdown(al.list_activations(kind="pointwise"), name, "activation"),
                "scale": scale_control}
    return FigureWidget(response_plot, controls, title="saturation, sparsity and slope, measured")
