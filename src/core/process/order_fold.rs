//! The fold of one key step by step, from its own aggregate streams: each
//! event the process manager handles, with the key's state before and after
//! it (the Process state panel's fold of an order handled without a trace).
//!
//! The streams are those the projection strategy folds
//! ([`ProcessManager::source_streams`]: `Order$42` in Sales and Catering),
//! merged by the one handling order ([`HandlingOrder`]), so the steps come
//! in the order the runner handled them.

use serde::Serialize;

use super::handling_order::HandlingOrder;
use super::manager::ProcessManager;
use super::trace::EventSummary;
use crate::core::store::{EventStore, StoreError};

/// One step of a key's fold.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FoldStep<S> {
    /// The event applied.
    pub event: EventSummary,
    /// The key's state before it.
    pub before: S,
    /// The key's state after it.
    pub after: S,
}

/// The first `most` steps of the fold of `key`'s source streams, in
/// handling order. Events of a type the process manager does not handle,
/// or whose data it cannot read, are passed over (as a fold of the
/// strategies does). A context the store does not have is an error.
pub fn fold_steps<P: ProcessManager>(
    pm: &P,
    store: &EventStore,
    key: &str,
    most: usize,
) -> Result<Vec<FoldStep<P::State>>, StoreError> {
    let streams = pm.source_streams(key);
    let mut sources = Vec::with_capacity(streams.len());
    for (context, stream) in &streams {
        sources.push(store.stream_events(context, stream)?);
    }
    let mut state = P::State::default();
    let mut steps = Vec::new();
    for event in HandlingOrder::new(sources) {
        if steps.len() >= most {
            break;
        }
        if !pm.handles(&event.event_type) {
            continue;
        }
        let Ok(fact) = pm.decode(event) else {
            continue;
        };
        let before = state.clone();
        pm.evolve(&mut state, &fact);
        steps.push(FoldStep {
            event: EventSummary::of(event),
            before,
            after: state.clone(),
        });
    }
    Ok(steps)
}
