"""Tests for actlearn.widgets.smooth: every control redraws the pure figure."""

from __future__ import annotations

import numpy as np

from actlearn.plots.smooth import elu_celu_plot, softplus_plot
from actlearn.widgets.smooth import elu_celu_widget, softplus_widget


def _curves(fig) -> list[np.ndarray]:
    return [np.asarray(line.get_ydata(), float) for ax in fig.axes for line in ax.get_lines()]


def _same(a, b) -> bool:
    ca, cb = _curves(a), _curves(b)
    pairs = zip(ca, cb, strict=False)
    return len(ca) == len(cb) and all(x.shape == y.shape and np.allclose(x, y) for x, y in pairs)


def test_softplus_widget_defaults_and_controls() -> None:
    widget = softplus_widget()
    assert widget.values == {"beta": 1.0, "threshold": 20.0}
    assert _same(widget.figure, softplus_plot())
    for name, value in (("beta", 2.5), ("threshold", 10.0)):
        before = widget.figure
        widget.controls[name].value = value
        assert not _same(widget.figure, before)
        assert _same(widget.figure, softplus_plot(**widget.values))
        expected = softplus_plot(**widget.values).axes[1].get_title()
        assert widget.figure.axes[1].get_title() == expected


def test_elu_celu_widget_alpha_redraws() -> None:
    widget = elu_celu_widget()
    assert _same(widget.figure, elu_celu_plot(2.0))
    widget.controls["alpha"].value = 1.0
    assert _same(widget.figure, elu_celu_plot(1.0))
    x, dy = widget.figure.axes[1].get_lines()[0].get_data()
    assert np.max(np.abs(np.diff(dy))) < 0.05  # at alpha = 1 ELU's slope no longer jumps
