#!/usr/bin/env bash
# Builds one libFuzzer binary per reader (Fuzz/Targets/*.swift) against the
# library compiled with coverage instrumentation, then runs each for
# FUZZ_SECONDS (default 60) from the committed seeds in Fuzz/Corpus/<target>.
# New inputs go to .build/fuzz/corpus/<target>; a crash stops that target,
# is saved as .build/fuzz/crashes/<target>-*, and makes the script fail; the
# inputs of crashes fixed before (Fuzz/Regressions/<target>) are run first.
# Usage: scripts/fuzz.sh [target …]   (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFTC=${SWIFTC:-swiftc}
SECONDS_EACH=${FUZZ_SECONDS:-60}
OUT=.build/fuzz
mkdir -p "$OUT/lib" "$OUT/crashes"

# The reader modules once each, instrumented, as static libraries with their
# internals testable: the formats and what they stand on, and the plots (for
# the spectrum CSV target, which renders every kind of picture).
modules=(HessianCore HessianFormats HessianPlots)
previous=""
for module in "${modules[@]}"; do
  library="$OUT/lib/lib$module.a"
  if [ ! -f "$library" ] || [ -n "$(find "Sources/$module" -newer "$library" -name '*.swift' | head -1)" ] \
     || { [ -n "$previous" ] && [ "$previous" -nt "$library" ]; }; then
    echo "building the instrumented $module" >&2
    "$SWIFTC" -sanitize=fuzzer -parse-as-library -O -enable-testing -wmo \
      -module-name "$module" -package-name hessian_spectrum -emit-module -emit-module-path "$OUT/lib/$module.swiftmodule" \
      -emit-library -static -o "$library" \
      -I "$OUT/lib" -I Sources/CLAPACK -I Sources/CZlib $(find "Sources/$module" -name '*.swift' | sort)
  fi
  previous=$library
done

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(ls Fuzz/Targets | sed 's/\.swift$//'))
status=0
for target in "${targets[@]}"; do
  binary="$OUT/$target"
  if [ ! -x "$binary" ] || [ "Fuzz/Targets/$target.swift" -nt "$binary" ] || [ "$previous" -nt "$binary" ]; then
    "$SWIFTC" -sanitize=fuzzer -parse-as-library -O -package-name hessian_spectrum -I "$OUT/lib" -I Sources/CLAPACK -I Sources/CZlib \
      "Fuzz/Targets/$target.swift" -L "$OUT/lib" -lHessianPlots -lHessianFormats -lHessianCore -lopenblas -llapacke -lz -o "$binary"
  fi
  # Every crash found before stays fixed.
  if [ -d "Fuzz/Regressions/$target" ]; then
    SWIFT_BACKTRACE=enable=no "$binary" Fuzz/Regressions/"$target"/* > "$OUT/$target-regressions.log" 2>&1 \
      || { echo "$target: a regression input crashes again; see $OUT/$target-regressions.log"; status=1; continue; }
  fi
  corpus="$OUT/corpus/$target"
  mkdir -p "$corpus"
  start=$(date +%s)
  # The Swift runtime's backtracer would take the crash signal before libFuzzer saves the input.
  if SWIFT_BACKTRACE=enable=no "$binary" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
       -artifact_prefix="$OUT/crashes/$target-" -print_final_stats=1 \
       "$corpus" "Fuzz/Corpus/$target" > "$OUT/$target.log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$OUT/$target.log" | grep -o '[0-9]*$' || echo "?")
    echo "$target: $(( $(date +%s) - start )) s, $runs runs, no crash"
  else
    echo "$target: CRASH after $(( $(date +%s) - start )) s; see $OUT/$target.log and $OUT/crashes/$target-*"
    status=1
  fi
done
exit $status
