"""Tests for actlearn.plots.softmax: each figure is titled, labelled and shows the right data."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

import actlearn as al
from actlearn.plots import softmax as ps

SEED = np.array([2.33, -1.46, 0.56])


def _labelled(fig: Figure) -> list:
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    return axes


def _heights(ax) -> np.ndarray:
    return np.array([patch.get_height() for patch in ax.patches])


def test_scores_to_probabilities_shows_scores_and_seed_percentages() -> None:
    left, right = _labelled(ps.scores_to_probabilities(SEED))
    np.testing.assert_allclose(_heights(left), SEED)
    np.testing.assert_allclose(_heights(right), al.softmax(SEED))
    texts = [t.get_text() for t in right.texts]
    assert texts == ["83.8 %", "1.9 %", "14.3 %"]


def test_normalisations_draws_plain_ratio_beside_softmax() -> None:
    (ax,) = _labelled(ps.normalisations(SEED))
    heights = _heights(ax)[-6:]  # the first patch is the shaded band
    np.testing.assert_allclose(heights[:3], SEED / SEED.sum())
    np.testing.assert_allclose(heights[3:], al.softmax(SEED))
    assert len(ax.get_legend().get_texts()) == 3


def test_normalisations_survives_scores_summing_to_zero() -> None:
    (ax,) = _labelled(ps.normalisations([1.0, -1.0, 0.0]))
    np.testing.assert_allclose(_heights(ax)[1:], al.softmax(np.array([1.0, -1.0, 0.0])))
    assert "undefined" in ax.texts[0].get_text()


@pytest.mark.parametrize("temp", [0.1, 1.0, 7.5])
def test_temperature_bars_match_tempered_softmax_and_mark_t(temp: float) -> None:
    left, right = _labelled(ps.temperature_bars(SEED, temp))
    np.testing.assert_allclose(_heights(left), al.softmax(SEED / temp))
    assert f"T = {temp:.3g}" in left.get_title()
    curves = right.get_lines()
    for i in range(3):
        temps, probs = curves[i].get_data()
        np.testing.assert_allclose(probs, al.softmax(SEED[None, :] / temps[:, None])[:, i])
    marker = [line for line in curves if line.get_label() == f"T = {temp:.3g}"]
    assert marker and marker[0].get_xdata()[0] == temp
    assert right.get_xscale() == "log"


def test_temperature_bars_entropy_in_title_goes_up_with_t() -> None:
    def title_entropy(t: float) -> float:
        return float(ps.temperature_bars(SEED, t).axes[0].get_title().split()[4])

    assert title_entropy(0.1) < title_entropy(1.0) < title_entropy(10.0) <= np.log(3)


def test_sigmoid_as_softmax_curves_coincide() -> None:
    (ax,) = _labelled(ps.sigmoid_as_softmax())
    lines = {line.get_label(): line.get_data() for line in ax.get_lines()}
    xs, sig = lines["σ(x)"]
    np.testing.assert_allclose(sig, al.activation("sigmoid")(xs))
    np.testing.assert_allclose(lines["softmax([x, 0])₁"][1], sig, atol=1e-15)
    np.testing.assert_allclose(lines["softmax([x, 0])₂"][1], 1 - sig, atol=1e-15)
    assert len(ax.get_legend().get_texts()) == 4


def test_jacobian_heatmap_shows_diag_p_minus_outer() -> None:
    fig = ps.jacobian_heatmap(SEED)
    (ax,) = _labelled(fig)
    p = al.softmax(SEED)
    np.testing.assert_allclose(ax.get_images()[0].get_array(), np.diag(p) - np.outer(p, p))
    assert [t.get_text() for t in ax.texts][:2] == ["+0.136", "-0.016"]
    assert len(fig.axes) == 2  # the heat map and its colour bar


@pytest.mark.parametrize("bad", [[1.0], [[1.0, 2.0]], []])
def test_scores_must_be_a_vector(bad: list) -> None:
    with pytest.raises(ValueError, match="scores must be a 1-D vector"):
        ps.scores_to_probabilities(bad)


def test_labels_must_match_scores() -> None:
    with pytest.raises(ValueError, match="labels must name each of the 3"):
        ps.temperature_bars(SEED, 1.0, labels=["a", "b"])
