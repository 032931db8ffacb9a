"""actlearn.widgets.linear: depth and activation, units and curve, each redraw one call."""

from __future__ import annotations

from actlearn.plots import linear as plots
from actlearn.widgets import linear as widgets
from tests.figure_summary import summary


def test_depth_widget_follows_depth_and_activation() -> None:
    widget = widgets.depth_widget()
    assert summary(widget.figure) == summary(plots.deep_network(4, "linear", seed=0))
    before = summary(widget.figure)  # the data: a figure two redraws old is reused
    widget.controls["depth"].value = 7
    widget.controls["activation"].value = "relu"
    assert summary(widget.figure) != before
    assert summary(widget.figure) == summary(plots.deep_network(7, "relu", seed=0))


def test_curve_fit_widget_follows_units_and_curve() -> None:
    widget = widgets.curve_fit_widget()
    assert summary(widget.figure) == summary(plots.curve_fit(6, "x²", seed=0))
    widget.controls["units"].value = 12
    widget.controls["curve"].value = "sin(2x)"
    assert summary(widget.figure) == summary(plots.curve_fit(12, "sin(2x)", seed=0))
    assert widget.figure.axes[0].get_title() == "fitting sin(2x) without and with ReLU"
