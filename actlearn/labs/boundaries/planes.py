r"""Decision boundaries of small MLPs trained on the engine, over a grid of the input plane.

A classifier with logits :math:`z(x)` assigns each point of the plane the class
:math:`\arg\max_k z_k(x)`; the *decision boundary* is where that arg max changes. This module
trains ``MLP([2, width, n_classes])`` with Adam on the softmax cross-entropy and records, every
few steps, the class probabilities on a grid, so a figure can show the boundary at any number
of steps without training again. Runs are cached per setting (they are pure functions of it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from actlearn import losses, nn, optim
from actlearn.data import iris, spirals, xor
from actlearn.engine import Tensor, no_grad

DATASETS: tuple[str, ...] = ("xor", "spirals", "iris")


@dataclass(frozen=True)
class PlaneData:
    """Points in the plane with class labels, and the names a figure needs."""

    name: str
    X: np.ndarray  # (n, 2)
    y: np.ndarray  # (n,) int
    feature_names: tuple[str, str]
    class_names: tuple[str, ...]


def _frozen(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    for a in arrays:
        a.flags.writeable = False
    return arrays


@cache
def plane_data(name: str) -> PlaneData:
    """One of :data:`DATASETS`, always the same points (fixed seeds).

    ``"xor"``: 30 noisy copies of each corner of the unit square (σ = 0.15);
    ``"spirals"``: two arms of 100 points making 1.25 turns (angular noise 0.15 rad);
    ``"iris"``: sepal length and width (cm) of the 150 irises, three species.
    """
    if name == "xor":
        X, y = xor(30, noise=0.15, rng=np.random.default_rng(0))
        data = PlaneData(name, X, y, ("x₁", "x₂"), ("x₁ XOR x₂ = 0", "x₁ XOR x₂ = 1"))
    elif name == "spirals":
        X, y = spirals(200, noise=0.15, rng=np.random.default_rng(0), turns=1.25)
        data = PlaneData(name, X, y, ("x₁", "x₂"), ("arm 0", "arm 1"))
    elif name == "iris":
        table = iris()
        X = table.columns("sepal_length", "sepal_width")
        data = PlaneData(name, X, table.target, ("sepal length (cm)", "sepal width (cm)"),
                         tuple(table.target_names))
    else:
        raise ValueError(f"unknown data set {name!r}; choose one of {list(DATASETS)}")
    _frozen(data.X, data.y)
    return data


def plane_grid(
    X: np.ndarray, resolution: int = 80, margin: float = 0.15
) -> tuple[np.ndarray, np.ndarray]:
    """Axes ``(xs, ys)`` covering the points' bounding box, widened by ``margin`` of its size."""
    low, high = X.min(axis=0), X.max(axis=0)
    pad = margin * (high - low)
    xs = np.linspace(low[0] - pad[0], high[0] + pad[0], resolution)
    ys = np.linspace(low[1] - pad[1], high[1] + pad[1], resolution)
    return xs, ys


@dataclass(frozen=True)
class BoundaryRun:
    """A training run: grid probabilities and training accuracy at each recorded step.

    ``probs[i]`` has shape ``(len(ys), len(xs), n_classes)`` and belongs to ``steps[i]``
    (``steps[0] == 0``: the untrained network). ``loss[t]`` is the loss before update t + 1.
    """

    data: PlaneData
    activation: str
    width: int
    steps: tuple[int, ...]
    xs: np.ndarray
    ys: np.ndarray
    probs: np.ndarray
    accuracy: np.ndarray
    loss: np.ndarray

    def index(self, steps: int) -> int:
        """The last recorded snapshot at or before ``steps`` updates."""
        if steps < 0:
            raise ValueError(f"steps must be >= 0, got {steps}")
        return int(np.searchsorted(self.steps, steps, side="right") - 1)


#: How many runs :func:`train_boundary` keeps (the least recently used goes first). A run of the
#: default size records 0.9 MB (two classes) to 1.3 MB (iris), and lesson 08's widget can ask
#: for 300 combinations; a run trains in about 45 ms, so one that was dropped is soon redone.
RUN_CACHE_SIZE = 32


@lru_cache(maxsize=RUN_CACHE_SIZE)
def train_boundary(
    dataset: str,
    activation: str = "relu",
    width: int = 16,
    max_steps: int = 200,
    every: int = 20,
    lr: float = 0.05,
    seed: int = 0,
    resolution: int = 70,
) -> BoundaryRun:
    r"""Train ``MLP([2, width, k], activation)`` on :func:`plane_data` ``(dataset)`` with Adam
    (full batch, learning rate ``lr``) for ``max_steps`` steps, recording the grid's softmax
    probabilities and the training accuracy every ``every`` steps (cached: the
    :data:`RUN_CACHE_SIZE` most recent runs).

    Inputs are standardised with the data's mean and standard deviation,
    :math:`\tilde x = (x - \mu)/\sigma`, so one learning rate suits every data set. The
    result is cached per argument tuple and its arrays are read-only.
    """
    if width < 1 or max_steps < 0 or every < 1:
        raise ValueError(f"need width >= 1, max_steps >= 0, every >= 1; got {width}, "
                         f"{max_steps}, {every}")
    data = plane_data(dataset)
    mean, std = data.X.mean(axis=0), data.X.std(axis=0)
    X = Tensor((data.X - mean) / std)
    xs, ys = plane_grid(data.X, resolution)
    gx, gy = np.meshgrid(xs, ys)
    grid = Tensor((np.stack([gx.ravel(), gy.ravel()], axis=1) - mean) / std)
    n_classes = int(data.y.max()) + 1
    net = nn.MLP([2, width, n_classes], activation=activation, rng=np.random.default_rng(seed))
    opt = optim.Adam(net.parameters(), lr=lr)

    steps, probs, accuracy, loss_curve = [], [], [], []

    def record(step: int) -> None:
        with no_grad():
            steps.append(step)
            probs.append(net(grid).softmax().data.reshape(len(ys), len(xs), n_classes))
            accuracy.append(float(np.mean(net(X).data.argmax(axis=1) == data.y)))

    record(0)
    for step in range(1, max_steps + 1):
        loss = losses.cross_entropy(net(X), data.y)
        loss_curve.append(float(loss.data))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % every == 0 or step == max_steps:
            record(step)
    arrays = _frozen(xs, ys, np.stack(probs), np.array(accuracy), np.array(loss_curve))
    return BoundaryRun(data, activation, width, tuple(steps), *arrays)
