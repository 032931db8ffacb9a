"""Lesson 15's labs: stacked members with their own activations, the side-by-side
measurements, the candidate space and the search."""

from __future__ import annotations

import numpy as np
import pytest

import actlearn as al
from actlearn import nn
from actlearn.activations import registry
from actlearn.engine import Tensor
from actlearn.labs.custom import candidates as cand
from actlearn.labs.custom import flow, members, search


def _pair(name: str):
    return members.as_pair(al.activation(name))


def test_member_activation_applies_each_members_own_function_and_slope() -> None:
    h = Tensor(np.random.default_rng(0).normal(size=(4, 5, 3)), requires_grad=True)
    pairs = [_pair(n) for n in ("relu", "tanh")]
    out, slope = members.member_activation(h, members.per_member(pairs, copies=2))
    out.sum().backward()
    for b, name in enumerate(["relu", "relu", "tanh", "tanh"]):
        f = al.activation(name)
        np.testing.assert_array_equal(out.data[b], f(h.data[b]))
        np.testing.assert_array_equal(h.grad[b], f.derivative(h.data[b]))
        np.testing.assert_array_equal(slope[b], f.derivative(h.data[b]))


def test_member_cross_entropy_matches_the_engine_loss_per_member() -> None:
    rng = np.random.default_rng(1)
    logits = Tensor(rng.normal(size=(3, 6, 4)), requires_grad=True)
    labels = rng.integers(0, 4, 6)
    per = members.member_cross_entropy(logits, labels)
    per.sum().backward()
    for b in range(3):
        single = Tensor(logits.data[b].copy(), requires_grad=True)
        loss = al.losses.cross_entropy(single, labels)
        loss.backward()
        assert per.data[b] == pytest.approx(loss.item(), rel=1e-12)
        np.testing.assert_allclose(logits.grad[b], single.grad, rtol=1e-10, atol=1e-15)


def test_a_stacked_member_trains_like_the_same_mlp_alone() -> None:
    X, y, Xt, yt = search.spiral_task(n=60)
    run = members.train_members([al.activation("tanh")], (X, y, Xt, yt), hidden=(5,),
                                steps=15, lr=0.05, seeds=(3,))
    net = nn.MLP([2, 5, 2], activation="tanh", init="xavier", rng=np.random.default_rng(3))
    opt = al.optim.Adam(net.parameters(), lr=0.05)
    for _ in range(15):
        loss = al.losses.cross_entropy(net(X), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    with al.no_grad():
        accuracy = float(np.mean(net(Xt).data.argmax(axis=1) == yt))
        train_loss = al.losses.cross_entropy(net(X), y).item()
    assert run.accuracy[0] == pytest.approx(accuracy)
    assert run.train_loss[0] == pytest.approx(train_loss, rel=1e-9)


def test_a_diverging_member_is_stopped_and_does_not_spoil_the_others() -> None:
    X, y, Xt, yt = search.spiral_task(n=60)
    data = (X * 1e30, y, Xt * 1e30, yt)  # x⁴ of x⁴ of 1e30 overflows to inf, then NaN
    blow_up = cand.Candidate("x²", "×", "x²")
    run = members.train_members([blow_up.value_and_slope, _pair("tanh")], data, hidden=(8, 8),
                                steps=5, lr=0.01, seeds=(0,))
    assert run.diverged[0] and np.isnan(run.accuracy[0])
    assert not run.diverged[1] and np.isfinite(run.train_loss[1])


def test_blocked_and_dead_count_units_that_pass_no_gradient() -> None:
    slopes = [np.array([[[0.0, 1.0, 0.005], [0.0, 0.0, 1.0]]])]  # 1 member, 2 samples, 3 units
    blocked, dead = members.blocked_and_dead(slopes)
    assert blocked[0] == pytest.approx(4 / 6) and dead[0] == pytest.approx(1 / 3)


def test_candidates_values_and_slopes_follow_the_chain_rule() -> None:
    z = np.linspace(-3, 3, 61) + 0.013
    for c in cand.enumerate_candidates():
        if "exp" in c.label:
            continue
        value, slope = c.value_and_slope(z)
        h = 1e-6
        numeric = (c(z + h) - c(z - h)) / (2 * h)
        np.testing.assert_allclose(slope, numeric, rtol=1e-5, atol=1e-6, err_msg=c.label)
        f = al.symbolic.lambdify(c.expr())
        np.testing.assert_allclose(value, f(z), rtol=1e-12, atol=1e-12, err_msg=c.label)


def test_the_space_has_189_candidates_and_dedupes_equal_functions() -> None:
    every = cand.enumerate_candidates()
    assert len(every) == 9 + 4 * 45
    unique, dropped = cand.distinct(every)
    labels = [c.label for c in unique]
    assert "x" in labels and "min(x, x)" not in labels and "x · x" not in labels
    assert dropped == len(every) - len(unique) > 0
    assert len({cand.signature(c) for c in unique}) == len(unique)


def test_the_battery_drops_candidates_that_overflow() -> None:
    assert not search.battery_passes(cand.Candidate("exp(x)"))
    assert not search.battery_passes(cand.Candidate("x", "×", "exp(x)"))
    assert search.battery_passes(search.SWISH)
    assert search.battery_passes(cand.Candidate("max(x, 0)", "min", "sin(x)"))


def test_a_small_search_ranks_every_survivor_once() -> None:
    result = search.run_search(seeds=(0,), steps=5, hidden=(4,))
    assert result.enumerated == 189
    assert len(result.ranking) + result.duplicates + len(result.rejected) == 189
    assert all(not search.battery_passes(c) for c in result.rejected)
    accuracies = [e.accuracy for e in result.ranking if not e.diverged]
    assert accuracies == sorted(accuracies, reverse=True)
    assert 1 <= result.rank_of(search.SWISH) <= len(result.ranking)
    with pytest.raises(ValueError, match="dropped"):
        result.rank_of(cand.Candidate("exp(x)"))


def test_flow_measures_a_defined_activation_beside_builtins() -> None:
    al.define_activation("lab_swish", "x * sigmoid(x)")
    try:
        table = flow.property_table(["silu", "lab_swish"])
        rows = [line.split() for line in table.splitlines()[2:]]
        assert rows[0][1:] == rows[1][1:] and "E[f(z)]" in table
        ratios = flow.flow_ratios(["silu", "lab_swish"], depth=5)
        np.testing.assert_allclose(ratios["silu"], ratios["lab_swish"], rtol=1e-9)
        result = flow.train_on_digits(["relu", "lab_swish"], seeds=(0,), steps=3, hidden=8)
        assert result.names == ("relu", "lab_swish") and result.accuracy.shape == (2,)
        assert result.dead_start[1] == 0.0 and 0.0 <= result.blocked_end[0] <= 1.0
    finally:
        registry.unregister("lab_swish")


def test_digits_task_splits_all_images_once() -> None:
    X, y, Xt, yt = flow.digits_task(n_train=1000)
    assert X.shape == (1000, 64) and Xt.shape == (797, 64) and X.max() <= 1.0
