"""``fit``: the training loop, with a history for plots and a guard against divergence."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from actlearn.engine import Tensor
from actlearn.optim import Optimizer
from actlearn.progress import Progress, Reporter


class DivergenceError(FloatingPointError):
    """The loss became NaN or infinite during training."""


@dataclass
class History:
    """What :func:`fit` recorded: the loss after each step, and the callback's records."""

    loss: list[float] = field(default_factory=list)
    epoch: list[int] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def steps(self) -> int:
        return len(self.loss)

    def epoch_loss(self) -> list[float]:
        """The mean step loss of each epoch."""
        epochs = np.asarray(self.epoch)
        losses = np.asarray(self.loss)
        return [float(losses[epochs == e].mean()) for e in np.unique(epochs)]


def _batches(n: int, batch_size: int, total: int, rng: np.random.Generator) -> Any:
    """(epoch, indices) for ``total`` steps; a fresh shuffle each epoch (None: the full batch)."""
    step = epoch = 0
    while True:
        order = None if batch_size >= n else rng.permutation(n)
        for start in range(0, n, batch_size):
            if step == total:
                return
            yield epoch, None if order is None else order[start : start + batch_size]
            step += 1
        epoch += 1


def fit(
    model: Callable[[Tensor], Tensor],
    loss_fn: Callable[[Tensor, Any], Tensor],
    X: Any,
    y: Any,
    optimizer: Optimizer,
    *,
    epochs: int | None = None,
    steps: int | None = None,
    batch_size: int | None = None,
    rng: np.random.Generator | None = None,
    callback: Callable[[int, float], Mapping[str, Any] | None] | None = None,
    progress: bool | Reporter | None = None,
) -> History:
    r"""Train ``model`` by mini-batch gradient descent on the loss of each batch B,
    :math:`J(\theta) = \text{loss\_fn}(\text{model}(X_B), y_B)`; the optimizer moves θ
    against :math:`\nabla_\theta J` (for SGD: :math:`\theta \leftarrow \theta - \alpha
    \nabla_\theta J`).

    Give ``epochs`` (passes over the data, reshuffled with ``rng`` each time) or ``steps``
    (updates). ``batch_size=None`` uses the whole data set every step. ``callback(step, loss)``
    runs after each update; a mapping it returns is stored in ``history.records`` with the
    step. ``progress``: see :mod:`actlearn.progress` (automatic: a bar in notebooks for loops
    longer than a second).

    A NaN or infinite loss stops training with :class:`DivergenceError` before the update, so
    the parameters keep their last finite values.
    """
    X = np.asarray(X.data if isinstance(X, Tensor) else X, dtype=np.float64)
    y = np.asarray(y.data if isinstance(y, Tensor) else y)
    n = len(X)
    if len(y) != n:
        raise ValueError(f"fit: X has {n} rows but y has {len(y)}")
    if (epochs is None) == (steps is None):
        raise ValueError("fit: give exactly one of epochs= or steps=")
    count = epochs if epochs is not None else steps
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"fit: epochs/steps must be a positive int, got {count!r}")
    batch_size = n if batch_size is None else batch_size
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"fit: batch_size must be a positive int, got {batch_size!r}")
    per_epoch = math.ceil(n / batch_size)
    total = count * per_epoch if epochs is not None else count
    rng = np.random.default_rng(0) if rng is None else rng

    history = History()
    display = Progress(progress, total)
    start = time.perf_counter()
    full_X = Tensor(X)
    value = math.nan
    step = 0
    try:
        for step, (epoch, idx) in enumerate(_batches(n, batch_size, total, rng), start=1):
            xb, yb = (full_X, y) if idx is None else (Tensor(X[idx]), y[idx])
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                loss = loss_fn(model(xb), yb)
                value = float(loss.data)
                if not math.isfinite(value):
                    raise DivergenceError(
                        f"the loss became {value} at step {step} of {total} (epoch {epoch + 1}); "
                        f"training stopped. Try a smaller learning rate (lr="
                        f"{getattr(optimizer, 'lr', '?')})."
                    )
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            history.loss.append(value)
            history.epoch.append(epoch)
            if callback is not None:
                record = callback(step, value)
                if record is not None:
                    history.records.append({"step": step, **record})
            display.update(step, value)
    finally:
        history.seconds = time.perf_counter() - start
        display.close(step, value)
    return history
