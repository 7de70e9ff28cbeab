#!/usr/bin/env bash
# `make bench`: every benchmark of issue 6, then docs/BENCHMARKS.md.
#
#  1. the event store, natively                (cargo bench --bench store)
#  2. catering-match, natively                 (cargo bench --bench catering_match)
#  3. catering-match in wasm, headless Chromium (tests/wasm_bench.rs, catering_match)
#  4. UI click latency with 200 000 events     (tests/wasm_bench.rs, ui_latency)
#  4b. autosave of a million-event session     (tests/wasm_bench.rs, session_save)
#  4c. long work at a million events           (tests/wasm_bench.rs, long_work)
#  4d. PostgreSQL in the page at 10 000 events  (tests/wasm_bench.rs, postgres)
#  5. the release bundle's size                (trunk build --release --offline, then the
#     single-file page again, so dist/ stays complete)
#  6. navigation to an interactive page        (scripts/bench-page-load.mjs)
#
# Each step's output goes to the terminal and to $OUT/<step>.log; every JSON
# line it prints is collected in $OUT/results.jsonl, its exit status in
# $OUT/steps.tsv. Then scripts/bench-report.mjs writes docs/BENCHMARKS.md and
# judges the floors. Exits non-zero if a step failed (a correctness check
# failed) or a floor is not met, after writing the file.
#
# Settings (environment): CATERING_MATCH_N (orders, default 100 000),
# UI_BENCH_ORDERS (default 100 000), UI_BENCH_CLICKS (default 100),
# PAGE_LOAD_RUNS (default 10); the cargo profiles of the two wasm benchmarks:
# WASM_BENCH_PROFILE for catering-match (default bench, the profile of the
# native figure, so that the two differ only by the runtime) and
# UI_BENCH_PROFILE for the UI latency (default release: the app as it ships).
set -uo pipefail
cd "$(dirname "$0")/.."

OUT="${CARGO_TARGET_DIR:-target}/bench"
RESULTS="$OUT/results.jsonl"
STEPS="$OUT/steps.tsv"
REPORT="docs/BENCHMARKS.md"
WASM_BENCH_PROFILE="${WASM_BENCH_PROFILE:-bench}"
UI_BENCH_PROFILE="${UI_BENCH_PROFILE:-release}"
PAGE_LOAD_RUNS="${PAGE_LOAD_RUNS:-10}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# The wasm benchmarks run longer than the browser tests' default limit.
export WASM_BINDGEN_TEST_TIMEOUT=900

mkdir -p "$OUT"
: >"$RESULTS"
: >"$STEPS"

# step "name" command [args...]: runs one benchmark step and records it.
step() {
  local name="$1"; shift
  local log="$OUT/$(printf '%s' "$name" | tr -c 'a-zA-Z0-9\n' '-').log"
  printf '\n==> bench: %s\n' "$name"
  "$@" 2>&1 | tee "$log"
  local status="${PIPESTATUS[0]}"
  grep -E '^\{"system":"es-playground"' "$log" >>"$RESULTS" || true
  printf '%s\t%s\n' "$name" "$status" >>"$STEPS"
  if [ "$status" -eq 0 ]; then
    printf '==> ok: %s\n' "$name"
  else
    printf '==> FAILED: %s (exit %s)\n' "$name" "$status" >&2
  fi
}

# One JSON line per file of the release bundle, and one for wasm + js.
bundle_sizes() {
  local wasm js
  wasm="$(find dist -maxdepth 1 -name '*_bg.wasm' | head -n1)"
  js="$(find dist -maxdepth 1 -name 'es-playground-*.js' | head -n1)"
  if [ -z "$wasm" ] || [ -z "$js" ]; then
    echo "bench: no release .wasm or .js in dist/" >&2
    return 1
  fi
  local total=0 total_gz=0 file bytes gz
  for file in "$wasm" "$js" dist/index.html dist/style-*.css; do
    [ -f "$file" ] || continue
    bytes="$(wc -c <"$file" | tr -d ' ')"
    gz="$(gzip -9 -n -c "$file" | wc -c | tr -d ' ')"
    printf '{"system":"es-playground","runtime":"release-bundle","phase":"bundle-size","file":"%s","bytes":%s,"gzip_bytes":%s}\n' \
      "$(basename "$file")" "$bytes" "$gz"
    if [ "$file" = "$wasm" ] || [ "$file" = "$js" ]; then
      total=$((total + bytes))
      total_gz=$((total_gz + gz))
    fi
  done
  printf '{"system":"es-playground","runtime":"release-bundle","phase":"bundle-size","file":"wasm+js","bytes":%s,"gzip_bytes":%s}\n' \
    "$total" "$total_gz"
}

# wasm_bench PROFILE TEST: one test of tests/wasm_bench.rs, its lines printed.
wasm_bench() {
  cargo test --locked --profile "$1" --target wasm32-unknown-unknown \
    --test wasm_bench "$2" -- --exact --nocapture
}

step "event store (native)" cargo bench --locked --bench store
step "catering-match (native)" cargo bench --locked --bench catering_match
step "catering-match (wasm, headless Chromium)" wasm_bench "$WASM_BENCH_PROFILE" catering_match
step "UI latency (release build, headless Chromium)" wasm_bench "$UI_BENCH_PROFILE" ui_latency
step "autosave of a large session (release build, headless Chromium)" wasm_bench "$UI_BENCH_PROFILE" session_save
step "long work at a million events (release build, headless Chromium)" wasm_bench "$UI_BENCH_PROFILE" long_work
step "PostgreSQL in the page (release build, headless Chromium)" \
  node scripts/pglite-server.mjs 18432 -- cargo test --locked --profile "$UI_BENCH_PROFILE" \
  --target wasm32-unknown-unknown --test wasm_bench postgres -- --exact --nocapture
step "release build" trunk build --release --offline
# The build empties dist/: put the single-file offline page back, so dist/ is complete.
step "single-file offline page" node scripts/single-file.mjs dist
step "release bundle size" bundle_sizes
step "navigation to an interactive page" node scripts/bench-page-load.mjs dist "$PAGE_LOAD_RUNS"

printf '\n==> bench: writing %s\n' "$REPORT"
WASM_BENCH_PROFILE="$WASM_BENCH_PROFILE" UI_BENCH_PROFILE="$UI_BENCH_PROFILE" \
  node scripts/bench-report.mjs "$RESULTS" "$STEPS" "$REPORT"
