#!/usr/bin/env bash
# Runs the documented commands (docs/*.md), scaled down to seconds, with two builds of
# hessian-spectrum and compares every CSV, SVG and JSON they write byte for
# byte (summary CSVs without their two timing columns, README files of
# `reproduce` without timing lines). Exit status 0 when all match.
#
#   scripts/compare-outputs.sh OLD_BINARY NEW_BINARY
set -uo pipefail
old=$(realpath "$1") new=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One command per line; files it writes are relative to its folder.
commands=(
  "train --width 8 --clusters 3 --input-dim 5 --samples 60 --steps 50"
  "train --hidden 6,6 --activation tanh --batch-size 10 --steps 60 --at init,final --every 20 --clusters 3 --input-dim 4 --samples 50 -o spectra.csv"
  "train --hidden 5 --activation sigmoid --loss mse --clusters 3 --input-dim 4 --samples 40 --steps 30 --decompose"
  "train --hidden 5,4 --activation linear --clusters 2 --input-dim 3 --samples 30 --steps 20 --decompose --method dense --driver syevr"
  "train --hidden 6 --clusters 3 --input-dim 40 --samples 20 --steps 40 --decompose --method factored"
  "train --hidden 6 --activation relu --loss mse --clusters 3 --input-dim 40 --samples 20 --steps 40 --decompose --method factored"
  "train --hidden 8,8 --clusters 3 --input-dim 6 --samples 40 --steps 30 --method lanczos --top 4 --bottom 2"
  "train --hidden 8,8 --clusters 3 --input-dim 6 --samples 40 --steps 30 --top 3 --driver syevd_2stage"
  "train --hidden 4 --activation tanh --clusters 3 --input-dim 5 --samples 40 --steps 20 --driver syev --method dense"
  "train --dataset circles --hidden 6 --samples 50 --test-samples 20 --steps 30 --standardize"
  "train --dataset moons --hidden 6 --samples 50 --steps 30"
  "train --dataset two-blobs --hidden 6,6 --samples 50 --steps 30 --cov-scale 2"
  "train --decompose --summary run.csv --save-model model.json --save-data train.csv --hidden 6 --clusters 3 --input-dim 5 --samples 40 --steps 25"
  "train --dataset fashion-mnist --samples 60 --test-samples 30 --hidden 3 --steps 20 --top 5"
  "SPECTRUM"
  "clusters --clusters 2,3 --input-dim 5 --samples 40 --hidden 5,5 --steps 40 --table table1.csv"
  "widths --widths 3,5 --clusters 3 --input-dim 6 --samples 40 --steps 30 --summary widths_summary.csv"
  "batch --small 5 --large 20 --steps 30 --curves curves.csv --save-small sb.json --save-large lb.json --clusters 3 --input-dim 5 --samples 40 --hidden 5"
  "two-phase --large 20 --small 5 --large-steps 20 --small-steps 20 --every 10 --save-large lb.json --save-small sb.json --clusters 3 --input-dim 5 --samples 40 --hidden 5"
  "INTERPOLATE"
  "OUTLIERS"
  "PLOT"
  "reproduce --quick --out r"
)

run() { # binary folder command
  local bin=$1 dir=$2 cmd=$3
  mkdir -p "$dir"
  (
    cd "$dir" || exit 1
    case $cmd in
      SPECTRUM)
        "$bin" train --hidden 6 --clusters 3 --input-dim 5 --samples 40 --steps 25 --save-model m.json --save-data d.csv --quiet >/dev/null &&
        "$bin" spectrum --model m.json --data d.csv --decompose --summary s.csv ;;
      INTERPOLATE)
        "$bin" batch --small 5 --large 20 --steps 30 --save-small sb.json --save-large lb.json --clusters 3 --input-dim 5 --samples 40 --hidden 5 --quiet >/dev/null &&
        "$bin" interpolate --from lb.json --to sb.json --alphas -1:2:7 --clusters 3 --input-dim 5 --samples 40 --top 3 ;;
      OUTLIERS)
        "$bin" clusters --clusters 2,3 --input-dim 5 --samples 40 --hidden 5,5 --steps 40 --quiet > clusters.csv &&
        "$bin" outliers clusters.csv ;;
      PLOT)
        "$bin" train --hidden 6 --clusters 3 --input-dim 5 --samples 40 --steps 25 --at init,final --decompose --quiet > s.csv &&
        for kind in ordered top negative histogram; do "$bin" plot s.csv --kind $kind -o $kind.svg || exit 1; done &&
        "$bin" plot s.csv --kind ordered --symlog -o symlog.svg ;;
      *) eval "\"$bin\" $cmd" ;;
    esac
  ) > "$dir/stdout.out" 2> "$dir/stderr.txt"
  echo $? > "$dir/status.out"
}

# Drops timing columns / lines that legitimately differ between runs.
normalise() {
  local f=$1
  case $(basename "$f") in
    run.csv|s.csv) if head -1 "$f" | grep -q assemble_seconds; then cut -d, -f1-10 "$f"; else cat "$f"; fi ;;
    README.md) grep -v -i -E 'seconds| s\)|took|[0-9] s$' "$f" ;;
    *) cat "$f" ;;
  esac
}

failed=0
for i in "${!commands[@]}"; do
  cmd=${commands[$i]}
  run "$old" "$work/old/$i" "$cmd"
  run "$new" "$work/new/$i" "$cmd"
  differ=""
  for f in $(cd "$work/old/$i" && find . -type f ! -name stderr.txt | sort); do
    if [ ! -f "$work/new/$i/$f" ]; then differ="$differ $f(missing)"; continue; fi
    cmp -s <(normalise "$work/old/$i/$f") <(normalise "$work/new/$i/$f") || differ="$differ $f"
  done
  extra=$(cd "$work/new/$i" && find . -type f ! -name stderr.txt | sort | while read -r f; do [ -f "$work/old/$i/$f" ] || echo "$f"; done)
  [ -n "$extra" ] && differ="$differ extra:$extra"
  if [ -n "$differ" ]; then
    echo "DIFFERENT [$i] $cmd:$differ"; failed=1
  else
    echo "same      [$i] $cmd ($(cd "$work/old/$i" && find . -type f ! -name stderr.txt | wc -l) files, exit $(cat "$work/old/$i/status.out"))"
  fi
done
exit $failed
