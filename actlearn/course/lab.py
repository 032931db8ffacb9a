"""``python -m actlearn.course.lab`` (what ``make lab`` runs): JupyterLab on the course, safely.

Bound to 127.0.0.1 with a fresh random token (never disabled, never empty), opened on the
lessons folder; ``--allow-root`` only when running as root. The tokened URL is printed.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from actlearn.course.files import REPO


def lab_command(root: Path, token: str, port: int = 8888, as_root: bool = False) -> list[str]:
    """The argv that starts JupyterLab on ``root`` (a ValueError for an empty token)."""
    if not token:
        raise ValueError("JupyterLab needs a non-empty token; the course never disables auth")
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.open_browser=False",
    ]
    if as_root:
        argv.append("--allow-root")
    return argv


def main() -> None:
    root = REPO
    token = os.environ.get("ACTLEARN_TOKEN") or secrets.token_urlsafe(24)
    port = int(os.environ.get("ACTLEARN_PORT", "8888"))
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    argv = lab_command(root, token, port, as_root)
    print(f"actlearn: open http://127.0.0.1:{port}/lab/tree/lessons?token={token}", flush=True)
    # The kernels inherit the server's environment: BLAS on one thread, as the lessons were
    # timed (on the course's small matrices, threads only contend).
    from actlearn.course.execute import kernel_env

    os.execve(argv[0], argv, kernel_env())


if __name__ == "__main__":
    main()
