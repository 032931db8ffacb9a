"""Tests for actlearn.widgets.choosing: moving a control redraws the pure figure."""

from __future__ import annotations

import numpy as np

from actlearn.plots.choosing import response_plot
from actlearn.widgets.choosing import response_widget


def _heights(fig) -> np.ndarray:
    return np.array([p.get_height() for p in fig.axes[1].patches])


def test_response_widget_redraws_like_the_pure_function() -> None:
    widget = response_widget()
    before = _heights(widget.figure)  # the data: a figure two redraws old is reused
    np.testing.assert_allclose(before, _heights(response_plot("sigmoid", 1.0)))
    widget.controls["scale"].value = 10.0
    widget.controls["name"].value = "tanh"
    scale = widget.controls["scale"].value
    after = widget.figure
    np.testing.assert_allclose(_heights(after), _heights(response_plot("tanh", scale)))
    assert after.axes[0].get_title() == response_plot("tanh", scale).axes[0].get_title()
    assert not np.allclose(_heights(after), before)


def test_response_widget_starts_at_the_given_values() -> None:
    widget = response_widget("relu", 3.0)
    assert widget.values["name"] == "relu"
    np.testing.assert_allclose(_heights(widget.figure),
                               _heights(response_plot("relu", widget.values["scale"])))
