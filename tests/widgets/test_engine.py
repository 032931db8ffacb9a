"""Tests for actlearn.widgets.engine: the learning-rate widget redraws the pure figure."""

from __future__ import annotations

import numpy as np

from actlearn.plots.engine import learning_rate
from actlearn.widgets.engine import learning_rate_widget


def _path(fig) -> np.ndarray:
    return fig.axes[0].get_lines()[0].get_xydata()


def test_learning_rate_widget_follows_both_controls() -> None:
    widget = learning_rate_widget()
    np.testing.assert_allclose(_path(widget.figure), _path(learning_rate(0.05, 40)))
    before = widget.figure
    widget.controls["lr"].value = 0.15
    assert widget.figure is not before  # the figure on show is never redrawn in place
    widget.controls["steps"].value = 12
    lr = widget.controls["lr"].value
    expected = learning_rate(lr, 12)
    np.testing.assert_allclose(_path(widget.figure), _path(expected))
    assert widget.figure.axes[0].get_title() == expected.axes[0].get_title()
    assert "oscillates" in widget.figure.axes[0].get_title()
