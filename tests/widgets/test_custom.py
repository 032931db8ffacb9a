"""Tests for actlearn.widgets.custom: the rank slider redraws the pure figure."""

from __future__ import annotations

import numpy as np

from actlearn.labs.custom import search
from actlearn.plots.custom import ranking_plot
from actlearn.widgets.custom import ranking_widget


def _curves(fig) -> list[np.ndarray]:
    return [np.asarray(line.get_ydata(), float) for ax in fig.axes for line in ax.get_lines()]


def _same(a, b) -> bool:
    ca, cb = _curves(a), _curves(b)
    return len(ca) == len(cb) and all(
        x.shape == y.shape and np.allclose(x, y, equal_nan=True)
        for x, y in zip(ca, cb, strict=True))


def test_ranking_widget_browses_the_ranking() -> None:
    result = search.run_search(seeds=(0,), steps=5, hidden=(4,))
    widget = ranking_widget(result)
    assert widget.values["rank"] == 1 and widget.controls["rank"].max == len(result.ranking)
    assert _same(widget.figure, ranking_plot(result, 1))
    before = widget.figure
    widget.controls["rank"].value = 4
    assert not _same(widget.figure, before)
    assert _same(widget.figure, ranking_plot(result, 4))
    assert result.ranking[3].label in widget.figure.axes[1].get_title()
