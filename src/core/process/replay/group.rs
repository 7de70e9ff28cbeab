//! The second pass: the records of one partition folded into the states
//! of its orders, with the same rules as the runner
//! ([`MatchState::apply`]). A partition holds every fact of its orders, in
//! handling order, so each state is rebuilt exactly as one pass over the
//! whole log would.

use super::ReplaySummary;
use super::keys::OrderKey;
use super::menus::MenuRef;
use super::partitions::Record;
use crate::core::process::match_state::{MatchState, MatchStatus};
use crate::core::store::FastHashMap;

/// The orders of one partition: their keys and states, by place (order of
/// first fact).
#[derive(Default)]
pub(super) struct Group {
    places: FastHashMap<OrderKey, usize>,
    pub(super) keys: Vec<OrderKey>,
    pub(super) states: Vec<MatchState<MenuRef>>,
}

impl Group {
    /// Folds `records` (one partition, in handling order) from scratch,
    /// reusing the memory of the previous partition.
    pub(super) fn fold(&mut self, records: &[Record]) {
        self.places.clear();
        self.keys.clear();
        self.states.clear();
        for record in records {
            let next = self.states.len();
            let place = *self.places.entry(record.order).or_insert(next);
            if place == next {
                self.keys.push(record.order);
                self.states.push(MatchState::default());
            }
            if let Some(state) = self.states.get_mut(place) {
                state.apply(record.kind, &record.menu, record.event);
            }
        }
    }

    /// Adds the group's orders to the counts of `summary`.
    pub(super) fn count_into(&self, summary: &mut ReplaySummary) {
        summary.orders += self.states.len();
        for state in &self.states {
            match state.status() {
                MatchStatus::Matched(_) => summary.matched += 1,
                MatchStatus::Declined => summary.declined += 1,
                MatchStatus::Pending => summary.pending += 1,
            }
        }
    }
}
