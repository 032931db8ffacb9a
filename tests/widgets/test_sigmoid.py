"""actlearn.widgets.sigmoid: slope and bias, spread and shift, each redraw one call."""

from __future__ import annotations

from actlearn.plots import sigmoid as plots
from actlearn.widgets import sigmoid as widgets
from tests.figure_summary import summary


def test_slope_bias_widget_follows_its_sliders() -> None:
    widget = widgets.slope_bias_widget()
    assert summary(widget.figure) == summary(plots.sigmoid_and_tanh(1.0, 0.0))
    before = summary(widget.figure)  # the data: a figure two redraws old is reused
    widget.controls["slope"].value = 3.0
    widget.controls["bias"].value = -2.0
    assert summary(widget.figure) != before
    assert summary(widget.figure) == summary(plots.sigmoid_and_tanh(3.0, -2.0))


def test_centring_widget_follows_spread_and_shift() -> None:
    widget = widgets.centring_widget()
    legend = [t.get_text() for t in widget.figure.axes[0].get_legend().get_texts()]
    direct = plots.output_distributions(1.0, 0.0, seed=0)
    assert legend == [t.get_text() for t in direct.axes[0].get_legend().get_texts()]
    widget.controls["shift"].value = 2.0
    widget.controls["spread"].value = 0.5
    moved = [t.get_text() for t in widget.figure.axes[0].get_legend().get_texts()]
    direct = plots.output_distributions(0.5, 2.0, seed=0)
    assert moved == [t.get_text() for t in direct.axes[0].get_legend().get_texts()]
    assert moved != legend
    assert widget.figure.axes[0].get_title() == direct.axes[0].get_title()
