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
PYTHON=${PYTHON:-python3}
# Which parts to run: any of foundation, lapack, beyond (default: all three).
SECTIONS=${SECTIONS:-foundation,lapack,beyond}
has() { [[ ",$SECTIONS," == *",$1,"* ]]; }

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { # seconds of wall-clock time for a command, output discarded
  local start end
  start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' 
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", a / b }'; }
floor() { "$BIN" lapack-floor --order "$1" "${@:2}" | tail -1 | cut -d, -f5; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if has foundation; then
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
fi

# ---------------------------------------------------------------------------
# LAPACK backends (docs/lapack.md, docs/benchmarks.md), when MKL is
# installed (`make mkl`): the floor (eigenvalues only, order 5510) with
# OpenBLAS dsyevd, MKL dsyevd and MKL dsyevr, and the whole
# `train --clusters 50 --input-dim 100 --hidden 30,30 --samples 1000 --steps 0
# --at init` process with each backend; then PyTorch (torch.func.hessian +
# torch.linalg.eigvalsh) and JAX (jax.hessian + numpy.linalg.eigvalsh) on the
# same model and data, compute only, when $PYTHON imports them. Every
# repetition runs all variants back to back, so that load from elsewhere
# falls on each alike; medians of REPEAT; ratios to OpenBLAS's dsyevd floor.
lapack_section() {
  local work=$1 train=(train --clusters 50 --input-dim 100 --hidden 30,30 --samples 1000 --steps 0 --at init --quiet)
  if ! "$BIN" lapack-floor --order 10 --lapack mkl >/dev/null 2>"$work/stderr"; then
    echo
    echo "# LAPACK backends: skipped, $(head -1 "$work/stderr")"
    return
  fi
  echo
  echo "# LAPACK backends: $("$BIN" lapack-floor --order 10 --lapack mkl | tail -1 | cut -d, -f6) against OpenBLAS $("$BIN" lapack-floor --order 10 --lapack openblas | tail -1 | cut -d, -f6 | cut -d' ' -f2); auto picks: $("$BIN" lapack-floor --order 10 | tail -1 | cut -d, -f6)"
  echo "benchmark,variant,seconds_median,ratio_to_openblas_floor"
  for i in $(seq "$REPEAT"); do
    echo "floor_openblas_syevd $(floor 5510 --lapack openblas)"
    echo "floor_mkl_syevd $(floor 5510 --lapack mkl)"
    echo "floor_mkl_syevr $(floor 5510 --lapack mkl --driver syevr)"
    echo "whole_openblas $(wall "$BIN" "${train[@]}" --lapack openblas)"
    echo "whole_mkl $(wall "$BIN" "${train[@]}" --lapack mkl)"
  done >"$work/lapack"
  local base
  base=$(awk '$1 == "floor_openblas_syevd" { print $2 }' "$work/lapack" | median)
  for row in floor_openblas_syevd floor_mkl_syevd floor_mkl_syevr whole_openblas whole_mkl; do
    local s
    s=$(awk -v r="$row" '$1 == r { print $2 }' "$work/lapack" | median)
    echo "lapack_5510,$row,$s,$(ratio "$s" "$base")"
  done
  local mkl_floor whole_mkl
  mkl_floor=$(awk '$1 == "floor_mkl_syevd" { print $2 }' "$work/lapack" | median)
  whole_mkl=$(awk '$1 == "whole_mkl" { print $2 }' "$work/lapack" | median)
  echo "lapack_5510,whole_mkl_over_mkl_syevd,,$(ratio "$whole_mkl" "$mkl_floor")"

  "$BIN" "${train[@]}" --save-model "$work/m.json" --save-data "$work/d.csv" -o "$work/s.csv"
  for tool in torch jax; do
    if ! "$PYTHON" -c "import $tool" 2>/dev/null; then
      echo "${tool}_5510,not_importable_by_$PYTHON,,"; continue
    fi
    for i in $(seq "$REPEAT"); do
      "$PYTHON" "scripts/${tool}_hessian.py" --model "$work/m.json" --data "$work/d.csv" --compare "$work/s.csv" | tail -1
    done >"$work/$tool.csv"
    local c d
    c=$(cut -d, -f6 "$work/$tool.csv" | median); d=$(tail -1 "$work/$tool.csv" | cut -d, -f7)
    echo "${tool}_5510,hessian+eigvalsh_compute(max_abs_diff=$d),$c,$(ratio "$c" "$base")"
  done
}

if has lapack; then lapack_section "$WORK"; fi
has beyond || exit 0

# ---------------------------------------------------------------------------
# Beyond dense memory: the factored and Lanczos methods (docs/methods.md).
# - M ≈ 5000: 784-6-10 ReLU trained 200 GD steps on N = 300 Fashion-MNIST
#   examples (M = 4780; r = 300·9 + 2·10·6 = 2820 < M, so the factored form
#   applies — with N = 1000 it would have r = 9120 > M). The `spectrum`
#   command on the saved model and data, whole process, with each method,
#   against LAPACK's eigenvalue-only solve of a 4780×4780 matrix.
# - The paper's width ladder 784-h-10, h ∈ {10,30,50,70}, on N = 1000
#   Fashion-MNIST examples: `train` (200 GD steps, then all M eigenvalues,
#   --method auto), wall time and peak resident memory per width; then the
#   `widths` command over all four widths in one process.
# - JAX, when importable: jax.hessian + numpy.linalg.eigvalsh on the same
#   saved models (compute only, compile excluded), as a ratio to this tool's
#   whole process; models whose dense Hessian exceeds JAX_MAX_M parameters
#   (default 8000) or the memory are reported as skipped.
JAX_MAX_M=${JAX_MAX_M:-8000}
FASHION=(--dataset fashion-mnist --test-samples 0 --steps 200)

# "seconds peak_rss_mb" of a command, output discarded; its stderr kept in $WORK/stderr.
measure() {
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr"
  awk '{ printf "%.3f %.0f\n", $1, $2 / 1024 }' "$WORK/time"
}
chosen() { grep -o 'chose [a-z]*\|[a-z]* forced' "$WORK/stderr" | head -1 | awk '{ print ($1 == "chose") ? $2 : $1 }'; }
median_of() { # median seconds and the peak RSS of that run, over REPEAT runs
  for i in $(seq "$REPEAT"); do measure "$@"; done | sort -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'
}

echo
echo "# beyond dense memory: dense vs factored vs Lanczos, the width ladder, JAX"
echo "benchmark,variant,params,method,seconds,peak_rss_mb,ratio"
"$BIN" train "${FASHION[@]}" --at final --samples 300 --hidden 6 --quiet \
  --save-model "$WORK/m6.json" --save-data "$WORK/d6.csv" -o "$WORK/s6.csv"
F6=$(for i in $(seq "$REPEAT"); do floor 4780; done | median)
echo "spectrum_784-6-10_N300,lapack_floor_syevd,4780,,$F6,,1"
for variant in "dense" "factored" "lanczos --top 20 --bottom 20"; do
  read -r S R <<<"$(median_of "$BIN" spectrum --model "$WORK/m6.json" --data "$WORK/d6.csv" --method $variant)"
  label=$(echo "$variant" | sed 's/ --\([a-z]*\) /_\1/g')
  echo "spectrum_784-6-10_N300,$label,4780,${variant%% *},$S,$R,$(ratio "$S" "$F6")"
done

for h in 10 30 50 70; do
  M=$((795 * h + 10))
  read -r S R <<<"$(measure "$BIN" train "${FASHION[@]}" --at final --samples 1000 --hidden "$h" \
    --save-model "$WORK/m$h.json" --save-data "$WORK/d$h.csv" -o "$WORK/s$h.csv")"
  echo "train_784-$h-10_N1000,h=$h,$M,$(chosen),$S,$R,"
done
read -r S R <<<"$(measure "$BIN" widths "${FASHION[@]}" --samples 1000 --widths 10,30,50,70)"
echo "widths_784-h-10_N1000,all_four,7960..55660,auto,$S,$R,"

if python3 -c "import jax" 2>/dev/null; then
  read -r OURS _ <<<"$(median_of "$BIN" spectrum --model "$WORK/m6.json" --data "$WORK/d6.csv")"
  for case in "6-10_N300 m6 d6 s6 4780 $OURS" "10-10_N1000 m10 d10 s10 7960" "30-10_N1000 m30 d30 s30 23860" \
              "50-10_N1000 m50 d50 s50 39760" "70-10_N1000 m70 d70 s70 55660"; do
    read -r name model data spectrum M ours <<<"$case"
    if [ "$M" -gt "$JAX_MAX_M" ]; then
      echo "jax_784-$name,skipped_M_above_JAX_MAX_M=$JAX_MAX_M,$M,,,,"; continue
    fi
    if [ -z "$ours" ]; then
      read -r ours _ <<<"$(measure "$BIN" spectrum --model "$WORK/$model.json" --data "$WORK/$data.csv")"
    fi
    if python3 scripts/jax_hessian.py --model "$WORK/$model.json" --data "$WORK/$data.csv" \
         --compare "$WORK/$spectrum.csv" >"$WORK/jax.csv" 2>"$WORK/stderr"; then
      J=$(tail -1 "$WORK/jax.csv" | cut -d, -f6); D=$(tail -1 "$WORK/jax.csv" | cut -d, -f7)
      echo "jax_784-$name,jax.hessian+eigvalsh(max_abs_diff=$D),$M,jax,$J,,$(ratio "$J" "$ours")"
    else
      echo "jax_784-$name,skipped_$(head -1 "$WORK/stderr" | tr ', ' ';_'),$M,,,,"
    fi
  done
else
  echo "jax,not_importable(pip install jax),,,,,"
fi
