#!/usr/bin/env bash
# Which calibration order predicts the ranking at the large ones
# (docs/calibration.md): `hessian-spectrum calibrate` at each order of
# ORDERS (every LAPACK library found × every eigenvalue-only driver, ROUNDS
# interleaved rounds, each keeping its fastest), the orders themselves
# interleaved over PASSES passes (small, …, large, small, …), each into a
# throw-away cache. Prints tidy CSV on stdout: pass,order,lapack,driver,seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/hessian-spectrum}
ORDERS=${ORDERS:-1000 1600 2400 3200 4000 5510}
ROUNDS=${ROUNDS:-1}
PASSES=${PASSES:-2}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), CPU family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' '); load average at start $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "pass,order,lapack,driver,seconds"
for pass in $(seq "$PASSES"); do
  for n in $ORDERS; do
    XDG_CACHE_HOME="$WORK/cache" "$BIN" calibrate --orders "$n" --rounds "$ROUNDS" --quiet >"$WORK/table.csv"
    awk -F, -v pass="$pass" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
         { printf "%s,%s,%s,%s,%s\n", pass, $col["order"], $col["lapack"], $col["driver"], $col["seconds"] }' "$WORK/table.csv"
  done
done
echo "# load average at end $(cut -d' ' -f1-3 /proc/loadavg)" >&2
