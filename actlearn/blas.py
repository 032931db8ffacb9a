"""One BLAS thread per process, unless you chose a count: set when ``actlearn`` is imported.

NumPy's BLAS (OpenBLAS, MKL, ...) starts one thread per core for its matrix products. Alone,
that buys the course's sizes little: on a 2-core machine a training step of an MLP
64-128-128-10 on a batch of 128 ran no faster with 2 threads than with 1 (a little slower),
and one product of a size the lessons use at most about 2× faster. But kernels often compute
at the same time: a learner runs two notebooks, the tests run notebooks in parallel, a class
on a JupyterHub shares a machine. Then the processes' threads fight for the same cores, and a
thread that waits for a partner the operating system has set aside loses its turn: with 2
threads each, two such training steps side by side took 5 to 150 times as long as with one
thread each (up to 80 ms a step instead of under 1 ms), in three runs of
``benchmarks/threads.py``, which measures all four cases in one run.

So importing ``actlearn`` limits the BLAS libraries NumPy has loaded to one thread each, with
``threadpoolctl``, as ``make lab`` and the notebook runs start every kernel (the stored
outputs of the lessons were computed that way). It does nothing when any of
:data:`THREAD_VARIABLES` is set: to give BLAS more threads, set one before starting Python,
e.g. ``OPENBLAS_NUM_THREADS=4 jupyter lab``.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping

#: Environment variables by which a user (or a launcher such as ``make lab``) chooses BLAS's
#: thread count; when any is set, :func:`one_thread` leaves the count alone.
THREAD_VARIABLES = (
    "OPENBLAS_NUM_THREADS",
    "GOTO_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)


def chosen_count(env: Mapping[str, str] | None = None) -> str | None:
    """The first of :data:`THREAD_VARIABLES` set in ``env`` (default: this process's
    environment), or None when the thread count was left to the libraries.

    >>> chosen_count({"OMP_NUM_THREADS": "4"}), chosen_count({})
    ('OMP_NUM_THREADS', None)
    """
    env = os.environ if env is None else env
    return next((name for name in THREAD_VARIABLES if env.get(name, "") != ""), None)


def one_thread() -> bool:
    """Limit every BLAS library loaded in this process to one thread, unless a thread count
    was chosen (:func:`chosen_count`). True when the limit was set; if it cannot be set, a
    RuntimeWarning says so and how to set it by hand (importing actlearn never fails on it)."""
    if chosen_count() is not None:
        return False
    import numpy  # noqa: F401  (loads NumPy's BLAS, so that the limit reaches it)

    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
    except Exception as exc:  # noqa: BLE001 (an unusual BLAS build must not stop the import)
        warnings.warn(
            f"actlearn could not put BLAS on one thread ({type(exc).__name__}: {exc}); set "
            "OPENBLAS_NUM_THREADS=1 (or OMP_NUM_THREADS=1) before starting Python to do it "
            "by hand", RuntimeWarning, stacklevel=2)
        return False
    return True
