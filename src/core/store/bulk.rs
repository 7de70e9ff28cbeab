//! A bulk load's plumbing, nothing a lesson is about.
//!
//! Before: [`EventStore::reserve`] makes room for what a load brings, so
//! that no log or index pauses to grow midway (growing one that holds half
//! a million takes a tenth of a second in the page).
//!
//! After: dropping a store frees each of its events, again a tenth of a
//! second for a million. [`Teardown`] holds what was a store and frees it
//! a budget of events at a time, so the page can draw between slices.
//! Nothing can be read from it: it is no store any more.
use super::context::ContextLog;
use super::{EventStore, StoreError};

/// Room to make in a context's log before a bulk load (see
/// `EventStore::reserve`): more events, streams and linked events.
#[derive(Clone, Copy, Debug, Default)]
pub struct Room<'a> {
    pub context: &'a str,
    pub events: usize,
    pub streams: usize,
    pub links: usize,
}

/// What was a store, being freed.
pub struct Teardown {
    logs: Vec<ContextLog>,
}

impl EventStore {
    /// Makes room in each context `room` names, so that storing and
    /// linking what a bulk load brings never pauses to grow a log or an
    /// index. Changes nothing a read shows; an unknown context is refused
    /// before anything is done.
    pub fn reserve(&mut self, room: &[Room]) -> Result<(), StoreError> {
        let ids = room
            .iter()
            .map(|room| self.context_id(room.context))
            .collect::<Result<Vec<_>, _>>()?;
        for (id, room) in ids.into_iter().zip(room) {
            if let Some(log) = self.contexts.get_mut(id) {
                log.reserve(room);
            }
        }
        self.ids.reserve(room.iter().map(|room| room.events).sum());
        Ok(())
    }

    /// The store, to be freed a slice at a time.
    pub fn into_teardown(self) -> Teardown {
        Teardown {
            logs: self.contexts,
        }
    }
}

impl Teardown {
    /// Frees at most `budget` events (and the streams of a log once its
    /// events are gone); `true` once everything is freed.
    pub fn free_some(&mut self, budget: usize) -> bool {
        let Some(log) = self.logs.last_mut() else {
            return true;
        };
        let keep = log.events.len().saturating_sub(budget.max(1));
        log.events.truncate(keep);
        if keep == 0 {
            self.logs.pop();
        }
        self.logs.is_empty()
    }
}
