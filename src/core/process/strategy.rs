//! The three strategies of keeping a process manager's state
//! ([`StrategyKind`]), and loading a key's state with each.
//!
//! - State row: the committed row of the process manager's table.
//! - Event sourced: the fold of its own streams `CateringMatch$<key>` (one
//!   per source context, since links stay in their context), merged in
//!   handling order.
//! - Projection: the fold of the aggregate streams `Order$<key>`, which
//!   belong to the Sales and Catering aggregates, not to the process manager.
//!   Those streams may already hold events the runner has not reached, so
//!   the fold stops at the saved cursors: it sees what was handled, as the
//!   other strategies do.
//!
//! Writing is the runner's business (see `runner`), because when a write
//! happens is what the crash lessons are about.

use std::fmt;

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use super::cursors::Cursors;
use super::handling_order::HandlingOrder;
use super::manager::ProcessManager;
use super::storage::ProcessStorage;
use crate::core::store::{EventStore, Position, RecordedEvent, StoreError};

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

    /// The name people read on screen: `State row (table, lock)`.
    pub fn name(self) -> &'static str {
        match self {
            StrategyKind::StateRow => "State row (table, lock)",
            StrategyKind::EventSourced => "Event sourced (own stream)",
            StrategyKind::Projection => "Projection (order streams)",
        }
    }
}

impl fmt::Display for StrategyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The state of `key` as the strategy `kind` keeps it.
pub fn load_state<P: ProcessManager>(
    kind: StrategyKind,
    pm: &P,
    store: &EventStore,
    storage: &ProcessStorage<P::State>,
    key: &str,
) -> Result<P::State, StoreError> {
    match kind {
        StrategyKind::StateRow => Ok(storage.table().row(key).cloned().unwrap_or_default()),
        StrategyKind::EventSourced => {
            let own = pm.own_stream(key);
            let streams = pm
                .source_contexts()
                .iter()
                .map(|context| (*context, own.clone()))
                .collect();
            fold_streams(pm, store, streams, None)
        }
        StrategyKind::Projection => {
            fold_streams(pm, store, pm.source_streams(key), Some(storage.cursors()))
        }
    }
}

/// Folds the events of `streams` (context, stream) in handling order; with
/// `up_to`, only events at or before the cursor of their context.
pub(super) fn fold_streams<P: ProcessManager>(
    pm: &P,
    store: &EventStore,
    streams: Vec<(&str, String)>,
    up_to: Option<&Cursors>,
) -> Result<P::State, StoreError> {
    let mut sources: SmallVec<[_; 2]> = SmallVec::new();
    for (context, stream) in &streams {
        let events = store.stream_events(context, stream)?;
        let limit = up_to.map(|cursors| cursors.get(*context).copied().unwrap_or(Position::START));
        sources.push(events.filter(move |event| limit.is_none_or(|last| event.position <= last)));
    }
    let mut state = P::State::default();
    for event in HandlingOrder::new(sources) {
        evolve_with_stored(pm, &mut state, event);
    }
    Ok(state)
}

/// Applies a stored event if the process manager handles its type and it
/// decodes; anything else is passed over (the runner reports bad data when
/// it handles the event).
pub fn evolve_with_stored<P: ProcessManager>(pm: &P, state: &mut P::State, event: &RecordedEvent) {
    if pm.handles(&event.event_type)
        && let Ok(fact) = pm.decode(event)
    {
        pm.evolve(state, &fact);
    }
}
