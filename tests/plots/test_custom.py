"""Tests for actlearn.plots.custom: labelled figures holding the lab's numbers."""

from __future__ import annotations

import numpy as np
import pytest

import actlearn as al
from actlearn.labs.custom import flow, search
from actlearn.plots import custom as pc
from tests.figure_summary import assert_labelled


@pytest.fixture(scope="module")
def small_search() -> search.SearchResult:
    return search.run_search(seeds=(0,), steps=5, hidden=(4,))


def test_shapes_plot_draws_f_and_its_derivative() -> None:
    fig = pc.shapes_plot(("relu", "silu"))
    assert_labelled(fig, 2)
    x, y = fig.axes[1].get_lines()[1].get_data()
    np.testing.assert_allclose(y, al.activation("silu").derivative(x))


def test_flow_plot_draws_the_gradient_norms() -> None:
    fig = pc.flow_plot(("relu", "tanh"), depth=6)
    assert_labelled(fig, 1)
    norms = flow.flow_ratios(("relu", "tanh"), 6)
    np.testing.assert_allclose(fig.axes[0].get_lines()[1].get_ydata(), norms["tanh"])
    assert fig.axes[0].get_yscale() == "log"


def test_digits_plot_shows_accuracy_and_fractions() -> None:
    result = flow.DigitsResult(("a", "b"), np.array([0.9, 0.95]), np.array([0.5, 0.0]),
                               np.array([0.1, 0.0]), np.array([0.4, 0.0]), np.array([0.2, 0.0]))
    fig = pc.digits_plot(result)
    assert_labelled(fig, 2)
    heights = [p.get_height() for p in fig.axes[0].patches]
    np.testing.assert_allclose(heights, result.accuracy)
    assert len(fig.axes[1].patches) == 8


def test_ranking_plot_shows_the_top_and_the_chosen_candidate(small_search) -> None:
    fig = pc.ranking_plot(small_search, rank=3, top=10)
    assert_labelled(fig, 2)
    widths = [p.get_width() for p in fig.axes[0].patches]
    np.testing.assert_allclose(widths, [e.accuracy for e in small_search.ranking[:10]])
    chosen = small_search.ranking[2]
    z, y = fig.axes[1].get_lines()[0].get_data()
    np.testing.assert_allclose(y, chosen.candidate(z))
    assert chosen.label in fig.axes[1].get_title()
    with pytest.raises(ValueError, match="rank"):
        pc.ranking_plot(small_search, rank=0)
