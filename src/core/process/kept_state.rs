//! What the active strategy really keeps for one key, read from the
//! process manager's storage and the event store (lesson 6):
//!
//! - state row: the committed row of the table and its lock;
//! - event sourced: the process manager's own streams (`CateringMatch$42`,
//!   one per source context) with the events linked into them;
//! - projection: the aggregate streams (`Order$42`) it folds, each event
//!   marked read or not yet read (past the saved cursor).
//!
//! Also the links the single-stream store refused, from the trace, so the
//! unique-id violation can be shown without choosing anything.

use super::manager::ProcessManager;
use super::peek::projection_reads;
use super::runner::Runner;
use super::trace::HandlingOutcome;
use super::{IdempotencyMode, StrategyKind};
use crate::core::ids::EventId;
use crate::core::store::{EventStore, Position, StoreError, StreamVersion};

/// The row lock of the state table, as seen for one key.
#[derive(Clone, Debug, PartialEq)]
pub enum RowLock<S> {
    /// No transaction holds a lock: the last change was committed and the
    /// lock released.
    Released,
    /// An unfinished transaction holds the lock of this row, with the new
    /// value it wrote (not visible until committed).
    HeldOnThisRow { uncommitted: Option<S> },
    /// An unfinished transaction holds the lock of another row.
    HeldOnRow(String),
}

/// The state row of a key.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptRow<S> {
    pub key: String,
    /// The committed row; `None` if the table has no row for the key.
    pub committed: Option<S>,
    pub lock: RowLock<S>,
    /// How a change takes and releases the lock in the current mode.
    pub how_locked: &'static str,
}

/// An event as it sits in a stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamEntry {
    /// Its version in the stream shown.
    pub version: StreamVersion,
    pub id: EventId,
    pub event_type: String,
    pub position: Position,
    /// The stream it was appended to and its version there.
    pub original_stream: String,
    pub original_version: StreamVersion,
    /// Projection only: whether the fold reads it with the saved cursors
    /// (`peek::projection_reads`). Always true for a linked event.
    pub read: bool,
}

/// One stream of a context with its events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptStream {
    pub context: String,
    pub stream: String,
    /// Whose stream it is: the process manager's own, or an aggregate's.
    pub owned: bool,
    pub events: Vec<StreamEntry>,
}

/// What the strategy in use keeps for a key.
#[derive(Clone, Debug, PartialEq)]
pub enum KeptState<S> {
    Row(KeptRow<S>),
    /// The own streams, one per source context.
    OwnStreams(Vec<KeptStream>),
    /// The aggregate streams the projection folds.
    Projection(Vec<KeptStream>),
}

/// A link the store refused (the single-stream store's unique-id
/// violation, or any other refusal to save the state).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedLink {
    /// The handling's place in the trace, from 0.
    pub handling: usize,
    pub key: Option<String>,
    pub event_type: String,
    pub context: String,
    pub position: Position,
    /// What the runner reported, the store's refusal included.
    pub reason: String,
    /// The place of a later handling of the same event that succeeded.
    pub handled_again_at: Option<usize>,
}

/// How the state row's lock is taken in `mode`.
pub fn how_locked(mode: IdempotencyMode) -> &'static str {
    match mode {
        IdempotencyMode::AtomicTracking => {
            "each change takes the row's lock, writes the row and keeps the lock until the row, \
             the outbox and the cursor are committed together; then the lock is released"
        }
        _ => {
            "each change is one autocommitted statement: the row's lock is taken, the row \
             changed in place, committed, and the lock released"
        }
    }
}

/// What the runner's strategy keeps for `key` now.
pub fn kept_state<P: ProcessManager>(
    runner: &Runner<P>,
    store: &EventStore,
    key: &str,
) -> Result<KeptState<P::State>, StoreError> {
    let pm = runner.process_manager();
    match runner.config().strategy {
        StrategyKind::StateRow => {
            let table = runner.storage().table();
            let lock = match table.locked_row() {
                None => RowLock::Released,
                Some(locked) if locked == key => RowLock::HeldOnThisRow {
                    uncommitted: table.uncommitted().cloned(),
                },
                Some(locked) => RowLock::HeldOnRow(locked.to_owned()),
            };
            Ok(KeptState::Row(KeptRow {
                key: key.to_owned(),
                committed: table.row(key).cloned(),
                lock,
                how_locked: how_locked(runner.config().idempotency),
            }))
        }
        StrategyKind::EventSourced => {
            let own = pm.own_stream(key);
            let streams = pm
                .source_contexts()
                .iter()
                .map(|context| stream_of(store, context, &own, true, None))
                .collect::<Result<_, _>>()?;
            Ok(KeptState::OwnStreams(streams))
        }
        StrategyKind::Projection => {
            // What the fold reads with the saved cursors: the peek's answer.
            let read: Vec<EventId> = projection_reads(pm, store, runner.storage().cursors(), key)?
                .into_iter()
                .map(|peeked| peeked.id)
                .collect();
            let streams = pm
                .source_streams(key)
                .iter()
                .map(|(context, stream)| stream_of(store, context, stream, false, Some(&read)))
                .collect::<Result<_, _>>()?;
            Ok(KeptState::Projection(streams))
        }
    }
}

/// The events of `stream` in `context`, each with its version there and
/// where it was appended; with `read`, marked read if listed there.
fn stream_of(
    store: &EventStore,
    context: &str,
    stream: &str,
    owned: bool,
    read: Option<&[EventId]>,
) -> Result<KeptStream, StoreError> {
    let events = store
        .stream_events(context, stream)?
        .zip(0u64..)
        .map(|(event, version)| StreamEntry {
            version: StreamVersion(version),
            id: event.id,
            event_type: event.event_type.to_string(),
            position: event.position,
            original_stream: event.stream.to_string(),
            original_version: event.version,
            read: read.is_none_or(|read| read.contains(&event.id)),
        })
        .collect();
    Ok(KeptStream {
        context: context.to_owned(),
        stream: stream.to_owned(),
        owned,
        events,
    })
}

/// Every handling that failed because its state could not be saved (a
/// refused link), in order, each with the later handling of the same event
/// that succeeded, if any.
pub fn refused_links<P: ProcessManager>(runner: &Runner<P>) -> Vec<RefusedLink> {
    let entries = runner.trace().entries();
    entries
        .iter()
        .filter_map(|entry| {
            let HandlingOutcome::Failed { reason } = &entry.outcome else {
                return None;
            };
            let handled_again_at = entries
                .iter()
                .skip(entry.index + 1)
                .find(|later| {
                    later.event.id == entry.event.id && later.outcome == HandlingOutcome::Handled
                })
                .map(|later| later.index);
            Some(RefusedLink {
                handling: entry.index,
                key: entry.key.clone(),
                event_type: entry.event.event_type.clone(),
                context: entry.event.context.clone(),
                position: entry.event.position,
                reason: reason.clone(),
                handled_again_at,
            })
        })
        .collect()
}

/// The key to show when none is chosen: the one of the runner's last traced
/// handling that had a key.
pub fn last_handled_key<P: ProcessManager>(runner: &Runner<P>) -> Option<String> {
    runner
        .trace()
        .entries()
        .iter()
        .rev()
        .find_map(|entry| entry.key.clone())
}
