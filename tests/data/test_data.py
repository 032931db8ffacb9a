"""Tests for actlearn.data: synthetic sets, the shipped UCI tables and the split helper."""

from __future__ import annotations

import dataclasses
import hashlib
from importlib import resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actlearn.data import (
    ARITHMETIC_OPS,
    Table,
    arithmetic,
    digits,
    iris,
    shipped,
    spirals,
    train_test_split,
    xor,
)

EXPECTED_SHA256 = {
    "iris.csv": "9cc1c345c71bcc9b486b74cbf6063fa66f4bb5e0f603a4b3c3471ec2e5e8e355",
    "digits.csv.gz": "ef9e7faeeda2aa13b76f7665eb46f15c43c4de9e7ce1ee1b5982de61c933a129",
}
DATASETS = resources.files("actlearn").joinpath("datasets")


# --- shipped files ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED_SHA256))
def test_shipped_file_checksum_matches_record_and_readme(name: str) -> None:
    payload = DATASETS.joinpath(name).read_bytes()
    assert hashlib.sha256(payload).hexdigest() == EXPECTED_SHA256[name]
    assert shipped.SHA256[name] == EXPECTED_SHA256[name]
    readme = DATASETS.joinpath("README.md").read_text(encoding="utf-8")
    assert EXPECTED_SHA256[name] in readme
    assert f"{len(payload):,} bytes" in readme


def test_shipped_files_stay_small() -> None:
    total = sum(len(DATASETS.joinpath(name).read_bytes()) for name in EXPECTED_SHA256)
    assert total < 300_000


def test_read_shipped_rejects_unknown_name() -> None:
    with pytest.raises(ValueError, match="iris.csv"):
        shipped.read_shipped("mnist.csv")


def test_read_shipped_detects_a_damaged_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(shipped.SHA256, "iris.csv", "0" * 64)
    with pytest.raises(OSError, match="damaged"):
        iris()


def test_read_shipped_reports_a_missing_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(shipped.SHA256, "absent.csv", "0" * 64)
    with pytest.raises(FileNotFoundError, match="absent.csv"):
        shipped.read_shipped("absent.csv")


# --- iris ------------------------------------------------------------------------------------


def test_iris_shape_dtypes_and_names() -> None:
    table = iris()
    assert isinstance(table, Table) and len(table) == 150
    assert table.data.shape == (150, 4) and table.data.dtype == np.float64
    assert table.target.shape == (150,) and table.target.dtype == np.int64
    assert table.feature_names == ("sepal_length", "sepal_width", "petal_length", "petal_width")
    assert table.target_names == ("setosa", "versicolor", "virginica")
    assert "Fisher" in table.description and "CC BY 4.0" in table.description


def test_iris_has_three_blocks_of_fifty() -> None:
    target = iris().target
    assert np.bincount(target).tolist() == [50, 50, 50]
    assert np.array_equal(target, np.repeat([0, 1, 2], 50))


def test_iris_values_match_fishers_table() -> None:
    data = iris().data
    assert np.array_equal(data.min(axis=0), [4.3, 2.0, 1.0, 0.1])
    assert np.array_equal(data.max(axis=0), [7.9, 4.4, 6.9, 2.5])
    assert np.allclose(data.sum(axis=0), [876.5, 458.6, 563.7, 179.9])
    assert data[0].tolist() == [5.1, 3.5, 1.4, 0.2]
    assert data[149].tolist() == [5.9, 3.0, 5.1, 1.8]
    # The two setosa rows where Fisher's paper (and R) differ from the UCI file.
    assert data[34].tolist() == [4.9, 3.1, 1.5, 0.2]
    assert data[37].tolist() == [4.9, 3.6, 1.4, 0.1]


def test_iris_columns_by_name() -> None:
    table = iris()
    sepals = table.columns("sepal_length", "sepal_width")
    assert np.array_equal(sepals, table.data[:, :2])
    with pytest.raises(ValueError, match="sepal_length"):
        table.columns("sepal_area")
    with pytest.raises(ValueError, match="at least one"):
        table.columns()


def test_loaded_tables_are_frozen_and_independent() -> None:
    first, second = iris(), iris()
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.data = np.zeros((150, 4))  # type: ignore[misc]
    first.data[0, 0] = -1.0
    assert second.data[0, 0] == 5.1
    assert "150" in repr(first) and "iris" in repr(first)


def test_table_rejects_mismatched_shapes() -> None:
    with pytest.raises(ValueError, match="target"):
        Table("t", np.zeros((3, 2)), np.zeros(4, dtype=np.int64), ("a", "b"), ("c",), "")
    with pytest.raises(ValueError, match="data"):
        Table("t", np.zeros((3, 2)), np.zeros(3, dtype=np.int64), ("a",), ("c",), "")
    with pytest.raises(ValueError, match="images"):
        Table(
            "t",
            np.zeros((3, 1)),
            np.zeros(3, dtype=np.int64),
            ("a",),
            ("c",),
            "",
            images=np.zeros((2, 1, 1)),
        )


# --- digits ----------------------------------------------------------------------------------


def test_digits_shapes_dtypes_and_counts() -> None:
    table = digits()
    assert table.images.shape == (1797, 8, 8) and table.images.dtype == np.float64
    assert table.data.shape == (1797, 64) and table.data.dtype == np.float64
    assert table.target.shape == (1797,) and table.target.dtype == np.int64
    counts = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert np.bincount(table.target, minlength=10).tolist() == counts
    assert table.target_names == tuple("0123456789")
    assert table.feature_names[:2] == ("r0c0", "r0c1") and table.feature_names[-1] == "r7c7"
    assert "Alpaydin" in table.description and "CC BY 4.0" in table.description


def test_digits_values_are_integers_from_0_to_16() -> None:
    table = digits()
    assert table.data.min() == 0 and table.data.max() == 16
    assert np.array_equal(table.data, np.round(table.data))
    assert table.data.sum() == 561_718
    assert np.array_equal(table.images.reshape(1797, 64), table.data)


def test_digits_first_image_is_a_zero() -> None:
    table = digits()
    assert table.target[0] == 0
    assert table.images[0, 0].tolist() == [0, 0, 5, 13, 9, 1, 0, 0]
    assert table.images[0, 7].tolist() == [0, 0, 6, 13, 10, 0, 0, 0]


# --- xor -------------------------------------------------------------------------------------


def test_xor_default_is_the_truth_table() -> None:
    X, y = xor()
    assert X.dtype == np.float64 and y.dtype == np.int64
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert y.tolist() == [0, 1, 1, 0]


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 20), st.floats(0.0, 0.3), st.integers(0, 2**32 - 1))
def test_xor_copies_stay_near_their_corner(n: int, noise: float, seed: int) -> None:
    X, y = xor(n, noise=noise, rng=np.random.default_rng(seed))
    assert X.shape == (4 * n, 2) and y.shape == (4 * n,)
    corners = np.tile([[0, 0], [0, 1], [1, 0], [1, 1]], (n, 1))
    assert np.array_equal(y, corners[:, 0] ^ corners[:, 1])
    assert np.all(np.abs(X - corners) <= 10 * noise)


def test_xor_noise_is_deterministic_per_rng() -> None:
    first, _ = xor(5, noise=0.1, rng=np.random.default_rng(3))
    again, _ = xor(5, noise=0.1, rng=np.random.default_rng(3))
    other, _ = xor(5, noise=0.1, rng=np.random.default_rng(4))
    assert np.array_equal(first, again) and not np.array_equal(first, other)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_per_corner": 0}, ValueError, "n_per_corner"),
        ({"n_per_corner": 1.5}, TypeError, "n_per_corner"),
        ({"n_per_corner": True}, TypeError, "n_per_corner"),
        ({"noise": -0.1}, ValueError, "noise"),
        ({"noise": float("nan")}, ValueError, "noise"),
        ({"rng": 42}, TypeError, "Generator"),
    ],
)
def test_xor_rejects_bad_arguments(kwargs: dict, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        xor(**kwargs)


# --- spirals ---------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 6), st.integers(0, 300), st.floats(0.0, 1.0), st.integers(0, 2**32 - 1))
def test_spirals_shapes_balance_and_disc(k: int, extra: int, noise: float, seed: int) -> None:
    n = k + extra
    X, y = spirals(n, noise=noise, rng=np.random.default_rng(seed), n_classes=k)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.int64
    counts = np.bincount(y, minlength=k)
    assert counts.sum() == n and counts.max() - counts.min() <= 1
    assert np.all(np.diff(y) >= 0)
    assert np.all(np.hypot(X[:, 0], X[:, 1]) <= 1 + 1e-12)


def test_spirals_are_deterministic_per_rng() -> None:
    first = spirals(rng=np.random.default_rng(7))
    again = spirals(rng=np.random.default_rng(7))
    other = spirals(rng=np.random.default_rng(8))
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not np.array_equal(first[0], other[0])
    assert np.array_equal(spirals()[0], spirals(rng=np.random.default_rng(0))[0])


def test_two_noiseless_spirals_are_point_reflections() -> None:
    X, y = spirals(n=100, noise=0.0)
    assert np.allclose(X[y == 1], -X[y == 0])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_classes": 1}, ValueError, "n_classes"),
        ({"n": 2, "n_classes": 3}, ValueError, "n must be at least 3"),
        ({"noise": -1.0}, ValueError, "noise"),
        ({"turns": 0.0}, ValueError, "turns"),
        ({"n": 10.0}, TypeError, "n must be an integer"),
        ({"rng": np.random.RandomState(0)}, TypeError, "Generator"),
    ],
)
def test_spirals_reject_bad_arguments(kwargs: dict, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        spirals(**kwargs)


# --- arithmetic ------------------------------------------------------------------------------

REFERENCE = {
    "add": lambda X: X[:, 0] + X[:, 1],
    "sub": lambda X: X[:, 0] - X[:, 1],
    "mul": lambda X: X[:, 0] * X[:, 1],
    "div": lambda X: X[:, 0] / X[:, 1],
    "square": lambda X: X[:, 0] ** 2,
    "sqrt": lambda X: X[:, 0] ** 0.5,
}


def test_arithmetic_ops_are_the_documented_six() -> None:
    assert set(ARITHMETIC_OPS) == set(REFERENCE)


@pytest.mark.parametrize("op", sorted(REFERENCE))
def test_arithmetic_shapes_and_targets(op: str) -> None:
    X, y = arithmetic(op, n=500, low=0.5, high=3.0, rng=np.random.default_rng(1))
    width = 1 if op in ("square", "sqrt") else 2
    assert X.shape == (500, width) and y.shape == (500, 1)
    assert X.dtype == np.float64 and y.dtype == np.float64
    assert np.all((X >= 0.5) & (X < 3.0))
    assert np.allclose(y[:, 0], REFERENCE[op](X))


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(sorted(REFERENCE)),
    st.floats(-1e6, 1e6),
    st.floats(1e-3, 1e6),
    st.integers(0, 2**32 - 1),
)
def test_arithmetic_targets_are_finite_when_range_is_accepted(
    op: str, low: float, width: float, seed: int
) -> None:
    high = low + width
    try:
        X, y = arithmetic(op, n=50, low=low, high=high, rng=np.random.default_rng(seed))
    except ValueError as error:
        assert op in str(error)
        if "overflows" in str(error):
            corners = np.array([[low, low], [low, high], [high, low], [high, high]])
            with np.errstate(over="ignore", divide="ignore"):
                assert not np.all(np.isfinite(REFERENCE[op](corners)))
        else:
            assert low < 0 if op == "sqrt" else op == "div" and low <= 0 <= high
        return
    assert np.all(np.isfinite(y))


def test_arithmetic_is_deterministic_per_rng() -> None:
    first = arithmetic("mul", 20, -2.0, 2.0, rng=np.random.default_rng(5))
    again = arithmetic("mul", 20, -2.0, 2.0, rng=np.random.default_rng(5))
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("pow", 10, 0.0, 1.0), r"unknown op 'pow'.*'add', 'sub', 'mul', 'div', 'square', 'sqrt'"),
        (("sqrt", 10, -1.0, 1.0), "sqrt needs low >= 0"),
        (("div", 10, -1.0, 1.0), "div needs a range without 0"),
        (("div", 10, 0.0, 1.0), "div needs a range without 0"),
        (("div", 10, -1.0, 0.0), "div needs a range without 0"),
        (("add", 10, 1.0, 1.0), "low < high"),
        (("add", 10, 0.0, float("inf")), "high must be finite"),
        (("square", 10, 0.0, 1e200), "overflows"),
        (("mul", 0, 0.0, 1.0), "n must be at least 1"),
    ],
)
def test_arithmetic_rejects_bad_arguments(args: tuple, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        arithmetic(*args)


# --- train_test_split ------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 200), st.floats(0.01, 0.99), st.integers(0, 2**32 - 1))
def test_split_partitions_and_keeps_pairs(n: int, fraction: float, seed: int) -> None:
    X = np.arange(3 * n).reshape(n, 3)
    y = np.arange(n)
    n_test = int(np.ceil(fraction * n))
    if not 0 < n_test < n:
        with pytest.raises(ValueError, match="at least 1"):
            train_test_split(X, y, fraction, rng=np.random.default_rng(seed))
        return
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, fraction, rng=np.random.default_rng(seed)
    )
    assert len(y_test) == n_test and len(y_train) == n - n_test
    assert sorted(np.concatenate([y_train, y_test]).tolist()) == list(range(n))
    assert np.array_equal(X_train[:, 0], 3 * y_train)
    assert np.array_equal(X_test[:, 0], 3 * y_test)


def test_split_is_deterministic_and_handles_images() -> None:
    table = digits()
    first = train_test_split(table.images, table.target, 0.2, rng=np.random.default_rng(0))
    again = train_test_split(table.images, table.target, 0.2, rng=np.random.default_rng(0))
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert first[0].shape == (1437, 8, 8) and first[1].shape == (360, 8, 8)


@pytest.mark.parametrize(
    ("X", "y", "fraction", "match"),
    [
        (np.zeros((4, 2)), np.zeros(5), 0.5, "4 rows but y has 5"),
        (np.zeros((4, 2)), np.zeros(4), 0.0, "strictly between 0 and 1"),
        (np.zeros((4, 2)), np.zeros(4), 1.0, "strictly between 0 and 1"),
        (np.zeros((1, 2)), np.zeros(1), 0.5, "at least 1"),
        (np.float64(1.0), np.zeros(1), 0.5, "one row per sample"),
    ],
)
def test_split_rejects_bad_arguments(X, y, fraction: float, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        train_test_split(X, y, fraction)
