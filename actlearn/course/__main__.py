"""Entry point of ``python -m actlearn.course``.

``grade`` restarts itself once with BLAS on one thread (the grader's work is many small
arrays): then no thread of the grader lets a stray SIGINT or SIGTERM past the filter of
:mod:`actlearn.course.signals`.
"""

import os
import sys

from actlearn.course.startup import skip_unused_imports

skip_unused_imports()  # before nbformat: see actlearn.course.startup

from actlearn.blas import THREAD_VARIABLES  # noqa: E402
from actlearn.course.cli import main  # noqa: E402

if sys.argv[1:2] == ["grade"] and os.environ.get("OPENBLAS_NUM_THREADS") != "1" and hasattr(
        os, "sched_getaffinity"):
    os.environ.update(dict.fromkeys(THREAD_VARIABLES, "1"))
    os.execv(sys.executable, [sys.executable, "-m", "actlearn.course", *sys.argv[1:]])

sys.exit(main())
