#!/usr/bin/env bash
# The distributed dense spectrum (docs/mpi.md, "Beyond one machine"): the whole
# `train --steps 0 --at init` process on 100-30-30-50 (M = 5510) and
# 100-60-60-10 (M = 10,330), N = 1000 blob examples, serial dense with the
# plain binary, then hessian-spectrum-mpi --method distributed: PDSYEV (auto)
# on 1 and 2 processes, ELPA, PDSYEVR and PDSYEVD on 2; then the 10 largest
# eigenpairs (--top 10 --save-eigenvectors), serial dense against PDSYEV's
# reduction on 2. Wall time of the whole launch, peak resident memory of
# each process (/usr/bin/time on every rank), and the largest |Δλ| / max|λ|
# against the serial spectrum. Needs mpirun. RUNS picks the distributed runs.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/hessian-spectrum
MPIBIN=.build/release/hessian-spectrum-mpi
SIZES=${SIZES:-"5510 10330"}
RUNS=${RUNS:-"1:pdsyev 2:pdsyev 2:elpa 2:pdsyevr 2:pdsyevd"}
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
# One launch: label, processes (0: the plain binary), arguments.
measure() {
  local label=$1 P=$2 out=$3; shift 3
  rm -f "$WORK"/rank*
  local start end peaks
  start=$(date +%s.%N)
  if [ "$P" = 0 ]; then
    /usr/bin/time -f "%M" -o "$WORK/rank0" "$BIN" "$@" -o "$out"
  else
    mpirun -q -np "$P" --oversubscribe --mca btl self,vader \
      sh -c "exec /usr/bin/time -f '%M' -o $WORK/rank\$OMPI_COMM_WORLD_RANK $MPIBIN $* -o $out"
  fi
  end=$(date +%s.%N)
  peaks=$(cat "$WORK"/rank* | awk '{ printf "%s%.0f", (NR > 1 ? "/" : ""), $1 / 1024 }')
  echo "train_steps0_M$M,$label,$M,$(( P > 0 ? P : 1 )),$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'),$peaks,$(compare "$REFERENCE" "$out")"
}

for M in $SIZES; do
  ARGS="train $(model "$M") --steps 0 --at init --quiet"
  REFERENCE="$WORK/serial.csv"
  measure serial_dense 0 "$WORK/serial.csv" $ARGS
  for run in $RUNS; do
    measure "distributed_${run#*:}" "${run%%:*}" "$WORK/mpi.csv" $ARGS --method distributed --mpi-eigensolver "${run#*:}"
  done
  VECTORS="$ARGS --top 10 --save-eigenvectors $WORK/v.npy"
  REFERENCE="$WORK/serial_top.csv"
  measure serial_dense_top10_vectors 0 "$WORK/serial_top.csv" $VECTORS --method dense
  measure distributed_pdsyev_top10_vectors 2 "$WORK/mpi_top.csv" $VECTORS --method distributed
done
