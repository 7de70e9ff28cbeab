//! The catering-match benchmark workload, exactly as DOMAIN.md defines it,
//! for any number of orders. Not part of the app: it is included with
//! `#[path]` by the native benchmark (`benches/catering_match.rs`), the
//! wasm one (`tests/browser/bench_catering.rs`, run by `tests/wasm_bench.rs`
//! and, with a few orders, by the browser suite) and `tests/process_workload.rs`,
//! so that all of them run this one file.
//!
//! - [`shuffled`]: for N orders, the 2N confirmations (order 0's customer,
//!   order 0's caterer, order 1's customer, ...) shuffled by the core's
//!   [`XorShift32`] seeded with 42 (Fisher-Yates from the last index down).
//! - [`run_live`]: append each event to its order stream with a fresh id,
//!   then let the process manager catch up; check exactly one `ConfirmOrder`
//!   per order.
//! - [`run_replay`]: rebuild every order's state from the start of its
//!   streams with the app's own fold, time travel's [`state_as_of`] at the
//!   logs' end positions (what the Process state panel runs for each order
//!   it shows, and the projection strategy for each event); check N matched
//!   orders. The events are the source every strategy can be rebuilt from,
//!   so replay is the same fold whatever the strategy.
//!
//! Timing is the caller's business. Each includer uses part of this file.
#![allow(dead_code)]

use std::fmt;

use es_playground::core::domain::{
    CATERING, CatererConfirmedMenu, CustomerConfirmedMenu, ORDER_STREAM_PREFIX, OrderMenuData,
    SALES,
};
use es_playground::core::ids::{IdGenerator, LogicalClock, Timestamp, XorShift32};
use es_playground::core::process::time_travel::state_as_of;
use es_playground::core::process::{
    CatchUpEnd, CateringMatch, Cursors, MatchStatus, ProcessManager, Runner, RunnerConfig,
    RunnerError, StrategyKind,
};
use es_playground::core::store::{
    DomainEvent, EventStore, ExpectedVersion, Metadata, NewEvent, Position, StoreError,
};

/// Orders in the benchmark unless told otherwise.
pub const DEFAULT_ORDERS: usize = 100_000;
/// The seed of the shuffle.
pub const SHUFFLE_SEED: u32 = 42;
/// The menu both sides confirm in the workload.
pub const MENU: &str = "standard";

/// Which side confirms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// `CustomerConfirmedMenu`, in Sales.
    Customer,
    /// `CatererConfirmedMenu`, in Catering.
    Caterer,
}

/// One event of the workload: a confirmation of order `order`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WorkloadEvent {
    pub order: usize,
    pub side: Side,
}

/// The 2N events before shuffling.
pub fn unshuffled(orders: usize) -> Vec<WorkloadEvent> {
    (0..orders)
        .flat_map(|order| [Side::Customer, Side::Caterer].map(|side| WorkloadEvent { order, side }))
        .collect()
}

/// The 2N events in benchmark order.
pub fn shuffled(orders: usize) -> Vec<WorkloadEvent> {
    let mut events = unshuffled(orders);
    XorShift32::seeded(SHUFFLE_SEED).shuffle(&mut events);
    events
}

/// Appends `number` in decimal digits (what `write!(text, "{number}")`
/// writes, without the formatting machinery: this runs for every event).
pub fn push_decimal(text: &mut String, number: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = number;
    loop {
        start -= 1;
        // `start` counts down from 20 and a usize has at most 20 digits.
        if let Some(digit) = digits.get_mut(start) {
            *digit = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    // Pushed as characters: digits are ASCII, so nothing needs checking.
    let written = digits.get(start..).unwrap_or_default();
    text.extend(written.iter().map(|&digit| char::from(digit)));
}

/// Why a run could not complete (a failed check is not an error; see the
/// reports).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkloadError {
    Store(StoreError),
    Runner(RunnerError),
}

impl fmt::Display for WorkloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkloadError::Store(error) => {
                write!(f, "the workload could not use the store: {error}")
            }
            WorkloadError::Runner(error) => {
                write!(f, "the workload's process manager stopped: {error}")
            }
        }
    }
}

impl std::error::Error for WorkloadError {}

impl From<StoreError> for WorkloadError {
    fn from(error: StoreError) -> Self {
        WorkloadError::Store(error)
    }
}

/// What the live phase produced and whether its check passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LiveReport {
    pub orders: usize,
    pub events: usize,
    /// `ConfirmOrder` commands delivered.
    pub commands: usize,
    /// Orders that got exactly one.
    pub confirmed_once: usize,
    pub passed: bool,
}

/// The live phase's store and process manager, kept for the replay.
pub struct LiveRun {
    pub store: EventStore,
    pub runner: Runner<CateringMatch>,
    pub report: LiveReport,
}

/// A store with the two contexts of the catering example.
pub fn catering_store() -> Result<EventStore, StoreError> {
    let mut store = EventStore::new();
    store.add_context(SALES)?;
    store.add_context(CATERING)?;
    Ok(store)
}

/// The live phase: append each event, then let the process manager (with
/// `strategy`, no trace, no idempotency) catch up.
pub fn run_live(
    strategy: StrategyKind,
    orders: usize,
    events: &[WorkloadEvent],
) -> Result<LiveRun, WorkloadError> {
    let mut store = catering_store()?;
    let config = RunnerConfig::with_strategy(strategy).trace(false);
    let mut runner = Runner::new(CateringMatch, config);
    let mut ids = IdGenerator::seeded(u64::from(SHUFFLE_SEED));
    let mut clock = LogicalClock::new(Timestamp(0), 1);
    // Reused for every event: the store copies what it keeps.
    let mut scratch = Scratch::default();
    for event in events {
        live_event(
            &mut store,
            &mut runner,
            &mut ids,
            &mut clock,
            &mut scratch,
            *event,
        )?;
    }
    let bus = runner.bus();
    let commands = bus.delivered().count();
    let confirmed_once = bus
        .delivered_counts()
        .filter(|(_, count)| *count == 1)
        .count();
    let report = LiveReport {
        orders,
        events: events.len(),
        commands,
        confirmed_once,
        passed: commands == orders && confirmed_once == orders,
    };
    Ok(LiveRun {
        store,
        runner,
        report,
    })
}

/// Strings reused for every event of the live phase.
#[derive(Default)]
struct Scratch {
    order: String,
    stream: String,
}

/// One event of the live phase: append it, then let the process manager
/// catch up. Kept out of line: a browser's wasm engine swaps in optimised
/// code for a function between calls, so the loop over 200 000 events must
/// call its work rather than contain it.
#[inline(never)]
fn live_event(
    store: &mut EventStore,
    runner: &mut Runner<CateringMatch>,
    ids: &mut IdGenerator,
    clock: &mut LogicalClock,
    scratch: &mut Scratch,
    event: WorkloadEvent,
) -> Result<(), WorkloadError> {
    let (context, event_type) = match event.side {
        Side::Customer => (SALES, CustomerConfirmedMenu::TYPE),
        Side::Caterer => (CATERING, CatererConfirmedMenu::TYPE),
    };
    let Scratch { order, stream } = scratch;
    order.clear();
    push_decimal(order, event.order);
    stream.clear();
    stream.push_str(ORDER_STREAM_PREFIX);
    stream.push_str(order);
    let data = OrderMenuData {
        order_id: order,
        menu_id: MENU,
    }
    .to_data();
    let new_event = NewEvent::new(ids.next_id(), event_type, data, Metadata::at(clock.tick()));
    store.append(context, stream, ExpectedVersion::Any, [new_event])?;
    match runner.catch_up(store).end {
        CatchUpEnd::UpToDate => Ok(()),
        CatchUpEnd::Failed(error) => Err(WorkloadError::Runner(error)),
        CatchUpEnd::Crashed(_) => Ok(()), // No crash is armed in the workload.
    }
}

/// What the replay phase found and whether its check passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplayReport {
    pub orders: usize,
    /// Events read from the logs.
    pub events: usize,
    pub matched: usize,
    pub passed: bool,
}

/// The replay phase: every order's state rebuilt from the start of its
/// streams by time travel's fold, as of the logs' last positions.
pub fn run_replay(store: &EventStore, orders: usize) -> Result<ReplayReport, StoreError> {
    let mut now = Cursors::new();
    let mut events = 0;
    for context in CateringMatch.source_contexts() {
        now.insert((*context).to_owned(), store.head_position(context)?);
        events += store
            .read_log_forward(context, Position::START, usize::MAX)?
            .len();
    }
    let mut matched = 0;
    let mut order = String::new();
    for n in 0..orders {
        order.clear();
        push_decimal(&mut order, n);
        let state = state_as_of(&CateringMatch, store, &now, &order)?;
        if matches!(state.status(), MatchStatus::Matched(_)) {
            matched += 1;
        }
    }
    Ok(ReplayReport {
        orders,
        events,
        matched,
        passed: matched == orders,
    })
}

/// One result line, as DOMAIN.md specifies (keys in that order).
pub fn result_line(
    runtime: &str,
    phase: &str,
    strategy: StrategyKind,
    orders: usize,
    events: usize,
    seconds: f64,
) -> String {
    let per_second = if seconds > 0.0 {
        events as f64 / seconds
    } else {
        0.0
    };
    format!(
        "{{\"system\":\"es-playground\",\"runtime\":\"{runtime}\",\"phase\":\"{phase}\",\
         \"strategy\":\"{}\",\"n\":{orders},\"events\":{events},\"seconds\":{seconds:.6},\
         \"events_per_s\":{per_second:.0}}}",
        strategy.label()
    )
}
