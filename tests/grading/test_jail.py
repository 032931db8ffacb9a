"""The namespaces sandbox's new root, entered for real (skipped where namespaces don't work)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from actlearn.grading import isolation
from actlearn.grading.isolation import JAIL, detect, environment

pytestmark = pytest.mark.skipif(detect().level != "namespaces",
                                reason="needs the namespaces sandbox level")


def _jailed(tmp: Path, binds: list[list], code: str) -> subprocess.CompletedProcess:
    root = tmp / "root"
    root.mkdir()
    spec = {"root": str(root), "binds": binds, "cwd": "/", "limits": {}, "uid": None,
            "gid": None, "env": environment(), "argv": [sys.executable, "-I", "-c", code]}
    argv = [*isolation._unshare(detect().as_root), sys.executable, "-I", "-S", str(JAIL),
            json.dumps(spec)]
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False,
                          stdin=subprocess.DEVNULL)


@pytest.fixture
def layout() -> Iterator[tuple[Path, Path, list[list]]]:
    """(a folder under the host's /tmp, a folder "venv" in it bound read-only, the binds): the
    jail's own binds for a job and a library beside it, plus that one."""
    with tempfile.TemporaryDirectory(dir="/tmp") as name:
        tmp = Path(name)
        shared = tmp / "venv"
        job, lib = tmp / "job", tmp / "lib"
        for folder in (shared, job, lib):
            folder.mkdir()
        yield tmp, shared, isolation._binds(lib, job) + [[str(shared), str(shared), False]]


def test_a_bind_under_tmp_is_visible_inside_the_private_tmp(layout):
    """A checkout or virtual environment under /tmp (a fresh clone in ``mktemp -d``) stays
    reachable: the private /tmp is mounted before the binds, not over them."""
    tmp, shared, binds = layout
    (shared / "marker.txt").write_text("seen")
    code = (f"import os; print(open({str(shared / 'marker.txt')!r}).read(), "
            "sorted(os.listdir('/tmp')))")
    done = _jailed(tmp, binds, code)
    assert done.returncode == 0, done.stderr
    seen, listing = done.stdout.split(" ", 1)
    assert seen == "seen"
    under_tmp = sorted({Path(t).relative_to("/tmp").parts[0] for _, t, _ in binds
                        if t.startswith("/tmp/")})
    assert listing.strip() == repr(under_tmp)  # mount points only: nothing of the host


def test_the_private_tmp_is_writable_and_the_bind_under_it_is_not(layout):
    tmp, shared, binds = layout
    code = ("open('/tmp/scratch', 'w').write('x')\n"
            f"try:\n    open({str(shared / 'new')!r}, 'w')\n"
            "except OSError as e:\n    print('refused', e.errno)")
    done = _jailed(tmp, binds, code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused")
    assert not (shared / "new").exists()
