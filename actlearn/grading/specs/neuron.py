"""Exercises on the threshold neuron: step, and gate_weights (choose w and b so a step computes
a gate).

Many weights are right, so the checks never compare w and b with a reference: they compute
the truth table of step(x · w + b) from the answer's weights and compare it with the gate's
(the reference, read from :data:`actlearn.labs.neuron.GATES`). Hints are chosen from the gate the
answer's weights compute instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from actlearn.grading.compare import Case, failure_of, kind_of
from actlearn.grading.pointwise import pointwise, registry_reference
from actlearn.grading.sandbox import Outcome
from actlearn.grading.spec import Check, Exercise, Judgement, Misconception
from actlearn.labs import neuron

GATE_NAMES = ("and", "or", "not", "nand", "nor")

ZERO_INPUT = ("With every input off, z = w · x + b is just b: the bias alone decides the output "
              "for (0, 0), so b < 0 keeps it silent and b >= 0 makes it fire.")
NEGATE = ("{wanted} is NOT {base}: negate the weights and the bias of your {base} neuron "
          "(keep the patterns off the line, so the flip is exact).")
HINTS = {
    ("and", "or"): "AND must stay silent when only one input is on: lower the bias below -w1 "
                   "and below -w2, while keeping w1 + w2 + b >= 0 so (1, 1) still fires.",
    ("or", "and"): "OR must fire when a single input is on: raise the bias to at least -w1 and "
                   "-w2, while keeping b < 0 so (0, 0) stays silent.",
    ("nand", "and"): NEGATE.format(wanted="NAND", base="AND"),
    ("nor", "or"): NEGATE.format(wanted="NOR", base="OR"),
    ("nand", "nor"): "NAND is silent only when both inputs are on: raise the bias so that one "
                     "input alone keeps z >= 0.",
    ("nor", "nand"): "NOR must be silent as soon as one input is on: lower the bias so that "
                     "one input alone brings z below 0.",
}
NOT_HINT = ("NOT fires for input 0 and is silent for 1: a negative weight and a bias between "
            "0 and -w, for example w = [-1], b = 0.5.")
ON_THE_LINE = ("A pattern sitting exactly on the line w · x + b = 0 gets the step's value at "
               "its jump (1 here, 0 in some libraries): move the bias by a half so every "
               "pattern lies clearly on one side, e.g. AND with w = [1, 1], b = -1.5.")


def _pattern(row: np.ndarray) -> str:
    return "(" + ", ".join(f"{v:.0f}" for v in row) + ")"


def _table(outputs: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:.0f}" for v in outputs) + "]"


def weights_of(value: object, n_inputs: int) -> tuple[np.ndarray, float] | str:
    """The answer's (w, b) as (float vector of length n_inputs, float), or why it is not one."""
    if not isinstance(value, tuple | list) or len(value) != 2:
        return f"returned {kind_of(value)}, expected a pair (w, b)"
    try:
        w = np.atleast_1d(np.asarray(value[0], dtype=np.float64))
        b = np.asarray(value[1], dtype=np.float64)
    except (TypeError, ValueError):
        return "returned (w, b) that are not numbers"
    if w.shape != (n_inputs,):
        plural = "s" if n_inputs > 1 else ""
        return (f"returned w of shape {w.shape}: a {n_inputs}-input gate needs {n_inputs} "
                f"weight{plural}")
    if b.size != 1:
        return f"returned b of shape {b.shape}: the bias is one number"
    if not (np.isfinite(w).all() and np.isfinite(b).all()):
        return "returned weights or a bias that are not finite"
    return w, float(b.reshape(()))


def _gate_cases(gates: Sequence[str]) -> list[Case]:
    return [Case((gate,), {}, f"gate = {gate!r}") for gate in gates]


def _parsed(case: Case, outcome: Outcome) -> tuple[str, np.ndarray, float] | str:
    gate = case.args[0]
    problem = failure_of(outcome)
    if problem:
        return f"for {case.describe()} {problem}"
    found = weights_of(outcome.value, neuron.GATES[gate][0])
    if isinstance(found, str):
        return f"for {case.describe()} {found}"
    return gate, *found


@dataclass
class GateCheck(Check):
    """A check run once per gate in ``gates``: each answer is parsed into (w, b) first, and a
    malformed one fails the check; ``judge_gate`` then looks at one well-formed answer."""

    gates: tuple[str, ...] = GATE_NAMES

    def cases(self, exercise: Exercise) -> Sequence[Case]:
        return _gate_cases(self.gates)

    def judge(self, exercise: Exercise, cases: Sequence[Case],
              outcomes: Sequence[Outcome]) -> Judgement:
        for case, outcome in zip(cases, outcomes, strict=True):
            found = _parsed(case, outcome)
            if isinstance(found, str):
                return found, ()
            verdict = self.judge_gate(exercise, case, *found)
            if verdict is not None:
                return verdict
        return None, ()

    def judge_gate(self, exercise: Exercise, case: Case, gate: str, w: np.ndarray,
                   b: float) -> Judgement | None:
        """None when this gate's (w, b) passes, else (detail, hints)."""
        return None


@dataclass
class ReturnsWeights(GateCheck):
    """Every gate gets a pair (w, b): one finite weight per input and one finite bias."""

    gated: ClassVar[bool] = True
    title: str = "returns (w, b) with one weight per input"


def _hint(wanted: str, got: str | None, outputs: np.ndarray, targets: np.ndarray) -> str:
    if wanted == "not":
        return NOT_HINT
    if (wanted, got) in HINTS:
        return HINTS[(wanted, got)]
    if outputs[0] != targets[0]:
        return ZERO_INPUT
    return ""


@dataclass
class GateTable(GateCheck):
    """step(x · w + b) over every 0/1 input pattern equals the gate's truth table."""

    gates: tuple[str, ...] = ("and", "or", "not")
    title: str = "computes AND, OR and NOT"

    def judge_gate(self, exercise: Exercise, case: Case, gate: str, w: np.ndarray,
                   b: float) -> Judgement | None:
        inputs, outputs = neuron.truth_table(w, b)
        targets = np.asarray(exercise.expected(case), dtype=np.float64)
        if np.array_equal(outputs, targets):
            return None
        got = neuron.gate_of(w, b)
        what = f" (that is {got.upper()})" if got else ""
        detail = (f"for {case.describe()} the neuron outputs {_table(outputs)}{what} on "
                  f"{', '.join(map(_pattern, inputs))}; expected {_table(targets)}")
        hint = _hint(gate, got, outputs, targets)
        return detail, (hint,) if hint else ()


@dataclass
class OffTheLine(GateCheck):
    """No input pattern lies exactly on the decision line, so no convention decides a case."""

    gated: ClassVar[bool] = True
    title: str = "no input pattern lies on the decision line"

    def judge_gate(self, exercise: Exercise, case: Case, gate: str, w: np.ndarray,
                   b: float) -> Judgement | None:
        if neuron.margin(w, b) != 0.0:
            return None
        inputs = neuron.binary_inputs(w.size)
        on_line = inputs[neuron.weighted_sum(inputs, w, b) == 0.0]
        detail = (f"for {case.describe()} the pattern {_pattern(on_line[0])} gives "
                  f"w · x + b = 0 exactly")
        return detail, (ON_THE_LINE,)


def gate_reference(gate: str) -> np.ndarray:
    """The gate's truth table over the 0/1 patterns in counting order: what answers must give."""
    return neuron.gate_targets(gate)[1]


def _at_threshold(case: Case) -> np.ndarray:
    return np.asarray(case.args[0]) == case.kwargs.get("threshold", 0.0)


EXERCISES = (
    pointwise(
        "step",
        "step(x, threshold=0.0)",
        "1.0 where x >= threshold, else 0.0 (float64)",
        registry_reference("step"),
        params=({}, {"threshold": 1.0}),
        extra_points=(1.0,),
        misconceptions=(
            Misconception(
                "At x = threshold exactly the step is 1 in this course (x >= threshold).",
                at_kink=_at_threshold,
            ),
            Misconception(
                "Compare with the threshold argument, not with 0.",
                lambda x, threshold=0.0: (x >= 0).astype(np.float64),
            ),
            Misconception(
                "The step is 1 above the threshold and 0 below it, not the other way.",
                lambda x, threshold=0.0: (x < threshold).astype(np.float64),
            ),
        ),
    ),
    Exercise(
        "gate_weights",
        "gate_weights(gate) -> (w, b)",
        "weights and bias making step(x · w + b) compute 'and', 'or', 'not', 'nand' or 'nor'",
        gate_reference,
        (
            ReturnsWeights(),
            GateTable(),
            GateTable(("nand", "nor"), title="computes NAND and NOR"),
            OffTheLine(),
        ),
    ),
)
