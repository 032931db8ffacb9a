"""Tests for actlearn.widgets.boundaries: each control redraws the pure figure."""

from __future__ import annotations

import numpy as np

from actlearn.plots.boundaries import decision_boundary, relu_pieces
from actlearn.widgets.boundaries import boundary_widget, relu_pieces_widget


def _image(fig) -> np.ndarray:
    return fig.axes[0].get_images()[0].get_array()


def test_boundary_widget_follows_each_control() -> None:
    widget = boundary_widget()
    np.testing.assert_allclose(_image(widget.figure), _image(decision_boundary()))
    changes = {"steps": 40, "width": 4, "activation": "tanh", "dataset": "xor"}
    for name, value in changes.items():
        before = widget.figure
        widget.controls[name].value = value
        assert widget.figure is not before
        assert not np.allclose(_image(widget.figure), _image(before))
    expected = decision_boundary("xor", "tanh", 4, 40)
    np.testing.assert_allclose(_image(widget.figure), _image(expected))
    assert widget.figure.axes[0].get_title() == expected.axes[0].get_title()


def test_relu_pieces_widget_follows_its_controls() -> None:
    widget = relu_pieces_widget()
    widget.controls["n_pieces"].value = 3
    widget.controls["name"].value = "parabola"
    expected = relu_pieces("parabola", 3)
    got = widget.figure.axes[0].get_lines()[1].get_ydata()
    np.testing.assert_allclose(got, expected.axes[0].get_lines()[1].get_ydata())
    assert widget.figure.axes[0].get_title() == expected.axes[0].get_title()
