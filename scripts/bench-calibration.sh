#!/usr/bin/env bash
# What `--lapack auto` buys (docs/calibration.md), all on this machine in one run:
# 1. the calibration table at order 5510: every LAPACK library found × every
#    eigenvalue-only driver, seconds, and the DGEMM floor (4/3)·M³ / DGEMM rate;
# 2. the whole `train --clusters 50 --input-dim 100 --hidden 30,30 --samples
#    1000 --steps 0 --at init` process (M = 5510) with the default (auto, from
#    a fresh cache: the first run calibrates, the others read the cache) beside
#    every explicit --lapack × --driver, interleaved (each repetition runs all
#    variants back to back), medians of REPEAT, as ratios to the fastest
#    explicit one and to `--lapack openblas --driver syevd`;
# 3. the eigenvalues of every variant against OpenBLAS syevd's, relative to max|λ|.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/hessian-spectrum}
REPEAT=${REPEAT:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TRAIN=(train --clusters 50 --input-dim 100 --hidden 30,30 --samples 1000 --steps 0 --at init)

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", a / b }'; }
wall() { # seconds of wall-clock time; stdout to $1, stderr to $1.err
  local out=$1 start end; shift
  start=$(date +%s.%N); "$@" >"$out" 2>"$out.err"; end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
# Largest |difference| of the eigenvalue columns of two outputs, over max|λ| of the first.
difference() {
  paste -d, <(tail -n +2 "$1" | cut -d, -f5) <(tail -n +2 "$2" | cut -d, -f5) | awk -F, '
    { d = $1 - $2; if (d < 0) d = -d; if (d > m) m = d; a = $1 < 0 ? -$1 : $1; if (a > s) s = a }
    END { printf "%.2e\n", m / s }'
}

VARIANTS=("openblas syevd" "openblas syevd_2stage" "openblas syevr")
if "$BIN" lapack-floor --order 10 --lapack mkl >/dev/null 2>&1; then
  VARIANTS+=("mkl syevd" "mkl syevd_2stage" "mkl syevr")
else
  echo "# Intel MKL not found (make mkl installs it): OpenBLAS only"
fi

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# calibration table at order 5510 (one round)"
XDG_CACHE_HOME="$WORK/table-cache" "$BIN" calibrate --order 5510 --quiet >"$WORK/table.csv"
awk -F, 'NR == 1 { print "lapack,driver,seconds,dgemm_floor_seconds,ratio_to_floor"; next }
         { printf "%s,%s,%s,%.3f,%.2f\n", $6, $8, $9, $10, $9 / $10 }' "$WORK/table.csv"

export XDG_CACHE_HOME="$WORK/cache"
FIRST=$(wall "$WORK/first.csv" "$BIN" "${TRAIN[@]}")
echo
echo "# the whole process, M = 5510; default = no --lapack, no --driver"
echo "# first default run (calibrates, then solves) $FIRST s: $(grep -o 'auto: .*' "$WORK/first.csv.err" | head -1)"
for i in $(seq "$REPEAT"); do
  echo "default $(wall "$WORK/default.csv" "$BIN" "${TRAIN[@]}" --quiet)"
  for v in "${VARIANTS[@]}"; do
    read -r lib drv <<<"$v"
    echo "${lib}_$drv $(wall "$WORK/${lib}_$drv.csv" "$BIN" "${TRAIN[@]}" --quiet --lapack "$lib" --driver "$drv")"
  done
done >"$WORK/runs"
fastest=""
for v in "${VARIANTS[@]}"; do
  s=$(awk -v r="${v/ /_}" '$1 == r { print $2 }' "$WORK/runs" | median)
  if [ -z "$fastest" ] || awk -v a="$s" -v b="$fastest" 'BEGIN { exit !(a < b) }'; then fastest=$s; fi
done
base=$(awk '$1 == "openblas_syevd" { print $2 }' "$WORK/runs" | median)
echo "variant,seconds_median,ratio_to_fastest_explicit,ratio_to_openblas_syevd,max_abs_diff_over_max_abs_eigenvalue"
for row in default "${VARIANTS[@]}"; do
  name=${row/ /_}
  s=$(awk -v r="$name" '$1 == r { print $2 }' "$WORK/runs" | median)
  echo "$name,$s,$(ratio "$s" "$fastest"),$(ratio "$s" "$base"),$(difference "$WORK/openblas_syevd.csv" "$WORK/$name.csv")"
done
