"""Plain data across the process boundary: JSON for structure, ``.npz`` for arrays.

Class grading sends the grader's cases to a learner's process and reads back what the answer
returned. Both directions use only JSON and NumPy's ``.npz`` read with ``allow_pickle=False``:
no pickle, so nothing a learner's process writes can run code in the grader. Supported
values: None, bool, int, float, str, NumPy arrays of numbers or booleans, NumPy scalars,
tuples, lists, string-keyed dicts and ``np.random.Generator`` (sent as its state). Anything
else is replaced by an :data:`Opaque` stand-in, which fails
every check that needs a value ("returned an object of type X").

A few library records (:data:`RECORDS`, e.g. the ``TrainingRun`` that ``diagnose`` reads)
cross as their fields, and are rebuilt only where :func:`loads` is asked to
(``records=True``: the learner's process reading its cases). The grader reads every result
with records off, so a learner's process can send nothing but plain data back.
"""

from __future__ import annotations

import dataclasses
import importlib
import io
import json
import zipfile
from typing import Any

import numpy as np

from actlearn.grading.sandbox import Unpicklable

MAX_DEPTH = 12
MAX_ITEMS = 10_000
MAX_TEXT = 10_000
MAX_BYTES = 256 * 2**20
"""What one encoded value may hold at most (nesting, items per list, string length, bytes)."""


Opaque = Unpicklable
"""Stands for a value that is not plain data (its type name only)."""

RECORDS: dict[str, str] = {
    "TrainingRun": "actlearn.labs.training.instrument",
    "LayerRecord": "actlearn.labs.training.instrument",
}
"""Dataclasses that cross as their fields: class name -> the module that defines it."""


def encode(value: Any, arrays: dict[str, np.ndarray], depth: int = 0) -> Any:
    """A JSON-able form of ``value``; arrays go into ``arrays`` under fresh keys."""
    if depth > MAX_DEPTH:
        return {"t": "opaque", "type": "deeply nested value"}
    if value is None or type(value) in (bool, str):
        return value[:MAX_TEXT] if isinstance(value, str) else value
    if type(value) is int:
        return {"t": "int", "v": str(value)} if abs(value) > 2**53 else value
    if type(value) is float:
        return {"t": "float", "v": repr(value)}
    if type(value) is np.ndarray or isinstance(value, np.generic):
        array = np.asarray(value)
        if array.dtype.kind not in "biufc" or array.dtype.hasobject:
            return {"t": "opaque", "type": f"array of dtype {array.dtype}"}
        key = f"a{len(arrays)}"
        arrays[key] = np.array(array, copy=True)
        return {"t": "scalar" if isinstance(value, np.generic) else "array", "k": key}
    if isinstance(value, np.random.Generator):
        state = value.bit_generator.state
        return {"t": "rng", "state": json.loads(json.dumps(state, default=int))}
    if type(value) in (tuple, list):
        items = [encode(v, arrays, depth + 1) for v in list(value)[:MAX_ITEMS]]
        return {"t": type(value).__name__, "v": items}
    if type(value) is dict and all(type(k) is str for k in value):
        return {"t": "dict", "v": {k: encode(v, arrays, depth + 1) for k, v in value.items()}}
    name = type(value).__name__
    if RECORDS.get(name) == type(value).__module__ and dataclasses.is_dataclass(value):
        fields = {f.name: encode(getattr(value, f.name), arrays, depth + 1)
                  for f in dataclasses.fields(value)}
        return {"t": "record", "type": name, "v": fields}
    return {"t": "opaque", "type": name[:100]}


def decode(data: Any, arrays: Any, depth: int = 0, records: bool = False) -> Any:
    """The value ``encode`` described; malformed parts become :class:`Opaque`, and so do
    records unless ``records``."""
    if data is None or isinstance(data, bool | int | str):
        return data
    if depth > MAX_DEPTH or not isinstance(data, dict):
        return Opaque("malformed value")
    kind = data.get("t")
    try:
        if kind == "int":
            return int(str(data["v"])[:400])
        if kind == "float":
            return float(str(data["v"]))
        if kind in ("array", "scalar"):
            array = arrays[str(data["k"])]
            if array.dtype.kind not in "biufc":
                return Opaque(f"array of dtype {array.dtype}")
            return array[()] if kind == "scalar" and array.ndim == 0 else array
        if kind == "rng":
            return _generator(data["state"])
        if kind in ("tuple", "list"):
            items = [decode(v, arrays, depth + 1, records) for v in list(data["v"])[:MAX_ITEMS]]
            return tuple(items) if kind == "tuple" else items
        if kind == "dict":
            return {str(k): decode(v, arrays, depth + 1, records)
                    for k, v in dict(data["v"]).items()}
        if kind == "record":
            name = str(data["type"])[:100]
            if not records or name not in RECORDS:
                return Opaque(name)
            return _record(name, {str(k): decode(v, arrays, depth + 1, records)
                                  for k, v in dict(data["v"]).items()})
        if kind == "opaque":
            return Opaque(str(data.get("type", "unknown"))[:100])
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        pass
    return Opaque("malformed value")


def _record(name: str, fields: dict[str, Any]) -> Any:
    """``RECORDS[name]`` rebuilt from exactly its fields (else :class:`Opaque`)."""
    cls = getattr(importlib.import_module(RECORDS[name]), name)
    if set(fields) != {f.name for f in dataclasses.fields(cls)}:
        return Opaque(f"{name} with other fields")
    return cls(**fields)


def _generator(state: dict[str, Any]) -> np.random.Generator:
    name = state["bit_generator"]
    if name not in ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"):
        raise ValueError(f"unknown bit generator {name!r}")
    bits = getattr(np.random, name)()
    bits.state = state
    return np.random.Generator(bits)


def dumps(value: Any) -> tuple[str, bytes]:
    """``value`` as (JSON text, npz bytes)."""
    arrays: dict[str, np.ndarray] = {}
    text = json.dumps(encode(value, arrays))
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return text, buffer.getvalue()


def loads(text: str, blob: bytes, records: bool = False) -> Any:
    """The value ``dumps`` wrote (library records rebuilt only with ``records``); a
    ValueError when the data is not plain data."""
    if len(text) > MAX_BYTES or len(blob) > MAX_BYTES:
        raise ValueError("result too large")
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as packed:  # no zip bomb: sizes first
            unpacked = sum(i.file_size for i in packed.infolist())
    except (zipfile.BadZipFile, OSError, EOFError):
        raise ValueError("unreadable result (not an npz archive)") from None
    if unpacked > MAX_BYTES:
        raise ValueError("result too large")
    try:
        data = json.loads(text)
        with np.load(io.BytesIO(blob), allow_pickle=False) as archive:
            arrays = {k: archive[k] for k in archive.files[:MAX_ITEMS]}
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, RecursionError) as exc:
        raise ValueError(f"unreadable result ({type(exc).__name__})") from None
    return decode(data, arrays, records=records)
