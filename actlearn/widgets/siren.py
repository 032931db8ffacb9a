"""Widgets for lesson 12: choose ω₀ and see the SIREN fit and its derivative."""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as w

from actlearn.labs.siren.fit import SignalFit
from actlearn.plots.siren import omega_fit
from actlearn.widgets.base import FigureWidget


def omega_widget(sweep: Mapping[float, SignalFit], omega_0: float = 30.0) -> FigureWidget:
    """A slider over the ω₀ values of ``sweep`` (fits trained beforehand, e.g. by
    :func:`actlearn.labs.siren.fit.omega_sweep`) redrawing
    :func:`~actlearn.plots.siren.omega_fit`."""
    control = w.SelectionSlider(options=sorted(sweep), value=omega_0, description="ω₀",
                                continuous_update=True, style={"description_width": "initial"},
                                layout=w.Layout(width="360px"))
    return FigureWidget(omega_fit, {"omega_0": control}, fixed={"sweep": dict(sweep)},
                        title="SIREN fit and derivative for a chosen ω₀")
