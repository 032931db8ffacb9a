r"""Lesson 14's experiments: a deep MLP on the 8×8 digits, one :class:`Config` per run.

Every run trains a :class:`~actlearn.labs.training.deep_mlp.DeepMLP` with ``depth`` hidden
layers of ``width`` units, ``[64, width × depth, 10]``, by plain SGD on mini-batches of 64
(:func:`~actlearn.labs.training.instrument.train_instrumented`), and records what every layer
does. The data are the shipped digits, split 75/25 with seed 0, each pixel standardised with
the training set's mean and standard deviation (floored at 1 grey level, so that pixels blank
in nearly every image stay small).

An initialisation draws every weight from :math:`\mathcal N(0, (s\,g)^2 / n_{in})` (LeCun's
normal with gain, PyTorch's ``kaiming_normal_``): g = ``calculate_gain(activation)`` (5/3 for
tanh, √2 for ReLU, 1 for sigmoid) and s the init's factor in :data:`INITS`.

:func:`run` is cached (the :data:`RUN_CACHE_SIZE` most recent runs): the lesson and its widget
share each run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from actlearn.data import digits, train_test_split
from actlearn.engine import no_grad
from actlearn.labs.training.deep_mlp import DeepMLP
from actlearn.labs.training.instrument import (
    RecordedDivergenceError,
    TrainingRun,
    train_instrumented,
)
from actlearn.nn.init import calculate_gain

#: Init name -> the factor s multiplying the gain-aware standard deviation g/√n_in.
INITS: dict[str, float] = {"gain 1": math.nan, "gain-aware": 1.0, "3 × gain-aware": 3.0}
NORMS: dict[str, str | None] = {"none": None, "batch": "batch", "layer": "layer"}
ACTIVATIONS = ("tanh", "sigmoid", "relu", "leaky_relu")
LEARNING_RATES = (0.001, 0.01, 0.1, 1.0)


@dataclass(frozen=True)
class Config:
    """One training run. ``init`` is a key of :data:`INITS` ("gain 1" means g = 1 whatever the
    activation); ``norm`` a key of :data:`NORMS`; ``last_scale`` multiplies the output layer's
    initial weights (10 makes the first softmax overconfident, 0.1 close to uniform);
    ``bias`` is every hidden layer's initial bias (0 as usual; −1 silences many ReLU units;
    only without a norm, whose β replaces the bias)."""

    activation: str = "tanh"
    init: str = "gain-aware"
    norm: str = "none"
    lr: float = 0.1
    last_scale: float = 0.1
    bias: float = 0.0
    depth: int = 6
    width: int = 64
    steps: int = 300
    record_every: int = 25
    seed: int = 0

    def gain(self) -> float:
        """The gain g·s every weight is drawn with (see the module docstring)."""
        if self.init not in INITS:
            raise ValueError(f"Config: init must be one of {list(INITS)}, got {self.init!r}")
        factor = INITS[self.init]
        return 1.0 if math.isnan(factor) else factor * calculate_gain(self.activation)

    def label(self) -> str:
        """A short legend: activation, init, norm and learning rate."""
        norm = "" if self.norm == "none" else f", {self.norm} norm"
        return f"{self.activation}, {self.init}{norm}, lr {self.lr:g}"


@dataclass(frozen=True)
class Result:
    """A finished run: what was recorded and the test accuracy (eval mode), or, when the loss
    became NaN or infinite, ``run`` None, ``diverged`` the error's message and
    ``before_divergence`` what was recorded over the steps before (None if that was step 0).

    Whether a run at the edge of stability diverges can depend on the last bits of its matrix
    products, so on the BLAS library: :attr:`record` serves a lesson whichever happened."""

    config: Config
    run: TrainingRun | None
    test_accuracy: float
    diverged: str = ""
    before_divergence: TrainingRun | None = None

    @property
    def record(self) -> TrainingRun | None:
        """The whole run, or the steps before it diverged."""
        return self.run if self.run is not None else self.before_divergence


@lru_cache(maxsize=1)
def digits_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(X_train, X_test, y_train, y_test): the digits split 75/25 (seed 0), standardised."""
    table = digits()
    X_train, X_test, y_train, y_test = train_test_split(
        table.data, table.target, 0.25, np.random.default_rng(0)
    )
    mean, std = X_train.mean(axis=0), np.maximum(X_train.std(axis=0), 1.0)
    return (X_train - mean) / std, (X_test - mean) / std, y_train, y_test


def build(config: Config) -> DeepMLP:
    """The untrained network of ``config`` (weights from ``seed``)."""
    if config.norm not in NORMS:
        raise ValueError(f"Config: norm must be one of {list(NORMS)}, got {config.norm!r}")
    if config.bias != 0.0 and config.norm != "none":
        raise ValueError("Config: a hidden bias needs norm='none' (a norm's β replaces it)")
    X_train = digits_split()[0]
    sizes = [X_train.shape[1], *[config.width] * config.depth, 10]
    net = DeepMLP(sizes, activation=config.activation, norm=NORMS[config.norm], init="lecun",
                  gain=config.gain(), last_scale=config.last_scale,
                  rng=np.random.default_rng(config.seed))
    for layer in net.layers[:-1]:
        if layer.bias is not None:
            layer.bias.data[:] = config.bias
    return net


#: How many finished runs :func:`run` keeps (the least recently used goes first). A run of the
#: default size records about 7 MB (12 records × 6 layers × z, f(z) and ∂L/∂a of a 64 × 64
#: batch), so the cache holds at most about 230 MB: a learner who clicks through the
#: dashboard's 144 combinations must not fill a hub's memory limit with them. The lesson
#: uses 9 runs and its solution notebook 16.
RUN_CACHE_SIZE = 32


@lru_cache(maxsize=RUN_CACHE_SIZE)
def run(config: Config) -> Result:
    """Train ``config``'s network on the digits' training split (batches drawn with seed
    ``seed + 1``) and measure its accuracy on the test split. Cached by config (the
    :data:`RUN_CACHE_SIZE` most recently used)."""
    X_train, X_test, y_train, y_test = digits_split()
    net = build(config)
    try:
        record = train_instrumented(net, X_train, y_train, steps=config.steps, lr=config.lr,
                                    batch=64, rng=np.random.default_rng(config.seed + 1),
                                    record_every=config.record_every)
    except RecordedDivergenceError as error:
        return Result(config, None, math.nan, str(error), error.record)
    net.eval()
    with no_grad(), np.errstate(over="ignore", invalid="ignore"):
        predicted = net(X_test).data.argmax(axis=1)
    return Result(config, record, float(np.mean(predicted == y_test)))


def runs(base: Config, **variations: object) -> list[Result]:
    """``run`` of ``base`` with one field varied: ``runs(base, lr=(0.01, 0.1, 1.0))``."""
    if len(variations) != 1:
        raise ValueError(f"runs: vary exactly one field, got {sorted(variations)}")
    (field, values), = variations.items()
    return [run(replace(base, **{field: value})) for value in values]  # type: ignore[arg-type]
