//! What the runner reports: a step's result, a catch-up's result, its status
//! and its errors.

use std::fmt;

use super::super::Crash;
use super::super::storage::LockError;
use crate::core::ids::EventId;
use crate::core::store::{Position, StoreError};

/// Whether the runner is handling events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunnerStatus {
    /// Ready to handle events.
    Running,
    /// Stopped by a forced crash; refuses to handle until restarted.
    Crashed {
        /// The point and the step of the handling it fell after.
        point: Crash,
        event_id: EventId,
        context: String,
        position: Position,
    },
}

/// What one step did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepReport {
    /// Nothing unread in any context.
    Idle,
    /// An event was handled to the end.
    Handled {
        event_id: EventId,
        context: &'static str,
        position: Position,
        /// Commands the decision chose.
        commands: usize,
        /// Of those attempts, how many the bus delivered.
        delivered: usize,
    },
    /// An event of a type the process manager does not handle: the cursor
    /// moved.
    Ignored {
        event_id: EventId,
        context: &'static str,
        position: Position,
    },
    /// A handled type with unreadable data: passed over, the cursor moved.
    Skipped { event_id: EventId, reason: String },
    /// A forced crash stopped the handling.
    Crashed { point: Crash, event_id: EventId },
}

/// Why the runner refused or failed a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunnerError {
    /// It crashed and was not restarted.
    Crashed {
        point: Crash,
        context: String,
        position: Position,
    },
    /// A context could not be read.
    Store(StoreError),
    /// The state change of an event could not be saved (e.g. the link into
    /// the process manager's own stream was refused).
    StateNotSaved {
        event_id: EventId,
        context: String,
        position: Position,
        cause: Box<StoreError>,
    },
    /// The state row could not be locked or written.
    Lock(LockError),
    /// The commands could not be appended to the outbox stream (outbox
    /// stream mode); the cursor did not move.
    OutboxNotWritten {
        event_id: EventId,
        context: String,
        position: Position,
        /// The store's refusal, in its words.
        cause: String,
    },
}

impl fmt::Display for RunnerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunnerError::Crashed {
                point,
                context,
                position,
            } => write!(
                f,
                "the process manager crashed {point} (the event at position {position} of \
                 {context}); restart it before it handles more events"
            ),
            RunnerError::Store(cause) => {
                write!(
                    f,
                    "the process manager could not read the event store: {cause}"
                )
            }
            RunnerError::StateNotSaved {
                event_id,
                context,
                position,
                cause,
            } => write!(
                f,
                "event {event_id} (position {position} of {context}) was not handled because \
                 its state change could not be saved: {cause}; the cursor did not move, so the \
                 event will be handled again"
            ),
            RunnerError::Lock(cause) => write!(f, "the state row could not be changed: {cause}"),
            RunnerError::OutboxNotWritten {
                event_id,
                context,
                position,
                cause,
            } => write!(
                f,
                "event {event_id} (position {position} of {context}) was not handled to the \
                 end because its commands could not be written to the outbox stream: {cause}; \
                 the cursor did not move, so the event will be handled again"
            ),
        }
    }
}

impl std::error::Error for RunnerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RunnerError::Crashed { .. } => None,
            RunnerError::Store(cause) => Some(cause),
            RunnerError::StateNotSaved { cause, .. } => Some(cause.as_ref()),
            RunnerError::OutboxNotWritten { .. } => None,
            RunnerError::Lock(cause) => Some(cause),
        }
    }
}

/// How a catch-up ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatchUpEnd {
    /// Every event was read.
    UpToDate,
    /// A forced crash stopped it.
    Crashed(Crash),
    /// A step failed or was refused.
    Failed(RunnerError),
}

/// What a catch-up did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatchUp {
    /// Events read (handled, ignored, skipped or crashed on).
    pub steps: usize,
    pub end: CatchUpEnd,
}

impl CatchUp {
    /// Whether every event was read.
    pub fn is_up_to_date(&self) -> bool {
        self.end == CatchUpEnd::UpToDate
    }

    /// The error that stopped it, if any.
    pub fn error(&self) -> Option<&RunnerError> {
        match &self.end {
            CatchUpEnd::Failed(error) => Some(error),
            _ => None,
        }
    }
}

/// What a restart did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestartReport {
    /// The crash it recovered from, if any.
    pub recovered_from: Option<Crash>,
    /// The row whose uncommitted change was rolled back, if one was open.
    pub rolled_back_row: Option<String>,
    /// Commands sent from the outbox or the outbox stream (of those, the
    /// receiver may drop ids it has seen).
    pub dispatched: usize,
}
