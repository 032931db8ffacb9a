"""Modules, Linear, MLP, PReLU and the initialisers."""

import numpy as np
import pytest

import actlearn as al
from actlearn import Tensor, gradcheck, nn


def rng(seed=0):
    return np.random.default_rng(seed)


def test_module_finds_parameters_in_attributes_lists_and_submodules():
    class Pair(nn.Module):
        def __init__(self):
            self.first = nn.Linear(2, 3, rng=rng())
            self.rest = [nn.Linear(3, 3, rng=rng(1)), nn.PReLU()]
            self.shared = self.first.weight
            self.constant = Tensor(np.ones(2))

        def forward(self, x):
            return self.rest[1](self.rest[0](self.first(x)))

    model = Pair()
    names = [name for name, _ in model.named_parameters()]
    assert names == ["first.weight", "first.bias", "rest.0.weight", "rest.0.bias",
                     "rest.1.weight"]
    assert model.num_parameters() == 6 + 3 + 9 + 3 + 1
    model(np.ones((4, 2))).sum().backward()
    assert all(p.grad is not None for p in model.parameters())
    model.zero_grad()
    assert all(p.grad is None for p in model.parameters())


def test_forward_is_required():
    with pytest.raises(NotImplementedError, match="forward"):
        nn.Module()(1.0)


def test_linear_computes_x_w_plus_b():
    layer = nn.Linear(3, 2, rng=rng())
    x = rng(1).normal(size=(5, 3))
    np.testing.assert_allclose(layer(x).data, x @ layer.weight.data + layer.bias.data)
    assert nn.Linear(3, 2, bias=False, rng=rng()).parameters()[0].shape == (3, 2)
    assert len(nn.Linear(3, 2, bias=False).parameters()) == 1
    assert repr(layer) == "Linear(3, 2, bias=True)"


def test_linear_gradients():
    layer = nn.Linear(3, 2, rng=rng())
    x = Tensor(rng(2).normal(size=(4, 3)), requires_grad=True)
    assert gradcheck(lambda x, w, b: ((x @ w + b) ** 2).sum(), x, layer.weight, layer.bias)


def test_linear_rejects_wrong_input_width_and_sizes():
    with pytest.raises(ValueError, match=r"\(\.\.\., 3\).*\(4, 2\)"):
        nn.Linear(3, 2)(np.ones((4, 2)))
    with pytest.raises(ValueError, match="n_out must be a positive int"):
        nn.Linear(3, 0)


@pytest.mark.parametrize(
    ("name", "variance"),
    [("he", lambda i, o: 2 / i), ("xavier", lambda i, o: 2 / (i + o)),
     ("lecun", lambda i, o: 1 / i)],
)
def test_initialiser_variances(name, variance):
    w = nn.Linear(400, 300, init=name, rng=rng()).weight.data
    assert w.shape == (400, 300)
    assert abs(w.mean()) < 0.01 * np.sqrt(variance(400, 300))
    assert w.var() == pytest.approx(variance(400, 300), rel=0.02)


def test_xavier_is_uniform_within_its_limit():
    w = nn.init.xavier(50, 70, rng())
    assert np.abs(w).max() <= np.sqrt(6 / 120)


def test_unknown_initialiser_lists_the_valid_ones():
    with pytest.raises(ValueError, match="did you mean 'xavier'.*he, xavier, lecun"):
        nn.Linear(2, 2, init="xavir")


def test_same_rng_gives_same_network_and_layers_differ():
    a = nn.MLP([4, 8, 8, 2], rng=rng(5))
    b = nn.MLP([4, 8, 8, 2], rng=rng(5))
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        np.testing.assert_array_equal(p.data, q.data)
    shared = rng(6)
    first, second = nn.Linear(4, 4, rng=shared), nn.Linear(4, 4, rng=shared)
    assert not np.array_equal(first.weight.data, second.weight.data)


def test_mlp_applies_activations_per_layer():
    net = nn.MLP([3, 4, 5, 2], activation=["tanh", "sigmoid"], output_activation="softmax",
                 rng=rng())
    x = rng(1).normal(size=(6, 3))
    h = np.tanh(x @ net.layers[0].weight.data + net.layers[0].bias.data)
    h = al.activation("sigmoid")(h @ net.layers[1].weight.data + net.layers[1].bias.data)
    logits = h @ net.layers[2].weight.data + net.layers[2].bias.data
    np.testing.assert_allclose(net(x).data, al.softmax(logits), rtol=1e-12)
    assert "tanh" in repr(net)


def test_mlp_accepts_bound_activations_and_learnable_prelu():
    net = nn.MLP([2, 3, 3, 1], activation=[al.activation("leaky_relu", negative_slope=0.2),
                                           "prelu"], rng=rng())
    names = [name for name, _ in net.named_parameters()]
    assert "activations.1.weight" in names
    net(np.ones((2, 2))).sum().backward()
    assert net.activations[1].weight.grad is not None


def test_mlp_bad_configurations():
    with pytest.raises(ValueError, match="2 hidden layers but got 1 activations"):
        nn.MLP([2, 3, 3, 1], activation=["relu"])
    with pytest.raises(ValueError, match="relu"):
        nn.MLP([2, 3, 1], activation="rleu")
    with pytest.raises(ValueError, match="pointwise"):
        nn.MLP([2, 4, 1], activation="glu")
    with pytest.raises(ValueError, match="at least an input and an output"):
        nn.MLP([3])


def test_mlp_names_a_wrong_input_width_as_its_first_layer_does():
    # one node for the whole chain (ReLU), and layer by layer (a learnable PReLU between)
    for activation in ("relu", "prelu"):
        net = nn.MLP([3, 4, 2], activation=activation, rng=rng())
        with pytest.raises(ValueError, match=r"Linear expects inputs of shape \(\.\.\., 3\), "
                                             r"got \(5, 4\)"):
            net(np.ones((5, 4)))


def test_mlp_gradients_pass_gradcheck():
    net = nn.MLP([3, 5, 2], activation="tanh", rng=rng())
    x = rng(3).normal(size=(4, 3))
    assert gradcheck(lambda *ps: (net(x) ** 2).sum(), *net.parameters(), atol=1e-7, rtol=1e-6)


def test_prelu_values_and_gradients():
    act = nn.PReLU(init=0.25)
    x = Tensor(np.array([-2.0, 0.0, 3.0]), requires_grad=True)
    y = act(x)
    np.testing.assert_array_equal(y.data, [-0.5, 0.0, 3.0])
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, [0.25, 0.25, 1.0])  # slope a at the kink, as PyTorch
    np.testing.assert_array_equal(act.weight.grad, [-2.0])  # d/da = min(0, x)


def test_prelu_matches_registry_prelu_for_fixed_slope():
    x = np.linspace(-3, 3, 13)
    np.testing.assert_allclose(nn.PReLU(init=0.1)(x).data, al.activation("prelu", a=0.1)(x))


def test_prelu_per_feature_slopes():
    act = nn.PReLU(num_parameters=3, init=0.1)
    x = Tensor(np.array([[-1.0, -2.0, -3.0], [1.0, -1.0, 2.0]]), requires_grad=True)
    act(x).sum().backward()
    np.testing.assert_array_equal(act.weight.grad, [-1.0, -3.0, -3.0])
    with pytest.raises(ValueError, match=r"3 slopes.*\(2, 2\)"):
        act(np.ones((2, 2)))
    with pytest.raises(ValueError, match="num_parameters"):
        nn.PReLU(num_parameters=0)


def test_prelu_learns_its_slope():
    x = np.linspace(-2, 2, 41)
    target = np.where(x > 0, x, 0.6 * x)
    act = nn.PReLU(init=0.25)
    opt = al.optim.SGD(act.parameters(), lr=0.5)
    for _ in range(100):
        opt.zero_grad()
        al.losses.mse(act(x), target).backward()
        opt.step()
    assert act.weight.item() == pytest.approx(0.6, abs=1e-6)
