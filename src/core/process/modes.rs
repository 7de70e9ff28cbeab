//! The switches of the playground: where the state lives ([`StrategyKind`]),
//! how duplicates are avoided ([`IdempotencyMode`], in `idempotency.rs`) and
//! where a crash can be forced ([`CrashPoint`], in `crash_point.rs`).

use std::fmt;

use serde::{Deserialize, Serialize};

pub use super::crash_point::{Crash, CrashPoint};
pub use super::idempotency::IdempotencyMode;

/// Where the process manager keeps its state between events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StrategyKind {
    /// A row per key in its own table, changed in place under a row lock.
    #[default]
    StateRow,
    /// Its own stream per key (`CateringMatch$42`), into which every handled
    /// event is linked; the state is the fold of that stream.
    EventSourced,
    /// No state of its own: the aggregate streams (`Order$42`) are folded on
    /// each event. It reads streams that belong to someone else.
    Projection,
}

impl StrategyKind {
    /// The three strategies, in the order the lessons show them.
    pub const ALL: [StrategyKind; 3] = [
        StrategyKind::StateRow,
        StrategyKind::EventSourced,
        StrategyKind::Projection,
    ];

    /// The short label used in benchmark lines: `state-row`, `event-sourced`,
    /// `projection`.
    pub fn label(self) -> &'static str {
        match self {
            StrategyKind::StateRow => "state-row",
            StrategyKind::EventSourced => "event-sourced",
            StrategyKind::Projection => "projection",
        }
    }
}

impl fmt::Display for StrategyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
