"""Engine benchmark: one training step of an MLP 64-W-W-10 on a batch of N, over a grid of
sizes, in actlearn (fused layers and generic operations), hand-written NumPy and PyTorch.

Run ``python benchmarks/engine.py`` (or ``make bench``); ``--rounds`` trades time for noise,
``--no-digits`` skips the accuracy run. A step is forward, backward and an SGD update; all
implementations start from the same weights and see the same batch. Each is timed in short
interleaved rounds and the best round counts (CPU time), so other load on the machine inflates
none of them more than the others.

* **floor**: the maths written out by hand in NumPy, the floor for any NumPy engine;
* **fused**: ``nn.MLP``, ``losses.cross_entropy``, ``optim.SGD``, ``Tensor.backward()``;
* **generic**: the step as a learner writes it with operators, ``(h @ W + b).activation("relu")``
  and ``-(logits.log_softmax() * onehot).sum() / N``;
* **torch64**, **torch32**: PyTorch CPU in float64 and float32, when installed;
* **kept** and **bare**, printed as ratios under the table: the floor's maths holding every
  array until the step ends, as a graph does, and a bare graph of the generic step's
  operators with the floor's maths and no checks (:class:`Bare`);
* **again**: the floor a second time, as one more implementation timed in the same rounds;
  again / floor should read 1, and how far it strays is the noise of the run's own ratios.

Then float32 against float64 at the largest size (actlearn and the floor); for the smooth
activations whose record computes the value and the slope together (sigmoid, SiLU, GELU, sin),
the fused step at 128 x 128 with the slope computed with the value over the same step with the
slope computed in the backward pass; and the digits run.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # before NumPy (and PyTorch) load their BLAS

import argparse  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

import numpy as np  # noqa: E402

import actlearn as al  # noqa: E402
from actlearn.data import digits, train_test_split  # noqa: E402
from actlearn.losses import cross_entropy  # noqa: E402
from actlearn.optim import SGD, Adam  # noqa: E402
from actlearn.training import fit  # noqa: E402

try:
    import torch
except ImportError:  # the optional "bench" extra
    torch = None

import _machine  # noqa: E402  (the BLAS header: header() lists the libraries loaded by then)

GRID = [(32, 32), (128, 128), (1024, 512)]  # (batch N, hidden width W)
IN, OUT, LR = 64, 10, 1e-3
TARGETS = {32: 1.25, 128: 1.1, 1024: 1.1}  # fused / floor, by batch size
GENERIC_TARGET, FLOAT32_TARGET = 1.2, 0.6  # generic / floor at 128x128; float32 / float64
Step = Callable[[], float]


def sizes(width: int) -> list[int]:
    return [IN, width, width, OUT]


def floor_step(weights: list[np.ndarray], X: np.ndarray, y: np.ndarray) -> Step:
    """The same maths written out by hand: the floor for any NumPy engine."""
    W1, b1, W2, b2, W3, b3 = weights
    rows = np.arange(len(y))

    def step() -> float:
        z1 = X @ W1 + b1
        h1 = np.maximum(z1, 0)
        z2 = h1 @ W2 + b2
        h2 = np.maximum(z2, 0)
        logits = h2 @ W3 + b3
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        loss = -log_probs[rows, y].mean()
        g3 = np.exp(log_probs)  # dL/dlogits = (softmax - onehot) / N
        g3[rows, y] -= 1
        g3 /= len(y)
        g2 = (g3 @ W3.T) * (z2 > 0)
        g1 = (g2 @ W2.T) * (z1 > 0)
        grads = (X.T @ g1, g1.sum(0), h1.T @ g2, g2.sum(0), h2.T @ g3, g3.sum(0))
        for w, g in zip(weights, grads, strict=True):
            w -= LR * g
        return float(loss)

    return step


def kept_floor_step(weights: list[np.ndarray], X: np.ndarray, y: np.ndarray) -> Step:
    """The floor's maths, keeping every array until the step ends, as a graph of operators
    does (each operator's output, and each gradient), where the floor frees its temporaries
    as it goes: what that memory costs the generic path."""
    W1, b1, W2, b2, W3, b3 = weights
    rows = np.arange(len(y))

    def step() -> float:
        m1 = X @ W1
        z1 = m1 + b1
        h1 = np.maximum(z1, 0)
        m2 = h1 @ W2
        z2 = m2 + b2
        h2 = np.maximum(z2, 0)
        m3 = h2 @ W3
        logits = m3 + b3
        top = logits.max(axis=1, keepdims=True)
        shifted = logits - top
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        loss = -log_probs[rows, y].mean()
        g3 = np.exp(log_probs)
        g3[rows, y] -= 1
        g3 /= len(y)
        gh2 = g3 @ W3.T
        g2 = gh2 * (z2 > 0)
        gh1 = g2 @ W2.T
        g1 = gh1 * (z1 > 0)
        grads = (X.T @ g1, g1.sum(0), h1.T @ g2, g2.sum(0), h2.T @ g3, g3.sum(0))
        for w, g in zip(weights, grads, strict=True):
            w -= LR * g
        return float(loss)

    return step


class Bare:
    """A bare graph of operators: the generic step's operators, each recording its output and
    a backward closure as any reverse-mode engine must, with the floor's maths inside and
    nothing else (no argument checks, dtypes, broadcasting rules, gradient mode or error
    state). What a graph of operators costs over the floor before any of those."""

    __slots__ = ("data", "grad", "parents", "rule", "needs")

    def __init__(self, data, parents=(), rule=None, needs=True) -> None:
        self.data, self.grad, self.parents, self.rule, self.needs = data, None, parents, rule, needs

    def take(self, g) -> None:
        self.grad = g if self.grad is None else self.grad + g

    def __matmul__(self, w: Bare) -> Bare:
        def rule(g):
            if self.needs:
                self.take(g @ w.data.T)
            w.take(self.data.T @ g)
        return Bare(self.data @ w.data, (self, w), rule)

    def __add__(self, b: Bare) -> Bare:  # b: a bias row
        def rule(g):
            self.take(g)
            b.take(g.sum(0))
        return Bare(self.data + b.data, (self, b), rule)

    def relu(self) -> Bare:
        z = self.data
        return Bare(np.maximum(z, 0), (self,), lambda g: self.take(g * (z > 0)))

    def log_softmax(self) -> Bare:
        shifted = self.data - self.data.max(axis=1, keepdims=True)
        out = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return Bare(out, (self,),
                    lambda g: self.take(g - np.exp(out) * g.sum(axis=1, keepdims=True)))

    def __mul__(self, c: np.ndarray) -> Bare:
        return Bare(self.data * c, (self,), lambda g: self.take(g * c))

    def sum(self) -> Bare:
        shape = self.data.shape
        return Bare(self.data.sum(), (self,), lambda g: self.take(np.broadcast_to(g, shape)))

    def __neg__(self) -> Bare:
        return Bare(-self.data, (self,), lambda g: self.take(-g))

    def __truediv__(self, n: int) -> Bare:
        return Bare(self.data / n, (self,), lambda g: self.take(g / n))

    def backward(self) -> None:
        order, seen, stack = [], set(), [(self, False)]  # depth first, without recursion
        while stack:
            node, done = stack.pop()
            if done:
                order.append(node)
            elif node.rule is not None and id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node.parents)
        self.grad = 1.0
        for node in reversed(order):  # each node before its parents
            node.rule(node.grad)


def bare_step(weights: list[np.ndarray], X: np.ndarray, y: np.ndarray) -> Step:
    """The generic step on :class:`Bare`, with the same operators in the same order."""
    params = [Bare(w) for w in weights]
    W1, b1, W2, b2, W3, b3 = params
    inputs = Bare(X, needs=False)
    onehot = np.eye(OUT, dtype=X.dtype)[y]
    n = len(y)

    def step() -> float:
        h = (inputs @ W1 + b1).relu()
        h = (h @ W2 + b2).relu()
        logits = h @ W3 + b3
        loss = -(logits.log_softmax() * onehot).sum() / n
        for p in params:
            p.grad = None
        loss.backward()
        for p in params:
            p.data -= LR * p.grad
        return float(loss.data)

    return step


def fused_step(weights: list[np.ndarray], X: np.ndarray, y: np.ndarray) -> Step:
    return mlp_step(weights, X, y, "relu")


def mlp_step(weights: list[np.ndarray], X: np.ndarray, y: np.ndarray, activation: str,
             together: bool = True) -> Step:
    """The fused step: ``nn.MLP`` with ``activation``, ``cross_entropy``, SGD. With
    ``together`` False, each layer's slope is taken by the derivative kernel in the backward
    pass (the bound activations' ``together`` kernel switched off) instead of with its value,
    as the engine computes it where the record can."""
    net = al.nn.MLP(sizes(weights[0].shape[1]), activation=activation, dtype=X.dtype)
    for p, w in zip(net.parameters(), weights, strict=True):
        p.data[...] = w
    if not together:
        for act in net.activations:
            act.together = None
    opt = SGD(net.parameters(), lr=LR)
    inputs = al.Tensor(X)

    def step() -> float:
        loss = cross_entropy(net(inputs), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        return float(loss.data)

    return step


def generic_step(weights: list[np.ndarray], X: np.ndarray, y: np.ndarray) -> Step:
    """A learner's step with the operators: no layer objects, no fused loss."""
    params = [al.Tensor(w, requires_grad=True) for w in weights]
    W1, b1, W2, b2, W3, b3 = params
    opt = SGD(params, lr=LR)
    inputs = al.Tensor(X)
    onehot = np.eye(OUT, dtype=X.dtype)[y]
    n = len(y)

    def step() -> float:
        h = (inputs @ W1 + b1).activation("relu")
        h = (h @ W2 + b2).activation("relu")
        logits = h @ W3 + b3
        loss = -(logits.log_softmax() * onehot).sum() / n
        opt.zero_grad()
        loss.backward()
        opt.step()
        return float(loss.data)

    return step


SMOOTH = ("sigmoid", "silu", "gelu", "sin")  # activations whose record computes f and f' together


def smooth_ratios(rounds: int, seconds: float, batch: int = 128,
                  width: int = 128) -> dict[str, float]:
    """Per smooth activation, the fused step's time with the slope computed with the value
    over its time with the slope computed in the backward pass, timed side by side."""
    weights, X, y = problem(batch, width, np.float64)
    steps = {}
    for name in SMOOTH:
        for together in (True, False):
            step = mlp_step([w.copy() for w in weights], X, y, name, together)
            steps[name, together] = step
    first = {key: (step(), step()) for key, step in steps.items()}
    for name in SMOOTH:  # the same losses, to the slopes' rounding (sigmoid's differ by ulps)
        if not np.allclose(first[name, True], first[name, False], rtol=1e-12, atol=0):
            print(f"  warning: {name}: the two steps' losses differ: {first[name, True]} and "
                  f"{first[name, False]}")
    best = time_steps(steps, rounds, seconds)
    return {name: best[name, True] / best[name, False] for name in SMOOTH}


def torch_model(weights: list[np.ndarray]) -> torch.nn.Module:
    shapes = [w.shape for w in weights[::2]]
    dtype = torch.float64 if weights[0].dtype == np.float64 else torch.float32
    layers = [torch.nn.Linear(a, b).to(dtype) for a, b in shapes]
    model = torch.nn.Sequential(layers[0], torch.nn.ReLU(), layers[1], torch.nn.ReLU(), layers[2])
    with torch.no_grad():
        for layer, W, b in zip(layers, weights[::2], weights[1::2], strict=True):
            layer.weight.copy_(torch.from_numpy(W.T.copy()))
            layer.bias.copy_(torch.from_numpy(b))
    return model


def torch_step(weights: list[np.ndarray], X: np.ndarray, y: np.ndarray) -> Step:
    model = torch_model(weights)
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    inputs, labels = torch.from_numpy(X), torch.from_numpy(y)

    def step() -> float:
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(inputs), labels)
        loss.backward()
        opt.step()
        return loss.item()

    return step


def time_steps(steps: dict[str, Step], rounds: int, seconds: float) -> dict[str, float]:
    """Best mean CPU seconds per step over interleaved rounds of about ``seconds`` each (time
    spent descheduled by other processes does not count)."""
    per_round = {}
    for name, step in steps.items():
        start = time.process_time()
        step()
        step()
        per_round[name] = max(1, int(seconds / max((time.process_time() - start) / 2, 1e-6)))
    best = dict.fromkeys(steps, float("inf"))
    for _ in range(rounds):
        for name, step in steps.items():
            count = per_round[name]
            start = time.process_time()
            for _ in range(count):
                step()
            best[name] = min(best[name], (time.process_time() - start) / count)
    return best


def problem(batch: int, width: int, dtype: type) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(batch, IN)), rng.integers(0, OUT, batch)
    init = [p.data for p in al.nn.MLP(sizes(width), rng=rng).parameters()]
    return [w.astype(dtype) for w in init], X.astype(dtype), y


def run(batch: int, width: int, dtype: type, makers: dict[str, Callable], rounds: int,
        seconds: float) -> dict[str, float]:
    weights, X, y = problem(batch, width, dtype)
    steps = {name: make([w.copy() for w in weights], X, y) for name, make in makers.items()}
    # The first step's loss checks the forward passes; the second's, the first step's
    # gradients and update too.
    losses = np.array([(step(), step()) for step in steps.values()])
    spread = losses.max(axis=0) - losses.min(axis=0)
    if spread.max() > (1e-9 if dtype == np.float64 else 1e-4):
        print(f"  warning: the losses of the first two steps differ by {spread[0]:.1e} and "
              f"{spread[1]:.1e}")
    return time_steps(steps, rounds, seconds)


def digits_run(use_torch: bool, epochs: int = 40, batch: int = 64) -> tuple[float, float]:
    """(test accuracy, seconds) of an MLP 64-128-128-10 trained with Adam on 8x8 digits."""
    table = digits()
    X_train, X_test, y_train, y_test = train_test_split(
        table.data / 16.0, table.target, test_fraction=0.25, rng=np.random.default_rng(0)
    )
    net = al.nn.MLP(sizes(128), activation="relu", rng=np.random.default_rng(1))
    start = time.perf_counter()
    if not use_torch:
        fit(net, cross_entropy, X_train, y_train, Adam(net.parameters(), lr=1e-3),
            epochs=epochs, batch_size=batch, rng=np.random.default_rng(2), progress=False)
        with al.no_grad():
            predicted = net(X_test).data.argmax(axis=1)
        return float((predicted == y_test).mean()), time.perf_counter() - start
    model = torch_model([p.data for p in net.parameters()])
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    Xt, yt = torch.from_numpy(X_train), torch.from_numpy(y_train)
    rng = np.random.default_rng(2)
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(len(X_train)))
        for i in range(0, len(order), batch):
            idx = order[i : i + batch]
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(Xt[idx]), yt[idx]).backward()
            opt.step()
    with torch.no_grad():
        predicted = model(torch.from_numpy(X_test)).argmax(dim=1).numpy()
    return float((predicted == y_test).mean()), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=30, help="interleaved timing rounds")
    parser.add_argument("--seconds", type=float, default=0.02, help="CPU seconds per round")
    parser.add_argument("--no-digits", action="store_true", help="skip the digits run")
    args = parser.parse_args()
    if torch is not None:
        torch.set_num_threads(1)
    versions = f"numpy {np.__version__}" + (f", torch {torch.__version__}" if torch else "")
    print(f"actlearn engine benchmark: one thread ({versions})")
    print(_machine.header())
    print(f"MLP {IN}-W-W-{OUT}, batch N, step = forward + backward + SGD; best of "
          f"{args.rounds} interleaved rounds of ~{args.seconds * 1e3:.0f} ms CPU; ms per step")
    makers: dict[str, Callable] = {"floor": floor_step, "fused": fused_step,
                                   "generic": generic_step, "kept": kept_floor_step,
                                   "bare": bare_step, "again": floor_step}
    if torch is not None:
        makers["torch"] = torch_step
    head = f"  {'N x W':<11}{'floor':>8}{'fused':>8}{'generic':>8}"
    head += f"{'torch64':>9}{'torch32':>9}" if torch else ""
    print(head + f"{'fused/floor':>13}{'generic/floor':>15}{'target':>8}")
    results = {}
    for batch, width in GRID:
        best = run(batch, width, np.float64, makers, args.rounds, args.seconds)
        if torch is not None:
            best["torch32"] = run(batch, width, np.float32, {"torch": torch_step}, args.rounds,
                                  args.seconds)["torch"]
        results[batch, width] = best
        line = f"  {f'{batch} x {width}':<11}" + "".join(
            f"{best[k] * 1e3:8.3f}" for k in ("floor", "fused", "generic"))
        line += f"{best['torch'] * 1e3:9.3f}{best['torch32'] * 1e3:9.3f}" if torch else ""
        fused, generic = best["fused"] / best["floor"], best["generic"] / best["floor"]
        print(line + f"{fused:13.2f}{generic:15.2f}{TARGETS[batch]:8.2f}", flush=True)
    print("the floor keeping every array until the step ends, as a graph of operators does "
          "(kept / floor): " + ", ".join(f"{b} x {w} {r['kept'] / r['floor']:.2f}"
                                         for (b, w), r in results.items()))
    print("a bare graph of the generic step's operators, the floor's maths without checks "
          "(bare / floor): " + ", ".join(f"{b} x {w} {r['bare'] / r['floor']:.2f}"
                                         for (b, w), r in results.items()))
    print("the floor timed a second time in the same rounds (again / floor; 1 but for this "
          "run's noise): " + ", ".join(f"{b} x {w} {r['again'] / r['floor']:.2f}"
                                       for (b, w), r in results.items()))
    extra = {size: [(r[k] - r["floor"]) * 1e6 for k in ("fused", "generic")]
             for size, r in results.items()}
    print("what fused and generic add to the floor's step, in µs: " + ", ".join(
        f"{b} x {w} {fused:+.0f} and {generic:+.0f}" for (b, w), (fused, generic) in extra.items()))
    batch, width = GRID[-1]
    print(f"float32 vs float64 at {batch} x {width} (the same step; ms)")
    f32 = run(batch, width, np.float32, {"floor": floor_step, "fused": fused_step}, args.rounds,
              args.seconds)
    f64 = results[batch, width]
    for name in ("floor", "fused"):
        print(f"  {name:<8} float64 {f64[name] * 1e3:8.3f}  float32 {f32[name] * 1e3:8.3f}  "
              f"ratio {f32[name] / f64[name]:5.2f}" + (f"  (target <= {FLOAT32_TARGET})"
                                                      if name == "fused" else ""))
    print("smooth activations, the fused step at 128 x 128, the slope computed with the value "
          "over the slope computed in the backward pass (lower is faster):")
    print("  " + ", ".join(f"{name} {ratio:.2f}" for name, ratio in
                           smooth_ratios(args.rounds, args.seconds).items()))
    if not args.no_digits:
        print("digits 8x8 (1,347 train / 450 test), MLP 64-128-128-10, Adam 1e-3, batch 64, "
              "40 epochs, float64")
        for name, use_torch in [("actlearn", False)] + ([("PyTorch CPU", True)] if torch else []):
            accuracy, seconds = digits_run(use_torch)
            print(f"  {name:<12} test accuracy {accuracy:6.1%}   {seconds:5.1f} s")
    print("worst ratios (time per step; lower is faster)")
    fused = max(r["fused"] / r["floor"] / TARGETS[b] for (b, _), r in results.items())
    print(f"  fused / floor, relative to its target: {fused:5.2f} (<= 1 meets every target)")
    generic = results[128, 128]["generic"] / results[128, 128]["floor"]
    print(f"  generic / floor at 128 x 128:          {generic:5.2f} (target <= {GENERIC_TARGET})")


if __name__ == "__main__":
    main()
