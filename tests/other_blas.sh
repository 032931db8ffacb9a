#!/usr/bin/env bash
# `make test-blas`: the suite, but for the browser tests, with NumPy built from source against
# other BLAS and LAPACK libraries than the OpenBLAS inside NumPy's wheels, which is all that
# `make test` ever runs on: BLIS, then the reference BLAS and LAPACK (netlib). A stored output
# that only one library reproduces, or a test that holds only with OpenBLAS, fails here.
#
# Debian or Ubuntu, x86-64 or ARM; as root, once:
#   apt-get install libblas-dev liblapack-dev libblis4-serial
# It builds NumPy (the version in .venv) into build/blas-venv/ (about 6 minutes on 2 cores,
# once), then runs pytest twice, choosing the libraries with LD_LIBRARY_PATH.
set -euo pipefail

venv=build/blas-venv
lib=/usr/lib/$(gcc -print-multiarch)
for need in "$lib/blis-serial/libblas.so.3" "$lib/blas/libblas.so.3" "$lib/lapack/liblapack.so.3" \
            "$lib/pkgconfig/blas.pc" "$lib/pkgconfig/lapack.pc"; do
  if [[ ! -e $need ]]; then
    echo "test-blas: $need is missing; install it with:" >&2
    echo "  apt-get install libblas-dev liblapack-dev libblis4-serial" >&2
    exit 1
  fi
done
version=$(.venv/bin/python -c "import numpy; print(numpy.__version__)")
if ! "$venv/bin/python" -c "import numpy, sys; sys.exit(numpy.__version__ != '$version')" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q meson-python meson ninja cython
  # The generic libblas/liblapack, so that LD_LIBRARY_PATH picks the implementation per run.
  PATH="$PWD/$venv/bin:$PATH" "$venv/bin/pip" install -q --no-binary numpy --no-build-isolation \
    "numpy==$version" -Csetup-args=-Dblas=blas -Csetup-args=-Dlapack=lapack
fi
"$venv/bin/pip" install -q -c <(echo "numpy==$version") -e ".[test]"

for libraries in "blis-serial lapack" "blas lapack"; do
  read -r blas lapack <<< "$libraries"
  echo "test-blas: BLAS from $lib/$blas, LAPACK from $lib/$lapack"
  LD_LIBRARY_PATH="$lib/$blas:$lib/$lapack" "$venv/bin/python" -c "import numpy as np
np.linalg.eigvalsh(np.eye(2))
files = {line.split()[-1] for line in open('/proc/self/maps') if '/' in line}
used = sorted(f for f in files if any(k in f.rsplit('/', 1)[1] for k in ('blas', 'lapack', 'blis')))
assert all('openblas' not in path for path in used), used
print('test-blas: loaded', ', '.join(used))"
  LD_LIBRARY_PATH="$lib/$blas:$lib/$lapack" "$venv/bin/python" -m pytest -n auto --dist loadgroup \
    -p no:cacheprovider --ignore=tests/browser -q
done
