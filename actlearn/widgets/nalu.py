"""Widgets for lesson 11: where the NAC's weight construction sends (ŵ, m̂)."""

from __future__ import annotations

from actlearn.plots.nalu import nac_weight_map
from actlearn.widgets.base import FigureWidget, slider


def nac_weight_widget(w_hat: float = 1.0, m_hat: float = 0.0) -> FigureWidget:
    """Sliders for ŵ and m̂ (−6 to 6) redrawing :func:`~actlearn.plots.nalu.nac_weight_map`
    with the point (ŵ, m̂) and its weight W = tanh(ŵ)·σ(m̂)."""
    controls = {"w_hat": slider(w_hat, -6.0, 6.0, 0.1, "ŵ"),
                "m_hat": slider(m_hat, -6.0, 6.0, 0.1, "m̂")}
    return FigureWidget(nac_weight_map, controls, title="NAC weight W = tanh(ŵ)·σ(m̂)")
