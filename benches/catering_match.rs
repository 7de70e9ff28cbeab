//! The catering-match benchmark (see DOMAIN.md): for every strategy, the
//! live phase and the replay phase (the app's time-travel fold over the
//! logs), one JSON line each on stdout. The workload is `workload/mod.rs`.
//!
//! N (orders) is 100 000 unless given as the first argument not starting
//! with `-` or in the environment variable `CATERING_MATCH_N`;
//! `CATERING_MATCH_STRATEGY` (a strategy label) runs only that one. Exits with
//! status 1 if a check fails (the lines are printed anyway), 2 on bad input.

use std::process::ExitCode;
use std::time::Instant;

mod workload;

use es_playground::core::process::StrategyKind;
use workload::{DEFAULT_ORDERS, result_line, run_live, run_replay, shuffled};

fn orders_wanted() -> Result<usize, String> {
    let from_args = std::env::args().skip(1).find(|arg| !arg.starts_with('-'));
    let from_env = std::env::var("CATERING_MATCH_N").ok();
    match from_args.or(from_env) {
        None => Ok(DEFAULT_ORDERS),
        Some(text) => match text.trim().parse::<usize>() {
            Ok(orders) if orders > 0 => Ok(orders),
            _ => Err(format!(
                "the number of orders must be a positive whole number, not {text:?}"
            )),
        },
    }
}

fn main() -> ExitCode {
    let orders = match orders_wanted() {
        Ok(orders) => orders,
        Err(message) => {
            eprintln!("catering_match: {message}");
            return ExitCode::from(2);
        }
    };
    let events = shuffled(orders);
    let mut all_passed = true;
    // `CATERING_MATCH_STRATEGY=state-row` (for profiling) runs one strategy.
    let only = std::env::var("CATERING_MATCH_STRATEGY").ok();
    for strategy in StrategyKind::ALL {
        if only
            .as_deref()
            .is_some_and(|label| label != strategy.label())
        {
            continue;
        }
        let started = Instant::now();
        let live = match run_live(strategy, orders, &events) {
            Ok(live) => live,
            Err(error) => {
                eprintln!("catering_match: {strategy} live: {error}");
                all_passed = false;
                continue;
            }
        };
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{}",
            result_line("native", "live", strategy, orders, events.len(), seconds)
        );
        if !live.report.passed {
            eprintln!(
                "catering_match: {strategy} live check failed: {:?}",
                live.report
            );
            all_passed = false;
        }

        let started = Instant::now();
        let replay = run_replay(&live.store, orders);
        let seconds = started.elapsed().as_secs_f64();
        match replay {
            Ok(replay) => {
                println!(
                    "{}",
                    result_line("native", "replay", strategy, orders, replay.events, seconds)
                );
                if !replay.passed {
                    eprintln!("catering_match: {strategy} replay check failed: {replay:?}");
                    all_passed = false;
                }
            }
            Err(error) => {
                eprintln!("catering_match: {strategy} replay: {error}");
                all_passed = false;
            }
        }
    }
    if all_passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
