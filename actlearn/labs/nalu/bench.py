r"""The arithmetic benchmark: which models learn a + b, a − b, a × b, a / b, a², √a exactly?

For every (model, operation, seed) a fresh model (see :mod:`actlearn.labs.nalu.models`)
is trained on inputs drawn from ``train_range`` and tested on new inputs from the same range
(*interpolation*) and from ``extrapolation_range`` (*extrapolation*).

Errors are normalised as in Trask et al. (2018): 100 · MSE / MSE of a random untrained
model, so 100 means "no better than random" and 0 is perfect. The random model is the
untrained ReLU MLP, its MSE averaged over the seeds, separately per operation and range.
A run *succeeds* when its normalised extrapolation error is below ``success_below``
(default 0.01, i.e. an RMS error about 1 % of an untrained model's).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from actlearn import nn
from actlearn.data import ARITHMETIC_OPS, arithmetic
from actlearn.data.arithmetic import BINARY_OPS, UNARY_OPS
from actlearn.labs.nalu.models import (
    UNITS,
    build_model,
    default_lr,
    mse,
    nalu_gates,
    train_many,
)
from actlearn.parallel import run_tasks

MODELS: tuple[str, ...] = ("relu", "relu6", "tanh", "NAC", "NALU", "NAU", "NMU")
SYMBOLS: dict[str, str] = {"add": "a + b", "sub": "a - b", "mul": "a * b", "div": "a / b",
                           "square": "a^2", "sqrt": "sqrt(a)"}


@dataclass(frozen=True)
class BenchConfig:
    """Everything a benchmark run depends on (the results are a function of it alone)."""

    ops: tuple[str, ...] = ARITHMETIC_OPS
    models: tuple[str, ...] = MODELS
    seeds: tuple[int, ...] = (0, 1, 2, 3, 4)
    train_range: tuple[float, float] = (1.0, 2.0)
    extrapolation_range: tuple[float, float] = (2.0, 6.0)
    n_train: int = 128
    n_test: int = 1000
    unit_steps: int = 800
    mlp_steps: int = 300
    success_below: float = 0.01

    def __post_init__(self) -> None:
        unknown = [op for op in self.ops if op not in ARITHMETIC_OPS]
        if unknown:
            raise ValueError(f"BenchConfig: unknown ops {unknown}; valid: {ARITHMETIC_OPS}")
        if not self.seeds:
            raise ValueError("BenchConfig: give at least one seed")

    def steps(self, model: str) -> int:
        return self.unit_steps if model in UNITS else self.mlp_steps


@dataclass(frozen=True)
class Run:
    """Raw mean squared errors of one trained model."""

    model: str
    op: str
    seed: int
    interpolation: float
    extrapolation: float
    steps: int
    diverged: bool
    gate: tuple[float, float] | None = None
    """NALU only: mean output-layer gate on the interpolation and extrapolation inputs."""


def data(op: str, seed: int, config: BenchConfig) -> tuple[np.ndarray, ...]:
    """(X_train, y_train, X_interp, y_interp, X_extrap, y_extrap) for ``op`` and ``seed``."""
    rng = np.random.default_rng(seed)
    train_set = arithmetic(op, config.n_train, *config.train_range, rng)
    interp = arithmetic(op, config.n_test, *config.train_range, rng)
    extrap = arithmetic(op, config.n_test, *config.extrapolation_range, rng)
    return (*train_set, *interp, *extrap)


def model_rng(model: str, seed: int) -> np.random.Generator:
    """The generator that initialises ``model`` for ``seed`` (independent of the run order)."""
    return np.random.default_rng([seed, zlib.crc32(model.encode())])


def fit_model(model_kind: str, op: str, seed: int,
              config: BenchConfig) -> tuple[nn.Module, Run]:
    """Train one model on one operation with one seed: the model and its raw errors."""
    return fit_models(model_kind, [(op, seed)], config)[0]


def fit_models(model_kind: str, cases: Sequence[tuple[str, int]],
               config: BenchConfig) -> list[tuple[nn.Module, Run]]:
    """:func:`fit_model` for every ``(op, seed)`` of ``cases``, trained side by side as one
    stack (:func:`actlearn.labs.nalu.models.train_many`; the results are those of one-by-one
    training). The ops must take the same number of inputs."""
    cases = list(cases)
    sets = [data(op, seed, config) for op, seed in cases]
    widths = {X.shape[1] for X, *_ in sets}
    if len(widths) > 1:
        raise ValueError(f"fit_models: the ops of {cases} take different numbers of inputs; "
                         "group binary and unary ops separately")
    models = [build_model(model_kind, X.shape[1], model_rng(model_kind, seed))
              for (_, seed), (X, *_) in zip(cases, sets, strict=True)]
    trained = train_many(models, [s[0] for s in sets], [s[1] for s in sets],
                         config.steps(model_kind), default_lr(model_kind))
    fitted = []
    for model, (op, seed), (_, _, Xi, yi, Xe, ye), result in zip(models, cases, sets, trained,
                                                                strict=True):
        gate = None
        if model_kind.startswith("NALU"):
            gate = (float(nalu_gates(model, Xi)[-1].mean()),
                    float(nalu_gates(model, Xe)[-1].mean()))
        run = Run(model_kind, op, seed, mse(model, Xi, yi), mse(model, Xe, ye), result.steps,
                  result.diverged, gate)
        fitted.append((model, run))
    return fitted


def run_group(task: tuple[str, tuple[tuple[str, int], ...], BenchConfig]) -> list[Run]:
    """:func:`fit_models` for one ``(model, cases, config)`` task, keeping only the Runs."""
    model_kind, cases, config = task
    return [run for _, run in fit_models(model_kind, cases, config)]


def baseline(op: str, config: BenchConfig) -> tuple[float, float]:
    """Mean MSE of untrained ReLU MLPs over the seeds: (interpolation, extrapolation)."""
    errors = []
    for seed in config.seeds:
        X, _, Xi, yi, Xe, ye = data(op, seed, config)
        model = build_model("relu", X.shape[1], model_rng("untrained", seed))
        errors.append((mse(model, Xi, yi), mse(model, Xe, ye)))
    interp, extrap = np.mean(errors, axis=0)
    return float(interp), float(extrap)


@dataclass(frozen=True)
class BenchResult:
    """All runs of a benchmark, with the baselines used to normalise them."""

    config: BenchConfig
    runs: tuple[Run, ...]
    baselines: dict[str, tuple[float, float]] = field(default_factory=dict)

    def scores(self, model: str, op: str, which: str = "extrapolation") -> np.ndarray:
        """Normalised errors (100 = untrained) of every seed; inf for a diverged run."""
        index = {"interpolation": 0, "extrapolation": 1}[which]
        base = self.baselines[op][index]
        return np.array([100.0 * getattr(r, which) / base for r in self.runs
                         if r.model == model and r.op == op])

    def median(self, model: str, op: str, which: str = "extrapolation") -> float:
        return float(np.median(self.scores(model, op, which)))

    def success_rate(self, model: str, op: str) -> float:
        """Fraction of seeds whose normalised extrapolation error is below success_below."""
        return float(np.mean(self.scores(model, op) < self.config.success_below))

    def diverged(self, model: str | None = None) -> int:
        """How many runs (of ``model``, or of all) ended with a NaN or infinite loss."""
        return sum(r.diverged for r in self.runs if model is None or r.model == model)


def run_benchmark(config: BenchConfig = BenchConfig(), workers: int | None = None,
                  progress: bool | None = None) -> BenchResult:
    """Every (model, op, seed) of ``config``, on ``workers`` processes (see
    :func:`actlearn.parallel.run_tasks`); the result does not depend on ``workers``.

    The runs of one model on the ops of one arity train side by side as one stack
    (:func:`fit_models`), which gives the same numbers as one run at a time in a fraction of
    the time; the progress bar counts those groups.
    """
    arities = [[op for op in config.ops if op in group] for group in (BINARY_OPS, UNARY_OPS)]
    tasks = [(m, tuple((op, s) for op in ops for s in config.seeds), config)
             for m in config.models for ops in arities if ops]
    groups = run_tasks(run_group, tasks, workers, progress,
                       loss_of=lambda runs: max(r.extrapolation for r in runs))
    by_key = {(r.model, r.op, r.seed): r for runs in groups for r in runs}
    runs = [by_key[m, op, s] for m in config.models for op in config.ops for s in config.seeds]
    baselines = {op: baseline(op, config) for op in config.ops}
    return BenchResult(config, tuple(runs), baselines)


#: Upper ends of the score classes a text table shows: far from the scores these runs reach,
#: so a table reads the same whatever the last bits of a training run (see :func:`score_class`).
SCORE_CLASSES: tuple[tuple[float, str], ...] = (
    (0.0, "0"), (1e-6, "< 1e-6"), (0.1, "< 0.1"), (10.0, "< 10"), (np.inf, ">= 10"),
)


def score_class(value: float) -> str:
    """The class of a normalised error: ``0``, ``< 1e-6`` (exact to rounding), ``< 0.1``
    (close), ``< 10`` (the size of a best linear fit), ``>= 10`` (far off), or ``inf``.

    Medians over seeds of chaotic runs (the NALU's) move by a factor of two when a matrix
    product rounds differently, so a printed table shows classes; the exact medians are in
    :func:`actlearn.plots.nalu.score_map`'s figure.

    >>> [score_class(v) for v in (0.0, 3e-12, 0.005, 1.2, 41.0)]
    ['0', '< 1e-6', '< 0.1', '< 10', '>= 10']
    """
    if not np.isfinite(value):
        return "inf"
    for upper, name in SCORE_CLASSES:
        if value <= upper if upper == 0.0 else value < upper:
            return name
    return SCORE_CLASSES[-1][1]


def format_scores(result: BenchResult, which: str = "extrapolation",
                  models: Sequence[str] | None = None) -> str:
    """A text table: the class of the median normalised error (:func:`score_class`) per model
    (rows) and operation (columns), with the number of successful seeds for extrapolation."""
    models = list(models or result.config.models)
    ops = result.config.ops
    seeds = len(result.config.seeds)
    width = 15
    lines = [f"{'model':7}" + "".join(f"{SYMBOLS[op]:>{width}}" for op in ops)]
    for model in models:
        cells = []
        for op in ops:
            text = score_class(result.median(model, op, which))
            if which == "extrapolation":
                text += f" [{round(result.success_rate(model, op) * seeds)}/{seeds}]"
            cells.append(f"{text:>{width}}")
        lines.append(f"{model:7}" + "".join(cells))
    return "\n".join(lines)
