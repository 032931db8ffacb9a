"""BatchNorm1d, LayerNorm and calculate_gain against PyTorch in float64.

PyTorch defines the conventions (biased variance to normalise, unbiased for the running
estimate, momentum weighting the new batch), so its modules are the reference. Skipped when
torch is not installed (``pip install torch``).
"""

from __future__ import annotations

import numpy as np
import pytest

from actlearn import Tensor, nn

torch = pytest.importorskip("torch")

TOL = {"rtol": 1e-12, "atol": 1e-12}


def _copy_affine(ours, theirs, rng: np.random.Generator) -> None:
    """Random γ and β, the same in both layers."""
    weight, bias = rng.normal(size=ours.weight.shape), rng.normal(size=ours.bias.shape)
    ours.weight.data[...] = weight
    ours.bias.data[...] = bias
    with torch.no_grad():
        theirs.weight.copy_(torch.from_numpy(weight))
        theirs.bias.copy_(torch.from_numpy(bias))


def _step(ours, theirs, x: np.ndarray, g: np.ndarray) -> None:
    """One forward and backward through both layers with upstream gradient g; compare."""
    ours.zero_grad()
    theirs.zero_grad()
    xt = Tensor(x, requires_grad=True)
    y = ours(xt)
    y.backward(g)
    x_torch = torch.tensor(x, requires_grad=True)
    y_torch = theirs(x_torch)
    y_torch.backward(torch.from_numpy(g))
    np.testing.assert_allclose(y.data, y_torch.detach().numpy(), **TOL)
    np.testing.assert_allclose(xt.grad, x_torch.grad.numpy(), **TOL)
    np.testing.assert_allclose(ours.weight.grad, theirs.weight.grad.numpy(), **TOL)
    np.testing.assert_allclose(ours.bias.grad, theirs.bias.grad.numpy(), **TOL)


@pytest.mark.parametrize(("n", "c"), [(2, 1), (5, 3), (32, 7), (100, 16)])
@pytest.mark.parametrize("momentum", [0.1, 0.5, 1.0])
def test_batchnorm1d_matches_torch_in_training_then_eval(n, c, momentum):
    rng = np.random.default_rng(n * 100 + c)
    ours = nn.BatchNorm1d(c, momentum=momentum)
    theirs = torch.nn.BatchNorm1d(c, momentum=momentum, dtype=torch.float64)
    _copy_affine(ours, theirs, rng)
    for _ in range(3):  # several batches move the running statistics
        x = rng.normal(2.0, 3.0, size=(n, c))
        _step(ours, theirs, x, rng.normal(size=(n, c)))
        np.testing.assert_allclose(ours.running_mean, theirs.running_mean.numpy(), **TOL)
        np.testing.assert_allclose(ours.running_var, theirs.running_var.numpy(), **TOL)
    ours.eval()
    theirs.eval()
    for rows in (1, n):
        _step(ours, theirs, rng.normal(2.0, 3.0, size=(rows, c)), rng.normal(size=(rows, c)))
    np.testing.assert_allclose(ours.running_var, theirs.running_var.numpy(), **TOL)


def test_batchnorm1d_eps_and_the_one_row_error_match_torch():
    x = np.array([[1.0, 2.0], [1.0, 2.5], [1.0, 3.0]])  # a constant column: ε decides
    ours, theirs = nn.BatchNorm1d(2, eps=0.1), torch.nn.BatchNorm1d(2, eps=0.1,
                                                                      dtype=torch.float64)
    _step(ours, theirs, x, np.ones_like(x))
    with pytest.raises(ValueError, match="more than 1 value per channel"):
        theirs(torch.ones(1, 2, dtype=torch.float64))
    with pytest.raises(ValueError, match="at least 2 rows"):
        ours(np.ones((1, 2)))


@pytest.mark.parametrize(
    ("shape", "normalized"),
    [((4, 5), 5), ((3, 4, 5), (5,)), ((3, 4, 5), (4, 5)), ((2, 3, 4, 5), (3, 4, 5)), ((6,), 6)],
)
@pytest.mark.parametrize("eps", [1e-5, 0.5])
def test_layernorm_matches_torch_in_both_modes(shape, normalized, eps):
    rng = np.random.default_rng(len(shape))
    ours = nn.LayerNorm(normalized, eps=eps)
    theirs = torch.nn.LayerNorm(normalized, eps=eps, dtype=torch.float64)
    assert ours.weight.shape == tuple(theirs.weight.shape)
    _copy_affine(ours, theirs, rng)
    for training in (True, False):
        ours.train(training)
        theirs.train(training)
        _step(ours, theirs, rng.normal(-1.0, 4.0, size=shape), rng.normal(size=shape))


def test_train_and_eval_flags_match_torch():
    assert nn.BatchNorm1d(2).training == torch.nn.BatchNorm1d(2).training is True
    ours, theirs = nn.BatchNorm1d(2).eval(), torch.nn.BatchNorm1d(2).eval()
    assert ours.training == theirs.training is False


GAIN_CASES = [
    *[(name, None) for name in ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                                "conv_transpose2d", "conv_transpose3d", "sigmoid", "tanh",
                                "relu", "selu")],
    ("leaky_relu", None), ("leaky_relu", 0), ("leaky_relu", 0.0), ("leaky_relu", 0.2),
    ("leaky_relu", 1), ("leaky_relu", -0.5), ("leaky_relu", 3.0),
]  # fmt: skip


@pytest.mark.parametrize(("name", "param"), GAIN_CASES)
def test_calculate_gain_equals_torch(name, param):
    assert nn.init.calculate_gain(name, param) == torch.nn.init.calculate_gain(name, param)


@pytest.mark.parametrize(("name", "param"), [("gelu", None), ("leaky_relu", True),
                                             ("leaky_relu", "0.2")])
def test_calculate_gain_refuses_what_torch_refuses(name, param):
    with pytest.raises(ValueError):
        torch.nn.init.calculate_gain(name, param)
    with pytest.raises(ValueError):
        nn.init.calculate_gain(name, param)


@pytest.mark.parametrize(("ours", "theirs", "gain"), [
    ("xavier", "xavier_uniform_", 5 / 3), ("he", "kaiming_normal_", None),
    ("lecun", "kaiming_normal_", 1.0),
])  # fmt: skip
def test_initialiser_scales_match_torch(ours, theirs, gain):
    """Same distribution family and scale: compare the bound or the standard deviation."""
    n_in, n_out = 400, 300
    w = nn.init.initializer(ours)(n_in, n_out, np.random.default_rng(0), gain=gain)
    t = torch.empty(n_out, n_in, dtype=torch.float64)  # torch stores (out, in)
    torch.manual_seed(0)
    if theirs == "xavier_uniform_":
        torch.nn.init.xavier_uniform_(t, gain=gain)
        bound = gain * np.sqrt(6 / (n_in + n_out))
        assert np.abs(w).max() <= bound and t.abs().max().item() <= bound
        assert np.abs(w).max() == pytest.approx(bound, rel=1e-3)
    else:
        torch.nn.init.kaiming_normal_(t, nonlinearity="relu" if gain is None else "linear")
        assert w.std() == pytest.approx(t.std().item(), rel=0.01)
