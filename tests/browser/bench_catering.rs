//! The catering-match workload (DOMAIN.md) compiled to wasm and timed in the
//! browser with `performance.now()`: for every strategy the live phase and
//! the replay phase, one JSON line each with `"runtime":"wasm-chromium"`.
//!
//! The same functions as the native benchmark (`benches/catering_match.rs`),
//! from the same file, `benches/workload/mod.rs`: `shuffled`, `run_live`,
//! `run_replay` (the app's time-travel fold), `result_line`. Only what the
//! native benchmark times is timed here: the shuffle is built before the
//! clock starts, `run_live` and `run_replay` are timed whole.
//!
//! After every strategy has run once, the live phase of each runs again in
//! the same page (phase `live-rerun`, not a DOMAIN.md phase; the floor is
//! judged on the first run). The first run pays for what a fresh page pays
//! once: the engine compiling the hot code with its optimising tier, and
//! the first touch of wasm memory the page has never used. The rerun
//! reuses both, so the two figures together show how much of the first
//! run is that start-up cost.
//!
//! Used by `tests/wasm_bench.rs` (N = 100 000, in `make bench`) and by the
//! browser suite with a tiny N, which proves in `make test` that the harness
//! runs and its checks pass.
#[path = "../../benches/workload/mod.rs"]
mod workload;

use es_playground::core::process::StrategyKind;
use workload::{LiveRun, WorkloadEvent, result_line, run_live, run_replay, shuffled};

/// What one run of the workload printed and which checks failed.
pub struct CateringRun {
    /// One DOMAIN.md JSON line per strategy and phase, in order.
    pub lines: Vec<String>,
    /// A sentence per failed check or error; empty when all passed.
    pub failures: Vec<String>,
}

/// Milliseconds since the page's time origin (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .expect("the page has window.performance")
        .now()
}

/// Runs both phases for every strategy with `orders` orders, then the live
/// phase of every strategy again.
pub fn run_catering(orders: usize) -> CateringRun {
    let events = shuffled(orders);
    let mut run = CateringRun {
        lines: Vec::new(),
        failures: Vec::new(),
    };
    for strategy in StrategyKind::ALL {
        let Some(live) = timed_live(&mut run, "live", strategy, orders, &events) else {
            continue;
        };

        let started = now_ms();
        let replay = run_replay(&live.store, orders);
        let seconds = (now_ms() - started) / 1000.0;
        match replay {
            Ok(replay) => {
                run.lines.push(result_line(
                    "wasm-chromium",
                    "replay",
                    strategy,
                    orders,
                    replay.events,
                    seconds,
                ));
                if !replay.passed {
                    run.failures
                        .push(format!("{strategy} replay check failed: {replay:?}"));
                }
            }
            Err(error) => run.failures.push(format!("{strategy} replay: {error}")),
        }
    }
    for strategy in StrategyKind::ALL {
        timed_live(&mut run, "live-rerun", strategy, orders, &events);
    }
    run
}

/// The live phase of `strategy`, timed, as a line of `phase`; its check
/// or error goes to the failures. The run is returned for a replay.
fn timed_live(
    run: &mut CateringRun,
    phase: &str,
    strategy: StrategyKind,
    orders: usize,
    events: &[WorkloadEvent],
) -> Option<LiveRun> {
    let started = now_ms();
    let live = run_live(strategy, orders, events);
    let seconds = (now_ms() - started) / 1000.0;
    let live = match live {
        Ok(live) => live,
        Err(error) => {
            run.failures.push(format!("{strategy} {phase}: {error}"));
            return None;
        }
    };
    run.lines.push(result_line(
        "wasm-chromium",
        phase,
        strategy,
        orders,
        events.len(),
        seconds,
    ));
    if !live.report.passed {
        run.failures.push(format!(
            "{strategy} {phase} check failed: {:?}",
            live.report
        ));
    }
    Some(live)
}
