"""Stacks benchmark: B small models trained one by one, and side by side as one stack.

Run ``python benchmarks/stacks.py`` (``--rounds`` trades time for noise). For each model of
the arithmetic lesson (and the identity experiment's MLP) it trains B copies, each with its own
seed and data, first one after the other with ``arithmetic_models.train`` and then as one stack
with ``arithmetic_models.train_many``, and prints both times and their ratio. It also checks,
in the same run, that both ways end with bit-identical parameters. The two ways are timed in
interleaved rounds and the best round of each counts.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # before NumPy loads its BLAS

import argparse  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

import _machine  # noqa: E402  (the BLAS header; imports NumPy after the thread limits)
import numpy as np  # noqa: E402

from actlearn import nn  # noqa: E402
from actlearn.labs.nalu.bench import BenchConfig, data, model_rng  # noqa: E402
from actlearn.labs.nalu.models import build_model, default_lr, train, train_many  # noqa: E402

Case = tuple[str, Callable[[int], nn.Module], int, float]


def arithmetic_case(kind: str, config: BenchConfig) -> Case:
    return kind, lambda seed: build_model(kind, 2, model_rng(kind, seed)), config.steps(kind), \
        default_lr(kind)


def identity_case(steps: int) -> Case:
    def build(seed: int) -> nn.Module:
        return nn.MLP([2, 8, 8, 8, 1], activation="tanh", rng=np.random.default_rng(seed))
    return "MLP 8-8-8 tanh", build, steps, 0.03  # the identity experiment's network


def one_round(case: Case, members: int, config: BenchConfig) -> tuple[float, float, bool]:
    """(seconds one by one, seconds as a stack, bit-identical?) for one round."""
    _, build, steps, lr = case
    sets = [data("mul", seed, config)[:2] for seed in range(members)]
    alone = [build(seed) for seed in range(members)]
    together = [build(seed) for seed in range(members)]
    start = time.process_time()
    for model, (X, y) in zip(alone, sets, strict=True):
        train(model, X, y, steps, lr)
    serial = time.process_time() - start
    start = time.process_time()
    train_many(together, [X for X, _ in sets], [y for _, y in sets], steps, lr)
    stacked = time.process_time() - start
    same = all(np.array_equal(p.data, q.data, equal_nan=True)
               for a, b in zip(alone, together, strict=True)
               for p, q in zip(a.parameters(), b.parameters(), strict=True))
    return serial, stacked, same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (best counts)")
    parser.add_argument("--members", type=int, nargs="+", default=[5, 20],
                        help="stack sizes B to measure")
    args = parser.parse_args()
    config = BenchConfig(unit_steps=400, mlp_steps=150)
    cases = [arithmetic_case(kind, config) for kind in ("NAC", "NALU", "NMU", "relu")]
    cases.append(identity_case(150))
    print(_machine.header())
    print(f"{'model':16} {'B':>3} {'one by one':>11} {'stack':>9} {'ratio':>7}  identical")
    for case in cases:
        for members in args.members:
            rounds = [one_round(case, members, config) for _ in range(args.rounds)]
            serial = min(r[0] for r in rounds)
            stacked = min(r[1] for r in rounds)
            same = all(r[2] for r in rounds)
            print(f"{case[0]:16} {members:3} {serial:10.2f}s {stacked:8.2f}s "
                  f"{serial / stacked:6.1f}x  {'yes' if same else 'NO'}", flush=True)


if __name__ == "__main__":
    main()
