#!/usr/bin/env bash
# The Python package's tests (python/tests) against the debug binary: real
# PyTorch as the oracle. Skips, saying why, when python3, numpy or pytest is
# missing; pytest itself skips the PyTorch tests when torch does not import.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
if ! command -v python3 >/dev/null; then
    echo "python tests skipped: no python3" >&2; exit 0
fi
for module in numpy pytest; do
    if ! python3 -c "import $module" 2>/dev/null; then
        echo "python tests skipped: python3 cannot import $module (pip install $module)" >&2; exit 0
    fi
done
binary="$($SWIFT build --show-bin-path)/hessian-spectrum"
[ -x "$binary" ] || $SWIFT build --product hessian-spectrum
HESSIAN_SPECTRUM="$binary" PYTHONPATH="$PWD/python${PYTHONPATH:+:$PYTHONPATH}" PYTHONDONTWRITEBYTECODE=1 \
    python3 -m pytest -q -rs -p no:cacheprovider python/tests
