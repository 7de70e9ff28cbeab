//! The catering-match benchmark workload, exactly as DOMAIN.md defines it,
//! as library code so that the native benchmark, a wasm benchmark and the UI
//! can all run it with any number of orders.
//!
//! - [`shuffled`]: for N orders, the 2N confirmations (order 0's customer,
//!   order 0's caterer, order 1's customer, ...) shuffled by Fisher-Yates
//!   from the last index down to 1, swapping `i` with `x % (i + 1)`, where
//!   `x` is the next value of xorshift32 seeded with 42.
//! - [`run_live`]: append each event to its order stream with a fresh id,
//!   then let the process manager catch up; check exactly one `ConfirmOrder`
//!   per order.
//! - [`run_replay`]: rebuild every order's state from the start of the logs;
//!   check N matched orders. The logs are the source every strategy can be
//!   rebuilt from, so replay is the same fold whatever the strategy.
//!
//! Timing is the caller's business (there is no clock in the core).

use std::fmt;

use crate::core::domain::{
    CATERING, CatererConfirmedMenu, CustomerConfirmedMenu, ORDER_STREAM_PREFIX, OrderMenuData,
    SALES,
};
use crate::core::ids::{IdGenerator, LogicalClock, Timestamp};
use crate::core::process::replay::replay_summary;
use crate::core::process::{
    CatchUpEnd, CateringMatch, Runner, RunnerConfig, RunnerError, StrategyKind,
};
use crate::core::store::{
    DomainEvent, EventStore, ExpectedVersion, Metadata, NewEvent, StoreError,
};

/// Orders in the benchmark unless told otherwise.
pub const DEFAULT_ORDERS: usize = 100_000;
/// The seed of the shuffle.
pub const SHUFFLE_SEED: u32 = 42;
/// The menu both sides confirm in the workload.
pub const MENU: &str = "standard";

/// The 32-bit xorshift generator of the shuffle (13, 17, 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XorShift32 {
    state: u32,
}

impl XorShift32 {
    /// A generator whose first value is derived from `seed`.
    pub fn seeded(seed: u32) -> Self {
        XorShift32 { state: seed }
    }

    /// Steps the generator and returns its new value.
    pub fn next_value(&mut self) -> u32 {
        let mut x = self.state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.state = x;
        x
    }

    /// Fisher–Yates as the brief defines it: from the last index `i` down
    /// to 1, swap `i` with `j = x % (i + 1)`, `x` the next value.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let x = u64::from(self.next_value());
            // `x % (i + 1)` is at most `i`, an index of `items`.
            let j = (x % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

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

/// The replay phase: every order's state rebuilt from the start of the logs.
pub fn run_replay(store: &EventStore, orders: usize) -> Result<ReplayReport, StoreError> {
    let summary = replay_summary(store)?;
    Ok(ReplayReport {
        orders,
        events: summary.events,
        matched: summary.matched,
        passed: summary.matched == orders && summary.orders == orders,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_digits_are_what_display_writes() {
        for number in [0, 7, 10, 99, 100, 12_345, usize::MAX] {
            let mut text = String::from("x");
            push_decimal(&mut text, number);
            assert_eq!(text, format!("x{number}"));
        }
    }

    #[test]
    fn xorshift32_seeded_with_42_gives_the_known_first_values() {
        let mut random = XorShift32::seeded(42);
        let values: Vec<u32> = (0..3).map(|_| random.next_value()).collect();
        assert_eq!(values, [11_355_432, 2_836_018_348, 476_557_059]);
    }

    #[test]
    fn two_orders_shuffle_as_computed_by_hand() {
        // Start: [S0, C0, S1, C1] (S customer, C caterer, then the order).
        // i = 3: x = 11355432,   j = x % 4 = 0: swap 3 and 0 -> [C1, C0, S1, S0]
        // i = 2: x = 2836018348, j = x % 3 = 1: swap 2 and 1 -> [C1, S1, C0, S0]
        // i = 1: x = 476557059,  j = x % 2 = 1: no change.
        let customer = |order| WorkloadEvent {
            order,
            side: Side::Customer,
        };
        let caterer = |order| WorkloadEvent {
            order,
            side: Side::Caterer,
        };
        assert_eq!(
            shuffled(2),
            [caterer(1), customer(1), caterer(0), customer(0)]
        );
    }

    #[test]
    fn the_shuffle_is_a_permutation_of_the_two_confirmations_of_every_order() {
        let mut events = shuffled(1_000);
        assert_ne!(events, unshuffled(1_000));
        events.sort_by_key(|event| (event.order, event.side == Side::Caterer));
        assert_eq!(events, unshuffled(1_000));
    }
}
