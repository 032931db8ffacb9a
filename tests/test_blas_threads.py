"""Importing actlearn puts BLAS on one thread, unless a thread count was chosen (actlearn.blas).

Each case runs in a fresh Python, since the limit is set once per process, at import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from actlearn.blas import THREAD_VARIABLES, chosen_count, one_thread
from actlearn.course.class_run import default_jobs
from tests.blas import blas_name

#: The BLAS thread counts of a fresh process after ``code``, as JSON.
REPORT = "import json, threadpoolctl\n" \
         "print(json.dumps([i['num_threads'] for i in threadpoolctl.threadpool_info() " \
         "if i['user_api'] == 'blas']))\n"


def _counts(code: str, **env: str) -> list[int]:
    clean = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}
    done = subprocess.run([sys.executable, "-c", code + REPORT], capture_output=True, text=True,
                          env={**clean, **env}, check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    if not counts and "openblas" not in blas_name():  # (NumPy's wheels all bundle OpenBLAS)
        pytest.skip(f"threadpoolctl sees no thread pool in NumPy's BLAS ({blas_name()}; a "
                    "serial one, such as the reference BLAS, has none): nothing to limit")
    assert counts, "no BLAS library found in the process"
    return counts


@pytest.mark.parametrize("code", ["import actlearn\n", "import numpy\nimport actlearn\n",
                                  "import actlearn.engine\n"], ids=["alone", "numpy-first",
                                                                    "a-submodule"])
def test_importing_actlearn_sets_one_blas_thread(code: str) -> None:
    counts = _counts(code)
    assert counts == [1] * len(counts)


@pytest.mark.skipif(default_jobs() < 2, reason="one core: BLAS has one thread anyway")
def test_a_chosen_count_is_left_alone() -> None:
    without = _counts("import numpy\n")
    assert max(without) >= 2  # what the library picks on its own, here: more than one
    assert _counts("import actlearn\n", OPENBLAS_NUM_THREADS="2") == [2] * len(without)
    assert max(_counts("import actlearn\n", OMP_NUM_THREADS=str(default_jobs()))) >= 2


def test_chosen_count_names_the_first_variable_set() -> None:
    assert chosen_count({}) is None
    assert chosen_count({"OPENBLAS_NUM_THREADS": ""}) is None  # empty: not a choice
    assert chosen_count({"MKL_NUM_THREADS": "2", "OMP_NUM_THREADS": "3"}) == "OMP_NUM_THREADS"


def test_one_thread_does_nothing_when_a_count_was_chosen(monkeypatch) -> None:
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    assert one_thread() is False


def test_a_limit_that_cannot_be_set_warns_and_the_import_goes_on(monkeypatch) -> None:
    import threadpoolctl

    for name in THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def broken(*args, **kwargs):
        raise OSError("no such symbol")

    monkeypatch.setattr(threadpoolctl, "threadpool_limits", broken)
    with pytest.warns(RuntimeWarning, match=r"could not put BLAS on one thread \(OSError: no "
                                            r"such symbol\); set OPENBLAS_NUM_THREADS=1"):
        assert one_thread() is False
