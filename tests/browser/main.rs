//! Browser tests: wasm-bindgen-test in headless Chromium (`make test`).
#![cfg(target_arch = "wasm32")]

mod app_shell;
mod axe;
mod bench_catering;
mod bench_harness;
mod bench_long_work;
mod bench_postgres;
mod bench_session;
mod bench_ui;
mod challenge;
mod compare;
mod lesson6;
mod lesson_fit;
mod lesson_play;
mod lesson_tasks;
mod lessons;
mod long_work;
mod looks;
mod order_index;
mod pglite_support;
mod playground;
mod postgres;
mod process_truth;
mod robustness;
mod sessions_library;
mod share_links;
mod soak;
mod specs_running;
mod sql_export;
mod support;
mod unfinished_reopen;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
