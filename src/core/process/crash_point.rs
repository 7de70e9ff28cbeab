//! Where a handling can be made to crash ([`CrashPoint`]), and what had
//! happened by then in the runner's mode and strategy ([`Crash`]).
//!
//! A handling, step by step, in each idempotency mode:
//!
//! | point | none, deterministic ids | atomic tracking | outbox stream |
//! |---|---|---|---|
//! | `AfterRead` | read | read | read |
//! | `AfterStateChange` | state written | state written, uncommitted (event-sourced: linked) | state written |
//! | `AfterSend` | commands sent, cursor not saved | state, outbox and cursor committed | commands appended to the outbox stream, cursor not saved |
//! | `AfterDispatch` | as `AfterSend`: the send is the dispatch | outbox dispatched, not marked | a command sent, the dispatcher's cursor not moved |
//!
//! The same point means a different step in another mode, so every message
//! about a crash names the step through [`Crash`], never the bare point.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::StrategyKind;
use super::idempotency::IdempotencyMode;

/// Where a handling can be made to crash, in handling order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CrashPoint {
    /// The event was read; nothing else happened.
    AfterRead,
    /// The state was changed; no command was sent or written.
    AfterStateChange,
    /// The commands were sent (or, with an outbox, written to it); the
    /// cursor was not saved (with atomic tracking: it was committed with
    /// the outbox).
    AfterSend,
    /// The outbox was dispatched but not marked so (with the outbox stream:
    /// the dispatcher's cursor did not move). Without an outbox, the same
    /// moment as [`CrashPoint::AfterSend`].
    AfterDispatch,
}

impl CrashPoint {
    /// The four points, in handling order.
    pub const ALL: [CrashPoint; 4] = [
        CrashPoint::AfterRead,
        CrashPoint::AfterStateChange,
        CrashPoint::AfterSend,
        CrashPoint::AfterDispatch,
    ];

    /// A short label: `after-read`, `after-state-change`, `after-send`,
    /// `after-dispatch`.
    pub fn label(self) -> &'static str {
        match self {
            CrashPoint::AfterRead => "after-read",
            CrashPoint::AfterStateChange => "after-state-change",
            CrashPoint::AfterSend => "after-send",
            CrashPoint::AfterDispatch => "after-dispatch",
        }
    }

    /// The point as it falls with `idempotency` and `strategy`.
    pub fn during(self, idempotency: IdempotencyMode, strategy: StrategyKind) -> Crash {
        Crash {
            point: self,
            idempotency,
            strategy,
            decided: true,
        }
    }
}

/// The point, true of every mode (for the switch that arms it).
impl fmt::Display for CrashPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CrashPoint::AfterRead => "after reading the event",
            CrashPoint::AfterStateChange => "after changing the state",
            CrashPoint::AfterSend => "after sending the commands or writing them to the outbox",
            CrashPoint::AfterDispatch => {
                "after dispatching the outbox, before recording it (without an outbox: after sending)"
            }
        })
    }
}

/// A crash as it happened: the point, and the mode and strategy that say
/// which step of the handling it stopped after.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Crash {
    pub point: CrashPoint,
    pub idempotency: IdempotencyMode,
    pub strategy: StrategyKind,
    /// Whether the handling had decided commands to send. A crash armed
    /// after sending stops an event that decided none at the same step, and
    /// its message must not speak of commands that do not exist.
    #[serde(default = "decided_by_default")]
    pub decided: bool,
}

fn decided_by_default() -> bool {
    true
}

impl Crash {
    /// What had happened, and what the restart will do about it.
    pub fn what_happened(&self) -> &'static str {
        use CrashPoint as P;
        use IdempotencyMode as M;
        use StrategyKind as S;
        if !self.decided && matches!(self.point, P::AfterSend | P::AfterDispatch) {
            return match self.idempotency {
                M::AtomicTracking => {
                    "after committing the state and the cursor; the event decided no command, \
                     so the outbox is empty and nothing is sent"
                }
                M::None | M::DeterministicIds | M::OutboxStream => {
                    "after handling an event that decided no command, before saving the \
                     cursor; nothing was sent or written to an outbox, and the event is \
                     handled again"
                }
            };
        }
        match (self.point, self.idempotency, self.strategy) {
            (P::AfterRead, _, _) => {
                "after reading the event; nothing was written, so it is handled again"
            }
            (P::AfterStateChange, M::AtomicTracking, S::StateRow) => {
                "after writing the state row inside the commit; the row is uncommitted and \
                 the restart rolls it back"
            }
            (P::AfterStateChange, M::AtomicTracking, S::EventSourced) => {
                "after linking the event into its own stream, before committing the outbox \
                 and the cursor: the link is in the event store, the rest in the process \
                 manager's storage, two commits; the event is handled again and its link is \
                 found there already"
            }
            (P::AfterStateChange, M::AtomicTracking, S::Projection) => {
                "after folding the order's streams, before committing the outbox and the \
                 cursor; nothing was written"
            }
            (P::AfterStateChange, _, S::StateRow) => {
                "after changing the state row in place; no command was sent or written and \
                 the cursor was not saved, so the event is handled again"
            }
            (P::AfterStateChange, _, S::EventSourced) => {
                "after linking the event into its own stream; no command was sent or written \
                 and the cursor was not saved, so the event is handled again"
            }
            (P::AfterStateChange, _, S::Projection) => {
                "after folding the order's streams (a projection keeps no state); no command \
                 was sent or written and the cursor was not saved"
            }
            (P::AfterSend | P::AfterDispatch, M::None, _) => {
                "after sending the commands, before saving the cursor; the event is handled \
                 again and its commands are sent again"
            }
            (P::AfterSend | P::AfterDispatch, M::DeterministicIds, _) => {
                "after sending the commands, before saving the cursor; the event is handled \
                 again and its commands are sent again with the same ids, which the \
                 receiver drops"
            }
            (P::AfterSend, M::AtomicTracking, _) => {
                "after committing state, outbox and cursor; the commands wait in the outbox \
                 and the restart dispatches them"
            }
            (P::AfterDispatch, M::AtomicTracking, _) => {
                "after dispatching the outbox, before marking it dispatched; the restart \
                 dispatches the commands again with the same ids, which the receiver drops"
            }
            (P::AfterSend, M::OutboxStream, _) => {
                "after appending the commands to the outbox stream, before saving the \
                 cursor; the event is handled again, its outbox events are found there \
                 already, and the dispatcher sends them"
            }
            (P::AfterDispatch, M::OutboxStream, _) => {
                "after the dispatcher sent a command from the outbox stream, before moving \
                 its cursor; the restart sends it again with the same id, which the \
                 receiver drops"
            }
        }
    }
}

impl fmt::Display for Crash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what_happened())
    }
}
