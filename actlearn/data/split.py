"""A deterministic, shuffled train/test split."""

from __future__ import annotations

import math

import numpy as np

from actlearn.data._checks import check_float, check_rng


def train_test_split(
    X: np.ndarray,
    y: np.ndarray,
    test_fraction: float = 0.25,
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    r"""Shuffle the samples once and hold out :math:`\lceil f\,n \rceil` of them for testing.

    Rows of ``X`` (any shape with ``n`` rows, e.g. images ``(n, 8, 8)``) and entries of
    ``y`` stay paired. The permutation comes from ``rng`` alone, so the same generator
    state gives the same split.

    Args:
        X: samples, ``n`` rows.
        y: targets, ``n`` rows.
        test_fraction: share held out, strictly between 0 and 1; both parts must be non-empty.
        rng: generator for the shuffle; ``np.random.default_rng(0)`` when None.

    Returns:
        ``(X_train, X_test, y_train, y_test)``, new arrays.

    >>> X, y = np.arange(10.0).reshape(5, 2), np.arange(5)
    >>> X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=0.4)
    >>> X_train.shape, X_test.shape, bool(np.all(X_test[:, 0] == 2 * y_test))
    ((3, 2), (2, 2), True)
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim == 0 or y.ndim == 0:
        raise ValueError("train_test_split: X and y must be arrays with one row per sample")
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"train_test_split: X has {X.shape[0]} rows but y has {y.shape[0]}; "
            "they must have one row per sample"
        )
    test_fraction = check_float(test_fraction, "train_test_split: test_fraction")
    if not 0 < test_fraction < 1:
        raise ValueError(
            f"train_test_split: test_fraction must be strictly between 0 and 1, got {test_fraction}"
        )
    n = X.shape[0]
    n_test = math.ceil(test_fraction * n)
    if not 0 < n_test < n:
        raise ValueError(
            f"train_test_split: test_fraction={test_fraction} of {n} samples leaves "
            f"{n_test} for testing and {n - n_test} for training; both must be at least 1"
        )
    order = check_rng(rng, "train_test_split").permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]
