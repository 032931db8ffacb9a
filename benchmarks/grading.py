"""How long class grading takes: S students, each handing in every exercise notebook.

Each student's notebook is the generated exercise with, for every other student, the
solution's answers (all right) and, for the rest, the stubs left in (all wrong), so both the
passing path (every check runs, 10^6-value speed checks included) and the failing one are
timed. Everything runs through ``python -m actlearn.course grade``'s own function, sandbox
included. Prints the wall time, the cost per notebook and the extrapolation to 200 students
(when fewer were run).

    python benchmarks/grading.py [--students 200] [--jobs N] [--notebooks 00 05 ...]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actlearn.course.class_run import default_jobs, grade_paths  # noqa: E402
from actlearn.course.generate import answered  # noqa: E402


def make_class(folder: Path, students: int, stems: list[str]) -> list[Path]:
    """``students`` folders of notebooks, alternately right and stubs."""
    paths = []
    for student in range(students):
        home = folder / f"student-{student:03d}"
        home.mkdir()
        for stem in stems:
            exercise = ROOT / "exercises" / f"{stem}.ipynb"
            solution = ROOT / "solutions" / f"{stem}.ipynb"
            target = home / exercise.name
            if student % 2 == 0:
                target.write_text(json.dumps(answered(exercise, solution)))
            else:
                shutil.copy(exercise, target)
            paths.append(target)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--notebooks", nargs="*", help="stems or NN prefixes (default: all)")
    args = parser.parse_args()
    stems = sorted(p.stem for p in (ROOT / "exercises").glob("[0-9][0-9]-*.ipynb"))
    if args.notebooks:
        stems = [s for s in stems if any(s.startswith(n) for n in args.notebooks)]
    with tempfile.TemporaryDirectory(prefix="actlearn-bench-") as tmp:
        paths = make_class(Path(tmp), args.students, stems)

        def done(count: int, total: int, score: object) -> None:
            print(f"\r{count}/{total}", end="", file=sys.stderr, flush=True)

        start = time.perf_counter()
        results, isolation = grade_paths(paths, timeout=300, exercises=ROOT / "exercises",
                                         jobs=args.jobs, on_done=done)
        wall = time.perf_counter() - start
    print(file=sys.stderr)
    right = [r for r in results if r.passed == r.total and r.total]
    print(f"sandbox: {isolation.describe()}")
    print(f"{len(results)} notebooks ({args.students} students x {len(stems)} notebooks), "
          f"--jobs {args.jobs}: {wall:.1f} s wall, {wall / len(results):.2f} s per notebook, "
          f"{args.jobs * wall / len(results):.2f} s per notebook per job")
    print(f"all right: {len(right)} of {(args.students + 1) // 2 * len(stems)} solved notebooks; "
          f"statuses: {sorted({r.status for r in results})}")
    if args.students < 200:
        full = 200 * len(stems) * wall / len(results)
        print(f"extrapolated to 200 students x {len(stems)} notebooks at --jobs {args.jobs}: "
              f"{full / 60:.0f} min")


if __name__ == "__main__":
    main()
