"""Tests for actlearn.plots.attention: titled, labelled figures with the data they are given."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

import actlearn as al
from actlearn.labs.attention.scaling import spread_curves
from actlearn.plots import attention as pa


def _axes(fig: Figure) -> list:
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    return axes


def test_attention_heatmaps_show_each_matrix_with_token_labels() -> None:
    a, b = np.full((3, 3), 1 / 3), np.eye(3)
    left, right = _axes(pa.attention_heatmaps([a, b], ["x", "y", "z"], ["one", "two"]))
    np.testing.assert_allclose(left.images[0].get_array(), a)
    np.testing.assert_allclose(right.images[0].get_array(), b)
    assert [t.get_text() for t in left.get_xticklabels()] == ["x", "y", "z"]
    assert right.get_title() == "two"
    with pytest.raises(ValueError, match="expected \\(3, 3\\)"):
        pa.attention_heatmaps([np.ones((2, 2))], ["x", "y", "z"], ["bad"])
    with pytest.raises(ValueError, match="1 matrices but 2 titles"):
        pa.attention_heatmaps([a], ["x", "y", "z"], ["one", "two"])


def test_query_among_keys_weights_are_the_scaled_softmax() -> None:
    keys = {"a": (1.0, 0.0), "b": (0.0, 1.0), "c": (-1.0, 0.0)}
    left, right = _axes(pa.query_among_keys(90.0, 3.0, keys))
    q = 3.0 * np.array([np.cos(np.pi / 2), np.sin(np.pi / 2)])
    expected = al.softmax(np.array(list(keys.values())) @ q / np.sqrt(2))
    np.testing.assert_allclose([p.get_height() for p in right.patches], expected)
    assert "90°" in left.get_title()
    uniform = pa.query_among_keys(0.0, 0.0, keys).axes[1]
    np.testing.assert_allclose([p.get_height() for p in uniform.patches], 1 / 3)


def test_variance_plot_draws_prediction_and_measurements() -> None:
    (ax,) = _axes(pa.variance_plot([1, 4, 16], [1.1, 3.9, 16.5]))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [1, 4, 16])
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [1.1, 3.9, 16.5])


def test_spread_plot_has_scaled_and_unscaled_lines() -> None:
    curves = spread_curves([1, 16], n_keys=4, n_queries=20)
    left, right = _axes(pa.spread_plot(curves, n_keys=4))
    np.testing.assert_allclose(left.lines[0].get_ydata(), [r.entropy for r in curves[True]])
    np.testing.assert_allclose(right.lines[1].get_ydata(),
                               [r.jacobian_norm for r in curves[False]])
    assert left.lines[2].get_ydata()[0] == pytest.approx(np.log(4))
