"""Reusable checks: values, shape and dtype, no mutation, stability, vectorisation.

Each check builds its cases from a function of the exercise's seeded generator, so hidden
cases are the same on every run and never appear in a verdict.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from actlearn.grading.compare import Case, failure_of, kind_of, mismatch, show
from actlearn.grading.sandbox import Outcome
from actlearn.grading.spec import Check, Exercise, Judgement, evaluate

CaseBuilder = Callable[[np.random.Generator], Sequence[Case]]

LOOP_HINT = (
    "A Python loop over the elements (for, a list comprehension, np.vectorize, math.* per "
    "element) is far slower than NumPy's whole-array operations: work on the array at once."
)
MUTATION_HINT = (
    "Assignments such as x[x < 0] = 0 or x *= 2 change the caller's array: build a new "
    "array instead (np.maximum, np.where, arithmetic that returns a result)."
)


def wrong_of(wrong: Sequence[str], total: int, hints: Sequence[str] = ()) -> Judgement:
    """The judgement of a check over ``total`` labelled cases: a pass when ``wrong`` is empty,
    else "k of total wrong: <the first> (and k - 1 more)" with the hints."""
    if not wrong:
        return None, ()
    more = f" (and {len(wrong) - 1} more)" if len(wrong) > 1 else ""
    return f"{len(wrong)} of {total} wrong: {wrong[0]}{more}", tuple(hints)


@dataclass
class BuiltCheck(Check):
    """A check whose cases come from a builder, seeded by the exercise's name."""

    build: CaseBuilder

    def cases(self, exercise: Exercise) -> Sequence[Case]:
        return self.build(exercise.rng())


@dataclass
class Values(BuiltCheck):
    """Right values on the cases; visible cases are quoted in the verdict, hidden ones never."""

    visible: bool = True
    title: str = "right values on the visible cases"
    feeds_hints: bool = True

    def judge(
        self, exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome]
    ) -> Judgement:
        wrong = 0
        first = ""
        for case, outcome in zip(cases, outcomes, strict=True):
            problem = failure_of(outcome)
            if problem is None:
                expected = exercise.expected(case)
                problem = mismatch(outcome.value, expected, exercise.rtol, exercise.atol)
                if problem and self.visible and "values wrong" in problem:
                    problem = f"returned {show(outcome.value)}, expected {show(expected)}"
            if problem:
                wrong += 1
                first = first or (f"for {case.describe()} {problem}" if self.visible else problem)
        if not wrong:
            return None, ()
        if self.visible:
            return first, ()
        return f"wrong on {wrong} of {len(cases)} hidden cases (first: {first})", ()


@dataclass
class ShapeDtype(BuiltCheck):
    """The output has the reference's shape and dtype (float64 arrays stay float64 arrays)."""

    gated: ClassVar[bool] = True
    title: str = "keeps the input's shape and float64 dtype"

    def judge(
        self, exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome]
    ) -> Judgement:
        for case, outcome in zip(cases, outcomes, strict=True):
            problem = failure_of(outcome)
            if problem:
                return problem, ()
            got, expected = outcome.value, np.asarray(exercise.expected(case))
            if not isinstance(got, np.ndarray | np.generic | float):
                return f"returned {kind_of(got)}, expected a NumPy array", ()
            shape_in = np.shape(case.args[0])
            if np.shape(got) != expected.shape:
                return f"for an input of shape {shape_in} returned shape {np.shape(got)}", ()
            if np.asarray(got).dtype != expected.dtype:
                return f"returned dtype {np.asarray(got).dtype}, expected {expected.dtype}", ()
        return None, ()


@dataclass
class NoMutation(BuiltCheck):
    """The answer leaves its input arrays as they were."""

    gated: ClassVar[bool] = True
    title: str = "leaves its input unchanged"

    def judge(
        self, exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome]
    ) -> Judgement:
        for outcome in outcomes:
            problem = failure_of(outcome)
            if problem:
                return problem, ()
            if outcome.mutated:
                return "changed its input array in place", (MUTATION_HINT,)
        return None, ()


@dataclass
class Stable(BuiltCheck):
    """At extreme inputs: no warning, no NaN or inf the reference lacks, right values."""

    hint: str = ""
    gated: ClassVar[bool] = True
    title: str = "stable at extreme inputs (no overflow, NaN or warning)"
    feeds_hints: bool = True

    def judge(
        self, exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome]
    ) -> Judgement:
        hints = (self.hint,) if self.hint else ()
        for case, outcome in zip(cases, outcomes, strict=True):
            problem = failure_of(outcome)
            if problem:
                overflow = "overflow" in problem.lower() or "range error" in problem
                return f"for {case.describe()} {problem}", hints if overflow else ()
            if outcome.warnings:
                return f"for {case.describe()} warned {outcome.warnings[0]}", hints
            expected = exercise.expected(case)
            problem = mismatch(outcome.value, expected, exercise.rtol, exercise.atol)
            if problem:
                return f"for {case.describe()} {problem}", hints
        return None, ()


@dataclass
class Vectorised(BuiltCheck):
    """A 10^6-element input is handled within a bounded multiple of the reference's time.

    The bound is ``max(floor, factor * t_ref)`` with ``t_ref`` the best of three reference
    runs measured once per case; both sides are CPU times (the reference's in its thread, the
    answer's in its process), which other processes' load hardly changes; the answer's time
    is its best of two runs. The factor sits between the two kinds of answer: a plain NumPy
    answer may be up to about 7 times slower than the reference's tuned kernels (mish's
    derivative written with tanh, softplus and sigmoid), while a Python loop over 10^6
    elements is 50 to 100 times slower (a list-comprehension sigmoid with ``math.exp``: 70
    times), so 20 leaves each side a margin of about 3.
    """

    factor: float = 20.0
    floor: float = 0.05
    gated: ClassVar[bool] = True
    title: str = "vectorised: handles 10^6 values within the time limit"
    timeout: float = 10.0
    repeats: int = 2

    def bound(self, exercise: Exercise, case: Case) -> float:
        """Seconds the answer may take on ``case`` (measured once per case object)."""
        if "_bound" in case.__dict__:
            return case.__dict__["_bound"]
        times = []
        for _ in range(3):
            start = time.thread_time()
            evaluate(exercise.reference, case)
            times.append(time.thread_time() - start)
        found = max(self.floor, self.factor * min(times))
        object.__setattr__(case, "_bound", found)
        return found

    def judge(
        self, exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome]
    ) -> Judgement:
        returned = [o for o in outcomes if o.returned]
        if not returned:
            problem = failure_of(outcomes[0]) or "gave no result"
            hints = (LOOP_HINT,) if outcomes[0].status == "timeout" else ()
            return f"on 10^6 values {problem}", hints
        problem = failure_of(returned[0])
        if problem:
            return f"on 10^6 values {problem}", ()
        if min(o.elapsed for o in returned) > self.bound(exercise, cases[0]):
            return "too slow on 10^6 values (a vectorised NumPy version is far faster)", (
                LOOP_HINT,
            )
        return None, ()


@dataclass
class ReturnsInt(BuiltCheck):
    """The answer returns a whole number (a Python or NumPy integer, not a float or bool)."""

    gated: ClassVar[bool] = True
    title: str = "returns an int"

    def judge(
        self, exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome]
    ) -> Judgement:
        for outcome in outcomes:
            problem = failure_of(outcome)
            if problem:
                return problem, ()
            value = outcome.value
            if not isinstance(value, int | np.integer) or isinstance(value, bool):
                return f"returned {kind_of(value)}, expected an int", ()
        return None, ()
