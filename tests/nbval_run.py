"""``python -m tests.nbval_run ARGS``: ``pytest ARGS`` for a notebook check, started fast.

The notebook tests start one such process per four notebooks and kernel (20 per run), so
what every start pays is paid 20 times:

* nbformat's validation would import a module that takes 1.3 to 1.6 s to load and that it
  never uses (:mod:`actlearn.course.startup` says which and why; the course's commands skip
  it the same way);
* the xdist and hypothesis plugins are not loaded (a notebook check uses neither). Measured
  under load: 6.8 s for a one-second notebook before, 3.0 s after.
"""

from __future__ import annotations

import sys

from actlearn.course.startup import skip_unused_imports

UNUSED_PLUGINS = ("xdist", "xdist.looponfail", "hypothesispytest")


def main(args: list[str]) -> int:
    skip_unused_imports()
    import pytest

    blocked = [flag for plugin in UNUSED_PLUGINS for flag in ("-p", f"no:{plugin}")]
    return int(pytest.main([*blocked, *args]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
