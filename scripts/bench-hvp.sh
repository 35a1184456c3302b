#!/usr/bin/env bash
# Seconds per exact Hessian-vector product at scale: the 784-1000-1000-10
# ReLU MLP (M = 1,796,010) on N Fashion-MNIST images (default 2000), at its
# initial point, all float64 on this machine in one run:
# - hessian-spectrum's product (`product-floor`: R-operator passes, DGEMMs
#   over the whole batch), with the GEMM floor beside it: the product's DGEMM
#   flops over this machine's DGEMM rate on an N x 1000 by 1000 x 1000 product;
# - JAX: jax.jvp of jax.grad under jax.jit (compile and first call apart);
# - PyTorch: torch.func.jvp of torch.func.grad;
# each when $PYTHON imports it. Every repetition runs all variants back to
# back, so that load from elsewhere falls on each alike; medians of REPEAT
# (each itself the median of COUNT products); ratios to ours (> 1: slower).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/hessian-spectrum
REPEAT=${REPEAT:-3}
COUNT=${COUNT:-5}
SAMPLES=${HVP_SAMPLES:-2000}
PYTHON=${PYTHON:-python3}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", a / b }'; }
column() { # column named $2 of the one-row CSV in file $1
  awk -F, -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i } NR == 2 { print $c }' "$1"
}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo
echo "# Exact Hessian-vector products, 784-1000-1000-10 ReLU (M = 1796010), N = $SAMPLES Fashion-MNIST images; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
"$BIN" train --dataset fashion-mnist --samples "$SAMPLES" --test-samples 0 --hidden 1000,1000 --steps 0 --at init \
  --method lanczos --top 1 --lanczos-max-iter 2 --quiet --save-model "$WORK/model.json" --save-data "$WORK/train.csv" \
  -o /dev/null 2>/dev/null

frameworks=()
for f in jax torch; do
  if "$PYTHON" -c "import $f, scipy" 2>/dev/null; then frameworks+=("$f"); else echo "# $f: skipped, $PYTHON cannot import it"; fi
done

for i in $(seq "$REPEAT"); do
  "$BIN" product-floor --model "$WORK/model.json" --data "$WORK/train.csv" --count "$COUNT" > "$WORK/ours.$i.csv"
  for f in "${frameworks[@]}"; do
    "$PYTHON" scripts/hvp_reference.py --framework "$f" --model "$WORK/model.json" --data "$WORK/train.csv" \
      --count "$COUNT" > "$WORK/$f.$i.csv"
  done
done

ours=$(for i in $(seq "$REPEAT"); do column "$WORK/ours.$i.csv" seconds_median; done | median)
setup=$(for i in $(seq "$REPEAT"); do column "$WORK/ours.$i.csv" setup_seconds; done | median)
floor=$(for i in $(seq "$REPEAT"); do column "$WORK/ours.$i.csv" floor_seconds; done | median)
rate=$(for i in $(seq "$REPEAT"); do column "$WORK/ours.$i.csv" gemm_gflops; done | median)
echo "# product DGEMMs $(column "$WORK/ours.1.csv" product_gflop) GFLOP; DGEMM rate $rate GFLOP/s; our passes before the first product ${setup} s"
echo "benchmark,variant,seconds_per_product_median,ratio_to_ours"
echo "hvp_784-1000-1000-10_N$SAMPLES,gemm_floor,$floor,$(ratio "$floor" "$ours")"
echo "hvp_784-1000-1000-10_N$SAMPLES,hessian-spectrum,$ours,1"
for f in "${frameworks[@]}"; do
  t=$(for i in $(seq "$REPEAT"); do column "$WORK/$f.$i.csv" seconds_median; done | median)
  c=$(for i in $(seq "$REPEAT"); do column "$WORK/$f.$i.csv" compile_seconds; done | median)
  name=$([ "$f" = jax ] && echo "jax_jvp_grad_jit" || echo "torch_func_jvp_grad")
  echo "hvp_784-1000-1000-10_N$SAMPLES,$name,$t,$(ratio "$t" "$ours")"
  echo "# $f: compile and first product $c s"
done
