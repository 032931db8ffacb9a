"""Tests for actlearn.plots.nalu: titled, labelled figures showing the data they are given."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from actlearn.labs.nalu.bench import BenchConfig, run_benchmark
from actlearn.labs.nalu.extrapolation import IdentityFit
from actlearn.plots import nalu as pn


def _axes(fig: Figure) -> list:
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    return axes


def _fit(name: str, slope: float) -> IdentityFit:
    x = np.linspace(-20, 20, 5)
    return IdentityFit(name, 0.1, 1.0, x, slope * x, False)


def test_identity_curves_draw_identity_and_every_prediction() -> None:
    (ax,) = _axes(pn.identity_curves([_fit("relu", 1.0), _fit("tanh", 0.5)]))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), np.linspace(-20, 20, 5))
    np.testing.assert_allclose(ax.lines[2].get_ydata(), 0.5 * np.linspace(-20, 20, 5))
    assert [t.get_text() for t in ax.get_legend().get_texts()][-2:] == ["relu", "tanh"]


def test_extrapolation_bars_sort_and_colour_by_saturation() -> None:
    (ax,) = _axes(pn.extrapolation_bars({"tanh": 7.0, "leaky_relu": 0.1, "relu": 3.0}))
    assert [p.get_width() for p in ax.patches] == [0.1, 3.0, 7.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["leaky_relu", "relu", "tanh"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["never saturates", "saturates on one side", "bounded: saturates both sides"]
    with pytest.raises(ValueError, match="errors is empty"):
        pn.extrapolation_bars({})


def test_nac_weight_map_shows_tanh_times_sigmoid_and_the_marked_point() -> None:
    (ax,) = _axes(pn.nac_weight_map(2.0, -1.0, limit=6.0))
    image = ax.images[0].get_array()
    assert image.shape == (241, 241)
    assert image[-1, -1] == pytest.approx(np.tanh(6.0) / (1 + np.exp(-6.0)))
    assert ax.lines[0].get_xdata()[0] == 2.0
    assert f"{np.tanh(2.0) / (1 + np.exp(1.0)):.3f}" in ax.get_title()


def test_score_map_annotates_median_and_success() -> None:
    config = BenchConfig(ops=("add", "sub"), models=("NAU",), seeds=(0,), n_train=16,
                         n_test=10, unit_steps=60)
    result = run_benchmark(config, workers=1, progress=False)
    (ax,) = _axes(pn.score_map(result))
    assert ax.images[0].get_array().shape == (1, 2)
    first = ax.texts[0].get_text().splitlines()
    assert first[0] == f"{result.median('NAU', 'add'):.2g}"
    assert first[1] == f"{result.success_rate('NAU', 'add'):.0%}"
    (ax,) = _axes(pn.score_map(result, "interpolation"))
    assert "\n" not in ax.texts[0].get_text()


def test_gate_plot_has_one_line_per_model() -> None:
    t = np.geomspace(0.1, 10, 7)
    (ax,) = _axes(pn.gate_plot(t, {"a + b": np.ones(7), "a * b": np.zeros(7)}))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), 1.0)
    assert [x.get_text() for x in ax.get_legend().get_texts()] == ["training range", "a + b",
                                                                   "a * b"]
