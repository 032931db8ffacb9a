"""Run one learner's process in the strongest sandbox this machine allows.

Three levels, chosen once per run by :func:`detect` and named in the run's output:

* ``namespaces``: ``unshare`` gives the process its own mount, PID, network, IPC and UTS
  namespaces (a user namespace too when the grader is not root). It sees a new root holding
  only read-only system and Python folders, a private copy of the library, a private /tmp
  and its job folder: no checkout, no ``solutions/``, no classmates, no CSV, no network, no
  other process to signal. As root it also runs under its own uid.
* ``user`` (root without namespaces): a uid of its own, which cannot signal the grader or
  write the grader's files, but can read world-readable files and use the network.
* ``process`` (neither): only a separate process with limits; it runs as the grader's user.

In every level: a new session whose process group is killed at the end (and, as root, every
process of its uid), resource limits (CPU, memory, file size, open files, processes), closed
stdin, a scrubbed environment, a wall-clock limit, and no capability.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from actlearn.blas import THREAD_VARIABLES

JAIL = Path(__file__).with_name("jail.py")
LIB = "/opt/actlearn-lib"
JOB = "/job"
UID_BASE = 61_000
"""Learners' processes run as uid UID_BASE + a slot number (root only; no account needed)."""
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc")
LEVELS = {
    "namespaces": "namespaces (own root, no network, own PIDs){user}",
    "user": "separate user only (no namespaces: the answer can read world-readable files "
            "and use the network)",
    "process": "separate process only (no namespaces{why}: the answer runs as {who} and "
               "can read your files, write the checkout, signal the grader and use the "
               "network)",
}


@dataclass(frozen=True)
class Isolation:
    """The sandbox level and the words that describe it."""

    level: str
    as_root: bool

    @property
    def own_uid(self) -> bool:
        """Whether the learner's process runs under a uid of its own."""
        return self.as_root and self.level != "process"

    def describe(self) -> str:
        user = ", separate user" if self.as_root else ", user namespace"
        why = ", and this Python cannot run as another user" if self.as_root else ", not root"
        who = "root" if self.as_root else "you"
        return LEVELS[self.level].format(user=user, why=why, who=who)


def _unshare(as_root: bool) -> list[str]:
    tool = shutil.which("unshare") or "unshare"
    flags = ["--mount", "--net", "--pid", "--ipc", "--uts", "--fork", "--kill-child"]
    return [tool, *flags, *([] if as_root else ["--user", "--map-root-user"])]


@functools.cache
def detect() -> Isolation:
    """The strongest level that works here (probed once: a trial ``unshare``).

    ``ACTLEARN_SANDBOX=user`` or ``=process`` asks for a weaker level (to test it, or where
    namespaces misbehave); nothing asks for a stronger one than works.
    """
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    wanted = os.environ.get("ACTLEARN_SANDBOX", "namespaces")
    if wanted == "process" or (wanted == "user" and not as_root):
        return Isolation("process", as_root)
    if wanted != "user" and sys.platform.startswith("linux") and shutil.which("unshare"):
        probe = subprocess.run([*_unshare(as_root), "true"], stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=30, check=False)
        if probe.returncode == 0:
            return Isolation("namespaces", as_root)
    return Isolation("user" if as_root and _python_runs_as(UID_BASE) else "process", as_root)


def _python_runs_as(uid: int) -> bool:
    """Whether this Python (and NumPy) can run as ``uid`` (its folders may be private)."""
    try:
        probe = subprocess.run([sys.executable, "-I", "-c", "import numpy"], user=uid,
                               group=uid, extra_groups=[], cwd="/", stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=60, check=False)
    except OSError:
        return False
    return probe.returncode == 0


def environment() -> dict[str, str]:
    """The learner's whole environment: nothing of the grader's, and BLAS on one thread
    whichever library NumPy uses (every variable of :data:`actlearn.blas.THREAD_VARIABLES`)."""
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8",
            "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
            **dict.fromkeys(THREAD_VARIABLES, "1")}


def limits(cpu_seconds: float) -> dict[str, int]:
    """Resource limits of one learner's process."""
    return {"CPU": int(cpu_seconds) + 1, "AS": 4 * 2**30, "FSIZE": 64 * 2**20,
            "NOFILE": 256, "CORE": 0}


def _binds(lib: Path, job: Path) -> list[list]:
    python = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix), sys.prefix}
    extra = sorted(p for p in python if not p.startswith(SYSTEM))
    return ([[p, p, False] for p in SYSTEM] + [[p, p, False] for p in extra]
            + [["/dev/null", "/dev/null", True], ["/dev/zero", "/dev/zero", True],
               ["/dev/urandom", "/dev/urandom", False], [str(lib), LIB, False],
               [str(job), JOB, True]])


def command(isolation: Isolation, lib: Path, job: Path, slot: int, cpu_seconds: float,
            root: Path) -> list[str]:
    """The argv that runs the worker on ``job`` (``root``: an empty folder for the jail)."""
    jailed = isolation.level == "namespaces"
    lib_path, job_path = (LIB, JOB) if jailed else (str(lib), str(job))
    bootstrap = (f"import sys; sys.path.insert(0, {lib_path!r}); import runpy; "
                 "runpy.run_module('actlearn.grading.worker', run_name='__main__')")
    uid = UID_BASE + slot if isolation.own_uid else None
    nproc = {"NPROC": 64} if uid is not None else {}
    spec = {"root": str(root) if jailed else None, "binds": _binds(lib, job),
            "cwd": job_path, "limits": {**limits(cpu_seconds), **nproc}, "uid": uid,
            "gid": uid, "env": environment(),
            "argv": [sys.executable, "-I", "-c", bootstrap, job_path]}
    boot = [sys.executable, "-I", "-S", str(JAIL), json.dumps(spec)]
    setpriv = shutil.which("setpriv")
    tied = [setpriv, "--pdeathsig", "KILL"] if setpriv else []  # dies if the grader dies
    return [*tied, *_unshare(isolation.as_root), *boot] if jailed else [*tied, *boot]


def prepare(job: Path, slot: int, isolation: Isolation) -> None:
    """Give the learner's uid its job folder (and nothing else)."""
    if isolation.own_uid:
        os.chown(job, UID_BASE + slot, UID_BASE + slot)
        for path in job.iterdir():
            os.chown(path, UID_BASE + slot, UID_BASE + slot)


_live: set[subprocess.Popen] = set()
_lock = threading.Lock()


def stop_all() -> None:
    """Kill every learner's process still running (the run is being interrupted)."""
    with _lock:
        for process in list(_live):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)


def run(argv: list[str], timeout: float, log: Path, slot: int, isolation: Isolation) -> str:
    """Run ``argv`` in a new session; ``"ok"``, ``"timeout"`` or ``"setup failed: ..."``."""
    with open(log, "wb") as errors:
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=errors, start_new_session=True, close_fds=True)
        with _lock:
            _live.add(process)
        try:
            code = process.wait(timeout)
            state = "ok"
        except subprocess.TimeoutExpired:
            code, state = None, "timeout"
        finally:
            _end(process, slot, isolation)
    if code == 111:
        return "setup failed: " + log.read_text(errors="replace")[:300].strip()
    return state


def _end(process: subprocess.Popen, slot: int, isolation: Isolation) -> None:
    """Kill the process group and, as root, everything the learner's uid still runs."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    with _lock:
        _live.discard(process)
    if isolation.as_root and isolation.level == "user":
        uid = UID_BASE + slot
        subprocess.run([sys.executable, "-I", "-S", "-c",
                        "import os, signal; os.kill(-1, signal.SIGKILL)"],
                       user=uid, group=uid, extra_groups=[], check=False,
                       stdin=subprocess.DEVNULL, capture_output=True)
