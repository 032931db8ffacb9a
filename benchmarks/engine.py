"""Engine benchmark: one training step of an MLP 64-128-128-10 (batch 128, float64, one thread)
in actlearn, in hand-written NumPy and in PyTorch (when installed), then digits accuracy.

Run ``python benchmarks/engine.py`` (or ``make bench``); ``--rounds`` trades time for noise.
A step is forward, backward and an SGD update; all implementations start from the same weights
and see the same batch. Each is timed in short interleaved rounds and the best round counts, so
other load on the machine inflates none of them more than the others.
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

SIZES = [64, 128, 128, 10]
BATCH, LR = 128, 1e-3
Step = Callable[[], float]


def numpy_step(weights: list[np.ndarray], X: np.ndarray, y: np.ndarray) -> Step:
    """The same maths written out by hand: the floor for any NumPy engine."""
    W1, b1, W2, b2, W3, b3 = weights
    rows = np.arange(len(y))

    def step() -> float:
        z1 = X @ W1 + b1
        h1 = np.maximum(z1, 0.0)
        z2 = h1 @ W2 + b2
        h2 = np.maximum(z2, 0.0)
        logits = h2 @ W3 + b3
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        loss = -log_probs[rows, y].mean()
        g3 = np.exp(log_probs)  # dL/dlogits = (softmax - onehot) / N
        g3[rows, y] -= 1.0
        g3 /= len(y)
        g2 = (g3 @ W3.T) * (z2 > 0)
        g1 = (g2 @ W2.T) * (z1 > 0)
        grads = (X.T @ g1, g1.sum(0), h1.T @ g2, g2.sum(0), h2.T @ g3, g3.sum(0))
        for w, g in zip(weights, grads, strict=True):
            w -= LR * g
        return float(loss)

    return step


def actlearn_step(weights: list[np.ndarray], X: np.ndarray, y: np.ndarray) -> Step:
    net = al.nn.MLP(SIZES, activation="relu")
    for p, w in zip(net.parameters(), weights, strict=True):
        p.data[...] = w
    opt = SGD(net.parameters(), lr=LR)
    inputs = al.Tensor(X)

    def step() -> float:
        loss = cross_entropy(net(inputs), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        return float(loss.data)

    return step


def torch_model(weights: list[np.ndarray]) -> torch.nn.Module:
    layers = [torch.nn.Linear(a, b).double() for a, b in zip(SIZES[:-1], SIZES[1:], strict=True)]
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


def time_steps(steps: dict[str, Step], rounds: int, per_round: int) -> dict[str, float]:
    """Best mean CPU seconds per step over interleaved rounds (time spent descheduled by other
    processes does not count)."""
    for step in steps.values():
        for _ in range(per_round):
            step()
    best = dict.fromkeys(steps, float("inf"))
    for _ in range(rounds):
        for name, step in steps.items():
            start = time.process_time()
            for _ in range(per_round):
                step()
            best[name] = min(best[name], (time.process_time() - start) / per_round)
    return best


def digits_run(use_torch: bool, epochs: int = 40, batch: int = 64) -> tuple[float, float]:
    """(test accuracy, seconds) of an MLP 64-128-128-10 trained with Adam on 8x8 digits."""
    table = digits()
    X_train, X_test, y_train, y_test = train_test_split(
        table.data / 16.0, table.target, test_fraction=0.25, rng=np.random.default_rng(0)
    )
    net = al.nn.MLP(SIZES, activation="relu", rng=np.random.default_rng(1))
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
    parser.add_argument("--rounds", type=int, default=60, help="interleaved timing rounds")
    parser.add_argument("--per-round", type=int, default=10, help="steps per round")
    args = parser.parse_args()
    if torch is not None:
        torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(BATCH, SIZES[0])), rng.integers(0, SIZES[-1], BATCH)
    init = [p.data.copy() for p in al.nn.MLP(SIZES, rng=rng).parameters()]
    makers = {"actlearn": actlearn_step, "hand-written NumPy": numpy_step}
    if torch is not None:
        makers["PyTorch CPU"] = torch_step
    steps = {name: make([w.copy() for w in init], X, y) for name, make in makers.items()}
    first = {name: step() for name, step in steps.items()}
    versions = f"numpy {np.__version__}" + (f", torch {torch.__version__}" if torch else "")
    print(f"actlearn engine benchmark: float64, one thread ({versions})")
    print(_machine.header())
    print(f"MLP {'-'.join(map(str, SIZES))}, batch {BATCH}, step = forward + backward + SGD; "
          f"best of {args.rounds} rounds x {args.per_round} steps")
    spread = max(first.values()) - min(first.values())
    print(f"  first-step losses agree to {spread:.1e}")
    best = time_steps(steps, args.rounds, args.per_round)
    for name, seconds in best.items():
        print(f"  {name:<20} {seconds * 1e3:8.3f} ms/step")
    print("digits 8x8 (1,347 train / 450 test), MLP 64-128-128-10, Adam 1e-3, batch 64, 40 epochs")
    for name, use_torch in [("actlearn", False)] + ([("PyTorch CPU", True)] if torch else []):
        accuracy, seconds = digits_run(use_torch)
        print(f"  {name:<20} test accuracy {accuracy:6.1%}   {seconds:5.1f} s")
    print("ratios (time per step; lower is faster)")
    numpy_time = best["hand-written NumPy"]
    ratio = best["actlearn"] / numpy_time
    print(f"  actlearn / hand-written NumPy   {ratio:5.2f}  (target <= 1.2)")
    if torch is not None:
        print(f"  PyTorch / hand-written NumPy    {best['PyTorch CPU'] / numpy_time:5.2f}")
        print(f"  actlearn / PyTorch              {best['actlearn'] / best['PyTorch CPU']:5.2f}")


if __name__ == "__main__":
    main()
