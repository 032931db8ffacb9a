"""BLAS threads benchmark: why actlearn puts BLAS on one thread.

Run ``python benchmarks/threads.py`` (``--seconds`` and ``--rounds`` trade time for noise).
It times float64 matrix products of sizes the lessons use, and a training step of an MLP, in
fresh processes whose BLAS thread count is set before NumPy loads, four ways:

* **alone**: one process, with 1 thread and then with one thread per core;
* **side by side**: two processes started together (each waits for the same signal), both
  with 1 thread, then both with one thread per core: what happens when two kernels compute
  at once (a learner runs two notebooks; the tests run notebooks in parallel; a hub puts
  many kernels on one machine).

Each of the four is measured in interleaved rounds, and the best round counts. It prints
microseconds per product or step (side by side, the slower of the two processes) and two
ratios: what the extra threads gain alone, and what they cost side by side. Importing
actlearn sets one thread unless a thread-count variable is set (``actlearn/blas.py``, whose
docstring quotes this script); the timing processes set ``OPENBLAS_NUM_THREADS`` and the
others themselves, so both counts are measured.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import _machine  # (the BLAS header of this process: the children load the same library)

from actlearn.course.class_run import default_jobs

#: What each process times: float64 products (m, k) @ (k, n) of sizes the lessons use, and one
#: training step of the engine benchmark's MLP 64-128-128-10 on a batch of 128 (fused layers,
#: cross-entropy, backward, SGD), the work of a lesson that trains.
WORK = ["64 x 64 x 64", "128 x 128 x 128", "1000 x 32 x 32", "MLP step 128 x 128"]

#: A child: set up every piece of work, read one line (the start signal), then time each piece
#: for about ``seconds``; print seconds per repetition as JSON.
CHILD = """
import json, sys, time
import numpy as np
import actlearn as al
from actlearn.losses import cross_entropy
from actlearn.optim import SGD

names, seconds = json.loads(sys.argv[1]), float(sys.argv[2])
rng = np.random.default_rng(0)

def product(m, k, n):
    a, b = rng.normal(size=(m, k)), rng.normal(size=(k, n))
    return lambda: a @ b

def mlp_step():
    net = al.nn.MLP([64, 128, 128, 10], activation="relu", rng=rng)
    inputs, labels = al.Tensor(rng.normal(size=(128, 64))), rng.integers(0, 10, 128)
    opt = SGD(net.parameters(), lr=1e-3)
    def step():
        loss = cross_entropy(net(inputs), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return step

work = [mlp_step() if name.startswith("MLP") else product(*map(int, name.split(" x ")))
        for name in names]
for run in work:
    for _ in range(5):
        run()  # warm up: threads started, buffers allocated
sys.stdin.readline()
out = []
for run in work:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        run()
        count += 1
    out.append((time.perf_counter() - start) / count)
print(json.dumps(out))
"""


def thread_env(threads: int) -> dict[str, str]:
    env = dict(os.environ)
    for name in _machine.THREAD_VARIABLES:
        env[name] = str(threads)
    return env


def measure(threads: int, processes: int, seconds: float) -> list[float]:
    """Seconds per repetition of each piece of :data:`WORK`: the slowest of ``processes``
    children started together, each with ``threads`` BLAS threads."""
    children = [
        subprocess.Popen([sys.executable, "-c", CHILD, json.dumps(WORK), str(seconds)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                         env=thread_env(threads))
        for _ in range(processes)
    ]
    for child in children:  # every child is past its imports and warm-up when it reads this
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child in children:
        out, _ = child.communicate()
        if child.returncode != 0:
            raise SystemExit(f"threads.py: a timing process failed (exit {child.returncode})")
        results.append(json.loads(out))
    return [max(column) for column in zip(*results, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=0.5,
                        help="seconds of each piece of work per measurement (default 0.5)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="interleaved rounds; the best of each measurement counts (3)")
    args = parser.parse_args()
    if not args.seconds > 0:
        parser.error(f"--seconds must be positive, got {args.seconds}")
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1, got {args.rounds}")
    many = default_jobs()  # the cores this process may use
    print("actlearn BLAS threads benchmark: float64 products and MLP steps in fresh processes")
    print(_machine.header() + "  (this process; each timing process sets its own count)")
    if many < 2:
        print(f"only {many} core available to this process: nothing to compare")
        return
    configs = [(t, p) for p in (1, 2) for t in (1, many)]
    runs = {config: [float("inf")] * len(WORK) for config in configs}
    for _ in range(args.rounds):  # interleaved rounds, the best of each kept
        for config in configs:
            runs[config] = [min(old, new) for old, new in
                            zip(runs[config], measure(*config, args.seconds), strict=True)]
    print(f"{many} cores; µs per product or step, best of {args.rounds} rounds (side by side: "
          "the slower of the two processes)")
    print(f"  {'':<20}{'alone':>8}{'alone':>8}{'side by side':>15}{'side by side':>15}"
          f"{'gain alone':>12}{'cost side by side':>19}")
    print(f"  {'':<20}{'1 thr':>8}{f'{many} thr':>8}{'1 thr each':>15}{f'{many} thr each':>15}"
          f"{'(1 / ' + str(many) + ')':>12}{'(' + str(many) + ' / 1)':>19}")
    for i, name in enumerate(WORK):
        one, all_, pair_one, pair_all = (runs[key][i] for key in
                                         ((1, 1), (many, 1), (1, 2), (many, 2)))
        print(f"  {name:<20}{one * 1e6:8.1f}{all_ * 1e6:8.1f}"
              f"{pair_one * 1e6:15.1f}{pair_all * 1e6:15.1f}{one / all_:12.2f}"
              f"{pair_all / pair_one:19.2f}")


if __name__ == "__main__":
    main()
