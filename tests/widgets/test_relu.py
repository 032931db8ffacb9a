"""Tests for actlearn.widgets.relu: every control redraws the pure figure."""

from __future__ import annotations

import numpy as np

from actlearn.plots.relu import family_panels, scale_invariance_plot
from actlearn.widgets.relu import family_widget, scale_invariance_widget


def _curves(fig) -> list[np.ndarray]:
    return [np.asarray(line.get_ydata(), float) for ax in fig.axes for line in ax.get_lines()]


def _same(a, b) -> bool:
    ca, cb = _curves(a), _curves(b)
    pairs = zip(ca, cb, strict=False)
    return len(ca) == len(cb) and all(
        x.shape == y.shape and np.allclose(x, y, equal_nan=True) for x, y in pairs
    )


def test_family_widget_defaults_to_the_seed_threshold() -> None:
    widget = family_widget()
    assert widget.values == {"negative_slope": 0.1, "threshold": 10.0}
    assert _same(widget.figure, family_panels())


def test_family_widget_controls_redraw() -> None:
    widget = family_widget()
    for name, value in (("negative_slope", 0.4), ("threshold", 2.0)):
        before = widget.figure
        widget.controls[name].value = value
        assert not _same(widget.figure, before)
        assert _same(widget.figure, family_panels(**widget.values))


def test_scale_invariance_widget_controls_redraw() -> None:
    widget = scale_invariance_widget()
    assert _same(widget.figure, scale_invariance_plot())
    for name, value in (("a", 1.5), ("other", "elu")):
        before = widget.figure
        widget.controls[name].value = value
        assert not _same(widget.figure, before)
        assert _same(widget.figure, scale_invariance_plot(**widget.values))
    assert widget.figure.axes[1].get_title().startswith("elu")
