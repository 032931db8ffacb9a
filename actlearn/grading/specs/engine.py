"""Exercise 09: the backward rule of a new engine operation, graded with ``gradcheck``.

The operation is Swish with a trainable slope, y = x·σ(βx)
(``actlearn.labs.engine.swish.swish_forward``).
The learner writes ``swish_backward(grad_out, x, beta) -> (grad_x, grad_beta)``. Each returned
pair is plugged into :func:`actlearn.engine.custom_op` as the operation's backward rule and
checked by :func:`actlearn.engine.gradcheck.gradcheck` against central differences of the
forward, so
the verdict quotes gradcheck's own report. The lambdas are wrong answers learners write, kept
only to recognise them in hints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

import actlearn as al
from actlearn.engine import Tensor, custom_op
from actlearn.engine.gradcheck import GradcheckResult, gradcheck
from actlearn.grading.checks import BuiltCheck, NoMutation, Stable, Vectorised
from actlearn.grading.compare import Case, failure_of, kind_of, show
from actlearn.grading.sandbox import Outcome
from actlearn.grading.spec import Exercise, Judgement, Misconception
from actlearn.labs.engine.swish import swish_forward

_SIGMOID = al.activation("sigmoid")

CHAIN = ("Multiply by grad_out: back-propagation passes grad_x = grad_out * dy/dx (chain "
         "rule), not the bare derivative.")
PRODUCT = ("y = x * s with s = sigmoid(beta x) is a product: dy/dx = s + x * ds/dx, and "
           "ds/dx = beta * s * (1 - s) (the chain rule through beta x).")
INNER_BETA = ("Inside sigma the argument is beta * x, so its derivative brings a factor beta: "
              "dy/dx = s + beta * x * s * (1 - s).")
SUM_BETA = ("beta is one number shared by every element, so its gradient is one number: sum "
            "grad_out * x**2 * s * (1 - s) over all elements.")
BETA_FACTOR = ("d(beta x)/d(beta) = x, and the outer x stays: dy/d(beta) = x * x * s * (1 - s).")
STABLE = ("exp(-beta x) overflows for large negative beta * x: compute s with a stable sigmoid, "
          "e.g. sigmoid = actlearn.activation('sigmoid').")
SHAPES = "Return a tuple (grad_x, grad_beta): grad_x shaped like x, grad_beta a single number."


def reference(grad_out: np.ndarray, x: np.ndarray, beta: float) -> tuple[np.ndarray, float]:
    """grad_x = g (s + βx s(1−s)), grad_β = Σ g x² s(1−s), s = σ(βx)."""
    s = _SIGMOID(beta * x)
    ds = s * (1 - s)
    return grad_out * (s + beta * x * ds), float(np.sum(grad_out * x * x * ds))


def _case(grad_out: np.ndarray, x: np.ndarray, beta: float, visible: bool = True) -> Case:
    text = f"grad_out = {show(grad_out)}, x = {show(x)}, beta = {show(beta)}" if visible else ""
    return Case((np.asarray(grad_out, float), np.asarray(x, float), float(beta)), {}, text)


def visible_cases(rng: np.random.Generator) -> list[Case]:
    return [_case(np.ones(3), np.array([-1.0, 0.5, 2.0]), 1.0),
            _case(np.array([0.5, -2.0, 1.0, 3.0]), np.array([-3.0, -0.2, 0.0, 1.5]), 2.5)]


def hidden_cases(rng: np.random.Generator) -> list[Case]:
    shapes = ((6,), (3, 4), (2, 2, 3))
    return [_case(rng.normal(size=s), rng.normal(0, 2, s), float(rng.uniform(-2, 3)), False)
            for s in shapes]


def extreme_cases(rng: np.random.Generator) -> list[Case]:
    return [_case(np.ones(4), np.array([-1000.0, -40.0, 40.0, 1000.0]), 1.0),
            _case(np.ones(2), np.array([-800.0, 800.0]), 2.0)]


def big_case(rng: np.random.Generator) -> list[Case]:
    return [Case((rng.normal(size=10**6), rng.normal(0, 2, 10**6), 1.5), {}, "10^6 values")]


def _shape_problem(value: object, x: np.ndarray) -> str | None:
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return f"returned {kind_of(value)}, expected a tuple (grad_x, grad_beta)"
    grad_x, grad_beta = value
    if np.shape(grad_x) != x.shape:
        return f"grad_x has shape {np.shape(grad_x)}, expected {x.shape} (the shape of x)"
    if np.shape(grad_beta) != ():
        return f"grad_beta has shape {np.shape(grad_beta)}, expected a single number"
    return None


def gradcheck_answer(case: Case, returned: tuple) -> GradcheckResult:
    """gradcheck of L = Σ grad_out ⊙ swish(x, β) with ``returned`` as the backward rule
    (tensor 0 is x, tensor 1 is β)."""
    grad_out, x, beta = case.args
    op = custom_op(swish_forward, lambda g, x_, b_: returned, "swish")
    xt, bt = Tensor(x, requires_grad=True), Tensor(beta, requires_grad=True)
    with np.errstate(all="ignore"):
        return gradcheck(lambda a, b: (op(a, b) * grad_out).sum(), xt, bt)


def _report(result: GradcheckResult, visible: bool) -> str:
    tensor, element = result.where if result.where else (0, ())
    name = ("grad_x" + (str(list(element)) if element else "")) if tensor == 0 else "grad_beta"
    text = f"gradcheck FAILED: worst relative error {result.max_rel_error:.3g} in {name}"
    if visible:
        text += f" (yours {result.analytic:.6g}, finite differences {result.numeric:.6g})"
    return text


@dataclass
class Gradcheck(BuiltCheck):
    """The returned gradients pass ``gradcheck`` on every case (hidden cases are not quoted)."""

    visible: bool = True
    title: str = "passes gradcheck on the visible cases"
    feeds_hints: bool = True

    def judge(self, exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome]
              ) -> Judgement:
        failed, first, hints = 0, "", ()
        for case, outcome in zip(cases, outcomes, strict=True):
            problem = failure_of(outcome)
            if problem is None:
                problem = _shape_problem(outcome.value, case.args[1])
                hints = (SHAPES,) if problem else hints
            if problem is None:
                result = gradcheck_answer(case, tuple(outcome.value))
                problem = None if result else _report(result, self.visible)
            if problem:
                failed += 1
                where = f"for {case.describe()} " if self.visible else ""
                first = first or where + problem
        if not failed:
            return None, ()
        if self.visible:
            return first, hints
        return f"failed on {failed} of {len(cases)} hidden cases (first: {first})", hints


@dataclass
class StableValues(Stable):
    """:class:`~actlearn.grading.checks.Stable`, with its hint only for warnings and overflow
    (a wrong shape at extreme inputs is a shape problem, named by the other checks)."""

    def judge(self, exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome]
              ) -> Judgement:
        detail, hints = super().judge(exercise, cases, outcomes)
        if detail and "warned" not in detail and "overflow" not in detail.lower():
            hints = ()
        return detail, hints


def _s(x: np.ndarray, beta: float) -> np.ndarray:
    return _SIGMOID(beta * x)


def _naive_s(x: np.ndarray, beta: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-beta * x))


EXERCISES = (
    Exercise(
        "swish_backward",
        "swish_backward(grad_out, x, beta) -> (grad_x, grad_beta)",
        "backward rule of y = x * sigmoid(beta * x) in x and in beta, graded with gradcheck",
        reference,
        (Gradcheck(visible_cases),
         Gradcheck(hidden_cases, visible=False, title="passes gradcheck on hidden cases"),
         StableValues(extreme_cases, hint=STABLE),
         NoMutation(visible_cases),
         Vectorised(big_case)),
        (Misconception(CHAIN, lambda g, x, b: reference(np.ones_like(x), x, b)),
         Misconception(PRODUCT, lambda g, x, b: (g * _s(x, b), reference(g, x, b)[1])),
         Misconception(INNER_BETA, lambda g, x, b: (
             g * (_s(x, b) + x * _s(x, b) * (1 - _s(x, b))), reference(g, x, b)[1])),
         Misconception(SUM_BETA, lambda g, x, b: (
             reference(g, x, b)[0], g * x * x * _s(x, b) * (1 - _s(x, b)))),
         Misconception(BETA_FACTOR, lambda g, x, b: (
             reference(g, x, b)[0], float(np.sum(g * x * _s(x, b) * (1 - _s(x, b)))))),
         Misconception(STABLE, lambda g, x, b: (
             g * (_naive_s(x, b) + b * x * _naive_s(x, b) * (1 - _naive_s(x, b))),
             float(np.sum(g * x * x * _naive_s(x, b) * (1 - _naive_s(x, b))))))),
    ),
)
