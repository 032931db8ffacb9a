"""The data files shipped inside the package, read with their checksums verified.

The files live in ``actlearn/datasets/`` and are found with :mod:`importlib.resources`,
so they load from a source checkout, an editable install or an installed wheel alike,
with no network access. ``actlearn/datasets/README.md`` says where each file comes from.
"""

from __future__ import annotations

import hashlib
from importlib import resources

# SHA-256 of each shipped file; the README lists the same values.
SHA256: dict[str, str] = {
    "iris.csv": "9cc1c345c71bcc9b486b74cbf6063fa66f4bb5e0f603a4b3c3471ec2e5e8e355",
    "digits.csv.gz": "ef9e7faeeda2aa13b76f7665eb46f15c43c4de9e7ce1ee1b5982de61c933a129",
}


def read_shipped(name: str) -> bytes:
    """Return the bytes of the shipped file ``name`` after checking its SHA-256.

    Raises:
        ValueError: ``name`` is not a shipped file.
        FileNotFoundError: the file is missing from the installed package.
        OSError: the file's checksum differs from the recorded one (a damaged copy).

    >>> read_shipped("iris.csv").splitlines()[0]
    b'sepal_length,sepal_width,petal_length,petal_width,species'
    """
    if name not in SHA256:
        raise ValueError(f"unknown dataset file {name!r}; shipped files: {sorted(SHA256)}")
    resource = resources.files("actlearn").joinpath("datasets").joinpath(name)
    try:
        payload = resource.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"dataset file {name!r} is missing from the actlearn package "
            "(actlearn/datasets/); reinstall actlearn"
        ) from None
    digest = hashlib.sha256(payload).hexdigest()
    if digest != SHA256[name]:
        raise OSError(
            f"dataset file {name!r} is damaged: SHA-256 {digest}, expected {SHA256[name]}"
        )
    return payload
