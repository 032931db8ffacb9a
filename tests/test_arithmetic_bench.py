"""The arithmetic experiments of lesson 11, on tiny configurations."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from actlearn import nn
from actlearn.arithmetic_bench import (
    BenchConfig,
    baseline,
    data,
    fit_model,
    format_scores,
    run_benchmark,
)
from actlearn.arithmetic_models import (
    Stack,
    build_model,
    gate_profile,
    mse,
    nalu_gates,
    predict,
    train,
)
from actlearn.extrapolation import fit_identity, identity_experiment, median_errors
from actlearn.parallel import run_tasks

TINY = BenchConfig(ops=("add", "mul"), models=("relu", "NAU", "NMU"), seeds=(0, 1),
                   n_train=32, n_test=50, unit_steps=150, mlp_steps=30)


def test_build_model_makes_every_kind_and_rejects_unknown_ones() -> None:
    rng = np.random.default_rng(0)
    for kind in ("relu", "tanh", "NAC", "NALU", "NAU", "NMU", "NALU-1"):
        assert predict(build_model(kind, 2, rng), np.ones((3, 2))).shape == (3, 1)
    assert isinstance(build_model("NMU", 2, rng).layers[1], nn.NMU)
    with pytest.raises(ValueError, match="unknown model kind 'nalu'"):
        build_model("nalu", 2, rng)


def test_nau_learns_subtraction_exactly_and_extrapolates() -> None:
    config = BenchConfig(n_train=64, n_test=100)
    model, run = fit_model("NAU", "sub", 0, config)
    assert run.extrapolation < 1e-9 and not run.diverged
    first, second = (layer.weight.data for layer in model.layers)
    np.testing.assert_allclose(first @ second, [[1.0], [-1.0]], atol=1e-6)


def test_train_reports_divergence_instead_of_raising() -> None:
    class Exploding(nn.Module):
        def __init__(self) -> None:
            self.w = nn.Linear(1, 1, rng=np.random.default_rng(0))

        def forward(self, x):
            return (self.w(x) * 1000.0).exp()

    result = train(Exploding(), np.full((4, 1), 10.0), np.ones((4, 1)), steps=5, lr=0.1)
    assert result.diverged and result.steps == 0
    assert math.isinf(mse(Exploding(), np.full((4, 1), 10.0), np.ones((4, 1))))
    with pytest.raises(ValueError, match="steps must be at least 1"):
        train(Exploding(), np.ones((1, 1)), np.ones((1, 1)), steps=0, lr=0.1)


def test_benchmark_normalises_to_the_untrained_relu_mlp_and_ignores_workers() -> None:
    serial = run_benchmark(TINY, workers=1, progress=False)
    assert len(serial.runs) == 3 * 2 * 2
    interp, extrap = baseline("mul", TINY)
    _, _, Xi, yi, Xe, ye = data("mul", 0, TINY)
    assert serial.baselines["mul"] == (interp, extrap)
    run = next(r for r in serial.runs if (r.model, r.op, r.seed) == ("NMU", "mul", 1))
    assert serial.scores("NMU", "mul")[1] == pytest.approx(100 * run.extrapolation / extrap)
    assert 0.0 <= serial.success_rate("NAU", "add") <= 1.0
    parallel = run_benchmark(TINY, workers=2, progress=False)
    assert parallel.runs == serial.runs


def test_format_scores_has_one_row_per_model_and_success_rates() -> None:
    result = run_benchmark(BenchConfig(ops=("add",), models=("NAU",), seeds=(0,), n_train=32,
                                       n_test=20, unit_steps=100), workers=1, progress=False)
    lines = format_scores(result).splitlines()
    assert lines[0].split() == ["model", "a", "+", "b"]
    assert lines[1].startswith("NAU") and lines[1].endswith("[100%]")
    assert "[" not in format_scores(result, "interpolation")


def test_config_rejects_unknown_ops_and_empty_seeds() -> None:
    with pytest.raises(ValueError, match="unknown ops"):
        BenchConfig(ops=("pow",))
    with pytest.raises(ValueError, match="at least one seed"):
        BenchConfig(seeds=())


def test_nalu_gate_is_one_half_at_the_origin_and_read_per_layer() -> None:
    model = build_model("NALU", 2, np.random.default_rng(0))
    gates = nalu_gates(model, np.ones((5, 2)))
    assert [g.shape for g in gates] == [(5, 2), (5, 1)]
    single = build_model("NALU-1", 2, np.random.default_rng(0))
    np.testing.assert_allclose(gate_profile(single, np.zeros(3), 2), 0.5)
    with pytest.raises(ValueError, match="no NALU layer"):
        gate_profile(Stack(nn.NAU(2, 1)), np.ones(2), 2)


def test_identity_fits_inside_and_bounded_activations_fail_outside() -> None:
    fit = fit_identity("tanh", np.random.default_rng(0), steps=150, lr=0.03)
    assert fit.train_error < 0.5
    assert fit.extrapolation_error > 3.0  # tanh flattens: |x| up to 20 is out of reach
    assert np.all(np.abs(fit.prediction[fit.x > 10]) < 12)
    fits = identity_experiment(["linear", "tanh"], seeds=(0, 1), workers=1, progress=False,
                               steps=100, lr=0.03)
    assert [f.name for f in fits["linear"]] == ["linear", "linear"]
    medians = median_errors(fits)
    assert medians["linear"][1] < medians["tanh"][1]


def test_run_tasks_keeps_task_order_and_validates_workers() -> None:
    assert run_tasks(abs, [-3, 1, -2], workers=2, progress=False) == [3, 1, 2]
    # a pool that finishes nothing within the stall timeout is abandoned for a serial run
    assert run_tasks(time.sleep, [0.2, 0.2], workers=2, progress=False,
                     stall_timeout=0.01) == [None, None]
    with pytest.raises(ValueError, match="workers must be a positive int"):
        run_tasks(abs, [1], workers=0)
