"""Parameter validation for activations: each check raises with what is allowed."""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[str, Mapping[str, Any]], None]


def _number(activation: str, name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{activation}: parameter {name!r} must be a real number, got {type(value).__name__}"
        )
    if not math.isfinite(value):
        raise ValueError(f"{activation}: parameter {name!r} must be finite, got {value}")
    return float(value)


def real(*names: str) -> Check:
    """Each named parameter is a finite real number."""

    def check(activation: str, params: Mapping[str, Any]) -> None:
        for name in names:
            _number(activation, name, params[name])

    return check


def positive(*names: str) -> Check:
    """Each named parameter is a finite real number > 0."""

    def check(activation: str, params: Mapping[str, Any]) -> None:
        for name in names:
            if _number(activation, name, params[name]) <= 0:
                raise ValueError(
                    f"{activation}: parameter {name!r} must be > 0, got {params[name]}"
                )

    return check


def one_of(name: str, allowed: tuple[str, ...]) -> Check:
    """The named parameter is one of the allowed strings."""

    def check(activation: str, params: Mapping[str, Any]) -> None:
        if params[name] not in allowed:
            raise ValueError(
                f"{activation}: parameter {name!r} must be one of {allowed}, got {params[name]!r}"
            )

    return check


def ordered(low: str, high: str) -> Check:
    """params[low] < params[high], both finite reals."""

    def check(activation: str, params: Mapping[str, Any]) -> None:
        if _number(activation, low, params[low]) >= _number(activation, high, params[high]):
            raise ValueError(
                f"{activation}: {low} must be < {high}, got {low}={params[low]}, "
                f"{high}={params[high]}"
            )

    return check


def integer_axis(activation: str, params: Mapping[str, Any]) -> None:
    """``axis`` is an int (negative counts from the end)."""
    axis = params["axis"]
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"{activation}: parameter 'axis' must be an int, got {type(axis).__name__}")


def no_check(activation: str, params: Mapping[str, Any]) -> None:
    """Nothing to validate."""


#: Parameters for the activations that have no defaults (the seed's threshold T = 10), so that a
#: table, a plot or a lab can show every registered activation.
REQUIRED_PARAMS: Mapping[str, Mapping[str, float]] = {
    "threshold": {"threshold": 10.0, "value": 0.0},
}
