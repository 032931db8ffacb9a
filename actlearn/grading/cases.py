"""Input sets shared by many exercises: visible, hidden, shapes, extremes, a 10^6 input.

Each function returns a case builder ``rng -> list[Case]``; hidden inputs are drawn from the
exercise's seeded generator, so they are fixed but never shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from actlearn.grading.compare import Case, show

Params = Sequence[Mapping[str, Any]]
Builder = Callable[[np.random.Generator], list[Case]]

VISIBLE_X = (-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0)
EXTREME_X = (-1000.0, -745.0, -710.0, -100.0, -30.0, 0.0, 30.0, 100.0, 709.0, 710.0, 1000.0)
BIG = 10**6


def _label(name: str, value: Any, params: Mapping[str, Any]) -> str:
    extra = "".join(f", {k}={show(v)}" for k, v in params.items())
    return f"{name} = {show(value)}{extra}"


def one_input(
    name: str, arrays: Callable[[np.random.Generator], Sequence[np.ndarray]], params: Params = ({},)
) -> Builder:
    """A builder calling ``answer(array, **p)`` for every array and every ``p`` in ``params``."""

    def build(rng: np.random.Generator) -> list[Case]:
        return [
            Case((np.asarray(a, dtype=np.float64),), dict(p), _label(name, a, p))
            for p in params
            for a in arrays(rng)
        ]

    return build


def visible_x(params: Params = ({},), extra: Sequence[float] = ()) -> Builder:
    """The visible points -2 … 2 (plus ``extra`` points such as a threshold)."""
    values = np.array(sorted(set(VISIBLE_X) | set(extra)))
    return one_input("x", lambda rng: [values], params)


def hidden_x(params: Params = ({},), scale: float = 4.0, extra: Sequence[float] = ()) -> Builder:
    """Random inputs of several shapes, with 0 and the ``extra`` points mixed in."""

    def arrays(rng: np.random.Generator) -> list[np.ndarray]:
        special = np.array([0.0, *extra])
        return [
            np.concatenate([rng.normal(0.0, scale, 40), special]),
            rng.normal(0.0, scale, (4, 5)),
            rng.uniform(-scale, scale, (2, 3, 4)),
            np.asarray(rng.normal(0.0, scale)),
        ]

    return one_input("x", arrays, params)


def shaped_x(params: Params = ({},)) -> Builder:
    """Inputs of shapes (), (5,), (2, 3) and (2, 3, 4)."""
    shapes: tuple[tuple[int, ...], ...] = ((), (5,), (2, 3), (2, 3, 4))
    return one_input("x", lambda rng: [rng.normal(0.0, 2.0, s) for s in shapes], params)


def mutation_x(params: Params = ({},)) -> Builder:
    """Inputs with negative, zero and positive entries (what in-place tricks overwrite)."""
    return one_input(
        "x",
        lambda rng: [np.array([-3.0, -0.5, 0.0, 0.5, 3.0]), rng.normal(0.0, 3.0, (3, 4))],
        params,
    )


def extreme_x(params: Params = ({},), values: Sequence[float] = EXTREME_X) -> Builder:
    """Large inputs where naive formulas overflow: |x| up to 1000."""
    return one_input("x", lambda rng: [np.array(values)], params)


def big_x(params: Params = ({},), scale: float = 5.0) -> Builder:
    """One input of 10^6 values (labelled, never printed in full)."""

    def build(rng: np.random.Generator) -> list[Case]:
        values = rng.normal(0.0, scale, BIG)
        return [Case((values,), dict(params[0]), "10^6 values")]

    return build


def fixed(*cases: Case) -> Builder:
    """A builder returning these cases as they are."""
    return lambda rng: list(cases)
