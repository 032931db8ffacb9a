"""The benchmark scripts still run, and what they compare still agrees.

Each script runs once at its smallest settings, so a change to the package that breaks one is
caught here rather than on the day someone measures (the widget script on one widget). Nothing
here reads a timing. The checks are the scripts' own agreement tests: the engine's
implementations start from the same weights and must reach the same losses in their first two
steps (so the same gradients); the exact GELU's plain baseline must match actlearn within the
tests' tolerance; a stack must train bit for bit as its members one by one; the grader grades a
solved notebook right. Then the line naming the BLAS library, no warning on stderr, and every
row each script promises.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import actlearn as al

ROOT = Path(__file__).resolve().parents[1]


def _run(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Warning" not in done.stderr, done.stderr[-2000:]
    return done.stdout


def test_engine_benchmark_implementations_agree() -> None:
    out = _run("engine.py", "--rounds", "1", "--seconds", "0.0001", "--no-digits")
    assert re.search(r"^BLAS: \S", out, re.MULTILINE), out[:500]  # which library ran
    assert "losses of the first two steps differ" not in out, out
    for size in ("32 x 32", "128 x 128", "1024 x 512"):
        assert re.search(rf"^  {size} +[\d.]+ +[\d.]+ +[\d.]+", out, re.MULTILINE), out
    for line in ("(kept / floor): 32 x 32 ", "(bare / floor): 32 x 32 ",
                 "(again / floor; 1 but for this run's noise): 32 x 32 ",
                 "what fused and generic add to the floor's step, in µs: 32 x 32 ",
                 "fused / floor, relative to its target:", "generic / floor at 128 x 128:"):
        assert line in out, out
    assert re.search(r"^  fused +float64 +[\d.]+ +float32 +[\d.]+ +ratio", out, re.MULTILINE), out
    smooth = r"^  sigmoid [\d.]+, silu [\d.]+, gelu [\d.]+, sin [\d.]+$"
    assert re.search(smooth, out, re.MULTILINE), out
    assert "the two steps' losses differ" not in out, out


def test_activation_benchmark_covers_the_registry_and_its_gelu_baseline_agrees() -> None:
    out = _run("activations.py", "--rounds", "1", "--size", "2000")
    assert re.search(r"^BLAS: \S", out, re.MULTILINE), out[:500]
    rows = set(re.findall(r"^  (\w+) +[\d.]+ +[\d.]+ +[\d.]+", out, re.MULTILINE))
    assert set(al.list_activations()) <= rows, sorted(set(al.list_activations()) - rows)
    agreement = re.search(r"plain baseline agrees with actlearn to ([\d.]+) of the tests'", out)
    assert agreement is not None and float(agreement.group(1)) <= 1.0, out
    assert re.search(r"^worst ratio: \w+ [\d.]+ \(target <= 1.5\)$", out, re.MULTILINE), out


def test_stack_benchmark_trains_stacks_bit_for_bit() -> None:
    out = _run("stacks.py", "--rounds", "1", "--members", "2")
    rows = re.findall(r"^(.+?) +\d+ +[\d.]+s +[\d.]+s +[\d.]+x +(\w+)$", out, re.MULTILINE)
    assert len(rows) >= 5 and all(identical == "yes" for _, identical in rows), out


def test_grading_benchmark_grades_the_solved_notebooks_right() -> None:
    out = _run("grading.py", "--students", "2", "--jobs", "1", "--notebooks", "01")
    assert re.search(r"^all right: 1 of 1 solved notebooks; statuses: \['ok'\]$", out,
                     re.MULTILINE), out


def test_widget_benchmark_times_every_control_of_a_widget() -> None:
    out = _run("widgets.py", "--only", "neuron.response", "--repeats", "1")
    assert re.search(r"^BLAS: \S", out, re.MULTILINE), out[:500]
    rows = re.findall(r"^neuron\.response_widget +(\w+) +([\d.]+) +([\d.]+)$", out, re.MULTILINE)
    assert [name for name, *_ in rows] == ["activation", "weight", "bias"], out
    for line in ("controls measured: 3", "median: ", "worst: ", "slowest single change: ",
                 "first change after a widget appears (a new figure), over 1 widgets"):
        assert line in out, out


def test_threads_benchmark_times_every_piece_alone_and_side_by_side() -> None:
    out = _run("threads.py", "--seconds", "0.01", "--rounds", "1")
    assert re.search(r"^BLAS: \S", out, re.MULTILINE), out[:500]
    if "nothing to compare" in out:  # one core: no second thread to compare with
        return
    for name in ("64 x 64 x 64", "128 x 128 x 128", "1000 x 32 x 32", "MLP step 128 x 128"):
        assert re.search(rf"^  {name} +(?:[\d.]+ +){{5}}[\d.]+$", out, re.MULTILINE), out


def test_course_benchmark_times_a_notebook_and_reads_its_kernels_peak_memory() -> None:
    out = _run("course.py", "solutions/10-attention.ipynb")
    row = re.search(r"^solutions/10-attention\.ipynb +([\d.]+) s +(\d+) MB$", out, re.MULTILINE)
    assert row is not None, out
    assert 20 < float(row.group(2)) < 100_000, out  # a Python kernel with NumPy loaded, in MB
    assert "largest kernel: solutions/10-attention.ipynb at its peak" in out, out
