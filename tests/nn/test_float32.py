"""float32 layers: ``dtype=np.float32`` gives float32 parameters, outputs and gradients (the
float64 draws rounded once); ``Module.astype`` converts a module in place and returns it; a
float32 MLP training step matches PyTorch's float32 step within rtol 1e-4 / atol 1e-5."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from actlearn import Tensor, nn
from actlearn.losses import cross_entropy, mse
from actlearn.nn.stacked import stack_models
from actlearn.optim import SGD, Adam

F32 = np.dtype(np.float32)
RNG = np.random.default_rng

LAYERS: dict[str, tuple[Callable[..., nn.Module], tuple[int, ...]]] = {
    "Linear": (lambda **kw: nn.Linear(4, 3, rng=RNG(0), **kw), (5, 4)),
    "MLP": (lambda **kw: nn.MLP([4, 8, 3], activation="tanh", output_activation="softmax",
                                rng=RNG(0), **kw), (5, 4)),
    "MLP-prelu": (lambda **kw: nn.MLP([4, 8, 3], activation="prelu", rng=RNG(0), **kw), (5, 4)),
    "PReLU": (lambda **kw: nn.PReLU(4, **kw), (5, 4)),
    "NAC": (lambda **kw: nn.NAC(4, 3, rng=RNG(0), **kw), (5, 4)),
    "NALU": (lambda **kw: nn.NALU(4, 3, rng=RNG(0), **kw), (5, 4)),
    "NAU": (lambda **kw: nn.NAU(4, 3, rng=RNG(0), **kw), (5, 4)),
    "NMU": (lambda **kw: nn.NMU(4, 3, rng=RNG(0), **kw), (5, 4)),
    "Siren": (lambda **kw: nn.Siren(4, 3, rng=RNG(0), **kw), (5, 4)),
    "BatchNorm1d": (lambda **kw: nn.BatchNorm1d(4, **kw), (5, 4)),
    "LayerNorm": (lambda **kw: nn.LayerNorm(4, **kw), (5, 4)),
}


def _inputs(shape: tuple[int, ...]) -> np.ndarray:
    return RNG(1).uniform(-1.0, 1.0, size=shape).astype(np.float32)


def _step(module: nn.Module, x: np.ndarray) -> Tensor:
    out = module(x)
    (out * out).sum().backward()
    return out


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_dtype_float32_gives_float32_parameters_outputs_and_gradients(name: str) -> None:
    make, shape = LAYERS[name]
    module = make(dtype=np.float32)
    assert all(p.dtype == F32 for p in module.parameters())
    out = _step(module, _inputs(shape))
    assert out.dtype == F32
    assert all(p.grad.dtype == F32 for p in module.parameters())


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_float32_layers_start_from_the_float64_draws_and_agree(name: str) -> None:
    make, shape = LAYERS[name]
    m32, m64 = make(dtype=np.float32), make()
    for p32, p64 in zip(m32.parameters(), m64.parameters(), strict=True):
        np.testing.assert_array_equal(p32.data, p64.data.astype(np.float32))
    x = _inputs(shape)
    out32, out64 = _step(m32, x), _step(m64, x.astype(np.float64))
    np.testing.assert_allclose(out32.data, out64.data, rtol=1e-5, atol=1e-6)
    for p32, p64 in zip(m32.parameters(), m64.parameters(), strict=True):
        scale = max(1.0, float(np.abs(p64.grad).max()))  # Siren's ω₀ = 30 makes sums large
        np.testing.assert_allclose(p32.grad, p64.grad, rtol=1e-4, atol=1e-5 * scale)


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_astype_converts_in_place_and_returns_the_module(name: str) -> None:
    make, shape = LAYERS[name]
    module = make()
    assert module.astype(np.float32) is module
    assert all(p.dtype == F32 for p in module.parameters())
    assert _step(module, _inputs(shape)).dtype == F32
    assert module.astype("float64").parameters()[0].dtype == np.float64


def test_batchnorm_running_statistics_follow_the_dtype() -> None:
    bn = nn.BatchNorm1d(3, dtype=np.float32)
    bn(_inputs((6, 3)))
    assert bn.running_mean.dtype == F32 and bn.running_var.dtype == F32
    assert bn.eval()(_inputs((2, 3))).dtype == F32
    assert nn.BatchNorm1d(3).astype(np.float32).running_var.dtype == F32


def test_layers_refuse_a_non_float_dtype() -> None:
    with pytest.raises(TypeError, match="float"):
        nn.Linear(2, 2, dtype=np.int32)
    with pytest.raises(TypeError, match="float"):
        nn.Linear(2, 2).astype("int64")


def test_attention_keeps_float32() -> None:
    q = Tensor(_inputs((2, 3, 4)), requires_grad=True)
    mask = np.tril(np.ones((3, 3), dtype=bool))
    out, weights = nn.scaled_dot_product_attention(q, q, q, mask=mask)
    assert out.dtype == F32 and weights.dtype == F32
    out.sum().backward()
    assert q.grad.dtype == F32


def test_a_stack_of_float32_models_stays_float32() -> None:
    stack = stack_models([nn.Linear(3, 2, rng=RNG(s), dtype=np.float32) for s in range(3)])
    assert all(p.dtype == F32 for p in stack.parameters())


def test_mixed_inputs_promote_as_numpy() -> None:
    """A float64 batch through a float32 layer computes in float64; the layer's gradients are
    still float32 (rounded), as every gradient has its tensor's dtype."""
    layer = nn.Linear(4, 3, dtype=np.float32)
    out = layer(np.ones((2, 4)))
    assert out.dtype == np.float64
    out.sum().backward()
    assert layer.weight.grad.dtype == F32


def _torch_mlp(torch: Any, net: nn.MLP) -> Any:
    layers = []
    for layer in net.layers:
        linear = torch.nn.Linear(*layer.weight.shape)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(layer.weight.data.T.copy()))
            linear.bias.copy_(torch.from_numpy(layer.bias.data))
        layers += [linear, torch.nn.GELU()]
    return torch.nn.Sequential(*layers[:-1])


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_float32_training_steps_match_torch_float32(optimizer: str) -> None:
    torch = pytest.importorskip("torch")
    net = nn.MLP([6, 16, 16, 4], activation="gelu", rng=RNG(0), dtype=np.float32)
    model = _torch_mlp(torch, net)
    X, y = _inputs((12, 6)), RNG(2).integers(0, 4, 12)
    if optimizer == "sgd":
        opt, topt = SGD(net.parameters(), lr=0.1), torch.optim.SGD(model.parameters(), lr=0.1)
    else:
        opt, topt = Adam(net.parameters(), lr=1e-2), torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(5):
        loss = cross_entropy(net(X), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        tloss = torch.nn.functional.cross_entropy(model(torch.from_numpy(X)), torch.from_numpy(y))
        topt.zero_grad()
        tloss.backward()
        topt.step()
        assert loss.dtype == F32
        assert float(loss.data) == pytest.approx(tloss.item(), rel=1e-4, abs=1e-5)
    for layer, linear in zip(net.layers, model[::2], strict=True):
        np.testing.assert_allclose(layer.weight.data, linear.weight.detach().numpy().T,
                                   rtol=1e-4, atol=1e-5)
        assert layer.weight.data.dtype == F32


def test_float32_regression_step_matches_float64() -> None:
    net32 = nn.MLP([3, 8, 1], activation="softplus", rng=RNG(0), dtype=np.float32)
    net64 = nn.MLP([3, 8, 1], activation="softplus", rng=RNG(0))
    X, y = _inputs((10, 3)), _inputs((10, 1))
    for net in (net32, net64):
        mse(net(X if net is net32 else X.astype(np.float64)), y).backward()
    for p32, p64 in zip(net32.parameters(), net64.parameters(), strict=True):
        np.testing.assert_allclose(p32.grad, p64.grad, rtol=1e-4, atol=1e-6)
