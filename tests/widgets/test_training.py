"""Tests for actlearn.widgets.training: each control redraws the pure dashboard figure."""

from __future__ import annotations

from actlearn.plots.training import dashboard_plot
from actlearn.widgets.training import dashboard_widget
from tests.figure_summary import summary


def test_the_dashboard_widget_starts_at_its_defaults() -> None:
    widget = dashboard_widget()
    assert widget.values == {"activation": "tanh", "init": "gain-aware", "norm": "none",
                             "lr": 0.1, "quantity": "act"}
    assert summary(widget.figure) == summary(dashboard_plot())
    assert widget.figure.get_suptitle().startswith("tanh, gain-aware, lr 0.1: test accuracy")


def test_every_control_redraws_like_the_pure_function() -> None:
    widget = dashboard_widget()
    for name, value in (("activation", "relu"), ("init", "gain 1"), ("norm", "layer"),
                        ("lr", 0.01), ("quantity", "act_grad")):
        before = summary(widget.figure)
        widget.controls[name].value = value
        after = summary(widget.figure)
        assert after != before, name
        assert after == summary(dashboard_plot(**widget.values)), name
    assert widget.figure.get_suptitle().startswith("relu, gain 1, layer norm, lr 0.01")
