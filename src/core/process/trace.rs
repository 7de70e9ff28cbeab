//! The trace: what happened at each handling, for people to read.
//!
//! The trace belongs to the observer (the playground), not to the process
//! manager: it survives restarts and records crashes and failures too.

use serde::Serialize;

use super::Crash;
use super::bus::Delivery;
use super::cursors::Cursors;
use crate::core::domain::Command;
use crate::core::ids::{EventId, Timestamp};
use crate::core::store::{Position, RecordedEvent};

/// The stored event a handling was about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventSummary {
    pub id: EventId,
    pub event_type: String,
    pub context: String,
    pub position: Position,
    pub stream: String,
    pub recorded_at: Timestamp,
}

impl EventSummary {
    /// The summary of a stored event.
    pub fn of(event: &RecordedEvent) -> Self {
        EventSummary {
            id: event.id,
            event_type: event.event_type.to_string(),
            context: event.context.as_str().to_owned(),
            position: event.position,
            stream: event.stream.to_string(),
            recorded_at: event.metadata.recorded_at,
        }
    }
}

/// How a handling ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum HandlingOutcome {
    /// Handled to the end; the cursor moved.
    Handled,
    /// A type the process manager does not handle; only the cursor moved.
    Ignored,
    /// A handled type whose data could not be read; passed over (the
    /// cursor moved) so that one bad event does not block the rest.
    Skipped { reason: String },
    /// Stopped by a forced crash at this point (in the runner's mode and
    /// strategy, which name the step it fell after).
    Crashed(Crash),
    /// Refused (e.g. the link of the event-sourced strategy); the cursor did
    /// not move and the event will be handled again.
    Failed { reason: String },
}

/// One handling.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraceEntry<S, E> {
    /// Place among all handlings, from 0.
    pub index: usize,
    pub event: EventSummary,
    /// The correlation key and the decoded event, for handled types.
    pub key: Option<String>,
    pub fact: Option<E>,
    pub state_before: Option<S>,
    /// The state after applying the event, once it was applied.
    pub state_after: Option<S>,
    /// Whether `state_after` is what the process manager will find next
    /// time (false if the change was rolled back or never saved).
    pub state_kept: bool,
    /// Why the decision was taken, and the commands it chose.
    pub decision: Option<String>,
    pub commands: Vec<Command>,
    /// Delivery attempts made during this handling.
    pub deliveries: Vec<Delivery>,
    /// Saved cursors before and after.
    pub cursors_before: Cursors,
    pub cursors_after: Cursors,
    pub outcome: HandlingOutcome,
}

/// A restart of the process manager.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RestartRecord {
    /// Handlings recorded before the restart.
    pub after_handlings: usize,
    /// The crash it recovered from, if any.
    pub recovered_from: Option<Crash>,
    /// The row whose uncommitted change was rolled back, if one was open.
    pub rolled_back_row: Option<String>,
    /// Commands the restart sent from the outbox or the outbox stream.
    pub deliveries: Vec<Delivery>,
}

/// Every handling and restart, in order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trace<S, E> {
    entries: Vec<TraceEntry<S, E>>,
    restarts: Vec<RestartRecord>,
}

impl<S, E> Default for Trace<S, E> {
    fn default() -> Self {
        Trace {
            entries: Vec::new(),
            restarts: Vec::new(),
        }
    }
}

impl<S: Clone, E> Trace<S, E> {
    /// The handlings, in order.
    pub fn entries(&self) -> &[TraceEntry<S, E>] {
        &self.entries
    }

    /// The restarts, in order.
    pub fn restarts(&self) -> &[RestartRecord] {
        &self.restarts
    }

    /// Number of handlings recorded.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing was handled yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(super) fn push(&mut self, entry: TraceEntry<S, E>) {
        self.entries.push(entry);
    }

    pub(super) fn push_restart(&mut self, restart: RestartRecord) {
        self.restarts.push(restart);
    }
}
