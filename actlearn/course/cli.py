"""``python -m actlearn.course <command>``: execute, exercises, check, grade, html, ..."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from actlearn.course.files import REPO, CourseError, course_notebooks, find_notebooks


def _root() -> Path:
    """The course checkout: the working folder if it holds the course, else the package's."""
    cwd = Path.cwd()
    return cwd if (cwd / "solutions").is_dir() or (cwd / "lessons").is_dir() else REPO


def _say(message: str, error: bool = False) -> None:
    print(message, file=sys.stderr if error else sys.stdout, flush=True)


def cmd_execute(args: argparse.Namespace) -> int:
    from actlearn.course.execute import execute_notebook

    paths = find_notebooks(args.paths) if args.paths else course_notebooks(
        ["lessons", "solutions"], _root())
    if not paths:
        _say("no notebooks to execute (lessons/ and solutions/ hold no NN-*.ipynb yet)")
    failures = 0
    for path in paths:
        start = time.perf_counter()
        try:
            changed = execute_notebook(path, timeout=args.timeout)
        except CourseError as exc:
            failures += 1
            _say(f"error: {exc}", error=True)
            continue
        state = "updated" if changed else "unchanged"
        _say(f"executed {path} ({state}, {time.perf_counter() - start:.1f} s)")
    return 1 if failures else 0


def cmd_exercises(args: argparse.Namespace) -> int:
    from actlearn.course.generate import write_exercise

    root = _root()
    paths = find_notebooks(args.paths) if args.paths else course_notebooks(["solutions"], root)
    if not paths:
        _say("no solutions to generate exercises from (solutions/ holds no NN-*.ipynb yet)")
    failures = 0
    for path in paths:
        out_dir = Path(args.out) if args.out else path.resolve().parent.parent / "exercises"
        target = out_dir / path.name
        try:
            _say(f"{target}: {write_exercise(path, target, force=args.force)}")
        except CourseError as exc:
            failures += 1
            _say(f"error: {exc}", error=True)
    return 1 if failures else 0


def _progress(done: int, total: int, score: object) -> None:
    width = 30
    filled = width * done // max(total, 1)
    bar = "#" * filled + "-" * (width - filled)
    line = f"[{bar}] {done}/{total} graded: {getattr(score, 'path', '')}"
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        print(f"\r\033[K{line}", end=end, file=sys.stderr, flush=True)
    else:
        print(line, file=sys.stderr, flush=True)


def cmd_grade(args: argparse.Namespace) -> int:
    from actlearn.course.class_run import grade_paths
    from actlearn.course.report import (
        csv_report,
        flagged_report,
        json_report,
        text_report,
        write_atomically,
    )
    from actlearn.course.signals import only_the_user_interrupts
    from actlearn.grading.isolation import detect

    paths = find_notebooks(args.paths)
    exercises = Path(args.exercises) if args.exercises else _root() / "exercises"
    if not exercises.is_dir():
        raise CourseError(exercises, "no such folder of exercise notebooks (see --exercises)")
    _say(f"sandbox: {detect().describe()}", error=True)
    try:
        with only_the_user_interrupts():
            results, _ = grade_paths(paths, timeout=args.timeout, exercises=exercises,
                                     jobs=args.jobs, on_done=_progress)
    except KeyboardInterrupt:
        _say("\ninterrupted: nothing written", error=True)
        return 130
    _say(text_report(results) if results else "no notebooks found")
    flagged = flagged_report(results)
    if flagged:
        _say(flagged)
    for option, render in ((args.csv, csv_report), (args.json, json_report)):
        if option == "-":
            sys.stdout.write(render(results))
        elif option:
            write_atomically(Path(option), render(results))
            _say(f"wrote {option}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from actlearn.course.selfcheck import check_notebook, render

    paths = find_notebooks(args.paths)
    if not paths:
        _say("no notebooks to check")
    results = [check_notebook(path, timeout=args.timeout) for path in paths]
    for result in results:
        _say(render(result))
    return 0 if results and all(r.passed for r in results) else 1


def cmd_html(args: argparse.Namespace) -> int:
    from actlearn.course.book import broken_links, build_site, remote_loads, split_formulas

    out = Path(args.out)
    written = build_site(out, _root())
    _say(f"wrote {len(written) - 1} pages and {written[-1]} (open it in a browser)")
    problems = broken_links(out) + remote_loads(out) + split_formulas(out)
    for problem in problems:
        _say(f"error: {problem}", error=True)
    return 1 if problems else 0


def cmd_export_nbgrader(args: argparse.Namespace) -> int:
    from actlearn.course.nbgrader_export import export_course

    for path, state in export_course(Path(args.dir), _root(), force=args.force):
        _say(f"{path}: {state}")
    _say(f"nbgrader course in {args.dir}: cd there, then nbgrader generate_assignment NN-name")
    return 0


def cmd_readme(args: argparse.Namespace) -> int:
    from actlearn.course.readme import update_readme

    changed = update_readme(_root())
    _say("README.md lessons table " + ("updated" if changed else "already up to date"))
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m actlearn.course``."""
    top = argparse.ArgumentParser(prog="python -m actlearn.course", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("execute", help="execute notebooks in place (default: lessons/, solutions/)")
    p.add_argument("paths", nargs="*", help="notebooks or folders")
    p.add_argument("--timeout", type=float, default=600.0, help="seconds per cell (600)")
    p.set_defaults(run=cmd_execute)
    p = sub.add_parser("exercises", help="generate exercises/ from solutions/")
    p.add_argument("paths", nargs="*", help="solution notebooks or folders (default: solutions/)")
    p.add_argument("--force", action="store_true",
                   help="overwrite exercises a learner edited (a *.bak.ipynb backup is kept)")
    p.add_argument("--out", help="folder for the exercises (default: exercises/ beside solutions/)")
    p.set_defaults(run=cmd_exercises)
    p = sub.add_parser("grade", help="grade learners' notebooks (sandboxed) and print scores")
    p.add_argument("paths", nargs="+", help="notebooks or folders of notebooks")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per notebook (300)")
    p.add_argument("--jobs", type=int, default=None,
                   help="notebooks graded at once (default: the number of cores)")
    p.add_argument("--exercises", metavar="DIR",
                   help="the instructor's exercise notebooks (default: exercises/)")
    p.add_argument("--csv", metavar="FILE", help="also write CSV to FILE ('-' for stdout)")
    p.add_argument("--json", metavar="FILE", help="also write JSON to FILE ('-' for stdout)")
    p.set_defaults(run=cmd_grade)
    p = sub.add_parser("check", help="run exercise notebooks and show each exercise's verdict")
    p.add_argument("paths", nargs="+", help="exercise notebooks or folders")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per notebook (300)")
    p.set_defaults(run=cmd_check)
    p = sub.add_parser("html", help="the offline book: static HTML of lessons and exercises")
    p.add_argument("--out", default="build/html", help="output folder (build/html)")
    p.set_defaults(run=cmd_html)
    p = sub.add_parser("export-nbgrader", help="write an nbgrader course from solutions/")
    p.add_argument("dir", help="the nbgrader course folder (source/ and nbgrader_config.py)")
    p.add_argument("--force", action="store_true", help="overwrite files that differ")
    p.set_defaults(run=cmd_export_nbgrader)
    p = sub.add_parser("readme", help="regenerate the README's table of lessons")
    p.set_defaults(run=cmd_readme)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; bad input (a missing path, an invalid notebook) exits with 2."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except CourseError as exc:
        _say(f"error: {exc}", error=True)
        return 2
