"""Tests for actlearn.widgets.attention: moving the query redraws the pure figure."""

from __future__ import annotations

import numpy as np

from actlearn.plots.attention import query_among_keys
from actlearn.widgets.attention import query_widget


def _weights(fig) -> np.ndarray:
    return np.array([p.get_height() for p in fig.axes[1].patches])


def test_query_widget_redraws_like_the_pure_function() -> None:
    widget = query_widget()
    before = _weights(widget.figure)  # the data: a figure two redraws old is reused
    np.testing.assert_allclose(before, _weights(query_among_keys(30.0, 2.0)))
    widget.controls["angle"].value = 250.0
    widget.controls["length"].value = 4.0
    after = widget.figure
    np.testing.assert_allclose(_weights(after), _weights(query_among_keys(250.0, 4.0)))
    assert after.axes[0].get_title() == query_among_keys(250.0, 4.0).axes[0].get_title()
    assert not np.allclose(_weights(after), before)
