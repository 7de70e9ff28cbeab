//! What a person can do in a session, as data: the session's log is a list
//! of these, so it can be saved, shared and replayed identically.
use serde::{Deserialize, Serialize};

use crate::core::domain::Fact;
use crate::core::ids::EventId;
use crate::core::lessons::Challenge;
use crate::core::process::CrashPoint;

/// Most orders one "fire random orders" action may create (two events each).
pub const MAX_RANDOM_ORDERS: u32 = 250_000;
/// Most events a session may hold, so a pasted file cannot exhaust memory.
/// Two million took 1.4 GB of page memory in Chromium, 1.9 GB after a
/// settings switch (which replays beside the shown session): well within
/// the 4 GB a page's wasm memory may reach.
pub const MAX_SESSION_EVENTS: usize = 2_000_000;
/// Most positions one rollback may consume.
pub const MAX_ROLLBACK: u64 = 1_000;

/// One thing a person did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Action {
    /// Append a domain event to its stream (then, with auto-handle on, let
    /// the process manager catch up).
    Fire { fact: Fact },
    /// Append both confirmations of `orders` new orders (menu 1), in a
    /// shuffled ordering.
    FireRandomOrders { orders: u32 },
    /// A transaction in `context` was rolled back: `positions` are consumed
    /// without events, leaving a gap.
    RollBack { context: String, positions: u64 },
    /// The process manager handles one unread event.
    Step,
    /// The process manager handles every unread event.
    CatchUp,
    /// The next handling stops at `point`.
    ArmCrash { point: CrashPoint },
    /// Cancels an armed crash.
    DisarmCrash,
    /// The crashed (or running) process manager restarts from its saved
    /// cursors.
    Restart,
    /// The store refuses to put one event into two streams (on) or allows
    /// links (off).
    SetSingleStream { on: bool },
    /// Whether the process manager catches up by itself after each change.
    SetAutoHandle { on: bool },
    /// Append the stored event `event_id` again, with the same id, to the
    /// stream it was appended to. The store refuses the duplicate id; the
    /// attempt and the refusal are kept in the log, the store is unchanged.
    AppendAgainWithId { event_id: EventId },
    /// Append `fact` to its stream expecting the version before the
    /// stream's newest, as a writer would that read the stream before
    /// someone else appended. The store refuses the conflict.
    AppendWithStaleVersion { fact: Fact },
    /// Append a batch of two events stating `fact`, the second reusing the
    /// first's id. The store refuses the whole batch: nothing is written.
    AppendInvalidBatch { fact: Fact },
    /// Give the session a trainer's challenge (`Some`) or remove it
    /// (`None`). It changes no event, cursor or command.
    SetChallenge { challenge: Option<Challenge> },
}

impl Action {
    /// One of lesson 1's appends that the store must refuse.
    pub fn is_store_refusal_attempt(&self) -> bool {
        matches!(
            self,
            Action::AppendAgainWithId { .. }
                | Action::AppendWithStaleVersion { .. }
                | Action::AppendInvalidBatch { .. }
        )
    }
}
