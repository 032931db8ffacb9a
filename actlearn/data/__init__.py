"""Small datasets for the course, all available offline.

Synthetic: :func:`xor`, :func:`spirals`, :func:`arithmetic` (the NALU tasks).
Shipped with the package (see ``actlearn/datasets/README.md`` for sources and licences):
:func:`iris` and :func:`digits`, returned as :class:`Table`.
Helper: :func:`train_test_split`.
"""

from actlearn.data.arithmetic import ARITHMETIC_OPS, arithmetic
from actlearn.data.split import train_test_split
from actlearn.data.table import Table
from actlearn.data.toy import spirals, xor
from actlearn.data.uci import digits, iris

__all__ = [
    "ARITHMETIC_OPS",
    "Table",
    "arithmetic",
    "digits",
    "iris",
    "spirals",
    "train_test_split",
    "xor",
]
