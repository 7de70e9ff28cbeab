# es-playground: the two commands (`make serve`, `make test`) and the benchmarks.
# Every target installs what it needs first (see scripts/ensure-tools.sh).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8080
ADDRESS ?= 127.0.0.1
TOOLS_ROOT ?= $(HOME)/.cargo
CHROMEDRIVER ?= /usr/bin/chromedriver
# wasm-bindgen-test-runner's time limit covers the whole browser test binary
# (default 20 s), and the soak test alone takes about 15 s.
WASM_BINDGEN_TEST_TIMEOUT ?= 300
export TOOLS_ROOT CHROMEDRIVER WASM_BINDGEN_TEST_TIMEOUT
# Our tools first: npm's wasm-opt, then the cargo-installed trunk / wasm-bindgen.
export PATH := $(CURDIR)/node_modules/.bin:$(TOOLS_ROOT)/bin:$(HOME)/.cargo/bin:$(PATH)

STEP := scripts/step.sh

.PHONY: help serve dev test fuzz bench tools browser native-tests browser-tests release lint clean

help:
	@echo "make serve   install what is missing, build, serve on http://$(ADDRESS):$(PORT)/ (PORT=... to change)"
	@echo "make dev     a debug build served with quick rebuilds, for development"
	@echo "make test    install what is missing, run native and headless-Chromium tests, check a release build"
	@echo "make bench   run the benchmarks (JSON lines) and write docs/BENCHMARKS.md"
	@echo "make fuzz    the long robustness runs (1 000 000 fuzzed imports, 10 000 random clicks in the browser)"
	@echo "make lint    cargo fmt --check and clippy (native and wasm32)"

tools:
	@$(STEP) "install build tools" scripts/ensure-tools.sh build

browser:
	@$(STEP) "install Chromium and chromedriver" scripts/ensure-tools.sh browser

# A release build: what a workshop should run (specifications over all
# orderings run several times faster than in a debug build).
serve: tools
	@echo "==> building (release) and serving es-playground on http://$(ADDRESS):$(PORT)/ (Ctrl-C to stop)"
	trunk serve --release --offline --address $(ADDRESS) --port $(PORT)

# A debug build that rebuilds quickly on every change, for development.
dev: tools
	@echo "==> serving a debug build on http://$(ADDRESS):$(PORT)/ (Ctrl-C to stop)"
	trunk serve --offline --address $(ADDRESS) --port $(PORT)

test: tools browser
	@$(STEP) "cargo fmt --check" cargo fmt --check
	@$(STEP) "clippy (native and wasm32, warnings are errors)" scripts/clippy.sh
	@$(STEP) "native tests (cargo test)" cargo test --locked
	@$(STEP) "exported SQL runs in PostgreSQL (PGlite under Node)" node scripts/sql-check.mjs
	@$(STEP) "browser tests (wasm-bindgen-test in headless Chromium)" \
		node scripts/pglite-server.mjs 18432 -- \
		cargo test --locked --target wasm32-unknown-unknown --test browser
	@$(STEP) "release build (trunk build --release --offline)" trunk build --release --offline
	@$(STEP) "single-file offline page" node scripts/single-file.mjs dist
	@$(STEP) "release bundle in dist/" scripts/check-dist.sh
	@echo "==> make test: all steps passed"

release: tools
	@$(STEP) "release build (trunk build --release --offline)" trunk build --release --offline
	@$(STEP) "single-file offline page" node scripts/single-file.mjs dist
	@$(STEP) "release bundle in dist/" scripts/check-dist.sh

# Every benchmark of issue 6 (native, wasm in headless Chromium, UI latency,
# bundle size, page load); JSON lines on the way, then docs/BENCHMARKS.md with
# the floors judged. Fails if a check fails or a floor is not met.
bench: tools browser
	@$(STEP) "benchmarks (scripts/bench.sh, writes docs/BENCHMARKS.md)" scripts/bench.sh

# The long robustness run: 1 000 000 fuzzed imports (session files, shared
# links) natively, in release.
fuzz: tools
	@$(STEP) "fuzzing imports (1 000 000 inputs)" env FUZZ_INPUTS=1000000 \
		cargo test --release --locked --test fuzz_imports -- --nocapture
	@$(STEP) "browser soak (10 000 random actions, about 7 minutes)" env SOAK_ACTIONS=10000 WASM_BINDGEN_TEST_TIMEOUT=1200 \
		cargo test --locked --target wasm32-unknown-unknown --test browser soak -- --nocapture

lint: tools
	@$(STEP) "cargo fmt --check" cargo fmt --check
	@$(STEP) "clippy (native and wasm32, warnings are errors)" scripts/clippy.sh

clean:
	cargo clean
	rm -rf dist
