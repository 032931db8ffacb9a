"""Tests for actlearn.widgets.gradients: each control redraws the pure figure."""

from __future__ import annotations

import numpy as np

from actlearn.plots.gradients import gradient_flow_plot
from actlearn.widgets.gradients import gradient_flow_widget


def _curves(fig) -> list[np.ndarray]:
    return [line.get_ydata() for ax in fig.axes for line in ax.get_lines()]


def _same(a, b) -> bool:
    ca, cb = _curves(a), _curves(b)
    return len(ca) == len(cb) and all(
        np.shape(x) == np.shape(y) and np.allclose(x, y) for x, y in zip(ca, cb, strict=True)
    )


def test_gradient_flow_widget_starts_at_its_defaults() -> None:
    widget = gradient_flow_widget()
    assert widget.values == {"activation_name": "sigmoid", "depth": 20, "init": "xavier",
                             "scale": 1.0}
    assert _same(widget.figure, gradient_flow_plot())


def test_every_control_redraws_like_the_pure_function() -> None:
    widget = gradient_flow_widget(depth=6)
    for name, value in (("activation_name", "relu"), ("init", "he"), ("scale", 1.5),
                        ("depth", 9)):
        before = widget.figure
        widget.controls[name].value = value
        assert widget.figure is not before
        assert not _same(widget.figure, before)
        assert _same(widget.figure, gradient_flow_plot(**widget.values))
    assert widget.figure.get_suptitle() == "relu, 9 layers, he init × 1.5"
