#!/usr/bin/env bash
# The done-when of the default LAPACK choice (docs/calibration.md), on this
# machine, in one run:
# 1. the calibration table at the run's order: every LAPACK library found ×
#    every eigenvalue-only driver, seconds, the DGEMM floor (4/3)·M³ / DGEMM
#    rate, and each row's ratio to that floor;
# 2. the whole `train --clusters 50 --input-dim 100 --hidden 30,30 --samples
#    1000 --steps 0 --at init` process (M = 5510) with the default (no
#    --lapack, no --driver; from a fresh cache: the first run calibrates and
#    is reported apart, the later ones read the cache) beside every explicit
#    --lapack × --driver, interleaved (each repetition runs every variant back
#    to back, A B C … A B C …, so that load from elsewhere falls on each
#    alike); wall seconds, min and median of REPEAT, and the ratios
#    default / fastest explicit variant and default / OpenBLAS syevd, of
#    the medians and of the minima, and each median over the DGEMM floor of 1.;
# 3. the eigenvalues of every variant against OpenBLAS syevd's, relative to max|λ|.
# Options (environment): BIN, REPEAT (default 3), TABLE=0 skips part 1,
# SYEVR=0 leaves the syevr variants out of part 2.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/hessian-spectrum}
REPEAT=${REPEAT:-3}
TABLE=${TABLE:-1}
SYEVR=${SYEVR:-1}
FLOOR=""
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TRAIN=(train --clusters 50 --input-dim 100 --hidden 30,30 --samples 1000 --steps 0 --at init)

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
minimum() { sort -g | head -1; }
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

DRIVERS=(syevd syevd_2stage)
[ "$SYEVR" = 1 ] && DRIVERS+=(syevr)
VARIANTS=()
for d in "${DRIVERS[@]}"; do VARIANTS+=("openblas $d"); done
if "$BIN" lapack-floor --order 10 --lapack mkl >/dev/null 2>&1; then
  for d in "${DRIVERS[@]}"; do VARIANTS+=("mkl $d"); done
else
  echo "# Intel MKL not found (make mkl installs it): OpenBLAS only"
fi

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), CPU family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ') model $(grep -m1 '^model\s' /proc/cpuinfo | cut -d: -f2 | tr -d ' '); load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$TABLE" = 1 ]; then
  echo "# calibration table at order 5510 (one round, one process)"
  XDG_CACHE_HOME="$WORK/table-cache" "$BIN" calibrate --orders 5510 --quiet >"$WORK/table.csv"
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; print "lapack,driver,seconds,dgemm_floor_seconds,ratio_to_floor"; next }
           { printf "%s,%s,%s,%.3f,%.2f\n", $col["lapack"], $col["driver"], $col["seconds"], $col["floor_seconds"], $col["seconds"] / $col["floor_seconds"] }' "$WORK/table.csv"
  FLOOR=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "floor_seconds") c = i; next } { print $c; exit }' "$WORK/table.csv")
  echo
fi

export XDG_CACHE_HOME="$WORK/cache"
FIRST=$(wall "$WORK/first.csv" "$BIN" "${TRAIN[@]}")
echo "# the whole process, M = 5510; default = no --lapack, no --driver"
echo "# first default run (calibrates, then solves): $FIRST s; $(grep -o 'auto: .*' "$WORK/first.csv.err" | head -1)"
for i in $(seq "$REPEAT"); do
  echo "default $(wall "$WORK/default.csv" "$BIN" "${TRAIN[@]}" --quiet)"
  for v in "${VARIANTS[@]}"; do
    read -r lib drv <<<"$v"
    echo "${lib}_$drv $(wall "$WORK/${lib}_$drv.csv" "$BIN" "${TRAIN[@]}" --quiet --lapack "$lib" --driver "$drv")"
  done
done >"$WORK/runs"
echo "# load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
times() { awk -v r="$1" '$1 == r { print $2 }' "$WORK/runs"; }
fastest_median="" fastest_min=""
for v in "${VARIANTS[@]}"; do
  med=$(times "${v/ /_}" | median) low=$(times "${v/ /_}" | minimum)
  if [ -z "$fastest_median" ] || awk -v a="$med" -v b="$fastest_median" 'BEGIN { exit !(a < b) }'; then fastest_median=$med; fi
  if [ -z "$fastest_min" ] || awk -v a="$low" -v b="$fastest_min" 'BEGIN { exit !(a < b) }'; then fastest_min=$low; fi
done
base_median=$(times openblas_syevd | median) base_min=$(times openblas_syevd | minimum)
echo "variant,seconds_min,seconds_median,all_runs,median_over_fastest,median_over_openblas_syevd,min_over_fastest,min_over_openblas_syevd,median_over_dgemm_floor,max_abs_diff_over_max_abs_eigenvalue"
for row in default "${VARIANTS[@]}"; do
  name=${row/ /_}
  med=$(times "$name" | median) low=$(times "$name" | minimum)
  echo "$name,$low,$med,$(times "$name" | paste -sd' '),$(ratio "$med" "$fastest_median"),$(ratio "$med" "$base_median"),$(ratio "$low" "$fastest_min"),$(ratio "$low" "$base_min"),${FLOOR:+$(ratio "$med" "$FLOOR")},$(difference "$WORK/openblas_syevd.csv" "$WORK/$name.csv")"
done
echo "# done when: default median_over_fastest <= 1.10 and median_over_openblas_syevd <= 0.75 (with MKL)"
