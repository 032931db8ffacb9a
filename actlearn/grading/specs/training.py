"""Exercises of lesson 14: batchnorm_forward (training mode), mish_derivative, log_sigmoid,
bce_with_logits (stable at ±1000), and diagnose (name what is wrong with a recorded run).

The lambdas are wrong answers learners write, kept only to recognise them in hints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

import actlearn as al
from actlearn.grading.checks import (
    NoMutation,
    ShapeDtype,
    Stable,
    Values,
    Vectorised,
    wrong_of,
)
from actlearn.grading.compare import Case, failure_of, kind_of, show
from actlearn.grading.pointwise import STABLE_EXP, pointwise, registry_reference
from actlearn.grading.sandbox import Outcome
from actlearn.grading.spec import Check, Exercise, Judgement, Misconception
from actlearn.labs.training.diagnosis import FIXES, PROBLEMS, SYMPTOMS, broken_run
from actlearn.nn.norm import standardise

ONE_PASS = ("E[x²] − E[x]² loses every digit when the mean is large against the spread (a "
            "column at 10^8 ± 1): take the mean of the centred squares, mean((x − μ)²).")
LOG_OF_SIGMOID = ("log(σ(x)) breaks for large |x|: σ(−1000) underflows to 0 and log 0 = −inf, "
                  "and e^(−x) overflows on the way. Use log σ(x) = −softplus(−x) = "
                  "−np.logaddexp(0, −x).")


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _bn(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    return standardise(x, (0,), eps)[0] * gamma + beta


def _bn_case(x: np.ndarray, rng: np.random.Generator, label: str = "") -> Case:
    c = x.shape[1]
    gamma, beta = rng.uniform(0.5, 2.0, c), rng.normal(0.0, 1.0, c)
    text = label or f"x = {show(x)}, gamma = {show(gamma)}, beta = {show(beta)}"
    return Case((x, gamma, beta), {}, text)


def _bn_visible(rng: np.random.Generator) -> list[Case]:
    x = np.array([[1.0, 10.0, 0.50], [3.0, 30.0, 0.51], [5.0, 20.0, 0.52], [7.0, 0.0, 0.49]])
    return [Case((x, np.array([1.0, 2.0, 0.5]), np.array([0.0, -1.0, 3.0])), {},
                 f"x = {show(x)}, gamma = [1., 2., 0.5], beta = [0., -1., 3.]")]


def _bn_hidden(rng: np.random.Generator) -> list[Case]:
    return [_bn_case(rng.normal(rng.normal(0, 3, c), rng.uniform(0.01, 5, c), (n, c)), rng,
                     "hidden") for n, c in ((8, 3), (32, 10), (2, 5), (64, 1))]


def _bn_extreme(rng: np.random.Generator) -> list[Case]:
    x = np.stack([np.full(6, 4.0), 1e8 + rng.normal(0, 1, 6), rng.normal(0, 1e-3, 6)], axis=1)
    return [_bn_case(x, rng, "x with a constant column, a column at 10^8 ± 1 and one at ±10^-3")]


def _logits_case(z: np.ndarray, y: np.ndarray, label: str = "") -> Case:
    return Case((z, y), {}, label or f"logits = {show(z)}, targets = {show(y)}")


def _bce_visible(rng: np.random.Generator) -> list[Case]:
    return [_logits_case(np.array([2.0, -1.0, 0.0, 3.0]), np.array([1.0, 0.0, 1.0, 0.0]))]


def _bce_hidden(rng: np.random.Generator) -> list[Case]:
    return [_logits_case(rng.normal(0, 3, s), rng.integers(0, 2, s).astype(float), "hidden")
            for s in ((7,), (4, 5), (1,))] + [
        _logits_case(rng.normal(0, 3, 6), rng.uniform(0, 1, 6), "hidden (soft targets)")]


def _bce_extreme(rng: np.random.Generator) -> list[Case]:
    return [_logits_case(np.array([1000.0, -1000.0, 1000.0, -1000.0, 0.0]),
                         np.array([1.0, 0.0, 0.0, 1.0, 1.0]))]


def _bce(z: np.ndarray, y: np.ndarray) -> float:
    log_sigmoid = al.activation("log_sigmoid")
    return float(-np.mean(y * log_sigmoid(z) + (1.0 - y) * log_sigmoid(-z)))


def _naive_bce(z: np.ndarray, y: np.ndarray) -> float:
    p = _sigmoid(z)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def _big(pairs: bool):
    def build(rng: np.random.Generator) -> list[Case]:
        if pairs:
            return [Case((rng.normal(0, 3, 10**6), rng.integers(0, 2, 10**6).astype(float)),
                         {}, "10^6 logits")]
        x = rng.normal(0, 3, (10**5, 10))
        return [Case((x, np.ones(10), np.zeros(10)), {}, "10^6 values")]
    return build


# ---- diagnose ----------------------------------------------------------------------------

HINTS = {
    "overconfident initial softmax": "the loss at step 0 is far above log C = "
    "run.expected_initial_loss: the first softmax is confidently wrong",
    "dead units": "a layer's dead fraction (layer.dead) reaches 1: its units are off for every "
    "input and get no gradient (an update ratio of −inf means no update, not a small one)",
    "saturation": "most tanh outputs sit beyond ±0.97 (layer.saturated): their slope is near 0",
    "learning rate too high": "the update ratios sit near −1.5: each step changes W by ~3 %",
    "learning rate too low": "the update ratios sit near −5: each step changes W by 0.001 %",
    "healthy": "nothing is off: initial loss ≈ log C, few saturated or dead units, update ratios "
    "between −3 and −2",
}


@dataclass
class Diagnoses(Check):
    """Each recorded run (problem, variant, seed) gets its problem and an accepted fix."""

    runs: Sequence[tuple[str, int, int]]
    title: str = ""

    def cases(self, exercise: Exercise) -> Sequence[Case]:
        return [Case((broken_run(*key),), {}, f"{key[0]!r} run") for key in self.runs]

    def judge(self, exercise: Exercise, cases: Sequence[Case],
              outcomes: Sequence[Outcome]) -> Judgement:
        wrong: list[str] = []
        hints: list[str] = []
        for (problem, _, _), outcome in zip(self.runs, outcomes, strict=True):
            value = outcome.value
            found = failure_of(outcome)
            if found is None and (not isinstance(value, tuple) or len(value) != 2):
                found = f"returned {kind_of(value)}, expected a tuple (problem, fix)"
            elif found is None and value[0] not in PROBLEMS:
                found = f"named {value[0]!r}, not one of PROBLEMS"
            elif found is None and value[0] != problem:
                found = f"named {value[0]!r}"
                hints.append(f"the {problem!r} run: {HINTS[problem]}.")
            elif found is None and value[1] not in SYMPTOMS[problem].fixes:
                found = (f"named the problem but chose the fix {value[1]!r}" if value[1] in FIXES
                         else f"chose {value[1]!r}, not one of FIXES")
            if found:
                wrong.append(f"for a run with {problem!r} {found}")
        return wrong_of(wrong, len(self.runs), hints)


def _diagnosis_reference(run: object) -> tuple[str, str]:
    raise RuntimeError("diagnose is graded against the recorded labels")  # never called


VISIBLE_RUNS = tuple((problem, 0, 0) for problem in PROBLEMS)
HIDDEN_RUNS = tuple((problem, variant, 1) for problem in PROBLEMS
                    for variant in range(len(SYMPTOMS[problem].configs)))

EXERCISES = (
    Exercise(
        "batchnorm_forward", "batchnorm_forward(x, gamma, beta, eps=1e-5)",
        "training-mode batch norm of x (N, C): gamma * (x - mean) / sqrt(var + eps) + beta, "
        "biased variance over the batch", _bn,
        (Values(_bn_visible), Values(_bn_hidden, visible=False,
                                     title="right values on hidden cases"),
         ShapeDtype(_bn_hidden), NoMutation(_bn_hidden), Stable(_bn_extreme, hint=ONE_PASS),
         Vectorised(_big(pairs=False))),
        (
            Misconception("Training mode divides by the biased variance, mean((x − μ)²) (ddof=0, "
                          "as PyTorch's forward); ddof=1 is only for the running estimate.",
                          lambda x, g, b, eps=1e-5: g * (x - x.mean(0)) / np.sqrt(
                              x.var(0, ddof=1) + eps) + b),
            Misconception("Batch norm standardises each feature (column) over the batch: "
                          "reduce with axis=0. axis=1 standardises each sample (layer norm).",
                          lambda x, g, b, eps=1e-5: g * standardise(x, (1,), eps)[0] + b),
            Misconception("Reduce with axis=0: one mean and variance per feature, not one for "
                          "the whole batch.",
                          lambda x, g, b, eps=1e-5: g * standardise(x, (0, 1), eps)[0] + b),
            Misconception("ε goes inside the square root: (x − μ) / sqrt(var + eps).",
                          lambda x, g, b, eps=1e-5: g * (x - x.mean(0)) / (x.std(0) + eps) + b),
            Misconception("Scale by gamma and shift by beta after standardising.",
                          lambda x, g, b, eps=1e-5: standardise(x, (0,), eps)[0]),
            Misconception(ONE_PASS, lambda x, g, b, eps=1e-5: g * (x - x.mean(0)) / np.sqrt(
                (x * x).mean(0) - x.mean(0) ** 2 + eps) + b),
        ),
    ),
    pointwise(
        "mish_derivative", "mish_derivative(x)",
        "d/dx x tanh(softplus(x)) = tanh(s) + x sech²(s) σ(x), s = softplus(x); stable",
        registry_reference("mish", derivative=True), stable_hint=STABLE_EXP,
        misconceptions=(
            Misconception("Product rule: d(x·t)/dx = t + x·t′; the term tanh(softplus(x)) "
                          "alone is missing x·t′.", lambda x: np.tanh(np.logaddexp(0, x))),
            Misconception("Product rule: d(x·t)/dx = t + x·t′; the first term t = "
                          "tanh(softplus(x)) is missing.", lambda x: x * (
                              1 - np.tanh(np.logaddexp(0, x)) ** 2) * _sigmoid(x)),
            Misconception("Chain rule: t′ = sech²(s)·s′ and softplus′(x) = σ(x); the factor "
                          "σ(x) is missing.", lambda x: np.tanh(np.logaddexp(0, x)) + x * (
                              1 - np.tanh(np.logaddexp(0, x)) ** 2)),
            Misconception("That is mish itself, x·tanh(softplus(x)), not its derivative.",
                          lambda x: x * np.tanh(np.logaddexp(0, x))),
        ),
    ),
    pointwise(
        "log_sigmoid", "log_sigmoid(x)", "log σ(x) = −softplus(−x), stable for |x| up to 1000",
        registry_reference("log_sigmoid"), stable_hint=LOG_OF_SIGMOID,
        misconceptions=(
            Misconception(LOG_OF_SIGMOID, lambda x: np.log(_sigmoid(x))),
            Misconception("log σ(x) = −softplus(−x): the minus sign in front is missing.",
                          lambda x: np.logaddexp(0, -x)),
            Misconception("log σ(x) = −softplus(−x), not −softplus(x) (that is log σ(−x)).",
                          lambda x: -np.logaddexp(0, x)),
        ),
    ),
    Exercise(
        "bce_with_logits", "bce_with_logits(logits, targets) -> float",
        "mean of −[y log σ(z) + (1 − y) log σ(−z)], stable for logits up to ±1000", _bce,
        (Values(_bce_visible), Values(_bce_hidden, visible=False,
                                      title="right values on hidden cases"),
         ShapeDtype(_bce_hidden, title="returns one float"), NoMutation(_bce_hidden),
         Stable(_bce_extreme, hint=LOG_OF_SIGMOID), Vectorised(_big(pairs=True))),
        (
            Misconception(LOG_OF_SIGMOID, _naive_bce),
            Misconception("Average over the elements (np.mean), do not sum them.",
                          lambda z, y: float(z.size * _bce(z, y))),
            Misconception("Cross-entropy is −log p: the loss is positive, a minus sign is "
                          "missing.", lambda z, y: -_bce(z, y)),
            Misconception("The target's probability is σ(z) for y = 1 and σ(−z) = 1 − σ(z) for "
                          "y = 0: the two terms are swapped.", lambda z, y: _bce(z, 1.0 - y)),
        ),
    ),
    Exercise(
        "diagnose", "diagnose(run) -> (problem, fix)",
        "name what is wrong with a recorded training run, and the fix, from PROBLEMS and FIXES",
        _diagnosis_reference,
        (Diagnoses(VISIBLE_RUNS, "one run per problem (seed 0)"),
         Diagnoses(HIDDEN_RUNS, f"{len(HIDDEN_RUNS)} more runs (other seeds and "
                                "activations)")),
    ),
)
