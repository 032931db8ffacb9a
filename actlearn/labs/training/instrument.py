r"""Instrumented training: what every layer of a deep network does while it learns.

:func:`train_instrumented` trains a classifier by SGD on cross-entropy and records

* per step: the loss, and for every weight matrix W the update-to-data ratio
  :math:`\log_{10}(\lVert\alpha\nabla_W L\rVert / \lVert W\rVert)` (about −3 is healthy: each
  step changes W by a thousandth);
* per hidden layer, every ``record_every`` steps: the pre-activations z (the activation's
  input), the activations a = f(z) and their gradients ∂L/∂a on the batch, the saturated
  fraction (:func:`saturated_fraction`) and the dead fraction (:func:`dead_fraction`);
* the initial loss, to compare with :math:`-\log(1/C) = \log C`, the loss of a network
  that starts out guessing uniformly over C classes.

The model is a :class:`~actlearn.labs.training.deep_mlp.DeepMLP` or an
:class:`actlearn.nn.MLP` without output activation (see :func:`trace`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from actlearn import ActivationFunction, activation, losses, nn, optim
from actlearn.engine import Tensor
from actlearn.labs.training.deep_mlp import DeepMLP, Trace
from actlearn.training import DivergenceError

#: tanh is saturated where |a| > 0.97 (its slope 1 − a² is below 0.06 there).
TANH_SATURATION = 0.97
#: The sigmoid is saturated outside [0.015, 0.985] (its slope a(1 − a) is below 0.015).
SIGMOID_SATURATION = (0.015, 0.985)


def saturated_fraction(act: Any, name: str) -> float:
    """The fraction of activations in the flat tails of ``name`` (tanh or sigmoid; NaN for
    others, which have no such tails).

    >>> saturated_fraction(np.tanh([[-3.0, 0.1], [0.5, 4.0]]), "tanh")
    0.5
    """
    a = np.asarray(act, dtype=np.float64)
    if name == "tanh":
        return float(np.mean(np.abs(a) > TANH_SATURATION))
    if name == "sigmoid":
        low, high = SIGMOID_SATURATION
        return float(np.mean((a < low) | (a > high)))
    return math.nan


def dead_fraction(pre: Any, f: str | ActivationFunction) -> float:
    """The fraction of units (columns) whose derivative f'(z) is 0 on every row of the batch:
    they pass no gradient to their weights (for ReLU: z ≤ 0 for the whole batch). ``f`` is a
    registry name or a bound ``actlearn.activation(...)``.

    >>> dead_fraction([[-1.0, 2.0], [-3.0, -1.0]], "relu")
    0.5
    """
    z = np.asarray(pre, dtype=np.float64)
    if z.ndim != 2:
        raise ValueError(f"dead_fraction: expected pre-activations (batch, units), got {z.shape}")
    f = activation(f) if isinstance(f, str) else f
    return float(np.mean(np.all(f.derivative(z) == 0.0, axis=0)))


def update_ratio(weight: np.ndarray, grad: np.ndarray | None, lr: float) -> float:
    r""":math:`\log_{10}(\lVert \alpha\, g\rVert / \lVert W\rVert)` (Frobenius norms); −inf for a
    zero gradient, +inf for a zero W, NaN without a gradient.

    >>> update_ratio(np.ones((2, 2)), np.ones((2, 2)), 0.001)
    -3.0
    """
    if grad is None:
        return math.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.log10(np.linalg.norm(lr * grad) / np.linalg.norm(weight)))


def trace(model: nn.Module, x: Tensor) -> Trace:
    """``model``'s forward pass keeping each hidden layer's pre-activations and activations."""
    if isinstance(model, DeepMLP):
        return model.forward_trace(x)
    if not isinstance(model, nn.MLP) or model.output_activation is not None:
        raise TypeError("train_instrumented: the model must be a DeepMLP or an nn.MLP without "
                        f"output activation (returning logits), got {model!r}")
    pre, act, h = [], [], x
    for layer, f in zip(model.layers, model.activations, strict=False):
        pre.append(layer(h))
        h = f(pre[-1]) if isinstance(f, nn.Module) else pre[-1].activation(f)
        act.append(h)
    return Trace(model.layers[-1](h), pre, act, list(model.activations))


@dataclass(frozen=True)
class LayerRecord:
    """One hidden layer over the R recorded steps: ``pre``, ``act`` and ``act_grad`` have shape
    (R, batch, width); ``saturated`` and ``dead`` shape (R,) (NaN where they do not apply:
    saturation for other activations than tanh and sigmoid, death for Module activations)."""

    name: str
    pre: np.ndarray
    act: np.ndarray
    act_grad: np.ndarray
    saturated: np.ndarray
    dead: np.ndarray


@dataclass(frozen=True)
class TrainingRun:
    """What :func:`train_instrumented` recorded (see the module docstring).

    ``loss`` (steps,) and ``update_ratio`` (steps, len(weight_names)) hold every step;
    ``layers`` one :class:`LayerRecord` per hidden layer at ``recorded_steps`` (0-based, each
    before that step's update); ``num_classes`` is C.
    """

    loss: np.ndarray
    update_ratio: np.ndarray
    weight_names: list[str]
    recorded_steps: np.ndarray
    layers: list[LayerRecord]
    num_classes: int

    @property
    def initial_loss(self) -> float:
        """The loss of the first batch, before any update."""
        return float(self.loss[0])

    @property
    def expected_initial_loss(self) -> float:
        """:math:`-\\log(1/C)`: the cross-entropy of a uniform guess over C classes."""
        return math.log(self.num_classes)

    def histograms(self, quantity: str = "act", record: int = -1, bins: int = 50,
                   value_range: tuple[float, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(bin edges, counts of shape (layers, bins)) of ``quantity`` ("pre", "act" or
        "act_grad") at recorded step ``record``, on shared edges across the layers."""
        if quantity not in ("pre", "act", "act_grad"):
            raise ValueError(f"histograms: quantity must be 'pre', 'act' or 'act_grad', got "
                             f"{quantity!r}")
        values = [getattr(layer, quantity)[record].ravel() for layer in self.layers]
        if value_range is None:
            value_range = (min(v.min() for v in values), max(v.max() for v in values))
        edges = np.histogram_bin_edges(values[0], bins=bins, range=value_range)
        return edges, np.array([np.histogram(v, bins=edges)[0] for v in values])


class RecordedDivergenceError(DivergenceError):
    """:func:`train_instrumented`'s :class:`~actlearn.training.DivergenceError`, with
    ``record``, the :class:`TrainingRun` of the steps before the loss became NaN or infinite
    (None when that happened at step 0)."""

    def __init__(self, message: str, record: TrainingRun | None) -> None:
        super().__init__(message)
        self.record = record


def train_instrumented(
    model: nn.Module,
    X: Any,
    y: Any,
    steps: int,
    lr: float | Callable[[int], float],
    batch: int | None = 32,
    rng: np.random.Generator | None = None,
    record_every: int = 100,
) -> TrainingRun:
    """Train ``model`` (logits for C classes) with SGD on :func:`actlearn.losses.cross_entropy`
    for ``steps`` steps, recording as in the module docstring.

    Each step draws ``batch`` rows of (X, y) with replacement from ``rng`` (``batch=None``: the
    whole data set every step). ``lr`` is a number or a function of the 0-based step (a decay
    schedule). The model is put in training mode first and left there. A NaN or infinite loss
    raises :class:`RecordedDivergenceError` (an :class:`actlearn.training.DivergenceError`)
    before the update, with what was recorded until then.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    for name, value in (("steps", steps), ("record_every", record_every)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"train_instrumented: {name} must be a positive int, got {value!r}")
    if batch is not None and (isinstance(batch, bool) or not isinstance(batch, int) or batch < 1):
        raise ValueError(f"train_instrumented: batch must be a positive int or None, got {batch!r}")
    rng = np.random.default_rng(0) if rng is None else rng
    schedule = lr if callable(lr) else (lambda step: lr)
    weights = [(name, p) for name, p in model.named_parameters() if p.data.ndim == 2]
    optimizer = optim.SGD(model.parameters(), lr=float(schedule(0)))
    model.train()
    loss_log, ratios, recorded, samples = [], [], [], []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for step in range(steps):
            idx = rng.integers(0, len(X), size=batch) if batch is not None else slice(None)
            out = trace(model, Tensor(X[idx]))
            loss = losses.cross_entropy(out.logits, y[idx])
            if not math.isfinite(loss.item()):
                raise RecordedDivergenceError(
                    f"train_instrumented: the loss became {loss.item()} at step {step}; try a "
                    "smaller learning rate",
                    _assemble(out, samples, loss_log, ratios, weights, recorded))
            optimizer.zero_grad()
            loss.backward()
            optimizer.lr = float(schedule(step))
            ratios.append([update_ratio(p.data, p.grad, optimizer.lr) for _, p in weights])
            if step % record_every == 0:
                recorded.append(step)
                pairs = zip(out.pre, out.act, strict=True)
                samples.append([(z.data, a.data, a.grad) for z, a in pairs])
            optimizer.step()
            loss_log.append(loss.item())
    record = _assemble(out, samples, loss_log, ratios, weights, recorded)
    assert record is not None  # (step 0 is always recorded)
    return record


def _assemble(out: Trace, samples: list, loss_log: list[float], ratios: list[list[float]],
              weights: list[tuple[str, Tensor]], recorded: list[int]) -> TrainingRun | None:
    """The :class:`TrainingRun` of the steps taken so far (None before the first record)."""
    if not samples:
        return None
    layers = []
    for i, (name, f) in enumerate(zip(out.names, out.fns, strict=True)):
        pre, act, grad = (np.stack([s[i][k] for s in samples]) for k in range(3))
        dead = [math.nan if isinstance(f, nn.Module) else dead_fraction(z, f) for z in pre]
        layers.append(LayerRecord(name, pre, act, grad,
                                  np.array([saturated_fraction(a, name) for a in act]),
                                  np.array(dead)))
    steps = len(loss_log)
    return TrainingRun(np.array(loss_log), np.array(ratios).reshape(steps, len(weights)),
                       [name for name, _ in weights], np.array(recorded), layers,
                       out.logits.shape[-1])
