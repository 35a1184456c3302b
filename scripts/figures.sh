#!/bin/sh
# Redraws the documentation's figures (docs/img/*.svg) with the commands
# docs/plots.md shows, from the reproduction's CSVs and one short training
# run, and renders each to PNG beside it in $OUT (default /tmp/figures) for
# looking at. Run from the repository root: `make figures`.
set -eu
BIN=${BIN:-.build/release/hessian-spectrum}
R=docs/reproduction
IMG=docs/img
OUT=${OUT:-/tmp/figures}
mkdir -p "$OUT"
plot() { "$BIN" plot "$@"; }

plot $R/fig1_spectrum.csv --kind ordered --title "Fig 1: ordered eigenvalues at init and after GD" -o $IMG/plot-ordered.svg
plot $R/fig1_spectrum.csv --kind ordered --symlog --title "Fig 1, symmetric-log axis" -o $IMG/plot-ordered-symlog.svg
plot $R/fig1_spectrum.csv --kind histogram --log-count --title "Fig 1: eigenvalue histogram at init and after GD" -o $IMG/plot-histogram.svg
plot $R/fig1_spectrum.csv --kind density --where point=final --title "Fig 1: spectral density after GD (Gaussian kernel)" -o $IMG/plot-density.svg
plot $R/fig2_relu_gd_spectra.csv --kind top --top 30 --title "Fig 2: largest eigenvalues by number of clusters (relu_gd)" -o $IMG/plot-top.svg
plot $R/fig2_relu_gd_spectra.csv --kind top --top 120 --log-y --title "Fig 2, log axis: the outliers above the bulk" -o $IMG/plot-top-log.svg
plot $R/fig3_fig5_widths_summary.csv --kind negative --title "Fig 5: negative eigenvalues by hidden width" -o $IMG/plot-negative.svg
plot $R/fig8_interpolation.csv --title "Fig 8: the line from the LB to the SB solution" -o $IMG/plot-interpolation.svg
plot $R/fig7_two_phase_curves.csv --title "Fig 7: batch 512, then batch 10" -o $IMG/plot-curves.svg

# Curvature during training: a small network, the spectrum every 50 steps.
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$BIN" train --width 10 --depth 2 --steps 1000 --every 50 --top 10 --save-eigenvectors "$TMP/v.npy" \
    --summary "$TMP/summary.csv" -o /dev/null 2>/dev/null
plot "$TMP/summary.csv" --title "Over training: trace, largest eigenvalue, gradient overlap (top 10)" -o $IMG/plot-summary.svg
"$BIN" train --width 10 --depth 2 --steps 1000 --every 100 -o "$TMP/every.csv" 2>/dev/null
plot "$TMP/every.csv" --kind histogram --log-count --title "The spectrum every 100 steps, a panel each" -o $IMG/plot-every.svg

# The three levels of G beside H, and H's per-layer blocks: a small network on 5 clusters.
"$BIN" train --decompose classes --blocks layers --clusters 5 --width 20 --samples 200 --steps 500 \
    -o "$TMP/levels.csv" 2>/dev/null
plot "$TMP/levels.csv" --where block=all --kind top --top 40 --log-y \
    --title "The three levels of G beside H's outliers (5 classes)" -o $IMG/plot-levels.svg
plot "$TMP/levels.csv" --where matrix=hessian --kind top --top 60 --log-y --layout panels \
    --title "H and its diagonal blocks, a panel each" -o $IMG/plot-blocks.svg

for f in $IMG/*.svg; do
    rsvg-convert "$f" -o "$OUT/$(basename "$f" .svg).png"
done
echo "figures in $IMG, PNG renderings in $OUT" >&2
