#!/usr/bin/env bash
# The distributed dense spectrum (README, "Beyond one machine"): the whole
# `train --steps 0 --at init` process on 100-30-30-50 (M = 5510) and
# 100-60-60-10 (M = 10,330), N = 1000 blob examples, serial dense with the
# plain binary, then hessian-spectrum-mpi --method distributed on 1 and 2
# processes (ELPA and PDSYEVR on 2). Wall time of the whole launch, peak
# resident memory of each process (/usr/bin/time on every rank), and the
# largest |Δλ| / max|λ| against the serial spectrum. Needs mpirun.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/hessian-spectrum
MPIBIN=.build/release/hessian-spectrum-mpi
SIZES=${SIZES:-"5510 10330"}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

model() { case "$1" in 5510) echo "--clusters 50";; 10330) echo "--hidden 60,60 --clusters 10";; esac; }
compare() { # largest |Δλ| / max|λ| between two spectrum CSVs
  python3 - "$1" "$2" <<'PY'
import csv, sys
a = [float(r["eigenvalue"]) for r in csv.DictReader(open(sys.argv[1]))]
b = [float(r["eigenvalue"]) for r in csv.DictReader(open(sys.argv[2]))]
s = max(abs(x) for x in a)
print("%.1e" % (max(abs(x - y) for x, y in zip(a, b)) / s) if len(a) == len(b) else "count_differs")
PY
}

echo
echo "# beyond one machine: serial dense vs hessian-spectrum-mpi on 1 and 2 processes ($(nproc) cores)"
echo "benchmark,variant,params,processes,seconds,peak_rss_mb_per_process,max_rel_diff"
for M in $SIZES; do
  ARGS="train $(model "$M") --steps 0 --at init --quiet"
  /usr/bin/time -f "%e %M" -o "$WORK/serial" "$BIN" $ARGS -o "$WORK/serial.csv"
  read -r S R <"$WORK/serial"
  echo "train_steps0_M$M,serial_dense,$M,1,$S,$(awk -v r="$R" 'BEGIN { printf "%.0f", r / 1024 }'),0"
  for run in "1 elpa" "2 elpa" "2 pdsyevr"; do
    read -r P SOLVER <<<"$run"
    rm -f "$WORK"/rank*
    start=$(date +%s.%N)
    mpirun -q -np "$P" --oversubscribe --mca btl self,vader \
      sh -c "exec /usr/bin/time -f '%M' -o $WORK/rank\$OMPI_COMM_WORLD_RANK $MPIBIN $ARGS --method distributed --mpi-eigensolver $SOLVER -o $WORK/mpi.csv"
    end=$(date +%s.%N)
    peaks=$(cat "$WORK"/rank* | awk '{ printf "%s%.0f", (NR > 1 ? "/" : ""), $1 / 1024 }')
    echo "train_steps0_M$M,distributed_$SOLVER,$M,$P,$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'),$peaks,$(compare "$WORK/serial.csv" "$WORK/mpi.csv")"
  done
done
