//! Time travel by positions: an order's process state as of any point of
//! the logs.
//!
//! "As of {Sales → 3, Catering → 5}" means: fold the key's events at or
//! before that position of their context, in handling order. This is the
//! state any strategy would hold after handling exactly those events, so it
//! needs no trace and works for a runner created later. The events come
//! from the key's own streams (every event of an order is in its order
//! streams), so a slider step costs the events of the orders shown, not the
//! whole log.

use super::cursors::Cursors;
use super::manager::ProcessManager;
use super::strategy::fold_streams;
use crate::core::store::{EventStore, StoreError};

/// The state of `key` as of `positions` (a context missing from `positions`
/// counts as not read at all): the key's streams read up to those positions,
/// as the projection strategy reads them with `positions` for its cursors.
pub fn state_as_of<P: ProcessManager>(
    pm: &P,
    store: &EventStore,
    positions: &Cursors,
    key: &str,
) -> Result<P::State, StoreError> {
    fold_streams(pm, store, pm.source_streams(key), Some(positions))
}
