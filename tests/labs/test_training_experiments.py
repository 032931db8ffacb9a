"""Lesson 14's experiments on the digits, and the broken runs of its diagnosis exercise."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from actlearn.labs.training.diagnosis import PROBLEMS, SYMPTOMS, broken_run
from actlearn.labs.training.experiments import (
    RUN_CACHE_SIZE,
    Config,
    build,
    digits_split,
    run,
    runs,
)

SHORT = Config(steps=20, record_every=10, depth=3, width=16)


def test_the_digits_are_split_75_25_and_standardised_on_the_training_set() -> None:
    X_train, X_test, y_train, y_test = digits_split()
    assert X_train.shape == (1347, 64) and X_test.shape == (450, 64)
    assert len(y_train) == 1347 and set(np.unique(y_test)) == set(range(10))
    np.testing.assert_allclose(X_train.mean(axis=0), 0.0, atol=1e-12)
    assert np.all(X_train.std(axis=0) <= 1.0 + 1e-12)


@pytest.mark.parametrize(("activation", "init", "gain"), [
    ("tanh", "gain-aware", 5 / 3), ("relu", "gain-aware", math.sqrt(2)),
    ("relu", "3 × gain-aware", 3 * math.sqrt(2)), ("tanh", "gain 1", 1.0),
    ("sigmoid", "gain-aware", 1.0),
])
def test_weights_are_drawn_with_the_gain_over_root_fan_in(activation, init, gain) -> None:
    config = Config(activation=activation, init=init, width=400, depth=2)
    assert config.gain() == pytest.approx(gain)
    net = build(config)
    assert net.layers[1].weight.data.std() == pytest.approx(gain / math.sqrt(400), rel=0.02)
    assert net.layers[-1].weight.data.std() == pytest.approx(0.1 * gain / math.sqrt(400),
                                                             rel=0.05)


def test_runs_are_cached_deterministic_and_vary_one_field() -> None:
    first = run(SHORT)
    assert run(replace(SHORT)) is first
    run.cache_clear()
    again = run(SHORT)
    np.testing.assert_array_equal(first.run.loss, again.run.loss)
    assert 0.0 <= again.test_accuracy <= 1.0
    low, high = runs(SHORT, lr=(0.01, 0.1))
    np.testing.assert_allclose(high.run.update_ratio[0] - low.run.update_ratio[0], 1.0)
    with pytest.raises(ValueError, match="vary exactly one field"):
        runs(SHORT, lr=(0.1,), seed=(1,))


def test_the_run_cache_stays_within_a_hub_s_memory() -> None:
    """A full cache of default-size runs (what the dashboard fills) stays under 256 MB."""
    result = run(Config())
    record = result.run
    recorded = record.loss.nbytes + record.update_ratio.nbytes + sum(
        layer.pre.nbytes + layer.act.nbytes + layer.act_grad.nbytes for layer in record.layers)
    assert recorded > 5e6  # (what the bound is about: z, f(z) and ∂L/∂a of every record)
    assert run.cache_info().maxsize == RUN_CACHE_SIZE
    assert RUN_CACHE_SIZE * recorded < 256e6


def test_bad_configurations_are_named() -> None:
    with pytest.raises(ValueError, match="init must be one of"):
        run(replace(SHORT, init="huge"))
    with pytest.raises(ValueError, match="norm must be one of"):
        run(replace(SHORT, norm="group"))
    with pytest.raises(ValueError, match="hidden bias needs norm='none'"):
        build(replace(SHORT, norm="batch", bias=-1.0))


def test_a_diverging_run_is_reported_not_raised() -> None:
    result = run(replace(SHORT, activation="relu", init="3 × gain-aware", lr=10.0, depth=6,
                         width=64))
    assert result.run is None and math.isnan(result.test_accuracy)
    assert "smaller learning rate" in result.diverged
    step = int(result.diverged.split("at step ")[1].split(";")[0])
    before = result.before_divergence
    assert result.record is before and before.loss.shape == (step,)
    assert np.isfinite(before.loss).all()
    finished = run(SHORT)
    assert finished.record is finished.run and finished.before_divergence is None


def _stats(record):
    saturated = max((layer.saturated[-1] for layer in record.layers
                     if not math.isnan(layer.saturated[-1])), default=0.0)
    dead = max(layer.dead[-1] for layer in record.layers)
    return (record.initial_loss - record.expected_initial_loss, saturated, dead,
            float(np.median(record.update_ratio)))


@pytest.mark.parametrize("problem", PROBLEMS)
def test_each_broken_run_shows_its_symptom_and_no_other(problem) -> None:
    for variant in range(len(SYMPTOMS[problem].configs)):
        excess, saturated, dead, ratio = _stats(broken_run(problem, variant, seed=1))
        assert (excess > 5) == (problem == "overconfident initial softmax"), variant
        assert (saturated > 0.5) == (problem == "saturation"), variant
        assert (dead > 0.5) == (problem == "dead units"), variant
        if problem != "dead units":
            assert (ratio > -2.0) == (problem == "learning rate too high"), variant
            assert (ratio < -4.0) == (problem == "learning rate too low"), variant


def test_unknown_problems_are_named() -> None:
    with pytest.raises(ValueError, match="problem must be one of"):
        broken_run("exploding gradients")
