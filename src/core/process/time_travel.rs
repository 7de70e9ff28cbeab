//! Time travel by positions: the process state as of any point of the logs.
//!
//! "As of {Sales → 3, Catering → 5}" means: fold every handled event of each
//! source context up to and including that position, in handling order. This
//! is the state any strategy would hold after handling exactly those events,
//! so it needs no trace and works for a runner created later. (Time travel by
//! number of handlings, from the trace, is on [`super::trace::Trace`].)

use std::collections::BTreeMap;

use super::cursors::Cursors;
use super::handling_order::HandlingOrder;
use super::manager::ProcessManager;
use crate::core::store::{EventStore, Position, StoreError};

/// The state of every key as of `positions` (a context missing from
/// `positions` counts as not read at all).
pub fn states_as_of<P: ProcessManager>(
    pm: &P,
    store: &EventStore,
    positions: &Cursors,
) -> Result<BTreeMap<String, P::State>, StoreError> {
    fold_up_to(pm, store, positions, None)
}

/// The state of `key` as of `positions`.
pub fn state_as_of<P: ProcessManager>(
    pm: &P,
    store: &EventStore,
    positions: &Cursors,
    key: &str,
) -> Result<P::State, StoreError> {
    let mut states = fold_up_to(pm, store, positions, Some(key))?;
    Ok(states.remove(key).unwrap_or_default())
}

/// The last position of every source context: "as of now".
pub fn head_positions<P: ProcessManager>(
    pm: &P,
    store: &EventStore,
) -> Result<Cursors, StoreError> {
    pm.source_contexts()
        .iter()
        .map(|context| Ok(((*context).to_owned(), store.head_position(context)?)))
        .collect()
}

fn fold_up_to<P: ProcessManager>(
    pm: &P,
    store: &EventStore,
    positions: &Cursors,
    only: Option<&str>,
) -> Result<BTreeMap<String, P::State>, StoreError> {
    let mut sources = Vec::new();
    for context in pm.source_contexts() {
        let last = positions.get(*context).copied().unwrap_or(Position::START);
        let log = store.read_log_forward(context, Position::START, usize::MAX)?;
        let end = log.partition_point(|event| event.position <= last);
        sources.push(log.get(..end).unwrap_or(log).iter());
    }
    let mut states: BTreeMap<String, P::State> = BTreeMap::new();
    for event in HandlingOrder::new(sources) {
        if !pm.handles(&event.event_type) {
            continue;
        }
        let Ok(fact) = pm.decode(event) else {
            continue;
        };
        let key = pm.key(&fact);
        if only.is_some_and(|wanted| wanted != key) {
            continue;
        }
        match states.get_mut(key) {
            Some(state) => pm.evolve(state, &fact),
            None => {
                let mut state = P::State::default();
                pm.evolve(&mut state, &fact);
                states.insert(key.to_owned(), state);
            }
        }
    }
    Ok(states)
}
