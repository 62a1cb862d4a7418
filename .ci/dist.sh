#!/usr/bin/env bash
# Assembles dist/: the static bundle editors copy to any host (relative URLs only).
# Expects pkg/, pkg-json/ and pkg-editor/ from `wasm-pack build` (run `make dist`, not
# this script directly).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
mkdir -p dist/fallback dist/data
cp www/*.html www/*.js www/*.css www/*.svg dist/
# The widget: its source modules (www/embed/) bundled into the one file pages load.
node .ci/minify.mjs --bundle www/embed.js dist/embed.js
cp -r www/editor dist/editor
# The modules: the built-in data's, the one that reads editors' JSON, the editor's.
for pkg in pkg pkg-json pkg-editor; do
  mkdir -p "dist/$pkg"
  cp "$pkg/park_infographic.js" "$pkg/park_infographic_bg.wasm" "dist/$pkg/"
done
# The no-script fallbacks, drawn natively by the same chart code.
cargo run --quiet --bin render -- --all --out-dir dist/fallback
# Chart heights by width, so the widget reserves its final height while loading.
cargo run --quiet --bin render -- --heights dist/heights.js
cp src/data/default.json dist/data/default.json
# The built-in data as the built-in charts' module reads it: one compact file per chart.
cargo run --quiet --bin render -- --compact dist/data
# The widget's glue, like embed.js, asks Chromium to compile its functions while it loads
# rather than on their first calls, inside the first chart's tasks (minify.mjs keeps it).
for pkg in pkg pkg-json; do
  sed -i '1i //# allFunctionsCalledOnLoad' "dist/$pkg/park_infographic.js"
done
# What ships is minified, file by file (www/ and pkg/ keep the readable text).
node .ci/minify.mjs $(ls dist/*.js dist/*.css dist/editor/*.js dist/pkg*/park_infographic.js | grep -vx dist/embed.js)
echo "dist/: $(find dist -type f | wc -l) files, $(du -sh dist | cut -f1)"
