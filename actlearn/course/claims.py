"""Claims that check themselves: a lesson's sentence tied to the value it describes.

A lesson that says "the SIREN's training loss stays below 10⁻³" puts, in the cell after the
sentence, ``claim("train loss < 1e-3 at ω₀ = 30", fit.train_loss < 1e-3)``. The cell prints
``✓ train loss < 1e-3 at ω₀ = 30``, which nbval compares with the stored output. When a
re-execution (new code, another BLAS library, another CPU) makes the sentence false, the cell
raises :class:`ClaimError` instead, and the lesson fails instead of lying.

The printed line holds the statement, never the measured value, so it reads the same on every
machine; the value's digits belong in a figure or at a precision that every machine reproduces.

A sentence about wall-clock time is the exception: no machine owes it to us, so
:func:`on_this_machine` reports whether it holds where the lesson runs and never raises.

>>> claim("2 + 2 = 4", 2 + 2 == 4)
✓ 2 + 2 = 4
>>> claim("pi < 3", 3.14159 < 3)
Traceback (most recent call last):
...
actlearn.course.claims.ClaimError: ✗ pi < 3 does not hold
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np


class ClaimError(AssertionError):
    """A lesson's statement that its own computation contradicts."""


def _check_arguments(caller: str, statement: object, holds: object) -> None:
    """A TypeError naming ``caller`` unless ``statement`` is a non-empty str and ``holds`` a
    bool (NumPy's included)."""
    if not isinstance(statement, str) or not statement:
        raise TypeError(f"{caller}: statement must be a non-empty string, got {statement!r}")
    if not isinstance(holds, bool | np.bool_):
        raise TypeError(
            f"{caller}: {statement!r} needs a True/False condition, got {type(holds).__name__}"
        )


def claim(statement: str, holds: bool | np.bool_, detail: str = "") -> None:
    """Print ``✓ statement`` if ``holds``, else raise :class:`ClaimError` naming it.

    ``detail`` (e.g. the measured values) appears only in the error, never in the printed
    line, so what nbval compares does not depend on the machine.
    """
    _check_arguments("claim", statement, holds)
    if not holds:
        raise ClaimError(f"✗ {statement} does not hold" + (f" ({detail})" if detail else ""))
    print(f"✓ {statement}")


def claim_between(statement: str, value: float, low: float, high: float) -> None:
    """Claim ``low <= value <= high``; the value is named in the error only.

    >>> claim_between("σ'(0) is about 0.25", 0.25, 0.24, 0.26)
    ✓ σ'(0) is about 0.25
    """
    value = float(value)
    claim(statement, bool(low <= value <= high), f"measured {value:.6g}, range [{low}, {high}]")


def claim_order(statement: str, values: Mapping[str, float], names: Sequence[str]) -> None:
    """Claim that ``values[names[0]] < values[names[1]] < ...`` (strictly increasing).

    >>> claim_order("relu is cheaper than gelu", {"gelu": 3.0, "relu": 1.0}, ["relu", "gelu"])
    ✓ relu is cheaper than gelu
    """
    missing = [n for n in names if n not in values]
    if missing:
        raise KeyError(f"claim_order: {statement!r} names {missing}, not among {sorted(values)}")
    seq = [float(values[n]) for n in names]
    holds = all(a < b for a, b in zip(seq, seq[1:], strict=False))
    shown = ", ".join(f"{n} = {v:.6g}" for n, v in zip(names, seq, strict=True))
    claim(statement, holds, f"measured {shown}")


def on_this_machine(statement: str, holds: bool | np.bool_, detail: str = "") -> None:
    """Report whether a statement about *time* holds on this machine: ``✓ statement (on this
    machine)``, or ``✗`` with ``detail`` and why it may not hold; never raises.

    A timing depends on the CPU, the NumPy build and whatever else the machine is doing, so a
    lesson's sentence about one ("GELU costs more than ReLU") is measured where the learner
    runs it and reported, not asserted: no check of the course rests on a wall-clock time.
    Its cell carries ``# NBVAL_IGNORE_OUTPUT``
    (:func:`actlearn.course.validate.timing_problems` holds every notebook to both).

    >>> on_this_machine("sorting 10 numbers takes time", True)
    ✓ sorting 10 numbers takes time (on this machine)
    >>> on_this_machine("a nap takes no time", False, "measured 8 h")  # doctest: +ELLIPSIS
    ✗ a nap takes no time: not on this machine (measured 8 h). Timings vary with the CPU, ...
    """
    _check_arguments("on_this_machine", statement, holds)
    if holds:
        print(f"✓ {statement} (on this machine)")
    else:
        print(f"✗ {statement}: not on this machine" + (f" ({detail})" if detail else "")
              + ". Timings vary with the CPU, the NumPy build and the load; run the timing "
              "cell again to see how much.")


def order_of_magnitude(value: float) -> str:
    """``value`` as a power of ten, ``10^k`` with k = round(log10 |value|), for a table that
    must read the same whatever the last bits of a training run (0 stays ``0``).

    >>> order_of_magnitude(0.00575), order_of_magnitude(2e-11), order_of_magnitude(0.0)
    ('1e-02', '1e-11', '0')
    """
    value = float(value)
    if value == 0:
        return "0"
    if not math.isfinite(value):
        return str(value)
    return f"1e{round(math.log10(abs(value))):+03d}".replace("+", "")


def fixed(value: float, digits: int, signed: bool = False) -> str:
    """``value`` to ``digits`` decimals as ``f"{value:.{digits}f}"`` prints it (with a sign
    when ``signed``), except that a value that rounds to zero prints as zero without a minus.

    A quantity that is 0 in exact arithmetic, such as the mean of tanh(z) for a symmetric z,
    comes out of a quadrature or a sum as ±1e-17, its sign set by the order of the additions
    (which differs between BLAS and LAPACK libraries and CPUs): ``-0.000`` on one machine,
    ``+0.000`` on another.

    >>> fixed(-3e-18, 3, signed=True), fixed(-0.0004, 3), fixed(-0.25, 2), fixed(0.5, 1, True)
    ('+0.000', '0.000', '-0.25', '+0.5')
    """
    rounded = round(float(value), digits) + 0.0  # (-0.0 + 0.0 is +0.0)
    return f"{rounded:{'+' if signed else ''}.{digits}f}"


def side_of(value: float, limit: float) -> str:
    """``"< limit"`` or ``">= limit"``: which side of a threshold a measured value falls on,
    for a table whose digits would differ between machines.

    >>> side_of(6e-4, 1e-3), side_of(0.4, 0.1)
    ('< 0.001', '>= 0.1')
    """
    return f"< {limit:g}" if float(value) < limit else f">= {limit:g}"
