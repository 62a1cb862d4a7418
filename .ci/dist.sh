#!/usr/bin/env bash
# Assembles dist/: the static bundle producers copy to any host (relative URLs only).
# Expects pkg/, pkg-json/, pkg-editor/ and pkg-xlsx/ from `wasm-pack build` (run `make dist`, not
# this script directly).
#
# Safe on a CDN that caches for a year: every file lives in a folder named by a hash of
# its contents (dist/b-<hash>/), except the entries, which are small and must be fetched
# fresh: embed.js, embed-frame.js and the pages (*.html, frames/, snippets/). An entry
# only ever names files of its own build, so a page never mixes two builds, and a new
# build uploaded beside an old one leaves the old folder for snippets that preload it.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
stage=dist/b-stage
mkdir -p "$stage/fallback" "$stage/data"
cp www/*.css www/*.svg www/frame.js www/gallery.js www/published.js "$stage/"
# The modules: the built-in data's, the one that reads editors' JSON, the editor's. The
# widget's glue, like embed.js, asks Chromium to compile its functions while it loads
# rather than on their first calls, inside the first chart's tasks (minify.mjs keeps it).
for pkg in pkg pkg-json pkg-editor; do
  mkdir -p "$stage/$pkg"
  cp "$pkg/park_infographic.js" "$pkg/park_infographic_bg.wasm" "$stage/$pkg/"
done
for pkg in pkg pkg-json; do
  sed -i '1i //# allFunctionsCalledOnLoad' "$stage/$pkg/park_infographic.js"
done
# The editor's spreadsheet reader (calamine): imported only once a spreadsheet is opened.
mkdir -p "$stage/pkg-xlsx"
cp pkg-xlsx/park_infographic_xlsx.js pkg-xlsx/park_infographic_xlsx_bg.wasm "$stage/pkg-xlsx/"
node .ci/minify.mjs "$stage/pkg-xlsx/park_infographic_xlsx.js"
# The no-script fallbacks, drawn natively by the same chart code.
cargo run --quiet --bin render -- --all --out-dir "$stage/fallback"
# The long images for WeChat and Weibo (长图), each chart at the same phone layout and their
# alternative texts, drawn natively with the CJK font; the QR code opens the gallery.
cargo run --quiet --bin render -- --long "$stage/long" --qr https://cdn.example.org/park-infographic/
# Chart heights by width, so the widget reserves its final height while loading.
cargo run --quiet --bin render -- --heights "$stage/heights.js"
cp src/data/default.json "$stage/data/default.json"
# The built-in data as the compact module reads it: one compact file per chart.
cargo run --quiet --bin render -- --compact "$stage/data"
# The editor: its modules bundled into one file (it loads its own wasm module).
node .ci/minify.mjs --bundle www/editor/main.js "$stage/editor.js"
# What ships is minified (www/ and pkg/ keep the readable text).
node .ci/minify.mjs $(ls "$stage"/*.js "$stage"/*.css "$stage"/pkg*/park_infographic.js | grep -vx "$stage/editor.js")

# What a folder the editor publishes carries of the widget: the entries (at its root) and
# these files of the build's folder (the compact module; editors publish compact data).
cat > "$stage/widget-files.json" <<'JSON'
{"entries": ["embed.js", "embed-frame.js"],
 "build": ["pkg/park_infographic.js", "pkg/park_infographic_bg.wasm", "embed.css", "heights.js", "frame.js", "frame.css"]}
JSON

# The build's name: a hash of everything in it.
hash=$(cd "$stage" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-10)
build="b-$hash"
mv "$stage" "dist/$build"

# The entries: the widget bundled from its source modules (www/embed/) into the one file
# pages load, which names its build's folder; the iframe resizer; the pages.
node .ci/minify.mjs --widget www/embed.js dist
cp www/embed-frame.js dist/ && node .ci/minify.mjs dist/embed-frame.js
cp www/*.html dist/
# Each chart's picture (inline SVG, laid out as the canvas is), put where readers meet the
# chart first: the demo article, a static frame page per chart and language, the snippets;
# and the pages' links to the build's files.
pictures=$(mktemp -d)
cargo run --quiet --bin render -- --pictures "$pictures"
node .ci/pages.mjs dist "$build" "$pictures"
rm -rf "$pictures"
echo "dist/: $(find dist -type f | wc -l) files, $(du -sh dist | cut -f1), build $build"
