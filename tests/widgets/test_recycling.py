"""Widgets reuse an emptied figure for each redraw; the picture must be exactly the one a new
figure would give. Every widget, every control, several steps: pixel for pixel."""

from __future__ import annotations

import contextlib
import io

import matplotlib.image as mpimg
import numpy as np
import pytest

from actlearn.plots.style import figure, recycling, reuse_layout
from actlearn.widgets.base import png_of
from actlearn.widgets.discover import next_value, widget_factories

FACTORIES = widget_factories()
NOT_REUSED = {"nalu.nac_weight_widget"}  # a colour bar adds axes: each redraw starts afresh


def _pixels(png: bytes) -> np.ndarray:
    return mpimg.imread(io.BytesIO(png), format="png")


@pytest.mark.parametrize("key", list(FACTORIES))
def test_a_reused_figure_draws_exactly_like_a_new_one(key: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        widget = FACTORIES[key]()
    reused = 0
    for name, control in widget.controls.items():
        for _ in range(2):  # the second change in a row hands the spare figure back
            spare = widget._spare
            control.value = next_value(control)
            reused += widget.figure is spare
            fresh = widget.plot(**widget.values)
            reuse_layout(fresh, widget._laid_out)
            got, expected = _pixels(widget.png), _pixels(png_of(fresh))
            assert got.shape == expected.shape, name
            assert np.array_equal(got, expected), f"{key}: {name}={control.value!r} differs"
    if key not in NOT_REUSED:
        assert reused >= len(widget.controls), f"{key}: the spare figure was not reused"


def test_recycling_hands_back_only_a_figure_of_the_same_structure() -> None:
    spare, _ = figure(ncols=2)
    with recycling(spare):
        other, _ = figure(ncols=1)  # a different grid: a new figure
        same, axes = figure(ncols=2)  # the spare, emptied
        again, _ = figure(ncols=2)  # one reuse per block
    assert other is not spare and same is spare and again is not spare
    assert all(not ax.lines and not ax.get_title() for ax in axes)
    with recycling(same):
        after, _ = figure(ncols=2)
    assert after is spare


def test_a_widget_png_is_the_notebook_png_faster_compressed() -> None:
    fig, (ax,) = figure()
    ax.plot(np.linspace(0, 1, 50) ** 2)
    fig._repr_png_()  # the first render lays the figure out; the next ones are stable
    notebook = fig._repr_png_()
    widget = png_of(fig)
    assert widget != notebook  # zlib level 1, not PIL's default
    assert np.array_equal(_pixels(widget), _pixels(notebook))
