"""Exercise 12: SIREN's initialisation, its bound and a weight matrix drawn with it.

``siren_bound`` is compared with :func:`actlearn.labs.siren.init.weight_bound`. ``siren_weights``
is random, so its check judges the drawn matrix by its statistics (shape, range, spread,
mean), never by exact values. The lambdas are wrong answers learners write, kept only to
recognise them in hints.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from actlearn.grading.checks import Values
from actlearn.grading.compare import Case, failure_of, kind_of
from actlearn.grading.sandbox import Outcome
from actlearn.grading.spec import Check, Exercise, Judgement, Misconception
from actlearn.labs.siren.init import weight_bound


def _bound_case(n_in: int, omega_0: float = 30.0, is_first: bool = False) -> Case:
    return Case((n_in,), {"omega_0": omega_0, "is_first": is_first},
                f"n_in = {n_in}, omega_0 = {omega_0:g}, is_first = {is_first}")


def _hidden_visible(rng: np.random.Generator) -> list[Case]:
    return [_bound_case(256), _bound_case(64, 30.0), _bound_case(6, 1.0)]


def _first_visible(rng: np.random.Generator) -> list[Case]:
    return [_bound_case(1, 30.0, True), _bound_case(2, 30.0, True), _bound_case(3, 10.0, True)]


def _hidden(rng: np.random.Generator) -> list[Case]:
    cases = []
    for _ in range(6):
        n, w = int(rng.integers(1, 2000)), float(rng.choice([1.0, 5.0, 30.0, 60.0]))
        cases += [_bound_case(n, w, False), _bound_case(n, w, True)]
    return cases


@dataclass
class UniformWeights(Check):
    """The drawn matrix has the requested shape and looks like U(−c, c): inside [−c, c],
    reaching close to ±c, with the uniform law's standard deviation c/√3 and mean ≈ 0."""

    title: str = "draws an (n_in, n_out) matrix from U(-c, c)"

    def cases(self, exercise: Exercise) -> Sequence[Case]:
        settings = ((512, 128, 10.0, False), (2, 4096, 30.0, True), (256, 256, 30.0, False))
        return [Case((n, m), {"omega_0": w, "is_first": first, "rng": np.random.default_rng(i)},
                     f"n_in = {n}, n_out = {m}, omega_0 = {w:g}, is_first = {first}")
                for i, (n, m, w, first) in enumerate(settings)]

    def judge(self, exercise: Exercise, cases: Sequence[Case],
              outcomes: Sequence[Outcome]) -> Judgement:
        for case, outcome in zip(cases, outcomes, strict=True):
            problem = failure_of(outcome)
            if problem:
                return f"for {case.describe()} {problem}", ()
            W, (n, m) = outcome.value, case.args
            if not isinstance(W, np.ndarray) or W.shape != (n, m):
                got = kind_of(W) if not isinstance(W, np.ndarray) else f"shape {W.shape}"
                return f"for {case.describe()} returned {got}, expected shape ({n}, {m})", ()
            c = weight_bound(n, case.kwargs["omega_0"], case.kwargs["is_first"])
            problem = _judge_matrix(W, c)
            if problem:
                return f"for {case.describe()} (c = {c:.4g}) {problem[0]}", problem[1:]
        return None, ()


def _judge_matrix(W: np.ndarray, c: float) -> tuple[str, ...] | None:
    """(failure, hint) when W does not look like a U(−c, c) sample, else None."""
    top, spread, mean = float(np.abs(W).max()), float(W.std()), float(W.mean())
    centred = W - mean
    shape = float(np.mean(centred**4) / max(np.mean(centred**2) ** 2, 1e-300))
    if shape > 2.4:  # a uniform law gives 1.8, a normal one 3
        return (f"the values look normally distributed (|W| up to {top / c:.3g} c)",
                "Draw from a uniform law, rng.uniform(-c, c, size=(n_in, n_out)), "
                "not a normal one.")
    if top > c * (1 + 1e-9):
        ratio = top / c
        return (f"some |W| reach {ratio:.3g} c",
                "Draw from U(-c, c) with c = siren_bound(...)" + (
                    "; the values reach omega_0 times too far: is the 1/omega_0 missing?"
                    if ratio > 2.5 else "."))
    if abs(mean) > 0.05 * c:
        return (f"the mean is {mean:.3g}, expected about 0",
                "Centre the draw on 0: U(-c, c), not U(0, c).")
    if top < 0.9 * c or abs(spread - c / math.sqrt(3)) > 0.05 * c / math.sqrt(3):
        return (f"the spread is {spread:.4g}, expected c/sqrt(3) = {c / math.sqrt(3):.4g}",
                "A uniform law on [-c, c] has standard deviation c/sqrt(3) and reaches near "
                "±c: use rng.uniform(-c, c, size=(n_in, n_out)).")
    return None


EXERCISES = (
    Exercise(
        "siren_bound",
        "siren_bound(n_in, omega_0=30.0, is_first=False)",
        "SIREN's uniform half-width: 1/n_in for the first layer, sqrt(6/n_in)/omega_0 after",
        weight_bound,
        (Values(_hidden_visible, title="hidden layers: right values on the visible cases"),
         Values(_first_visible, title="first layer: right values on the visible cases"),
         Values(_hidden, visible=False, title="right values on hidden cases")),
        (Misconception("Two rules: the first layer uses 1/n_in, every later layer "
                       "sqrt(6/n_in)/omega_0.", lambda n_in, omega_0=30.0, is_first=False:
                       math.sqrt(6.0 / n_in)),
         Misconception("Hidden layers divide by omega_0: the sine multiplies its input by "
                       "omega_0, so c = sqrt(6/n_in)/omega_0 keeps omega_0 * x.w of variance 1.",
                       lambda n_in, omega_0=30.0, is_first=False:
                       1.0 / n_in if is_first else math.sqrt(6.0 / n_in)),
         Misconception("Divide by omega_0, do not multiply: omega_0 * W must have the bound "
                       "sqrt(6/n_in).", lambda n_in, omega_0=30.0, is_first=False:
                       1.0 / n_in if is_first else math.sqrt(6.0 / n_in) * omega_0),
         Misconception("The first layer is special: its bound is 1/n_in (its inputs are "
                       "coordinates, and omega_0 = 30 spreads them over several periods).",
                       lambda n_in, omega_0=30.0, is_first=False:
                       math.sqrt(6.0 / n_in) / omega_0),
         Misconception("Only the first layer uses 1/n_in; hidden layers use sqrt(6/n_in)/omega_0.",
                       lambda n_in, omega_0=30.0, is_first=False: 1.0 / n_in),
         Misconception("Take the square root: c = sqrt(6 / n_in) / omega_0 (variance c^2/3 times "
                       "n_in inputs of variance 1/2 gives 1).",
                       lambda n_in, omega_0=30.0, is_first=False:
                       1.0 / n_in if is_first else 6.0 / n_in / omega_0),
         Misconception("The 6 comes from the variances: U(-c, c) has variance c^2/3 and an "
                       "arcsine input has variance 1/2, so n_in * c^2/3 * 1/2 * omega_0^2 = 1.",
                       lambda n_in, omega_0=30.0, is_first=False:
                       1.0 / n_in if is_first else math.sqrt(1.0 / n_in) / omega_0),
         Misconception("The first layer's bound is 1/n_in, not 1/sqrt(n_in) (that is the "
                       "bias's bound).", lambda n_in, omega_0=30.0, is_first=False:
                       1.0 / math.sqrt(n_in) if is_first else math.sqrt(6.0 / n_in) / omega_0)),
        rtol=1e-9,
    ),
    Exercise(
        "siren_weights",
        "siren_weights(n_in, n_out, omega_0=30.0, is_first=False, rng=None)",
        "an (n_in, n_out) matrix drawn from U(-c, c) with c = siren_bound(...), using rng",
        lambda n_in, n_out, omega_0=30.0, is_first=False, rng=None: rng.uniform(
            -weight_bound(n_in, omega_0, is_first), weight_bound(n_in, omega_0, is_first),
            (n_in, n_out)),
        (UniformWeights(),),
    ),
)
