#!/usr/bin/env bash
# Benchmarks, all on this machine in one run. Prints a table on stdout.
# - The foundation target: the whole `train --steps 0 --at init` process on
#   the paper's largest cluster model (100-30-30-50, M = 5510, N = 1000)
#   against LAPACK's eigenvalue-only solve of a 5510×5510 matrix alone.
# - The same with OpenBLAS's mis-detected generic kernel, to show what the
#   automatic kernel choice buys.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/hessian-spectrum
REPEAT=${REPEAT:-3}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { # seconds of wall-clock time for a command, output discarded
  local start end
  start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' 
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", a / b }'; }
floor() { "$BIN" lapack-floor --order "$1" "${@:2}" | tail -1 | cut -d, -f5; }

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), kernel chosen: $("$BIN" lapack-floor --order 10 | tail -1 | cut -d, -f3)"
echo "benchmark,variant,seconds_median,ratio_to_floor"

F=$(for i in $(seq "$REPEAT"); do floor 5510; done | median)
echo "lapack_eigvalsh_5510,floor,$F,1"
T=$(for i in $(seq "$REPEAT"); do wall "$BIN" train --clusters 50 --steps 0 --at init --quiet; done | median)
echo "train_steps0_100-30-30-50,whole_process,$T,$(ratio "$T" "$F")"

FG=$(for i in $(seq "$REPEAT"); do OPENBLAS_CORETYPE=Prescott floor 5510; done | median)
echo "lapack_eigvalsh_5510,generic_kernel_Prescott,$FG,$(ratio "$FG" "$F")"
TG=$(for i in $(seq "$REPEAT"); do OPENBLAS_CORETYPE=Prescott wall "$BIN" train --clusters 50 --steps 0 --at init --quiet; done | median)
echo "train_steps0_100-30-30-50,generic_kernel_Prescott,$TG,$(ratio "$TG" "$F")"
