"""Small training runs on the engine: ReLU units dying, a PReLU learning its slope, and one
shared PReLU slope against one slope per channel.

Both train with full-batch gradient descent (:func:`actlearn.training.fit` with SGD), are
deterministic for a given ``rng``, and record what changes at every step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from actlearn import nn
from actlearn.labs.relu.family import dead_units
from actlearn.losses import mse
from actlearn.optim import SGD
from actlearn.training import fit


def wave_data(
    n: int = 256, rng: np.random.Generator | None = None
) -> tuple[np.ndarray, np.ndarray]:
    r"""A 2-D regression task: :math:`x \sim U(-2, 2)^2`, :math:`y = \sin(2x_1)\cos(x_2)`;
    X has shape (n, 2), y shape (n, 1)."""
    rng = np.random.default_rng(0) if rng is None else rng
    X = rng.uniform(-2.0, 2.0, (n, 2))
    return X, (np.sin(2 * X[:, 0]) * np.cos(X[:, 1]))[:, None]


@dataclass(frozen=True)
class DyingRun:
    """Loss after each step and the number of dead hidden units before each step and at the end
    (``dead[0]`` is at initialisation, ``dead[k]`` after k steps)."""

    activation: str
    lr: float
    bias_init: float
    width: int
    loss: np.ndarray
    dead: np.ndarray


def dying_run(
    name: str = "relu",
    lr: float = 0.05,
    bias_init: float = 0.0,
    steps: int = 100,
    width: int = 64,
    rng: np.random.Generator | None = None,
) -> DyingRun:
    r"""Train ``MLP([2, width, 1])`` with activation ``name`` on :func:`wave_data` (MSE, SGD).

    Every hidden bias starts at ``bias_init``. After each step the hidden units whose
    derivative is 0 on the whole training set are counted (:func:`dead_units`): for ReLU,
    units with :math:`w_j^\top x + b_j \le 0` for every x.
    """
    if steps < 1 or width < 1 or not lr > 0:
        raise ValueError(f"dying_run: need steps, width >= 1 and lr > 0; got {steps}, {width}, "
                         f"{lr}")
    rng = np.random.default_rng(0) if rng is None else rng
    X, y = wave_data(rng=rng)
    model = nn.MLP([2, width, 1], activation=name, rng=rng)
    hidden = model.layers[0]
    hidden.bias.data[:] = bias_init

    def count_dead() -> int:
        return int(dead_units(hidden(X).data, name).sum())

    dead = [count_dead()]
    history = fit(model, mse, X, y, SGD(model.parameters(), lr=lr), steps=steps, progress=False,
                  callback=lambda step, loss: {"dead": count_dead()})
    dead += [r["dead"] for r in history.records]
    return DyingRun(name, lr, bias_init, width, np.array(history.loss), np.array(dead))


@dataclass(frozen=True)
class SlopeRun:
    """The PReLU slope a before each step (``slope[0]`` is the initial value), the loss after
    each step, and the trained model's prediction ``fitted`` on the inputs ``x``."""

    slope: np.ndarray
    loss: np.ndarray
    x: np.ndarray
    y: np.ndarray
    fitted: np.ndarray


def prelu_slope_run(
    steps: int = 300, lr: float = 0.05, init_slope: float = 0.25,
    rng: np.random.Generator | None = None,
) -> SlopeRun:
    r"""Fit :math:`\hat y = \mathrm{PReLU}_a(w x + b)` (``MLP([1, 1], output_activation=PReLU)``)
    to the V-shaped target :math:`y = |x - \tfrac12|` plus a little noise.

    The target is PReLU with :math:`a = -1`, w = 1, b = −½, a shape no ReLU or leaky ReLU unit
    can take, so gradient descent has to move the slope a from ``init_slope`` to about −1.
    """
    rng = np.random.default_rng(0) if rng is None else rng
    x = np.linspace(-3.0, 3.0, 121)[:, None]
    y = np.abs(x - 0.5) + 0.05 * rng.standard_normal(x.shape)
    act = nn.PReLU(init=init_slope)
    model = nn.MLP([1, 1], output_activation=act, init="xavier", rng=rng)
    slope = [float(act.weight.data[0])]
    history = fit(model, mse, x, y, SGD(model.parameters(), lr=lr), steps=steps, progress=False,
                  callback=lambda step, loss: {"slope": float(act.weight.data[0])})
    slope += [r["slope"] for r in history.records]
    return SlopeRun(np.array(slope), np.array(history.loss), x[:, 0], y[:, 0],
                    model(x).data[:, 0])


@dataclass(frozen=True)
class ChannelRun:
    """A PReLU layer fitted to channels that each need their own negative slope: the slopes it
    learned (one, or one per channel) and the loss after each step."""

    target: np.ndarray
    learned: np.ndarray
    loss: np.ndarray


def prelu_channel_run(
    target_slopes: tuple[float, ...] = (-1.0, 0.0, 0.5),
    shared: bool = True,
    steps: int = 200,
    lr: float = 0.5,
    rng: np.random.Generator | None = None,
) -> ChannelRun:
    r"""Fit ``nn.PReLU`` to :math:`y_j = \mathrm{PReLU}_{a_j}(x_j)`, one channel per target slope
    :math:`a_j`, :math:`x \sim \mathcal N(0, 1)^{256 \times C}`, by full-batch gradient descent
    (MSE) from PyTorch's initial slope 0.25.

    ``shared=True`` learns one slope for every channel (``num_parameters=1``), which can only
    settle on a compromise near the mean of the :math:`a_j`; ``shared=False`` learns one per
    channel (``num_parameters=C``) and can recover each :math:`a_j`.
    """
    target = np.asarray(target_slopes, dtype=np.float64)
    if target.ndim != 1 or target.size < 1:
        raise ValueError(f"prelu_channel_run: need a sequence of slopes, got {target_slopes!r}")
    rng = np.random.default_rng(0) if rng is None else rng
    X = rng.standard_normal((256, target.size))
    y = np.maximum(X, 0.0) + target * np.minimum(X, 0.0)
    layer = nn.PReLU(num_parameters=1 if shared else target.size, init=0.25)
    history = fit(layer, mse, X, y, SGD(layer.parameters(), lr=lr), steps=steps, progress=False)
    return ChannelRun(target, layer.weight.data.copy(), np.array(history.loss))
