//! The browser benchmarks of `make bench` run small in `make test`: the
//! catering-match workload with a few orders and the UI latency harness
//! with a few orders and clicks, and the large session's autosave with a
//! few orders. They check that the harnesses work (lines
//! well formed, checks passing, every click seen in the DOM); the speed
//! itself is measured only by `make bench`.
use wasm_bindgen_test::wasm_bindgen_test;

use crate::bench_catering::run_catering;
use crate::bench_long_work::measure_long_work;
use crate::bench_postgres::measure_postgres;
use crate::bench_session::measure_session_save;
use crate::bench_ui::{measure_ui, summary};

fn field<'a>(line: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    line.get(key)
        .unwrap_or_else(|| panic!("no {key} in {line}"))
}

#[wasm_bindgen_test]
fn the_wasm_catering_match_harness_prints_a_passing_line_per_strategy_and_phase_then_reruns_live() {
    let run = run_catering(40);
    assert!(run.failures.is_empty(), "{:?}", run.failures);
    assert_eq!(run.lines.len(), 9, "{:?}", run.lines);
    for (i, text) in run.lines.iter().enumerate() {
        let line: serde_json::Value = serde_json::from_str(text).expect("a JSON line");
        assert_eq!(field(&line, "runtime"), "wasm-chromium");
        let phase = match i {
            0..6 if i % 2 == 0 => "live",
            0..6 => "replay",
            _ => "live-rerun",
        };
        assert_eq!(field(&line, "phase"), phase);
        assert_eq!(field(&line, "n"), 40);
        assert_eq!(field(&line, "events"), 80);
    }
}

#[wasm_bindgen_test]
async fn the_ui_latency_harness_sees_every_click_and_slider_step_in_the_dom() {
    let report = measure_ui(25, 3).await.expect("every click seen");
    assert_eq!(report.events_loaded, 50);
    for times in [
        &report.new_orders,
        &report.existing_order,
        &report.time_travel,
    ] {
        assert_eq!(times.to_dom_ms.len(), 3, "{}", times.case);
        assert_eq!(times.to_layout_ms.len(), 3, "{}", times.case);
    }
    let lines = report.lines();
    assert_eq!(lines.len(), 4);
    for text in &lines {
        let line: serde_json::Value = serde_json::from_str(text).expect("a JSON line");
        assert_eq!(field(&line, "runtime"), "wasm-chromium");
    }
}

#[wasm_bindgen_test]
fn the_median_and_p95_are_computed_as_documented() {
    let times: Vec<f64> = (1..=100).map(f64::from).collect();
    let s = summary(&times);
    assert_eq!((s.median, s.p95, s.max), (50.5, 95.0, 100.0));
    let s = summary(&[3.0, 1.0, 2.0]);
    assert_eq!((s.median, s.p95, s.max), (2.0, 3.0, 3.0));
}

#[wasm_bindgen_test]
async fn the_session_save_harness_restores_every_event_and_prints_its_line() {
    let report = measure_session_save(50).await.expect("saved and restored");
    assert_eq!(report.events_restored, 100);
    let line: serde_json::Value = serde_json::from_str(&report.line).expect("a JSON line");
    assert_eq!(field(&line, "phase"), "session-save");
    assert_eq!(field(&line, "events"), 100);
    assert_eq!(field(&line, "actions"), 100);
}

#[wasm_bindgen_test]
async fn the_long_work_harness_loads_switches_runs_the_specifications_and_restores() {
    // 12 000 orders: 24 000 events, long work for the load and the switch.
    let report = measure_long_work(12_000, 3).await.expect("every step seen");
    assert_eq!(report.events, 24_000);
    assert_eq!(report.events_restored, 24_000);
    assert_eq!(report.slider.to_layout_ms.len(), 3);
    assert!(report.bytes_per_event > 0.0);
    // The first click loaded every order (12 000 is under a click's most).
    assert_eq!(report.one_session_events, 24_000);
    assert!(report.bytes_per_event_one_session > 0.0);
    let lines = report.lines();
    // Load, both switches, specifications, restore; slider; memory.
    assert_eq!(lines.len(), 7);
    let parsed: Vec<serde_json::Value> = lines
        .iter()
        .map(|text| serde_json::from_str(text).expect("a JSON line"))
        .collect();
    for line in &parsed {
        assert_eq!(field(line, "runtime"), "wasm-chromium");
    }
    let works: Vec<&str> = parsed
        .iter()
        .filter_map(|line| line.get("work").and_then(|work| work.as_str()))
        .collect();
    assert_eq!(
        works,
        ["load", "switch", "switch-back", "specifications", "restore"]
    );
}

#[wasm_bindgen_test]
async fn the_postgres_harness_times_the_start_the_load_and_each_action_with_every_check_held() {
    let report = measure_postgres(20, 3).await.expect("every step seen");
    assert_eq!(report.events, 40);
    assert_eq!(report.action_ms.len(), 3);
    assert!(report.every_check_held);
    let lines = report.lines();
    assert_eq!(lines.len(), 3);
    for text in &lines {
        let line: serde_json::Value = serde_json::from_str(text).expect("a JSON line");
        assert_eq!(field(&line, "runtime"), "wasm-chromium");
    }
}
