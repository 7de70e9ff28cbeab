//! How the process manager avoids a doubled effect, and what each way
//! really guarantees.
//!
//! Without help, handling an event is separate writes: the state, the
//! commands (to the bus), the cursor. A crash between sending and saving the
//! cursor makes the runner handle the event again after the restart, and the
//! command goes out twice: at-least-once delivery. The receiver (the
//! [`super::CommandBus`]) always remembers the command ids it delivered and
//! drops an id it has seen; whether that helps depends on the ids.
//!
//! | mode | commands written | commands sent | effect at the receiver |
//! |---|---|---|---|
//! | `None` | (sent directly) | at least once | at least once: a crash after sending doubles it |
//! | `DeterministicIds` | (sent directly) | at least once | once: a repeat carries the same id and is dropped |
//! | `AtomicTracking` | once (one commit) | at least once | once: a re-dispatch carries the id given at the commit |
//! | `OutboxStream` | once (ids derived from the event) | at least once | once: a re-dispatch carries the outbox event's id |
//!
//! - [`IdempotencyMode::DeterministicIds`] leaves the writes separate but
//!   makes the repeat harmless: the command id is a hash of the process
//!   manager's name and the command (`CateringMatch|ConfirmOrder|42|vegan`).
//! - [`IdempotencyMode::AtomicTracking`] commits the new state, the commands
//!   (an outbox kept with the state) and the cursor together, like one
//!   database transaction, so the commands are *committed* exactly once.
//!   With the state row that is one transaction. With the event-sourced
//!   strategy it is two: the link into the own stream lives in the event
//!   store and is written first, the outbox and the cursor in the process
//!   manager's storage; a crash between them leaves the link, and the event
//!   is handled again (applying a fact twice changes nothing, and the
//!   completing event decides again), so the commit still happens once.
//!   After the commit the outbox is dispatched and then marked dispatched:
//!   a crash between the two dispatches the commands again after the
//!   restart. Sending is at-least-once; the effect is exactly-once only
//!   because the receiver drops the repeated command id.
//! - [`IdempotencyMode::OutboxStream`] is the transactional outbox built on
//!   the event store: the commands are appended as `CommandQueued` events to
//!   a stream the process manager owns (`CateringMatch-outbox`, in its own
//!   context `CateringMatch`), with ids derived from the handled event, so
//!   writing them again after a crash is refused by the store as a
//!   duplicate id: one outbox event per decision. A dispatcher reads that
//!   stream through its own cursor, sends each command with the outbox
//!   event's id as the command id, then moves its cursor. A crash between
//!   sending and moving sends again after the restart: at-least-once
//!   dispatch, exactly-once effect because the receiver drops the id.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How the process manager avoids sending the same command twice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IdempotencyMode {
    /// Nothing: each send gets a fresh id; a re-handled event sends again.
    #[default]
    None,
    /// The command id is derived from the decision; the receiver drops an
    /// id it has seen.
    DeterministicIds,
    /// State, outgoing commands (an outbox) and the cursor are committed in
    /// one step; the outbox is then dispatched at least once, each command
    /// with the id it was committed with.
    AtomicTracking,
    /// The commands are appended to the process manager's own outbox
    /// stream; a dispatcher with its own cursor sends them at least once,
    /// each with its outbox event's id.
    OutboxStream,
}

impl IdempotencyMode {
    /// The four modes.
    pub const ALL: [IdempotencyMode; 4] = [
        IdempotencyMode::None,
        IdempotencyMode::DeterministicIds,
        IdempotencyMode::AtomicTracking,
        IdempotencyMode::OutboxStream,
    ];

    /// A short label: `none`, `deterministic-ids`, `atomic-tracking`,
    /// `outbox-stream`.
    pub fn label(self) -> &'static str {
        match self {
            IdempotencyMode::None => "none",
            IdempotencyMode::DeterministicIds => "deterministic-ids",
            IdempotencyMode::AtomicTracking => "atomic-tracking",
            IdempotencyMode::OutboxStream => "outbox-stream",
        }
    }

    /// The name people read on screen: `Atomic tracking (outbox)`.
    pub fn name(self) -> &'static str {
        match self {
            IdempotencyMode::None => "None (at-least-once)",
            IdempotencyMode::DeterministicIds => "Deterministic command ids",
            IdempotencyMode::AtomicTracking => "Atomic tracking (outbox)",
            IdempotencyMode::OutboxStream => "Outbox stream (dispatcher)",
        }
    }

    /// What the mode guarantees, in one sentence for the screen.
    pub fn guarantee(self) -> &'static str {
        match self {
            IdempotencyMode::None => {
                "Sent at least once: a crash after sending sends the command again, and the \
                 receiver executes it again."
            }
            IdempotencyMode::DeterministicIds => {
                "Sent at least once, executed once: a repeat carries the same id, derived from \
                 the command, and the receiver drops it."
            }
            IdempotencyMode::AtomicTracking => {
                "Committed once with the cursor (and the state row, with that strategy); sent \
                 at least once (a crash after sending, before the outbox is marked, sends \
                 again); executed once because the receiver drops the repeated id."
            }
            IdempotencyMode::OutboxStream => {
                "Written once to the process manager's outbox stream; sent at least once by \
                 its dispatcher (a crash before its cursor moves sends again); executed once \
                 because the receiver drops the outbox event's id."
            }
        }
    }
}

impl fmt::Display for IdempotencyMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
