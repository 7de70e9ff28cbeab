//! The switches of the playground: where the state lives, how duplicates are
//! avoided, and where a crash can be forced.
//!
//! # The idempotency model
//!
//! Without help, handling an event is four separate writes: the state, the
//! commands (to the bus), the cursor. A crash between sending and saving the
//! cursor makes the runner handle the event again after the restart, and the
//! command goes out twice: at-least-once delivery.
//!
//! - [`IdempotencyMode::DeterministicIds`] leaves the writes separate but
//!   makes the repeat harmless: the command id is a hash of the process
//!   manager's name and the command (`CateringMatch|ConfirmOrder|42|vegan`),
//!   so the second send carries the id of the first, and the bus, which
//!   remembers the ids it delivered, records the attempt as dropped.
//! - [`IdempotencyMode::AtomicTracking`] makes the writes one: the new state,
//!   the commands (put in an outbox kept with the state, not sent yet) and
//!   the cursor are committed together, like one database transaction (the
//!   state row stays locked until then; a crash before the commit rolls it
//!   back). A crash therefore lands before the commit (nothing happened; the
//!   event is handled again from scratch) or after it (everything happened;
//!   the cursor has moved on). After the commit the outbox is dispatched:
//!   each command is delivered and removed from the outbox in the same step,
//!   as if the bus and the outbox shared the database, so no crash point
//!   falls between delivering and marking. A restart dispatches what the
//!   outbox still holds. Each command is delivered exactly once.

use std::fmt;

use serde::{Deserialize, Serialize};

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

/// How the process manager avoids sending the same command twice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IdempotencyMode {
    /// Nothing: each send gets a fresh id; a re-handled event sends again.
    #[default]
    None,
    /// The command id is derived from the decision; the bus drops an id it
    /// has seen.
    DeterministicIds,
    /// State, outgoing commands (an outbox) and the cursor are committed in
    /// one step; the outbox is then dispatched exactly once.
    AtomicTracking,
}

impl IdempotencyMode {
    /// The three modes.
    pub const ALL: [IdempotencyMode; 3] = [
        IdempotencyMode::None,
        IdempotencyMode::DeterministicIds,
        IdempotencyMode::AtomicTracking,
    ];

    /// A short label: `none`, `deterministic-ids`, `atomic-tracking`.
    pub fn label(self) -> &'static str {
        match self {
            IdempotencyMode::None => "none",
            IdempotencyMode::DeterministicIds => "deterministic-ids",
            IdempotencyMode::AtomicTracking => "atomic-tracking",
        }
    }
}

impl fmt::Display for IdempotencyMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where a handling can be made to crash, in handling order.
///
/// Without atomic tracking, handling an event is: read it, change the state,
/// send the commands, save the cursor. With atomic tracking the state
/// change, the outbox and the cursor are one commit, and sending means
/// dispatching the outbox afterwards: `AfterStateChange` falls inside the
/// commit (it is rolled back) and `AfterSend` falls after it (commands are
/// in the outbox, not yet dispatched).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CrashPoint {
    /// The event was read; nothing else happened.
    AfterRead,
    /// The state was changed; no command was sent.
    AfterStateChange,
    /// The commands were sent; the cursor was not saved.
    AfterSend,
}

impl CrashPoint {
    /// The three points, in handling order.
    pub const ALL: [CrashPoint; 3] = [
        CrashPoint::AfterRead,
        CrashPoint::AfterStateChange,
        CrashPoint::AfterSend,
    ];
}

impl fmt::Display for CrashPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CrashPoint::AfterRead => "after reading the event",
            CrashPoint::AfterStateChange => "after changing the state",
            CrashPoint::AfterSend => "after sending the commands",
        })
    }
}
