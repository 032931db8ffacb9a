"""actlearn.widgets.neuron: moving a control redraws exactly the pure function's figure."""

from __future__ import annotations

from actlearn.plots import neuron as plots
from actlearn.widgets import neuron as widgets
from tests.figure_summary import summary


def test_response_widget_follows_its_controls() -> None:
    widget = widgets.response_widget()
    assert summary(widget.figure) == summary(plots.response("step", 1.0, 0.0))
    before = widget.figure
    widget.controls["activation"].value = "tanh"
    widget.controls["weight"].value = 2.0
    widget.controls["bias"].value = -0.5
    assert widget.figure is not before
    assert summary(widget.figure) != summary(before)
    assert summary(widget.figure) == summary(plots.response("tanh", 2.0, -0.5))


def test_response_widget_offers_only_activations_that_need_no_parameters() -> None:
    options = widgets.response_widget().controls["activation"].options
    assert "threshold" not in options
    assert {"step", "sigmoid", "relu"} <= set(options)


def test_threshold_widget_follows_its_slider() -> None:
    widget = widgets.threshold_widget()
    assert summary(widget.figure) == summary(plots.step_threshold(0.0))
    widget.controls["threshold"].value = 1.5
    assert summary(widget.figure) == summary(plots.step_threshold(1.5))
    assert widget.figure.axes[0].get_title().startswith("step with T = 1.5")


def test_gate_widget_finds_or_when_the_bias_rises() -> None:
    widget = widgets.gate_widget()
    assert widget.figure.axes[0].get_title().endswith("AND")
    widget.controls["b"].value = -0.5
    assert widget.figure.axes[0].get_title().endswith("OR")
    assert summary(widget.figure) == summary(plots.gate_plane(1.0, 1.0, -0.5))
