"""Two small UCI datasets shipped with the package: Fisher's iris and the 8x8 digits."""

from __future__ import annotations

import csv
import gzip
import io

import numpy as np

from actlearn.data.shipped import read_shipped
from actlearn.data.table import Table

IRIS_DESCRIPTION = """\
Fisher's iris data: 150 flowers, 50 of each of three species (setosa, versicolor,
virginica), measured in centimetres: sepal length, sepal width, petal length, petal width.
Source: R. A. Fisher (1936), "The use of multiple measurements in taxonomic problems",
Annals of Eugenics 7(2), 179-188; data collected by Edgar Anderson. Distributed by the UCI
Machine Learning Repository (doi:10.24432/C56C76) under CC BY 4.0. These are Fisher's
published values, which differ from the UCI file in two setosa rows (35 and 38)."""

DIGITS_DESCRIPTION = """\
Optical recognition of handwritten digits, 8x8 images: the 1,797 test images of the UCI
"optdigits" set (13 writers), each a 32x32 bitmap whose 4x4 blocks were counted into
an 8x8 grid of integers 0..16, labelled with the digit 0..9.
Source: E. Alpaydin and C. Kaynak (1998), UCI Machine Learning Repository,
doi:10.24432/C50P49, under CC BY 4.0; see also C. Kaynak (1995), MSc thesis, Bogazici
University, and E. Alpaydin and C. Kaynak (1998), "Cascading classifiers", Kybernetika."""


def iris() -> Table:
    """Fisher's iris table: 150 samples, 4 measurements in cm, 3 species of 50.

    Lessons plot the first two columns, ``table.columns("sepal_length", "sepal_width")``.

    Returns:
        A :class:`Table` with ``data`` float64 ``(150, 4)``, ``target`` int64 ``(150,)`` in
        {0, 1, 2} for ``target_names`` ("setosa", "versicolor", "virginica").

    >>> table = iris()
    >>> table.data.shape, table.feature_names[:2]
    ((150, 4), ('sepal_length', 'sepal_width'))
    """
    text = read_shipped("iris.csv").decode("ascii")
    header, *rows = list(csv.reader(io.StringIO(text)))
    target_names = ("setosa", "versicolor", "virginica")
    data = np.array([row[:4] for row in rows], dtype=np.float64)
    target = np.array([target_names.index(row[4]) for row in rows], dtype=np.int64)
    return Table(
        name="iris",
        data=data,
        target=target,
        feature_names=tuple(header[:4]),
        target_names=target_names,
        description=IRIS_DESCRIPTION,
    )


def digits() -> Table:
    """The 8x8 handwritten digits: 1,797 grey images with pixel values 0..16, digits 0..9.

    ``images[i, r, c]`` is the pixel in row ``r`` (top first) and column ``c``;
    ``data[i]`` is the same image flattened row by row, ``data[i, 8 * r + c]``.

    Returns:
        A :class:`Table` with ``images`` float64 ``(1797, 8, 8)``, ``data`` float64
        ``(1797, 64)``, ``target`` int64 ``(1797,)`` and ``target_names`` "0" .. "9".

    >>> table = digits()
    >>> table.images.shape, int(table.data.max())
    ((1797, 8, 8), 16)
    """
    with gzip.open(io.BytesIO(read_shipped("digits.csv.gz")), "rt", encoding="ascii") as fh:
        header = fh.readline().strip().split(",")
        values = np.loadtxt(fh, delimiter=",", dtype=np.int64, ndmin=2)  # (n, 65)
    data = values[:, :64].astype(np.float64)
    return Table(
        name="digits",
        data=data,
        target=values[:, 64].copy(),
        feature_names=tuple(header[:64]),
        target_names=tuple(str(digit) for digit in range(10)),
        description=DIGITS_DESCRIPTION,
        images=data.reshape(-1, 8, 8).copy(),
    )
