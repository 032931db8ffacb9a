"""Compare what an answer returned with what the reference returns, in words.

Every message is a pure function of the values involved, formatted with fixed print
options, so the same answer always yields the same text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from actlearn.grading.sandbox import Outcome, Unpicklable


@dataclass(frozen=True)
class Case:
    """Arguments of one call of an answer; ``label`` overrides how the input is shown."""

    args: tuple[Any, ...]
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    label: str = ""

    def describe(self) -> str:
        """The call's inputs as a learner would type them, e.g. ``x = [-1., 0., 1.]``."""
        if self.label:
            return self.label
        parts = [show(a) for a in self.args] + [f"{k}={show(v)}" for k, v in self.kwargs.items()]
        return ", ".join(parts)


def show(value: Any) -> str:
    """A short deterministic text form of a value (arrays abbreviated past 12 entries).

    >>> show(np.array([0.5, 1.0 / 3.0]))
    '[0.5, 0.333333]'
    >>> show(np.array([[1.0, -2.0], [30.0, 4.0]]))
    '[[1., -2.], [30., 4.]]'
    """
    if isinstance(value, np.ndarray | np.generic) and np.ndim(value) > 0:
        with np.printoptions(
            precision=6,
            threshold=12,
            edgeitems=3,
            floatmode="maxprec",
            suppress=False,
            legacy=False,
            linewidth=10**6,
        ):
            text = np.array2string(np.asarray(value), separator=", ")
        return re.sub(r"\[ +", "[", re.sub(r"\s+", " ", text)).replace(" ,", ",")
    if isinstance(value, float | np.floating):
        return f"{float(value):.6g}"
    if isinstance(value, np.ndarray):
        return show(value[()])
    if isinstance(value, tuple):
        return "(" + ", ".join(show(v) for v in value) + ")"
    return repr(value)


def kind_of(value: Any) -> str:
    """Name a value's type the way a learner thinks of it."""
    if value is None:
        return "None"
    if isinstance(value, Unpicklable):
        return f"an object of type {value.type_name}"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def failure_of(outcome: Outcome) -> str | None:
    """Why a call gave no value to compare, or None when it returned normally."""
    if not outcome.returned:
        return outcome.reason
    if outcome.value is None:
        return "returned None (is a `return` missing?)"
    return None


def _as_array(value: Any) -> np.ndarray | None:
    if isinstance(value, np.ndarray | np.generic | float | int | bool) and not isinstance(
        value, str
    ):
        return np.asarray(value)
    return None


def mismatch(got: Any, expected: Any, rtol: float, atol: float) -> str | None:
    """How ``got`` differs from ``expected`` (arrays, numbers or tuples of them), or None."""
    if isinstance(expected, tuple):
        if not isinstance(got, tuple | list) or len(got) != len(expected):
            return f"returned {kind_of(got)}, expected a tuple of {len(expected)} arrays"
        for index, (g, e) in enumerate(zip(got, expected, strict=True)):
            problem = mismatch(g, e, rtol, atol)
            if problem:
                return f"item {index}: {problem}"
        return None
    got_array = _as_array(got)
    if got_array is None:
        wanted = "a number" if np.ndim(expected) == 0 else "a NumPy array"
        return f"returned {kind_of(got)}, expected {wanted}"
    expected = np.asarray(expected)
    if got_array.shape != expected.shape:
        return f"returned shape {got_array.shape}, expected shape {expected.shape}"
    if got_array.dtype.kind not in "biuf":
        return f"returned dtype {got_array.dtype}, expected numbers"
    with np.errstate(all="ignore"):
        close = np.isclose(
            got_array.astype(np.float64),
            expected.astype(np.float64),
            rtol=rtol,
            atol=atol,
            equal_nan=True,
        )
    if close.all():
        return None
    bad = np.flatnonzero(~close)
    nan_note = " (NaN or inf among them)" if not np.isfinite(got_array.ravel()[bad]).all() else ""
    return f"{bad.size} of {close.size} values wrong{nan_note}"


def wrong_positions(got: Any, expected: Any, rtol: float, atol: float) -> np.ndarray | None:
    """Boolean mask of wrong entries when shapes agree, else None."""
    got_array, expected_array = _as_array(got), np.asarray(expected)
    if (
        got_array is None
        or got_array.shape != expected_array.shape
        or got_array.dtype.kind not in "biuf"
    ):
        return None
    with np.errstate(all="ignore"):
        return ~np.isclose(
            got_array.astype(np.float64),
            expected_array.astype(np.float64),
            rtol=rtol,
            atol=atol,
            equal_nan=True,
        )
