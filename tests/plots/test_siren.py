"""Tests for actlearn.plots.siren: titled, labelled figures with the data they are given."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from actlearn.labs.siren.fit import SignalFit, signal
from actlearn.labs.siren.image import ImageFit
from actlearn.labs.siren.init import layer_statistics
from actlearn.plots import siren as ps


def _axes(fig: Figure) -> list:
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    return axes


def _fit(name: str, shift: float) -> SignalFit:
    x = np.linspace(-1, 1, 11)
    return SignalFit(name, x, signal(x) + shift, np.zeros(11), shift**2, 1.0, 0.0)


def test_init_histograms_one_panel_per_layer_with_the_arcsine_density() -> None:
    stats = layer_statistics(depth=2, width=32, n_points=500)
    axes = _axes(ps.init_histograms(stats))
    assert len(axes) == 2 and f"{stats[1].ks:.3f}" in axes[1].get_title()
    y = axes[0].lines[0].get_xdata()
    np.testing.assert_allclose(axes[0].lines[0].get_ydata(), 1 / (np.pi * np.sqrt(1 - y**2)))
    with pytest.raises(ValueError, match="no layers"):
        ps.init_histograms([])


def test_signal_fits_draw_truth_and_every_fit() -> None:
    left, right = _axes(ps.signal_fits([_fit("a", 0.0), _fit("b", 0.5)]))
    np.testing.assert_allclose(left.lines[2].get_ydata(), signal(np.linspace(-1, 1, 11)) + 0.5)
    assert "MSE 0.25" in left.get_legend().get_texts()[2].get_text()
    assert len(right.lines) == 3


def test_omega_fit_and_errors_read_the_sweep() -> None:
    sweep = {10.0: _fit("ten", 0.1), 30.0: _fit("thirty", 0.2)}
    (left, _) = _axes(ps.omega_fit(sweep, 30.0))
    np.testing.assert_allclose(left.lines[1].get_ydata(), sweep[30.0].prediction)
    with pytest.raises(ValueError, match="no fit for ω₀ = 5"):
        ps.omega_fit(sweep, 5)
    (ax,) = _axes(ps.omega_errors(sweep))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [0.01, 0.04])


def test_image_fits_show_target_reconstructions_and_gradients() -> None:
    target = np.linspace(-1, 1, 16).reshape(4, 4)
    fit = ImageFit("net", target * 0.5, np.ones((4, 4)), 0.01, 0.02)
    axes = _axes(ps.image_fits(target, [fit]))
    assert len(axes) == 4
    np.testing.assert_allclose(axes[1].images[0].get_array(), target * 0.5)
    np.testing.assert_allclose(axes[3].images[0].get_array(), 1.0)
    assert "0.01 (pixels)" in axes[1].get_title()


def test_random_functions_one_panel_per_omega() -> None:
    x = np.linspace(-1, 1, 5)
    axes = _axes(ps.random_functions(x, {1.0: np.zeros((2, 5)), 30.0: np.ones((3, 5))}))
    assert len(axes[1].lines) == 3 and "30" in axes[1].get_title()
