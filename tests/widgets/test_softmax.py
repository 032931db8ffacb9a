"""Tests for actlearn.widgets.softmax: moving the temperature redraws the pure figure."""

from __future__ import annotations

import numpy as np

from actlearn.plots.softmax import SEED_SCORES, temperature_bars
from actlearn.widgets.softmax import temperature_widget


def _bars(fig) -> np.ndarray:
    return np.array([p.get_height() for p in fig.axes[0].patches])


def test_temperature_widget_redraws_like_the_pure_function() -> None:
    widget = temperature_widget()
    before = widget.figure
    np.testing.assert_allclose(_bars(before), _bars(temperature_bars(SEED_SCORES, 1.0)))
    widget.controls["temperature"].value = 0.2
    assert widget.figure is not before
    t = widget.controls["temperature"].value
    np.testing.assert_allclose(_bars(widget.figure), _bars(temperature_bars(SEED_SCORES, t)))
    assert widget.figure.axes[0].get_title() == temperature_bars(SEED_SCORES, t).axes[0].get_title()
    assert not np.allclose(_bars(widget.figure), _bars(before))


def test_temperature_widget_uses_given_scores() -> None:
    widget = temperature_widget(scores=(1.0, 0.0), temperature=2.0)
    assert widget.values["scores"] == (1.0, 0.0)
    np.testing.assert_allclose(_bars(widget.figure), _bars(temperature_bars((1.0, 0.0), 2.0)))
