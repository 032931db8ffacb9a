r"""A small search for activation functions, after Ramachandran, Zoph & Le (2017).

Their search (reinforcement learning and exhaustive search over compositions of unary and
binary operations, each candidate trained as a ResNet-20 on CIFAR-10) found
:math:`x\,\sigma(\beta x)`, which they named Swish, among its best functions. Ours is a
sketch of the same idea at a scale that runs in seconds:

1. enumerate :func:`~actlearn.labs.custom.candidates.enumerate_candidates` (189) and keep the
   distinct, non-constant ones;
2. drop those the stability battery rejects (:func:`actlearn.activations.battery.run_battery`:
   an overflow or NaN at ±1000 or on [−20, 20]);
3. train every survivor, for each of a few seeds, as a ``[2, 8, 8, 2]`` classifier on the
   two spirals (:func:`spiral_task`) by full-batch Adam, all of them at once as one stack
   (:mod:`.members`);
4. rank by held-out accuracy averaged over seeds, then by held-out loss.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from actlearn.activations.battery import run_battery
from actlearn.data import spirals
from actlearn.labs.custom.candidates import Candidate, distinct, enumerate_candidates
from actlearn.labs.custom.members import train_members

SWISH = Candidate("x", "×", "σ(x)")  # x·σ(x): Swish with β = 1, i.e. SiLU


def spiral_task(n: int = 400, turns: float = 1.75, seed: int = 0) -> tuple[np.ndarray, ...]:
    """Two spiral arms of ``turns`` turns (angular noise 0.15), standardised, split half and
    half at random: ``(X_train, y_train, X_test, y_test)``."""
    X, y = spirals(n, noise=0.15, rng=np.random.default_rng(seed), turns=turns)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    order = np.random.default_rng(seed + 1).permutation(n)
    train, test = order[: n // 2], order[n // 2:]
    return X[train], y[train], X[test], y[test]


@dataclass(frozen=True)
class Ranked:
    """One candidate's place: its label, mean held-out accuracy and loss over the seeds,
    and how many seeds diverged."""

    candidate: Candidate
    accuracy: float
    loss: float
    diverged: int

    @property
    def label(self) -> str:
        return self.candidate.label


@dataclass(frozen=True)
class SearchResult:
    """The ranking (best first) and what was dropped on the way."""

    ranking: tuple[Ranked, ...]
    enumerated: int
    duplicates: int
    rejected: tuple[Candidate, ...]
    seeds: int

    def rank_of(self, candidate: Candidate) -> int:
        """1-based place of ``candidate`` in the ranking (ValueError if it was dropped)."""
        for place, entry in enumerate(self.ranking, start=1):
            if entry.candidate == candidate:
                return place
        raise ValueError(f"rank_of: {candidate.label} is not in the ranking (dropped)")

    def top(self, k: int = 10) -> tuple[Ranked, ...]:
        return self.ranking[:k]


def battery_passes(candidate: Candidate) -> bool:
    """Whether the candidate's value and slope pass the stability battery."""
    return run_battery(candidate, candidate.derivative).passed


def run_search(seeds: Sequence[int] = (0, 1), steps: int = 150, lr: float = 0.05,
               hidden: Sequence[int] = (8, 8)) -> SearchResult:
    """Enumerate, deduplicate, filter by the battery, train and rank (module docstring)."""
    every = enumerate_candidates()
    unique, duplicates = distinct(every)
    kept = [c for c in unique if battery_passes(c)]
    rejected = tuple(c for c in unique if c not in kept)
    run = train_members([c.value_and_slope for c in kept], spiral_task(), hidden=hidden,
                        steps=steps, lr=lr, seeds=tuple(seeds))
    per = len(seeds)
    entries = []
    for i, c in enumerate(kept):
        block = slice(i * per, (i + 1) * per)
        failed = int(run.diverged[block].sum())
        accuracy = float(np.nanmean(run.accuracy[block])) if failed < per else 0.0
        loss = float(np.nanmean(np.where(run.diverged[block], np.nan, run.test_loss[block]))
                     ) if failed < per else np.inf
        entries.append(Ranked(c, accuracy, loss, failed))
    entries.sort(key=lambda e: (e.diverged > 0, -e.accuracy, e.loss))
    return SearchResult(tuple(entries), len(every), duplicates, rejected, per)


@cache
def default_search() -> SearchResult:
    """:func:`run_search` with its defaults, run once per session (lesson 15 and its widget
    share it; the result is immutable)."""
    return run_search()
