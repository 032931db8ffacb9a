"""The arithmetic experiments of lesson 11, on tiny configurations."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from actlearn import losses, nn, optim
from actlearn.engine import Tensor
from actlearn.labs.nalu.bench import (
    BenchConfig,
    baseline,
    data,
    fit_model,
    fit_models,
    format_scores,
    model_rng,
    run_benchmark,
    score_class,
)
from actlearn.labs.nalu.extrapolation import (
    fit_identities,
    fit_identity,
    identity_experiment,
    median_errors,
)
from actlearn.labs.nalu.models import (
    Stack,
    Training,
    build_model,
    default_lr,
    gate_profile,
    mse,
    nalu_gates,
    predict,
    train,
    train_many,
)
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


class Exploding(nn.Module):
    """exp(1000 · (wx + b)): overflows to inf for inputs of size 10, tame near 0."""

    def __init__(self) -> None:
        self.w = nn.Linear(1, 1, rng=np.random.default_rng(0))

    def forward(self, x):
        return (self.w(x) * 1000.0).exp()


def plain_train(model: nn.Module, X: np.ndarray, y: np.ndarray, steps: int, lr: float,
                regulariser: float = 0.01, tolerance: float = 1e-12) -> Training:
    """The training loop of the module docstring for one model, written out plainly."""
    optimizer = optim.Adam(model.parameters(), lr=lr)
    layers = getattr(model, "layers", [])
    constrained = [layer for layer in layers if hasattr(layer, "clamp_weights")]
    value = float("nan")
    for step in range(1, steps + 1):
        with np.errstate(all="ignore"):
            loss = losses.mse(model(Tensor(X)), y)
            value = float(loss.data)
            if not np.isfinite(value) or value < tolerance:
                return Training(step - 1, value, diverged=not np.isfinite(value))
            if constrained and step > steps // 2:
                weight = regulariser * (step - steps // 2) / (steps - steps // 2)
                for layer in constrained:
                    loss = loss + weight * layer.regularizer()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        for layer in constrained:
            layer.clamp_weights()
    return Training(steps, value, diverged=False)


@pytest.mark.parametrize("kind", ["NAU", "NMU", "NALU", "relu"])
def test_training_side_by_side_gives_the_one_by_one_results_bit_for_bit(kind: str) -> None:
    # add/sub stop early (at the tolerance) on some seeds, mul/div run to the end: frozen
    # members must keep their values while the others go on.
    config = BenchConfig(n_train=48, unit_steps=400, mlp_steps=60)
    cases = [(op, seed) for op in ("add", "sub", "mul", "div") for seed in (0, 1, 2)]
    sets = [data(op, seed, config) for op, seed in cases]

    def fresh() -> list[nn.Module]:
        return [build_model(kind, 2, model_rng(kind, seed)) for _, seed in cases]

    alone, together = fresh(), fresh()
    expected = [plain_train(m, X, y, config.steps(kind), default_lr(kind))
                for m, (X, y, *_) in zip(alone, sets, strict=True)]
    got = train_many(together, [s[0] for s in sets], [s[1] for s in sets],
                     config.steps(kind), default_lr(kind))
    assert got == expected
    if kind in ("NAU", "NMU"):
        assert len({run.steps for run in got}) > 1  # the members did stop at different steps
    for a, b in zip(alone, together, strict=True):
        for p, q in zip(a.parameters(), b.parameters(), strict=True):
            np.testing.assert_array_equal(p.data, q.data)


def test_a_diverging_member_is_frozen_and_the_others_train_on() -> None:
    X = [np.array([[10.0], [-10.0], [10.0], [-10.0]]), np.full((4, 1), 0.001)]
    y = [np.ones((4, 1)), np.full((4, 1), 2.0)]
    models, reference = [Exploding(), Exploding()], Exploding()
    start = models[0].w.weight.data.copy()
    runs = train_many(models, X, y, steps=20, lr=0.05)
    assert runs[0].diverged and runs[0].steps == 0
    np.testing.assert_array_equal(models[0].w.weight.data, start)
    assert runs[1] == plain_train(reference, X[1], y[1], steps=20, lr=0.05)
    assert not runs[1].diverged and runs[1].steps == 20
    np.testing.assert_array_equal(models[1].w.weight.data, reference.w.weight.data)


def test_train_many_names_mismatched_inputs() -> None:
    rng = np.random.default_rng(0)
    models = [nn.Linear(2, 1, rng=rng) for _ in range(2)]
    with pytest.raises(ValueError, match="got 2 models, 1 inputs and 2 targets"):
        train_many(models, [np.ones((3, 2))], [np.ones((3, 1))] * 2, steps=1, lr=0.1)
    with pytest.raises(ValueError, match=r"inputs must all be 2-d arrays of one shape .*\(4, 2\)"):
        train_many(models, [np.ones((3, 2)), np.ones((4, 2))], [np.ones((3, 1))] * 2, steps=1,
                   lr=0.1)
    with pytest.raises(ValueError, match="group binary and unary ops separately"):
        fit_models("NAU", [("add", 0), ("sqrt", 0)], BenchConfig())


def test_train_reports_divergence_instead_of_raising() -> None:
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
    assert [(r.model, r.op, r.seed) for r in serial.runs] == [
        (m, op, s) for m in TINY.models for op in TINY.ops for s in TINY.seeds]
    alone = fit_model("NMU", "mul", 1, TINY)[1]
    assert alone == run


def test_format_scores_has_one_row_per_model_and_success_rates() -> None:
    result = run_benchmark(BenchConfig(ops=("add",), models=("NAU",), seeds=(0,), n_train=32,
                                       n_test=20, unit_steps=100), workers=1, progress=False)
    lines = format_scores(result).splitlines()
    assert lines[0].split() == ["model", "a", "+", "b"]
    assert lines[1].startswith("NAU") and lines[1].endswith("[1/1]")
    assert score_class(result.median("NAU", "add", "extrapolation")) in lines[1]
    assert "[" not in format_scores(result, "interpolation")


@pytest.mark.parametrize(("value", "name"), [
    (0.0, "0"), (1e-300, "< 1e-6"), (9.99e-7, "< 1e-6"), (1e-6, "< 0.1"), (0.0999, "< 0.1"),
    (0.1, "< 10"), (9.99, "< 10"), (10.0, ">= 10"), (1e300, ">= 10"), (np.inf, "inf"),
    (np.nan, "inf"),
])
def test_score_classes_have_closed_lower_ends(value: float, name: str) -> None:
    assert score_class(value) == name


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
    together = fit_identities("tanh", [np.random.default_rng(s) for s in (0, 1)], steps=100,
                              lr=0.03)
    assert [f.train_error for f in together] == [f.train_error for f in fits["tanh"]]
    np.testing.assert_array_equal(together[0].prediction, fit_identity(
        "tanh", np.random.default_rng(0), steps=100, lr=0.03).prediction)


def test_run_tasks_keeps_task_order_and_validates_workers() -> None:
    assert run_tasks(abs, [-3, 1, -2], workers=2, progress=False) == [3, 1, 2]
    # a pool that finishes nothing within the stall timeout is abandoned for a serial run
    assert run_tasks(time.sleep, [0.2, 0.2], workers=2, progress=False,
                     stall_timeout=0.01) == [None, None]
    with pytest.raises(ValueError, match="workers must be a positive int"):
        run_tasks(abs, [1], workers=0)
