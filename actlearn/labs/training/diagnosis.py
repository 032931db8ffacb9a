"""Recorded runs with one thing wrong each, for lesson 14's diagnosis exercise.

Each :data:`SYMPTOMS` entry is a problem, the run configurations that show it (one per
activation, trained 150 steps on the digits by :func:`~actlearn.labs.training.experiments.run`)
and the fixes that address it. The statistics that tell them apart, measured on these runs:

* overconfident initial softmax: the loss at step 0 is far above log C (about 13–20 against
  2.30), because the last layer's weights are ten times too large;
* dead units: some layer's dead fraction is 1 (hidden biases of −1 switch ReLU units off for
  every input), so its weights get no gradient (update ratio −∞);
* saturation: most tanh outputs sit beyond ±0.97 (weights three times the gain-aware scale);
* learning rate too high or too low: the median update ratio is about −1.5 or −5, where the
  healthy runs sit between −3 and −2.3.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from actlearn.labs.training.experiments import Config, run
from actlearn.labs.training.instrument import TrainingRun

#: Every fix the exercise offers, as the learner writes it.
FIXES = (
    "nothing",
    "scale down the last layer",
    "gain-aware initialisation",
    "normalisation layers",
    "lower the learning rate",
    "raise the learning rate",
    "leaky activation",
)


@dataclass(frozen=True)
class Symptom:
    """A problem: its runs (one base config per activation) and the fixes accepted for it."""

    problem: str
    configs: tuple[Config, ...]
    fixes: tuple[str, ...]


_BASE = Config(steps=150)
SYMPTOMS: dict[str, Symptom] = {s.problem: s for s in (
    Symptom("healthy", (_BASE, replace(_BASE, activation="relu")), ("nothing",)),
    Symptom("saturation", (replace(_BASE, init="3 × gain-aware"),),
            ("gain-aware initialisation", "normalisation layers")),
    Symptom("dead units", (replace(_BASE, activation="relu", bias=-1.0),),
            ("leaky activation", "normalisation layers")),
    Symptom("learning rate too high",
            (replace(_BASE, norm="batch", lr=3.0),
             replace(_BASE, activation="relu", norm="batch", lr=3.0)),
            ("lower the learning rate",)),
    Symptom("learning rate too low",
            (replace(_BASE, lr=0.001), replace(_BASE, activation="relu", lr=0.001)),
            ("raise the learning rate",)),
    Symptom("overconfident initial softmax", (replace(_BASE, last_scale=10.0),),
            ("scale down the last layer",)),
)}
PROBLEMS = tuple(SYMPTOMS)


def broken_run(problem: str, variant: int = 0, seed: int = 0) -> TrainingRun:
    """The recorded run of ``problem``'s ``variant``-th config (cycling) trained with ``seed``.

    >>> broken_run("overconfident initial softmax").initial_loss > 10
    True
    """
    if problem not in SYMPTOMS:
        raise ValueError(f"broken_run: problem must be one of {list(PROBLEMS)}, got {problem!r}")
    configs = SYMPTOMS[problem].configs
    result = run(replace(configs[variant % len(configs)], seed=seed))
    if result.run is None:  # not for these configs: tested
        raise RuntimeError(f"broken_run: {problem!r} diverged ({result.diverged})")
    return result.run
