//! Benchmarks in headless Chromium, for `make bench` (`scripts/bench.sh`).
//! Each test prints JSON lines with `console_log!`; run with `--nocapture`
//! so that the runner copies them to its standard output:
//!
//! - `catering_match`: the DOMAIN.md workload compiled to wasm, for every
//!   strategy, live and replay, N = `CATERING_MATCH_N` (default 100 000).
//!   Fails (non-zero exit) if a check fails, after printing the lines.
//!   `make bench` builds it with the `bench` profile, as the native figure.
//! - `ui_latency`: the real app with `UI_BENCH_ORDERS` random orders
//!   (default 100 000, i.e. 200 000 events), then `UI_BENCH_CLICKS`
//!   (default 100) clicks on `CustomerConfirmedMenu` for new orders and as
//!   many for an existing one (see `browser/bench_ui.rs` for what is timed).
//!   `make bench` builds it with the `release` profile, as the app ships.
//! - `session_save`: the autosave of a session of `SESSION_SAVE_EVENTS`
//!   (default 1 000 000) fired events: the compact save's size, and the time
//!   to write it, put it into IndexedDB, read it back and replay it
//!   (`browser/bench_session.rs`), with the `release` profile.
//! - `long_work`: the real app at `LONG_WORK_EVENTS` events (default
//!   1 000 000): load, a switch, every specification and a restore, each
//!   with its longest block of the page; slider steps and memory per event
//!   (`browser/bench_long_work.rs`), with the `release` profile.
//!
//! - `postgres`: the real app with PostgreSQL in the page (real PGlite):
//!   the switch until ready, `POSTGRES_BENCH_EVENTS` events (default
//!   10 000) loaded, then `POSTGRES_BENCH_ACTIONS` (default 50) actions,
//!   each until PostgreSQL has run it and its tables were checked
//!   (`browser/bench_postgres.rs`), with the `release` profile.
//!
//! The counts are read at compile time (`option_env!`), as in the soak test.
//! Not part of `make test`: the browser suite runs both harnesses small.
#![cfg(target_arch = "wasm32")]

#[allow(dead_code)]
#[path = "browser/bench_catering.rs"]
mod bench_catering;
#[allow(dead_code)]
#[path = "browser/bench_long_work.rs"]
mod bench_long_work;
#[allow(dead_code)]
#[path = "browser/bench_postgres.rs"]
mod bench_postgres;
#[allow(dead_code)]
#[path = "browser/bench_session.rs"]
mod bench_session;
#[allow(dead_code)]
#[path = "browser/bench_ui.rs"]
mod bench_ui;
#[allow(dead_code)]
#[path = "browser/pglite_support.rs"]
mod pglite_support;
#[allow(dead_code)]
#[path = "browser/support.rs"]
mod support;

use wasm_bindgen_test::{console_log, wasm_bindgen_test};

use support::number_or;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Orders of the catering-match workload.
const ORDERS: u64 = number_or(option_env!("CATERING_MATCH_N"), 100_000);
/// Random orders loaded into the app before the clicks.
const UI_ORDERS: u64 = number_or(option_env!("UI_BENCH_ORDERS"), 100_000);
/// Events of the saved session (two fired confirmations per order).
const SAVE_EVENTS: u64 = number_or(option_env!("SESSION_SAVE_EVENTS"), 1_000_000);
/// Events of the session the long work is measured on.
const LONG_WORK_EVENTS: u64 = number_or(option_env!("LONG_WORK_EVENTS"), 1_000_000);
/// Events in the session while PostgreSQL in the page runs actions.
const POSTGRES_EVENTS: u64 = number_or(option_env!("POSTGRES_BENCH_EVENTS"), 10_000);
/// Actions timed in PostgreSQL mode.
const POSTGRES_ACTIONS: u64 = number_or(option_env!("POSTGRES_BENCH_ACTIONS"), 50);
/// Timed clicks of each kind.
const UI_CLICKS: u64 = number_or(option_env!("UI_BENCH_CLICKS"), 100);

#[wasm_bindgen_test]
fn catering_match() {
    let run = bench_catering::run_catering(ORDERS as usize);
    for line in &run.lines {
        console_log!("{line}");
    }
    assert!(
        run.failures.is_empty(),
        "catering_match (wasm): {}",
        run.failures.join("; ")
    );
}

#[wasm_bindgen_test]
async fn ui_latency() {
    let orders = u32::try_from(UI_ORDERS).expect("UI_BENCH_ORDERS fits in 32 bits");
    let report = bench_ui::measure_ui(orders, UI_CLICKS as usize)
        .await
        .unwrap_or_else(|error| panic!("ui_latency: {error}"));
    for line in report.lines() {
        console_log!("{line}");
    }
    assert_eq!(
        report.events_loaded,
        orders as usize * 2,
        "ui_latency: the page does not show the events loaded"
    );
}

#[wasm_bindgen_test]
async fn session_save() {
    let report = bench_session::measure_session_save(SAVE_EVENTS as usize / 2)
        .await
        .unwrap_or_else(|error| panic!("session_save: {error}"));
    console_log!("{}", report.line);
}

#[wasm_bindgen_test]
async fn long_work() {
    let orders = u32::try_from(LONG_WORK_EVENTS / 2).expect("LONG_WORK_EVENTS fits in 32 bits");
    let report = bench_long_work::measure_long_work(orders, UI_CLICKS as usize)
        .await
        .unwrap_or_else(|error| panic!("long_work: {error}"));
    for line in report.lines() {
        console_log!("{line}");
    }
    assert_eq!(
        report.events_restored, report.events,
        "long_work: the restored page does not show the events"
    );
}

#[wasm_bindgen_test]
async fn postgres() {
    let orders = u32::try_from(POSTGRES_EVENTS / 2).expect("POSTGRES_BENCH_EVENTS fits in 32 bits");
    let report = bench_postgres::measure_postgres(orders, POSTGRES_ACTIONS as usize)
        .await
        .unwrap_or_else(|error| panic!("postgres: {error}"));
    for line in report.lines() {
        console_log!("{line}");
    }
    assert!(
        report.every_check_held,
        "postgres: PostgreSQL differed from the playground"
    );
}
