#!/usr/bin/env bash
# Checks the release build in dist/: an index.html that loads a .js and a .wasm
# that exist, a stylesheet, and no absolute URLs (so dist/ works under a sub-path).
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { printf 'ERROR: dist/ check: %s\n' "$*" >&2; exit 1; }

[ -f dist/index.html ] || fail "dist/index.html is missing"
wasm="$(find dist -maxdepth 1 -name '*_bg.wasm' | head -n1)"
js="$(find dist -maxdepth 1 -name 'es-playground-*.js' | head -n1)"
css="$(find dist -maxdepth 1 -name 'style-*.css' | head -n1)"
[ -n "$wasm" ] || fail "no release .wasm in dist/"
[ -n "$js" ] || fail "no JavaScript glue in dist/"
[ -n "$css" ] || fail "no stylesheet in dist/"
head -c 4 "$wasm" | cmp -s - <(printf '\0asm') || fail "$wasm is not a WebAssembly module"
grep -q "$(basename "$wasm")" dist/index.html || fail "index.html does not load $(basename "$wasm")"
grep -q "$(basename "$js")" dist/index.html || fail "index.html does not load $(basename "$js")"
if grep -Eq '(src|href)="/' dist/index.html; then fail "index.html uses absolute URLs; dist/ would break under a sub-path"; fi

# PostgreSQL in the page (PGlite), copied by Trunk's post_build hook and
# loaded only when switched on: never by index.html.
for file in index.js pglite.wasm pglite.data initdb.wasm LICENSE; do
  [ -s "dist/pglite/$file" ] || fail "dist/pglite/$file (PostgreSQL in the page) is missing"
done
if grep -q 'pglite' dist/index.html; then fail "index.html names pglite: it must load only when switched on"; fi

offline=dist/es-playground-offline.html
[ -s "$offline" ] || fail "$offline (the single-file page for file shares) is missing"
grep -q '__wbg_init({ module_or_path: wasmBytes })' "$offline" || fail "$offline does not start the app from its inlined wasm"

size() { wc -c < "$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
printf 'release bundle: %s %s bytes (%s gzipped), %s %s bytes (%s gzipped)\n' \
  "$(basename "$wasm")" "$(size "$wasm")" "$(gz "$wasm")" "$(basename "$js")" "$(size "$js")" "$(gz "$js")"
printf 'single-file page: %s %s bytes (%s gzipped)\n' "$(basename "$offline")" "$(size "$offline")" "$(gz "$offline")"
