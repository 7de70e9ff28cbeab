//! The projection's peek: which events the projection strategy read, for a
//! handling, from streams that belong to someone else.
//!
//! The projection keeps no state of its own: to handle an event of `Order$42`
//! it folds the aggregate streams `Order$42` of Sales and Catering, up to its
//! saved cursors (see [`super::strategy`]). Those streams belong to the
//! aggregates, not to the process manager. This module names the events
//! such a fold read, so that the playground can mark them.

use serde::Serialize;

use super::StrategyKind;
use super::cursors::Cursors;
use super::manager::ProcessManager;
use super::runner::Runner;
use crate::core::ids::EventId;
use crate::core::store::{EventStore, Position, StoreError};

/// An event read from a stream the process manager does not own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeekedEvent {
    pub id: EventId,
    pub context: &'static str,
    /// The aggregate stream it was read from, e.g. `Order$42`.
    pub stream: String,
}

/// What the projection read for one handling.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProjectionPeek {
    /// The handling's place in the trace.
    pub handling: usize,
    /// The key whose state was folded.
    pub key: String,
    /// The events read, per stream in stream order.
    pub events: Vec<PeekedEvent>,
}

/// The events the projection reads to load the state of `key` with the
/// saved cursors `cursors`: those of the key's aggregate streams at or
/// before the cursor of their context (the same bound as the fold).
pub fn projection_reads<P: ProcessManager>(
    pm: &P,
    store: &EventStore,
    cursors: &Cursors,
    key: &str,
) -> Result<Vec<PeekedEvent>, StoreError> {
    let mut read = Vec::new();
    for (context, stream) in pm.source_streams(key) {
        let last = cursors.get(context).copied().unwrap_or(Position::START);
        for event in store.stream_events(context, &stream)? {
            if event.position <= last {
                read.push(PeekedEvent {
                    id: event.id,
                    context,
                    stream: stream.clone(),
                });
            }
        }
    }
    Ok(read)
}

/// What the projection read for the runner's last traced handling that
/// loaded a state; `None` under another strategy or before any such
/// handling.
pub fn last_projection_peek<P: ProcessManager>(
    runner: &Runner<P>,
    store: &EventStore,
) -> Option<ProjectionPeek> {
    if runner.config().strategy != StrategyKind::Projection {
        return None;
    }
    let entry = runner
        .trace()
        .entries()
        .iter()
        .rev()
        .find(|entry| entry.key.is_some())?;
    let key = entry.key.clone()?;
    let events =
        projection_reads(runner.process_manager(), store, &entry.cursors_before, &key).ok()?;
    Some(ProjectionPeek {
        handling: entry.index,
        key,
        events,
    })
}
