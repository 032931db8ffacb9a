"""Argument checks shared by the dataset functions; each raises a message naming the argument."""

from __future__ import annotations

import math
import numbers

import numpy as np


def check_rng(rng: np.random.Generator | None, where: str) -> np.random.Generator:
    """Return ``rng``, or ``np.random.default_rng(0)`` when it is None.

    >>> bool(check_rng(None, "f").integers(10) == np.random.default_rng(0).integers(10))
    True
    """
    if rng is None:
        return np.random.default_rng(0)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{where}: rng must be a numpy.random.Generator such as "
            f"np.random.default_rng(0), got {type(rng).__name__}"
        )
    return rng


def check_int(value: object, name: str, minimum: int) -> int:
    """Return ``value`` as an int, requiring an integer (not a bool) of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def check_float(value: object, name: str, minimum: float | None = None) -> float:
    """Return ``value`` as a finite float, at least ``minimum`` when one is given."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {number}")
    if minimum is not None and number < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {number}")
    return number
