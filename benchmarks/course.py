"""How long each lesson and solution notebook takes to run, top to bottom, on one core.

Executes copies in memory (the files are never written), pinned to one CPU with BLAS on one
thread. Prints a table, the slowest notebook and the total against the 20 s target; with
``--update-readme`` it also rewrites the README's performance block.

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


def run_seconds(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=600,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def table(rows: list[tuple[str, float]]) -> str:
    lines = ["| notebook | seconds |", "|---|---:|"]
    lines += [f"| `{name}` | {sec:.1f} |" for name, sec in rows]
    total = sum(sec for _, sec in rows)
    lines.append(f"| **total** | **{total:.1f}** |")
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
        seconds = run_seconds(path)
        name = str(path.resolve().relative_to(ROOT))
        rows.append((name, seconds))
        print(f"{name:<48}{seconds:8.1f} s", flush=True)
    if not rows:
        print("no notebooks found")
        return
    slowest = max(rows, key=lambda r: r[1])
    total = sum(s for _, s in rows)
    print(
        f"\nnotebooks: {len(rows)}   total: {total:.1f} s   slowest: {slowest[0]} "
        f"{slowest[1]:.1f} s (target: none over {TARGET_S:.0f} s)"
    )
    if args.update_readme:
        machine = platform.processor() or platform.machine()
        update_readme(
            f"Measured by `python benchmarks/course.py` ({machine}, one core):\n\n" + table(rows)
        )


if __name__ == "__main__":
    main()
