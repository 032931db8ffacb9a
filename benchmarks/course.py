"""How long each lesson and solution notebook takes to run, top to bottom, on one core, and
how much memory its kernel needs.

Executes copies in memory (the files are never written), pinned to one CPU with BLAS on one
thread. The kernel's peak resident memory is read at the end by one more cell, added to the
copy (``resource.getrusage``: what a hub's per-user memory limit has to leave room for). Prints
a table, the slowest notebook and the total against the 20 s target, and the largest peak;
with ``--update-readme`` it also rewrites the README's performance block.

    python benchmarks/course.py [--update-readme] [paths ...]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 20.0
START, END = "<!-- performance:start -->", "<!-- performance:end -->"


def pin_to_one_core() -> None:
    os.environ["OMP_NUM_THREADS"] = os.environ["OPENBLAS_NUM_THREADS"] = "1"
    os.environ["MKL_NUM_THREADS"] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # kernels inherit it


#: The cell added at the end of each copy: the kernel's peak resident memory in MB (Linux
#: reports ru_maxrss in KiB, macOS in bytes; NaN where ``resource`` does not exist).
PEAK_CELL = """\
try:
    import resource, sys
    _peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(_peak / (2**20 if sys.platform == "darwin" else 2**10))
except ImportError:
    print("nan")
"""


def run_notebook(path: Path) -> tuple[float, float]:
    """(seconds to run ``path`` top to bottom, its kernel's peak resident memory in MB)."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PEAK_CELL))
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=600,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    printed = "".join(out.get("text", "") for out in notebook.cells[-1].outputs)
    return seconds, float(printed.strip().splitlines()[-1])


def table(rows: list[tuple[str, float, float]]) -> str:
    lines = ["| notebook | seconds | peak memory (MB) |", "|---|---:|---:|"]
    lines += [f"| `{name}` | {sec:.1f} | {peak:.0f} |" for name, sec, peak in rows]
    total = sum(sec for _, sec, _ in rows)
    largest = max(peak for _, _, peak in rows)
    lines.append(f"| **total**, **largest** | **{total:.1f}** | **{largest:.0f}** |")
    return "\n".join(lines)


def update_readme(text: str) -> None:
    readme = ROOT / "README.md"
    body = readme.read_text()
    if START not in body or END not in body:
        raise SystemExit(f"README.md has no {START} … {END} block to update")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    readme.write_text(pattern.sub(lambda _: f"{START}\n{text}\n{END}", body))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args()
    paths = args.paths or sorted([*ROOT.glob("lessons/*.ipynb"), *ROOT.glob("solutions/*.ipynb")])
    pin_to_one_core()
    import _machine  # after the thread variables are set: it loads NumPy's BLAS

    print(_machine.header())
    rows = []
    for path in paths:
        seconds, peak = run_notebook(path)
        name = str(path.resolve().relative_to(ROOT))
        rows.append((name, seconds, peak))
        print(f"{name:<48}{seconds:8.1f} s{peak:8.0f} MB", flush=True)
    if not rows:
        print("no notebooks found")
        return
    slowest = max(rows, key=lambda r: r[1])
    largest = max(rows, key=lambda r: r[2])
    total = sum(s for _, s, _ in rows)
    print(
        f"\nnotebooks: {len(rows)}   total: {total:.1f} s   slowest: {slowest[0]} "
        f"{slowest[1]:.1f} s (target: none over {TARGET_S:.0f} s)\n"
        f"largest kernel: {largest[0]} at its peak {largest[2]:.0f} MB resident"
    )
    if args.update_readme:
        machine = platform.processor() or platform.machine()
        update_readme(
            f"Measured by `python benchmarks/course.py` ({machine}, one core); peak memory is\n"
            "the kernel's largest resident size over the run, top to bottom (moving a widget\n"
            "afterwards can add to it):\n\n" + table(rows)
        )


if __name__ == "__main__":
    main()
