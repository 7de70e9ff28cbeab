//! Browser tests: wasm-bindgen-test in headless Chromium (`make test`).
#![cfg(target_arch = "wasm32")]

mod app_shell;
mod lessons;
mod playground;
mod robustness;
mod soak;
mod support;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
