//! The second pass: the records of one partition folded into the states
//! of its orders, with the same rules as the runner
//! ([`MatchState::apply`]). A partition holds every fact of its orders, in
//! handling order, so each state is rebuilt exactly as one pass over the
//! whole log would.
//!
//! Each order's place is found in a small open-addressing table of places
//! (four bytes a slot, probed linearly from a multiplicative hash of the
//! key, checked against the key kept at that place): a partition's table,
//! keys and states stay in the processor's first caches.

use super::ReplaySummary;
use super::keys::OrderKey;
use super::menus::MenuRef;
use super::partitions::Record;
use crate::core::process::match_state::{MatchState, MatchStatus};

/// The orders of one partition: their keys and states, by place (order of
/// first fact).
#[derive(Default)]
pub(super) struct Group {
    /// Open addressing: 0 for a free slot, else an order's place plus one.
    slots: Vec<u32>,
    pub(super) keys: Vec<OrderKey>,
    pub(super) states: Vec<MatchState<MenuRef>>,
}

impl Group {
    /// Folds `records` (one partition, in handling order) from scratch,
    /// reusing the memory of the previous partition.
    pub(super) fn fold(&mut self, records: &[Record], partition_bits: u32) {
        // At most one order per record: at least half the slots stay free.
        let size = records
            .len()
            .saturating_mul(2)
            .max(16)
            .checked_next_power_of_two()
            .unwrap_or(1 << (usize::BITS - 1));
        // The slot comes from the bits of the key's spread just below the
        // ones that chose the partition (all equal within it).
        let shift = partition_bits + size.trailing_zeros();
        self.slots.clear();
        self.slots.resize(size, 0);
        self.keys.clear();
        self.states.clear();
        for record in records {
            let Some(place) = self.place_of(record.order, shift, size - 1) else {
                continue;
            };
            if let Some(state) = self.states.get_mut(place) {
                let menu = record.menu;
                state.record(record.kind, &menu, record.event);
            }
        }
    }

    /// The place of the order `key`, given one (with a fresh state) if it is
    /// new; `None` only if places ran out of `u32` (a partition cannot hold
    /// that many records).
    #[inline(always)]
    fn place_of(&mut self, key: OrderKey, shift: u32, mask: usize) -> Option<usize> {
        let mut slot = key.spread().rotate_left(shift) as usize & mask;
        loop {
            let taken = *self.slots.get(slot)?;
            if taken == 0 {
                let place = self.keys.len();
                *self.slots.get_mut(slot)? = u32::try_from(place + 1).ok()?;
                self.keys.push(key);
                self.states.push(MatchState::default());
                return Some(place);
            }
            let place = taken as usize - 1;
            if self.keys.get(place) == Some(&key) {
                return Some(place);
            }
            slot = (slot + 1) & mask;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ids::EventId;
    use crate::core::process::match_state::MenuFactKind;
    use crate::core::process::replay::keys::LongIds;

    #[test]
    fn each_order_keeps_its_own_place_however_its_keys_crowd_the_table() {
        let mut ids = LongIds::default();
        let keys: Vec<OrderKey> = (0..3_000)
            .map(|n| ids.key(&n.to_string()).unwrap())
            .collect();
        // Each order twice, the second time in reverse: the table, sized
        // for the records, holds as many keys as it can.
        let records: Vec<Record> = keys
            .iter()
            .chain(keys.iter().rev())
            .zip(0u128..)
            .map(|(order, n)| Record {
                order: *order,
                event: EventId::from_u128(n),
                menu: MenuRef::default(),
                kind: if n < 3_000 {
                    MenuFactKind::CustomerConfirmed
                } else {
                    MenuFactKind::CatererConfirmed
                },
            })
            .collect();
        for partition_bits in [0, 5] {
            let mut group = Group::default();
            group.fold(&records, partition_bits);
            assert_eq!(group.keys, keys);
            for (n, state) in (0u128..).zip(&group.states) {
                assert_eq!(state.completed_by(), Some(EventId::from_u128(5_999 - n)));
            }
        }
    }
}
