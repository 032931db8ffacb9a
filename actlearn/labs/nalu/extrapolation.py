r"""Can an MLP learn the identity f(x) = x and keep it outside the training range?

Following the opening experiment of Trask et al. (2018): an MLP with three hidden layers
of 8 units is trained to reproduce :math:`x \sim U(-5, 5)` and tested on
:math:`[-20, 20]`. Inside the training range every trainable activation manages; outside,
the network continues whatever its activation does for large inputs: bounded activations
flatten out (the error grows like :math:`|x|`), piecewise-linear ones continue along
straight lines (often close to the identity), periodic ones oscillate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

import actlearn as al
from actlearn import nn
from actlearn.activations.params import REQUIRED_PARAMS
from actlearn.labs.nalu.models import predict, train_many
from actlearn.parallel import run_tasks


@dataclass(frozen=True)
class IdentityFit:
    """One trained network: errors inside and outside the training range, and its curve."""

    name: str
    train_error: float
    extrapolation_error: float
    x: np.ndarray
    prediction: np.ndarray
    diverged: bool


def _mean_abs(prediction: np.ndarray, x: np.ndarray, mask: np.ndarray) -> float:
    if not np.all(np.isfinite(prediction[mask])):
        return float("inf")
    return float(np.mean(np.abs(prediction[mask] - x[mask])))


def fit_identity(name: str, rng: np.random.Generator, **options: Any) -> IdentityFit:
    """Train an MLP with activation ``name`` on y = x over ``train_range``; measure the mean
    absolute error on a grid of ``test_range``, inside and outside the training range.

    ``rng`` draws the network's weights, then the training inputs; ``options`` (the training
    and test ranges, hidden sizes, ``n_train``, ``steps``, ``lr``) as for
    :func:`fit_identities`."""
    return fit_identities(name, [rng], **options)[0]


def fit_identities(
    name: str,
    rngs: Sequence[np.random.Generator],
    train_range: tuple[float, float] = (-5.0, 5.0),
    test_range: tuple[float, float] = (-20.0, 20.0),
    hidden: Sequence[int] = (8, 8, 8),
    n_train: int = 256,
    steps: int = 400,
    lr: float = 0.01,
) -> list[IdentityFit]:
    """:func:`fit_identity` for each generator of ``rngs``, the networks trained side by side
    (:func:`actlearn.labs.nalu.models.train_many`: the same numbers as one at a time)."""
    low, high = train_range
    if not low < high:
        raise ValueError(f"fit_identity: train_range must have low < high, got {train_range}")
    f = al.activation(name, **REQUIRED_PARAMS.get(name, {}))
    spec = "prelu" if name == "prelu" else f
    nets, inputs = [], []
    for rng in rngs:
        nets.append(nn.MLP([1, *hidden, 1], activation=spec, rng=rng))
        inputs.append(rng.uniform(low, high, size=(n_train, 1)))
    runs = train_many(nets, inputs, inputs, steps, lr)
    grid = np.linspace(*test_range, 401)
    inside = (grid >= low) & (grid <= high)
    fits = []
    for net, run in zip(nets, runs, strict=True):
        prediction = predict(net, grid[:, None])[:, 0]
        fits.append(IdentityFit(name, _mean_abs(prediction, grid, inside),
                                _mean_abs(prediction, grid, ~inside), grid, prediction,
                                run.diverged))
    return fits


def _fit_task(task: tuple[str, tuple[int, ...], dict]) -> list[IdentityFit]:
    name, seeds, options = task
    return fit_identities(name, [np.random.default_rng(seed) for seed in seeds], **options)


def identity_experiment(
    names: Iterable[str] | None = None,
    seeds: Sequence[int] = (0,),
    workers: int | None = None,
    progress: bool | None = None,
    **options: object,
) -> dict[str, list[IdentityFit]]:
    """:func:`fit_identity` for each pointwise activation (all of them by default) and each
    seed, every network drawn from ``np.random.default_rng(seed)``, so results do not depend
    on the order or the number of ``workers`` (see :func:`actlearn.parallel.run_tasks`). The
    seeds of one activation train side by side (:func:`fit_identities`); the progress bar
    counts activations."""
    chosen = list(names) if names is not None else al.list_activations(kind="pointwise")
    tasks = [(name, tuple(seeds), dict(options)) for name in chosen]
    fits = run_tasks(_fit_task, tasks, workers, progress,
                     loss_of=lambda group: max(fit.extrapolation_error for fit in group))
    return {name: group for name, group in zip(chosen, fits, strict=True)}


def median_errors(fits: dict[str, list[IdentityFit]]) -> dict[str, tuple[float, float]]:
    """``{name: (median error inside, median error outside the training range)}``."""
    return {name: (float(np.median([f.train_error for f in runs])),
                   float(np.median([f.extrapolation_error for f in runs])))
            for name, runs in fits.items()}
