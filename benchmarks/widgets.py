"""How fast each widget answers a learner: time from a control change to the new figure.

For every widget in ``actlearn.widgets`` and every control, change the value (one slider step,
the next dropdown option) and time the redraw plus the PNG rendering the browser receives.
Headless; prints a table, then the median and worst against the targets (100 ms, 250 ms).

A widget draws its first change on a new figure and every later change on the figure it
showed before, emptied (see ``actlearn.widgets.base``). The table is that steady state; the
first change after a widget appears is measured too and printed on its own line.

Each control is changed ``--repeats`` times, each time to its next value, and the table shows
the fastest and the slowest of those changes. The targets read the fastest (the least
disturbed by other load); the slowest is printed beside it because a change can also be slow
for a reason of its own: lesson 14's dashboard trains a new network for a combination it has
not seen, and a dropdown that comes back round to a combination seen before redraws from the
cache.

    python benchmarks/widgets.py [--repeats 3] [--only training]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import _machine  # noqa: E402  (the BLAS header; imports NumPy after the thread limits)

from actlearn.widgets.discover import next_value, widget_factories  # noqa: E402

TARGET_MEDIAN_MS, TARGET_WORST_MS = 100.0, 250.0


def time_change(widget, name: str) -> float:
    """Milliseconds from setting control ``name`` to the new figure's PNG (the widget renders
    it in its callback, exactly as in a notebook)."""
    control = widget.controls[name]
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # display() prints outside a kernel
        control.value = next_value(control)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="changes timed per control")
    parser.add_argument("--only", default="", help="only widgets whose name contains this")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error(f"--repeats must be at least 1, got {args.repeats}")
    factories = {k: f for k, f in widget_factories().items() if args.only in k}
    if not factories:
        parser.error(f"no widget's name contains {args.only!r}")
    rows, first = [], []
    for key, factory in factories.items():
        with contextlib.redirect_stdout(io.StringIO()):
            widget = factory()
        first.append(time_change(widget, next(iter(widget.controls))))
        for name in widget.controls:
            times = [time_change(widget, name) for _ in range(args.repeats)]
            rows.append((key, name, min(times), max(times)))
    print(_machine.header())
    width = max(len(k) for k, *_ in rows) + 2
    print(f"{'widget':<{width}}{'control':<18}{'ms, fastest':>12}{'slowest':>10}"
          f"  (of {args.repeats} changes)")
    for key, name, fastest, slowest in rows:
        print(f"{key:<{width}}{name:<18}{fastest:>12.1f}{slowest:>10.1f}")
    times = [fastest for _, _, fastest, _ in rows]
    median, worst = statistics.median(times), max(times)
    slowest_key, slowest_name, _, slowest = max(rows, key=lambda row: row[3])
    print()
    print(f"controls measured: {len(times)}")
    print(f"median: {median:.1f} ms (target < {TARGET_MEDIAN_MS:.0f} ms)")
    print(f"worst:  {worst:.1f} ms (target < {TARGET_WORST_MS:.0f} ms)")
    print(f"slowest single change: {slowest:.1f} ms ({slowest_key}, {slowest_name})")
    print(f"first change after a widget appears (a new figure), over {len(first)} widgets: "
          f"median {statistics.median(first):.1f} ms, worst {max(first):.1f} ms")


if __name__ == "__main__":
    main()
