"""Arithmetic units, SIREN layers and attention: formulas, initialisation, gradients."""

import numpy as np
import pytest

import actlearn as al
from actlearn import Tensor, gradcheck, nn


def rng(seed=0):
    return np.random.default_rng(seed)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_nac_weight_and_output():
    nac = nn.NAC(3, 2, rng=rng())
    w = np.tanh(nac.w_hat.data) * sigmoid(nac.m_hat.data)
    x = rng(1).normal(size=(4, 3))
    np.testing.assert_allclose(nac(x).data, x @ w, rtol=1e-12)
    assert np.all(np.abs(nac.weight().data) < 1)


def test_nalu_follows_the_paper():
    unit = nn.NALU(2, 3, eps=1e-7, rng=rng())
    x = rng(1).normal(size=(5, 2))
    w = np.tanh(unit.nac.w_hat.data) * sigmoid(unit.nac.m_hat.data)
    g = sigmoid(x @ unit.gate_weight.data)
    m = np.exp(np.log(np.abs(x) + 1e-7) @ w)
    np.testing.assert_allclose(unit(x).data, g * (x @ w) + (1 - g) * m, rtol=1e-12)
    np.testing.assert_allclose(unit.gate(x).data, g)
    assert {name for name, _ in unit.named_parameters()} == {
        "nac.w_hat", "nac.m_hat", "gate_weight"}


def test_nalu_with_ideal_weights_multiplies_and_adds():
    unit = nn.NALU(2, 1, rng=rng())
    unit.nac.w_hat.data[:] = 20.0  # tanh -> 1
    unit.nac.m_hat.data[:] = 20.0  # sigmoid -> 1
    x = np.array([[3.0, 4.0], [10.0, 0.5]])
    unit.gate_weight.data[:] = -50.0  # gate closed: the multiplying path
    np.testing.assert_allclose(unit(x).data[:, 0], [12.0, 5.0], rtol=1e-6)
    unit.gate_weight.data[:] = 50.0  # gate open: the adding path
    np.testing.assert_allclose(unit(x).data[:, 0], [7.0, 10.5], rtol=1e-6)


def test_nalu_gradients_and_eps_validation():
    unit = nn.NALU(2, 2, rng=rng())
    x = rng(2).uniform(0.5, 2.0, size=(3, 2))
    assert gradcheck(lambda *ps: unit(x).sum(), *unit.parameters(), atol=1e-7, rtol=1e-6)
    with pytest.raises(ValueError, match="eps"):
        nn.NALU(2, 2, eps=0.0)


def test_nau_init_forward_regularizer_and_clamp():
    unit = nn.NAU(4, 3, rng=rng())
    assert np.abs(unit.weight.data).max() <= 0.5
    x = rng(1).normal(size=(2, 4))
    np.testing.assert_allclose(unit(x).data, x @ unit.weight.data)
    unit.weight.data[:] = [[1.0, 0.0, -1.0]] * 4
    assert unit.regularizer().item() == 0.0
    unit.weight.data[0, 0] = 0.5
    assert unit.regularizer().item() == pytest.approx(0.5 / 12)
    unit.weight.data[1, 1] = 1.7
    unit.clamp_weights()
    assert unit.weight.data[1, 1] == 1.0


def test_nmu_multiplies_selected_inputs():
    unit = nn.NMU(3, 2, rng=rng())
    assert np.all((unit.weight.data >= 0.25) & (unit.weight.data <= 0.75))
    unit.weight.data[:] = [[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]
    x = np.array([[2.0, 3.0, 5.0], [-1.0, 4.0, 0.5]])
    np.testing.assert_allclose(unit(x).data, [[6.0, 15.0], [-4.0, 2.0]])
    assert unit.regularizer().item() == 0.0


def test_nmu_matches_its_formula_and_gradients():
    unit = nn.NMU(3, 2, rng=rng())
    x = rng(3).normal(size=(4, 3))
    w = unit.weight.data
    expected = np.prod(x[:, :, None] * w + 1 - w, axis=1)
    np.testing.assert_allclose(unit(x).data, expected, rtol=1e-12)
    xt = Tensor(x, requires_grad=True)
    assert gradcheck(lambda a, b: nn_forward(unit, a, b).sum(), xt, unit.weight,
                     atol=1e-7, rtol=1e-6)
    with pytest.raises(ValueError, match=r"\(N, 3\)"):
        unit(np.ones((2, 4)))


def nn_forward(unit, x, weight):
    return unit(x)


def test_siren_initialisation_bounds():
    first = nn.Siren(2, 500, omega_0=30.0, is_first=True, rng=rng())
    assert np.abs(first.weight.data).max() <= 1 / 2
    assert np.abs(first.weight.data).max() > 0.45
    hidden = nn.Siren(256, 256, omega_0=30.0, rng=rng())
    limit = np.sqrt(6 / 256) / 30
    assert np.abs(hidden.weight.data).max() <= limit
    assert np.abs(hidden.weight.data).max() > 0.95 * limit
    assert np.abs(hidden.bias.data).max() <= 1 / 16


def test_siren_forward_uses_sin_of_omega_z():
    layer = nn.Siren(3, 4, omega_0=30.0, rng=rng())
    x = rng(1).normal(size=(5, 3))
    z = x @ layer.weight.data + layer.bias.data
    np.testing.assert_allclose(layer(x).data, np.sin(30.0 * z), rtol=1e-12)
    assert gradcheck(lambda w, b: layer(x).sum(), layer.weight, layer.bias, atol=1e-6, rtol=1e-5)


def test_siren_keeps_activations_spread_through_depth():
    r = rng(7)
    layers = [nn.Siren(1, 128, is_first=True, rng=r)] + [nn.Siren(128, 128, rng=r)
                                                         for _ in range(5)]
    h = Tensor(np.linspace(-1, 1, 2000).reshape(-1, 1))
    for layer in layers:
        h = layer(h)
    assert 0.6 < h.data.std() < 0.8  # the arcsine distribution on [-1, 1] has std 1/sqrt(2)


def test_attention_matches_a_numpy_reference():
    r = rng(0)
    q, k, v = r.normal(size=(2, 3, 4)), r.normal(size=(2, 5, 4)), r.normal(size=(2, 5, 6))
    out, weights = nn.scaled_dot_product_attention(q, k, v)
    expected_w = al.softmax(q @ k.transpose(0, 2, 1) / 2.0)
    np.testing.assert_allclose(weights.data, expected_w, rtol=1e-12)
    np.testing.assert_allclose(out.data, expected_w @ v, rtol=1e-12)
    np.testing.assert_allclose(weights.data.sum(-1), 1.0)


def test_attention_mask_zeroes_weights_and_gradients():
    r = rng(1)
    q = Tensor(r.normal(size=(3, 2)), requires_grad=True)
    k = Tensor(r.normal(size=(3, 2)), requires_grad=True)
    v = Tensor(r.normal(size=(3, 2)), requires_grad=True)
    causal = np.tril(np.ones((3, 3), dtype=bool))
    out, weights = nn.scaled_dot_product_attention(q, k, v, mask=causal)
    assert np.all(weights.data[~causal] == 0.0)
    np.testing.assert_allclose(out.data[0], v.data[0])
    out.sum().backward()
    assert np.all(np.isfinite(q.grad)) and np.all(np.isfinite(k.grad))
    np.testing.assert_allclose(v.grad[2], [weights.data[2, 2]] * 2)  # only query 2 sees key 2


def test_attention_gradients_pass_gradcheck():
    r = rng(2)
    q, k, v = (Tensor(r.normal(size=(3, 4)), requires_grad=True) for _ in range(3))
    mask = np.array([[True, False, True]])

    def attend(q, k, v):
        return nn.scaled_dot_product_attention(q, k, v, mask=mask)[0]

    assert gradcheck(attend, q, k, v, atol=1e-7, rtol=1e-6)


def test_attention_bad_input():
    x = np.ones((2, 3))
    with pytest.raises(ValueError, match="d_k"):
        nn.scaled_dot_product_attention(x, np.ones((2, 4)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="T_k"):
        nn.scaled_dot_product_attention(x, x, np.ones((3, 3)))
    with pytest.raises(TypeError, match="boolean"):
        nn.scaled_dot_product_attention(x, x, x, mask=np.ones((2, 2)))
    with pytest.raises(ValueError, match="hides every key"):
        nn.scaled_dot_product_attention(x, x, x, mask=np.array([[True, True], [False, False]]))
    with pytest.raises(ValueError, match="does not broadcast"):
        nn.scaled_dot_product_attention(x, x, x, mask=np.ones((3, 3), dtype=bool))
