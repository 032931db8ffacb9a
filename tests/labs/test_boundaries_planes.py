"""Tests for actlearn.labs.boundaries.planes: the plane data sets and cached training runs."""

from __future__ import annotations

import numpy as np
import pytest

from actlearn.labs.boundaries.planes import (
    DATASETS,
    RUN_CACHE_SIZE,
    plane_data,
    plane_grid,
    train_boundary,
)


@pytest.mark.parametrize("name", DATASETS)
def test_plane_data_shapes_and_read_only(name: str) -> None:
    data = plane_data(name)
    assert data.X.shape == (len(data.y), 2)
    assert set(np.unique(data.y)) == set(range(len(data.class_names)))
    with pytest.raises(ValueError):
        data.X[0, 0] = 1.0


def test_plane_data_unknown_name() -> None:
    with pytest.raises(ValueError, match="unknown data set 'moons'"):
        plane_data("moons")


def test_plane_grid_covers_points_with_margin() -> None:
    X = np.array([[0.0, 10.0], [1.0, 20.0]])
    xs, ys = plane_grid(X, resolution=5, margin=0.1)
    np.testing.assert_allclose([xs[0], xs[-1], ys[0], ys[-1]], [-0.1, 1.1, 9.0, 21.0])


def test_train_boundary_records_snapshots_and_is_cached() -> None:
    run = train_boundary("xor", "tanh", 8, max_steps=50, every=20)
    assert run.steps == (0, 20, 40, 50)
    assert run.probs.shape == (4, 70, 70, 2)
    np.testing.assert_allclose(run.probs.sum(axis=-1), 1.0)
    assert run.loss.shape == (50,)
    assert train_boundary("xor", "tanh", 8, max_steps=50, every=20) is run
    assert not run.probs.flags.writeable
    assert [run.index(s) for s in (0, 19, 20, 45, 50, 500)] == [0, 0, 1, 2, 3, 3]


def test_the_run_cache_stays_small_for_a_hub() -> None:
    """The widget's largest run (iris, three classes) times the cache's size: under 64 MB."""
    run = train_boundary("iris")
    recorded = sum(value.nbytes for value in vars(run).values()
                   if isinstance(value, np.ndarray))
    assert recorded > 1e6  # (what the bound is about: the grid's probabilities per snapshot)
    assert train_boundary.cache_info().maxsize == RUN_CACHE_SIZE
    assert RUN_CACHE_SIZE * recorded < 64e6


def test_nonlinear_net_separates_xor_and_linear_one_cannot() -> None:
    assert train_boundary("xor", "tanh", 8).accuracy[-1] == 1.0
    assert train_boundary("xor", "linear", 8).accuracy[-1] <= 0.75
    assert train_boundary("spirals", "relu", 16).accuracy[-1] >= 0.95


def test_loss_goes_down() -> None:
    run = train_boundary("spirals", "tanh", 16)
    assert run.loss[-1] < 0.2 * run.loss[0]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="need width >= 1"):
        train_boundary("xor", "relu", 0)
    with pytest.raises(ValueError, match="steps must be >= 0"):
        train_boundary("xor", "relu", 4, max_steps=10).index(-1)
