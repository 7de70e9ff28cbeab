#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there
# at the right version. Usage: scripts/ensure-tools.sh build|browser
#
# Tools from crates.io go to $TOOLS_ROOT/bin (default ~/.cargo/bin); a tool is
# looked for there only, so pointing TOOLS_ROOT at an empty folder proves that
# a fresh machine gets everything installed.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS_ROOT="${TOOLS_ROOT:-$HOME/.cargo}"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
# The browser tests inject axe-core (tests/browser/axe.rs reads its axe.min.js).
AXE_VERSION="$(awk -F'"' '/"axe-core":/ { print $4; exit }' package.json)"

say() { printf '==> %s\n' "$*"; }
fail() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen version that Cargo.lock resolved: the CLI must match it exactly.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_target() {
  if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
    say "rust target wasm32-unknown-unknown: present"
  else
    say "rust target wasm32-unknown-unknown: installing"
    rustup target add wasm32-unknown-unknown || fail "could not add the wasm32-unknown-unknown target with rustup"
  fi
}

# ensure_cargo_tool BINARY EXPECTED_VERSION_LINE INSTALL_ARGS...
ensure_cargo_tool() {
  local binary="$1" expected="$2"; shift 2
  local found=""
  if [ -x "$TOOLS_ROOT/bin/$binary" ]; then
    found="$("$TOOLS_ROOT/bin/$binary" --version 2>/dev/null | head -n1 || true)"
  fi
  if [ "$found" = "$expected" ]; then
    say "$binary: $found (in $TOOLS_ROOT/bin)"
  else
    say "$binary: ${found:-absent}; installing '$expected' into $TOOLS_ROOT (this takes several minutes once)"
    cargo install --root "$TOOLS_ROOT" "$@" || fail "could not install $binary ($expected) with cargo install"
  fi
}

ensure_npm_tools() {
  local found=""
  if [ -x node_modules/.bin/wasm-opt ]; then
    found="$(node_modules/.bin/wasm-opt --version 2>/dev/null || true)"
  fi
  local axe=""
  if [ -f node_modules/axe-core/package.json ]; then
    axe="$(awk -F'"' '/"version":/ { print $4; exit }' node_modules/axe-core/package.json)"
  fi
  [ -f node_modules/@electric-sql/pglite/package.json ] || found="npm @electric-sql/pglite absent"
  if [[ "$found" == *"version $BINARYEN_VERSION"* ]] && [ -n "$AXE_VERSION" ] && [ "$axe" = "$AXE_VERSION" ]; then
    say "wasm-opt: $found (npm binaryen); axe-core $axe"
  else
    command -v npm >/dev/null || fail "npm is needed to install wasm-opt (binaryen@$BINARYEN_VERSION) and axe-core@$AXE_VERSION; install Node.js and npm"
    say "wasm-opt: ${found:-absent}, axe-core: ${axe:-absent}; installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund || fail "npm ci failed: could not install binaryen@$BINARYEN_VERSION and axe-core@$AXE_VERSION"
  fi
}

ensure_build_tools() {
  local wbg
  wbg="$(locked_wasm_bindgen_version)"
  [ -n "$wbg" ] || fail "Cargo.lock names no wasm-bindgen version"
  ensure_wasm_target
  ensure_cargo_tool trunk "trunk $TRUNK_VERSION" --locked trunk --version "$TRUNK_VERSION"
  # Not --locked: the CLI's own lock names a crate version the registry here lacks.
  ensure_cargo_tool wasm-bindgen "wasm-bindgen $wbg" wasm-bindgen-cli --version "$wbg"
  ensure_npm_tools
}

ensure_browser() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    say "browser: $(chromium --version 2>/dev/null | head -n1); $(chromedriver --version | head -n1 | cut -d' ' -f1-2)"
    return
  fi
  say "browser: Chromium or chromedriver absent; installing Debian's chromium and chromium-driver"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "Chromium is missing and this user cannot install it: run 'apt-get install chromium chromium-driver' as root"
    sudo="sudo"
  fi
  command -v apt-get >/dev/null || fail "Chromium is missing and there is no apt-get: install chromium and its chromedriver by hand"
  $sudo apt-get update -qq || fail "apt-get update failed: cannot install Chromium"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver \
    || fail "apt-get could not install chromium and chromium-driver"
}

case "${1:-}" in
  build) ensure_build_tools ;;
  browser) ensure_browser ;;
  *) fail "usage: $0 build|browser" ;;
esac
