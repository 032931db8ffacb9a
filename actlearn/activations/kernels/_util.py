"""Small NumPy helpers shared by the activation families.

The kernels are written as a few whole-array passes into buffers they own (``out=``), large
arrays block by block (:func:`blockwise`) so that the passes after the first run from cache,
with no ``np.where`` over the input: a selection on random signs runs an element loop several
times slower than arithmetic. Selections are made with arithmetic instead: an indicator 0/1 from
``ceil(clip(·, 0, 1))`` (NaN stays NaN), ``np.clip`` with both bounds, and products of exact
0s and 1s.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import TypeVar

import numpy as np

#: exp(−x) of anything past this is 0 in float64 (exp(−746) underflows), so inputs may be
#: clipped here before exponentiating without changing a single result. It is finite in
#: float32 too (e^(−800) is 0 there as well), so the same clip serves both.
EXP_FLOOR = 800.0
#: The largest finite float64: clipping at ±BIG turns ±inf into a finite number (and leaves
#: every finite input alone), so that ∞·0 cannot arise in a product. In float32 arithmetic
#: the bound itself rounds to ±inf, so kernels that work in x's dtype use :func:`big`.
BIG = float(np.finfo(np.float64).max)

F = TypeVar("F", bound=Callable[..., np.ndarray])
_max = np.maximum.reduce  # NaN if any value is NaN

try:  # the context variable behind np.errstate (NumPy 2), set directly
    from numpy._core._ufunc_config import _extobj_contextvar as _ERRSTATE  # noqa: N812
    from numpy._core.umath import _make_extobj
except ImportError:  # (a private name, which a later NumPy may move): np.errstate itself
    _ERRSTATE = None
try:  # the ufunc behind np.clip, without its Python wrapper
    from numpy._core.umath import clip
except ImportError:
    clip = np.clip


if _ERRSTATE is not None:
    _ALL_OFF = _make_extobj(all="ignore")
    _QUIET_STATE = _make_extobj(over="ignore", under="ignore", invalid="ignore")

    class silent:  # noqa: N801  (used like np.errstate, a function-like context manager)
        """``with silent():`` every NumPy floating-point warning off inside (IEEE results,
        silently).

        ``np.errstate`` validates its arguments and builds its state on every entry (about
        3 µs, as long as a whole small-array operation); here the state is built once, at
        import, and each entry sets and resets one context variable (a few tenths of a µs),
        so it is per thread and per asyncio task like ``np.errstate``.
        """

        __slots__ = ("_token",)

        def __enter__(self) -> None:
            self._token = _ERRSTATE.set(_ALL_OFF)

        def __exit__(self, *exc: object) -> None:
            _ERRSTATE.reset(self._token)

    #: ``token = silence()`` then ``restore(token)`` in a ``finally``: what ``with silent():``
    #: does, without building a context-manager object and calling its two methods (that costs
    #: as much again as the switch itself); for the engine's hottest paths.
    silence = functools.partial(_ERRSTATE.set, _ALL_OFF)
    restore = _ERRSTATE.reset

    class _quiet:  # noqa: N801
        """Overflow, underflow and invalid operations off; division by zero as at import."""

        __slots__ = ("_token",)

        def __enter__(self) -> None:
            self._token = _ERRSTATE.set(_QUIET_STATE)

        def __exit__(self, *exc: object) -> None:
            _ERRSTATE.reset(self._token)

else:  # pragma: no cover - a NumPy without that private variable: np.errstate itself

    def silent() -> np.errstate:  # type: ignore[misc]
        """Every floating-point warning off (IEEE results, silently) inside a ``with``."""
        return np.errstate(all="ignore")

    def silence() -> dict:  # type: ignore[misc]
        """Every floating-point warning off; returns the settings for :func:`restore`."""
        return np.seterr(all="ignore")

    def restore(token: dict) -> None:  # type: ignore[misc]
        """Put back the settings :func:`silence` returned."""
        np.seterr(**token)

    def _quiet() -> np.errstate:  # type: ignore[misc]
        return np.errstate(over="ignore", under="ignore", invalid="ignore")


def quiet(func: F) -> F:
    """Run a kernel with overflow, underflow and invalid-operation warnings off.

    For the kernels whose intermediate values may overflow to ±inf on purpose (e.g.
    1/(1 + e^(−x)) at x = −1000 is 1/(1 + inf) = 0, the correctly rounded answer); each
    states why no NaN can come of it.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with _quiet():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


#: Per float dtype, the 0-d arrays 0, 1 and +inf (read-only). As bounds of ``clip`` they give
#: the numbers Python's 0.0, 1.0 and inf give (each is exact in every float dtype) at a
#: quarter less time on a small array: NumPy converts a Python number on every call.
BOUNDS: dict[np.dtype, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
for _t in (np.float16, np.float32, np.float64, np.longdouble):
    BOUNDS[np.dtype(_t)] = tuple(np.full((), v, dtype=_t) for v in (0.0, 1.0, np.inf))
    for _bound in BOUNDS[np.dtype(_t)]:
        _bound.flags.writeable = False


def empty(x: np.ndarray) -> np.ndarray:
    """A new buffer of x's shape, in x's float dtype (float64 for integer input); an array
    even for 0-d x, so that ``out=`` works."""
    if type(x) is np.ndarray and x.dtype.kind == "f":
        return np.empty(x.shape, x.dtype)
    return np.empty(np.shape(x), dtype=np.result_type(x, 1.0))


#: Elements per block for :func:`blocks`: 2^15 float64 values are 256 KiB, so the handful of
#: block-sized buffers a kernel passes over stay in a core's L2 cache between its passes.
BLOCK = 1 << 15


def block_length(n: int, size: int = BLOCK) -> int:
    """The length of the parts :func:`blocks` cuts n values into: n itself up to 1.5·size,
    else n shared evenly by ⌈n/size⌉ parts (so no part is a sliver)."""
    if n <= size + size // 2:
        return n
    count = -(-n // size)
    return -(-n // count)


def blocks(x: np.ndarray, out: np.ndarray, size: int = BLOCK):
    """Matching parts of x and out (same shape, out C-ordered) of :func:`block_length` values.

    A kernel of several whole-array passes reads and writes memory on every pass once the
    array outgrows the cache (10⁶ float64 values are 8 MB); run part by part, every pass after
    the first finds its operands in cache, and the temporaries are block-sized buffers that the
    allocator recycles instead of fresh 8 MB ones (each costs page faults). The parts are flat
    views of consecutive elements, so the results are those of one whole-array call; x itself
    (and out) is the only part when x is small or not C-contiguous.
    """
    n = out.size
    length = block_length(n, size)
    if length == n or type(x) is not np.ndarray or not x.flags.c_contiguous:
        yield x, out
        return
    flat_x, flat_out = x.reshape(-1), out.reshape(-1)
    for start in range(0, n, length):
        yield flat_x[start:start + length], flat_out[start:start + length]


def blockwise(kernel: Callable[..., object], x: np.ndarray, *args: object,
              size: int = BLOCK) -> np.ndarray:
    """A new array (x's shape, its float dtype) filled by ``kernel(part, out_part, *args)``
    over the :func:`blocks` of x; the kernel may use its out part as scratch."""
    return _fill(kernel, x, 1, args, size)[0]


def blockwise_pair(kernel: Callable[..., object], x: np.ndarray, *args: object,
                   size: int = BLOCK) -> tuple[np.ndarray, np.ndarray]:
    """Two new arrays (x's shape, its float dtype), f(x) and f'(x), filled together by
    ``kernel(part, value_part, slope_part, *args)`` over the :func:`blocks` of x: for a
    forward and a derivative that share their most expensive pass (an exponential)."""
    value, slope = _fill(kernel, x, 2, args, size)
    return value, slope


def _fill(kernel: Callable[..., object], x: np.ndarray, count: int, args: tuple,
          size: int) -> list[np.ndarray]:
    """``count`` new arrays like x, filled by ``kernel(part, *out_parts, *args)`` block by
    block (:func:`blockwise`)."""
    outs = [empty(x) for _ in range(count)]
    if outs[0].size <= size + size // 2:  # one part: no generator (a µs on small arrays)
        kernel(x, *outs, *args)
        return outs
    for parts in zip(*(blocks(x, out, size) for out in outs), strict=True):
        kernel(parts[0][0], *(dest for _, dest in parts), *args)
    return outs


def big(x: np.ndarray) -> float:
    """The largest finite number of x's float dtype (:data:`BIG` for float64)."""
    dtype = getattr(x, "dtype", None)
    return BIG if dtype is None or dtype == np.float64 or dtype.kind != "f" \
        else float(np.finfo(dtype).max)


def above(x: np.ndarray, t: float = 0.0, out: np.ndarray | None = None) -> np.ndarray:
    """The indicator [x > t]: 1.0 where x > t, 0.0 where x ≤ t, NaN where x is NaN.

    ⌈clip(x − t, 0, 1)⌉: x − t > 0 exactly when x > t (gradual underflow), and both passes are
    plain vectorised arithmetic that keeps NaN.
    """
    out = empty(x) if out is None else out
    if t == 0.0:
        bounds = BOUNDS.get(x.dtype) if type(x) is np.ndarray else None
        clip(x, *((0.0, 1.0) if bounds is None else bounds[:2]), out=out)
    else:
        np.subtract(x, t, out=out)
        clip(out, 0.0, 1.0, out=out)
    return np.ceil(out, out=out)


def nan_or(x: np.ndarray, value: float) -> np.ndarray:
    """``value`` everywhere (±inf included), NaN where x is NaN: one pass, ``clip(x, v, v)``."""
    return clip(x, value, value, out=empty(x))


def keep_nan(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    """out, set to NaN where x is NaN (a comparison says False there); one scan when x holds
    no NaN (its maximum, NaN if any value is: a vectorised reduction, faster than isnan and
    any)."""
    if x.size and math.isnan(_max(x, axis=None)):
        nan = np.isnan(x)
        out[nan] = np.nan
    return out


def mul0(a: np.ndarray, b: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """a·b, but 0 wherever a is ±inf and b == 0, so that ±inf·0 takes the limit 0, not NaN.

    For a·g(b) where g decays to 0 (e.g. GLU's a·σ(b)). The product is one pass (into ``out``,
    which may be b); the repair runs only when a holds an infinity.
    """
    repair = None
    if not np.isfinite(a).all():
        repair = np.isinf(a) & (b == 0)
    if out is None:
        out = np.empty(np.broadcast_shapes(np.shape(a), np.shape(b)),
                       dtype=np.result_type(a, b, 1.0))
    with np.errstate(invalid="ignore"):
        np.multiply(a, b, out=out)
    if repair is not None:
        out[repair] = 0.0
    return out
