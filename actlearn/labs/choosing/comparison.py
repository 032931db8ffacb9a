"""A side-by-side table of activations, every entry computed from the registry.

Rows come from ``f.properties`` (range, monotonic, zero-centred, smoothness, saturation,
f'(0)) and the mean output on a unit Gaussian, E[f(z)] for z ~ N(0, 1), which is what
*zero-centred* is defined by (|E[f(z)]| < 0.1); optionally joined with measured costs
(:mod:`actlearn.labs.choosing.cost`).
:func:`format_table` prints fixed-width text, so a notebook shows the same characters on every run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import actlearn as al
from actlearn.activations.bound import ActivationFunction
from actlearn.activations.params import REQUIRED_PARAMS
from actlearn.activations.properties import OutputRange, gaussian_mean

COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "activation"),
    ("output_range", "range"),
    ("monotonic", "monotonic"),
    ("gaussian_mean", "E[f(z)]"),
    ("zero_centred", "zero-centred"),
    ("smoothness", "smooth"),
    ("saturates", "saturates"),
    ("df0", "f'(0)"),
)


def pointwise_functions() -> list[ActivationFunction]:
    """Every pointwise activation of the registry, bound with defaults (threshold: T = 10)."""
    return [al.activation(name, **REQUIRED_PARAMS.get(name, {}))
            for name in al.list_activations(kind="pointwise")]


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3g}" if math.isfinite(value) else str(value)
    return "" if value is None else str(value)


def property_rows(functions: Iterable[ActivationFunction | str] | None = None,
                  costs: Mapping[str, float] | None = None) -> list[dict[str, Any]]:
    """One dict per activation: ``name``, ``f.properties.as_row()``, ``gaussian_mean`` (E[f(z)]
    for z ~ N(0, 1), rounded to 3 decimals: the quantity *zero-centred* is defined by), and
    ``cost`` if given.

    ``costs`` maps a name to its measured cost relative to ReLU; a row without a cost gets
    ``None``.

    >>> row = property_rows(["tanh"])[0]
    >>> row["output_range"], row["zero_centred"], row["saturates"]
    ('(-1, 1)', True, 'both')
    >>> [(r["gaussian_mean"], r["zero_centred"]) for r in property_rows(["relu", "leaky_relu"])]
    [(0.399, False), (0.395, False)]
    """
    fns = pointwise_functions() if functions is None else [
        al.activation(f) if isinstance(f, str) else f for f in functions]
    rows = []
    for fn in fns:
        row: dict[str, Any] = {"name": fn.name, **fn.properties.as_row(),
                               "gaussian_mean": round(gaussian_mean(fn), 3) + 0.0}
        if costs is not None:
            row["cost"] = costs.get(fn.name)
        rows.append(row)
    return rows


def format_table(rows: Sequence[Mapping[str, Any]],
                 columns: Sequence[tuple[str, str]] = COLUMNS) -> str:
    """Rows as a fixed-width text table with the given (key, header) columns.

    >>> columns = [("name", "activation"), ("df0", "f'(0)")]
    >>> print(format_table([{"name": "relu", "df0": 0.0}], columns))
    activation  f'(0)
    ----------  -----
    relu        0
    """
    cells = [[header for _, header in columns]]
    cells += [[_text(row.get(key)) for key, _ in columns] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
             for line in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def range_within(output_range: OutputRange, low: float, high: float) -> bool:
    """Whether every output lies in [low, high] (the range's ends may be limits).

    >>> range_within(al.activation("sigmoid").properties.output_range, 0.0, 1.0)
    True
    """
    return low <= output_range.low and output_range.high <= high


def covers(output_range: OutputRange, low: float, high: float) -> bool:
    """Whether the activation can produce (or approach) every value in the open (low, high)."""
    return output_range.low <= low and high <= output_range.high


def fitting(low: float, high: float, exact: bool = False,
            functions: Iterable[ActivationFunction] | None = None) -> list[str]:
    """Names of pointwise activations whose outputs stay in [low, high]; with ``exact``, those
    whose range also spans all of it (what a target in that interval needs).

    >>> fitting(0.0, 1.0, exact=True)
    ['hardsigmoid', 'sigmoid', 'step']
    """
    fns = pointwise_functions() if functions is None else list(functions)
    names = []
    for fn in fns:
        rng = fn.properties.output_range
        if range_within(rng, low, high) and (not exact or covers(rng, low, high)):
            names.append(fn.name)
    return names
