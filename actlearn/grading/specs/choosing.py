"""Exercise 13: choose an activation for each scenario, ``choose_activation(scenario) -> name``.

Each scenario accepts a few registry names. A wrong choice gets a hint saying what goes
wrong with it in that scenario; hints that quote a range or a slope read them from the
registry (``f.properties``, ``f.derivative``), so they stay true if a formula changes.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

import actlearn as al
from actlearn.activations import registry
from actlearn.grading.checks import wrong_of
from actlearn.grading.compare import Case, failure_of, kind_of
from actlearn.grading.sandbox import Outcome
from actlearn.grading.spec import Check, Exercise, Judgement

Hint = str | Callable[[str], str]


def _range(name: str) -> str:
    if registry.get(name).kind == "vector":
        return "a vector (softmax-like) output"
    params = {"threshold": 10.0, "value": 0.0} if name == "threshold" else {}
    return f"outputs in {al.activation(name, **params).properties.output_range}"


def _max_slope(name: str) -> float:
    fn = al.activation(name)
    return float(np.max(np.abs(fn.derivative(np.linspace(-10.0, 10.0, 20001)))))


def _depth_hint(name: str) -> str:
    top = _max_slope(name)
    return (f"{name}'s slope is at most {top:.3g}, and it saturates at both ends: through 20 "
            f"layers the gradient shrinks by up to {top:.3g}^20 ≈ {top**20:.1g} (lesson 04).")


DEAD_GRADIENT = ("{name} has zero gradient almost everywhere: gradient descent cannot train "
                 "the layers below it (lesson 01).")
COLLAPSE = ("Stacked linear layers collapse into one linear map, however deep (lesson 02): "
            "hidden layers need a nonlinearity.")
VECTOR_IN_HIDDEN = ("{name} normalises a whole vector into one distribution: it belongs at an "
                    "output, not inside hidden layers.")
BLOCKED_LEFT = ("{name} passes no gradient for negative inputs, which is how units die: pick "
                "an activation whose slope stays non-zero for x < 0 (lesson 05).")


@dataclass(frozen=True)
class Scenario:
    """A situation in words, the names accepted for it, and hints for likely wrong picks."""

    text: str
    accepted: tuple[str, ...]
    hints: Mapping[str, Hint] = field(default_factory=dict)
    otherwise: Hint = ""

    def hint(self, name: str) -> str:
        chosen = self.hints.get(name, self.otherwise)
        text = chosen(name) if callable(chosen) else chosen
        return text.format(name=name, range=_range(name))


_COMMON = {"step": DEAD_GRADIENT, "threshold": DEAD_GRADIENT}
_HIDDEN = {**_COMMON, "linear": COLLAPSE, "softmax": VECTOR_IN_HIDDEN,
           "log_softmax": VECTOR_IN_HIDDEN, "softmin": VECTOR_IN_HIDDEN}

SCENARIOS: dict[str, Scenario] = {
    "binary_output": Scenario(
        "output unit of a binary classifier, read as P(class 1)", ("sigmoid",),
        {**_COMMON, "softmax": "softmax of a single logit is always 1: one probability output "
                               "needs softmax's two-class special case.",
         "hardsigmoid": "hardsigmoid is flat outside [-3, 3]: a confidently wrong prediction "
                        "gets no gradient. Pair a smooth squashing function with cross-entropy."},
        "{name} gives {range}, but a probability must lie between 0 and 1."),
    "multiclass_output": Scenario(
        "output layer of a 10-class classifier (exactly one class is right)",
        ("softmax", "log_softmax"),
        {"sigmoid": "Ten independent sigmoids need not sum to 1: exclusive classes need outputs "
                    "that form one probability distribution."},
        "{name} acts on each score alone ({range}): the 10 outputs must be positive and sum "
        "to 1 together."),
    "regression_output": Scenario(
        "output of a regression predicting a temperature in °C (any real number)", ("linear",),
        {"leaky_relu": "leaky_relu reaches negative values only through a 0.01 slope: negative "
                       "targets need weights 100 times larger than positive ones. Do not bend "
                       "an unbounded target."},
        "{name} gives {range} and bends the prediction: an unbounded real target is best left "
        "unsquashed."),
    "positive_output": Scenario(
        "output predicting a standard deviation (must be strictly positive, unbounded)",
        ("softplus",),
        {"relu": "relu can output exactly 0 (an infinite likelihood) and passes no gradient once "
                 "its input is negative: use a smooth function that stays above 0.",
         "sigmoid": "sigmoid caps the output at 1: a standard deviation can be larger."},
        "{name} gives {range}: a standard deviation must be strictly positive, with no upper "
        "bound."),
    "hidden_default": Scenario(
        "hidden layers of a 20-layer MLP when nothing is known about the target",
        ("relu", "leaky_relu", "prelu", "elu", "celu", "selu", "gelu", "silu", "mish"),
        {**_HIDDEN, "sigmoid": _depth_hint, "tanh": _depth_hint, "softsign": _depth_hint,
         "hardtanh": "hardtanh has slope 0 outside [-1, 1], so deep stacks block gradients; "
                     "start from ReLU.",
         "sin": "Periodic activations are hard to train on general problems (lesson 12); start "
                "from ReLU."},
        "{name} is not a default hidden-layer choice: start from ReLU or one of its smooth "
        "relatives."),
    "dead_units": Scenario(
        "hidden layers of a ReLU network where many units output 0 for every input and no "
        "longer learn", ("leaky_relu", "prelu", "elu", "celu", "selu", "gelu", "silu", "mish",
                         "softplus"),
        {**_HIDDEN, "relu": BLOCKED_LEFT, "relu6": BLOCKED_LEFT, "hardswish": BLOCKED_LEFT,
         "sigmoid": "sigmoid's slope is never 0, but it is at most 0.25 and vanishes at both "
                    "ends: keep the ReLU shape and give the negative side a slope.",
         "tanh": "tanh's slope is never 0, but it saturates at both ends: keep the ReLU shape "
                 "and give the negative side a slope."},
        BLOCKED_LEFT),
    "self_normalising": Scenario(
        "a deep fully connected network without normalisation layers, LeCun-normal weights, "
        "whose activations should keep mean 0 and variance 1 by themselves", ("selu",),
        {**_HIDDEN, "elu": "elu has the right shape, but only the scaled version with λ and α "
                           "derived from the fixed point keeps mean 0 and variance 1 (lesson 06)."},
        "{name} has no fixed point at mean 0, variance 1: one activation was derived to have it "
        "(lesson 06)."),
    "gate": Scenario(
        "a gate deciding what fraction (between 0 and 1) of a signal passes, as in an LSTM",
        ("sigmoid", "hardsigmoid"),
        {**_COMMON, "softmax": "softmax makes the fractions of several entries compete; a gate "
                               "opens each entry on its own."},
        "{name} gives {range}, but a fraction must lie between 0 and 1."),
    "transformer_ffn": Scenario(
        "the feed-forward block of a modern transformer language model",
        ("gelu", "silu"),
        {**_HIDDEN, "relu": "ReLU was the 2017 transformer's choice; BERT, GPT and LLaMA moved to "
                            "smooth self-gated activations (this lesson's SwiGLU section)."},
        "{name} is not what transformer blocks use: see this lesson's GLU and SwiGLU section."),
    "implicit_image": Scenario(
        "a network mapping pixel coordinates (x, y) to colour, whose derivatives must be "
        "accurate too", ("sin",),
        {"relu": "A ReLU network is piecewise linear: its second derivative is zero everywhere "
                 "and it fits fine detail slowly (lesson 12)."},
        "{name} networks fit fine detail and derivatives of signals slowly: lesson 12 uses a "
        "periodic activation."),
    "int8_mobile": Scenario(
        "a phone model storing activations as 8-bit integers: outputs must stay in a fixed "
        "range and be cheap in integer arithmetic", ("relu6", "hardtanh", "hardsigmoid"),
        {**_COMMON, "relu": "relu is unbounded above: 8-bit storage needs a fixed output range.",
         "hardswish": "hardswish is unbounded above: 8-bit storage needs a fixed output range.",
         "sigmoid": "sigmoid is bounded, but exponentials are costly in integer arithmetic: pick "
                    "a piecewise-linear function with a fixed range.",
         "tanh": "tanh is bounded, but exponentials are costly in integer arithmetic: pick a "
                 "piecewise-linear function with a fixed range."},
        "{name} gives {range}: pick a piecewise-linear function with a fixed, bounded range."),
}


def reference(scenario: str) -> str:
    """One accepted name per scenario (the grader compares with the whole accepted set)."""
    return SCENARIOS[scenario].accepted[0]


def _unknown(value: object) -> str | None:
    """Why ``value`` is not an activation name, or None when it is one."""
    if not isinstance(value, str):
        return f"returned {kind_of(value)}, expected an activation name such as 'relu'"
    names = al.list_activations()
    if value in names:
        return None
    close = difflib.get_close_matches(value.lower(), names, n=2, cutoff=0.6)
    tip = f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""
    return f"{value!r} is not a name from al.list_activations(){tip}"


@dataclass
class Choices(Check):
    """Every scenario in ``keys`` gets an accepted name; wrong picks get their hint."""

    keys: Sequence[str]
    title: str = ""

    def cases(self, exercise: Exercise) -> Sequence[Case]:
        return [Case((key,), {}, repr(key)) for key in self.keys]

    def judge(self, exercise: Exercise, cases: Sequence[Case],
              outcomes: Sequence[Outcome]) -> Judgement:
        wrong: list[str] = []
        hints: list[str] = []
        for key, outcome in zip(self.keys, outcomes, strict=True):
            problem = failure_of(outcome) or _unknown(outcome.value)
            if problem is None and outcome.value not in SCENARIOS[key].accepted:
                problem = f"chose {outcome.value!r}"
                hints.append(f"{key}: {SCENARIOS[key].hint(outcome.value)}")
            if problem:
                wrong.append(f"for {key!r} {problem}")
        return wrong_of(wrong, len(self.keys), hints)


GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("output layers", ("binary_output", "multiclass_output", "regression_output",
                       "positive_output")),
    ("hidden layers", ("hidden_default", "dead_units", "self_normalising", "gate")),
    ("special architectures", ("transformer_ffn", "implicit_image", "int8_mobile")),
)

EXERCISES = (
    Exercise(
        "choose_activation",
        "choose_activation(scenario) -> str",
        "a registry name suited to each of 11 scenarios (output, hidden, special layers)",
        reference,
        tuple(Choices(keys, f"{title}: {len(keys)} scenarios") for title, keys in GROUPS),
    ),
)
