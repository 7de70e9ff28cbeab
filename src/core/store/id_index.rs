//! The index from event id to where the event is stored, across contexts.
//!
//! Every append probes it (to refuse duplicate ids) and adds to it, so it is
//! on the hot path. A general `HashMap<EventId, location>` stores each id a
//! second time and grows in 32-byte buckets; here a [`SlotIndex`] keeps one
//! 64-bit word per slot: 32 bits of the id's hash and the event's ordinal
//! (its rank in order of storing). Ordinals lead to locations through a
//! plain vector, and the ids themselves are read from the stored events
//! when a hash matches. For a million events that is 16 MB of table
//! instead of 64 MB, and much less memory touched while growing. Entries
//! are never removed (the store never forgets an event).

use crate::core::ids::EventId;
use crate::core::slot_index::{MAX_ORDINAL, SlotIndex};

/// Where a stored event lives: its context and its index in that log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct EventLocation {
    pub(super) context: usize,
    pub(super) index: usize,
}

/// The id index; see the module documentation.
#[derive(Clone, Debug, Default)]
pub(super) struct IdIndex {
    /// Ordinals by the id's hash.
    index: SlotIndex,
    /// Location of each event by ordinal.
    locations: Vec<EventLocation>,
}

/// The hash of an id. Ids are random already; the finalizer of MurmurHash3
/// (fmix64) still spreads every bit, so ids made by a counter spread too.
fn hash_of(id: EventId) -> u64 {
    let (high, low) = id.0.as_u64_pair();
    let mut hash = high ^ low.rotate_left(29);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

impl IdIndex {
    /// Number of ids stored.
    pub(super) fn len(&self) -> usize {
        self.locations.len()
    }

    /// Whether `additional` more ids fit (ordinals are 32-bit).
    pub(super) fn has_room_for(&self, additional: usize) -> bool {
        self.len()
            .checked_add(additional)
            .is_some_and(|total| total <= MAX_ORDINAL as usize)
    }

    /// Where `id` is stored, if it is. `id_at` reads the id of the event at
    /// a location, to confirm a hash match.
    pub(super) fn get(
        &self,
        id: EventId,
        id_at: impl Fn(EventLocation) -> Option<EventId>,
    ) -> Option<EventLocation> {
        let place = self
            .index
            .find_in(hash_of(id), &self.locations, |at| id_at(*at) == Some(id))?;
        self.locations.get(place).copied()
    }

    /// Adds `id`, which the caller checked is not stored yet, with room for
    /// it (see [`IdIndex::has_room_for`]). Returns false (and adds nothing)
    /// only if there was no room.
    pub(super) fn insert_new(&mut self, id: EventId, location: EventLocation) -> bool {
        let Ok(ordinal) = u32::try_from(self.locations.len()) else {
            return false;
        };
        if !self.index.insert(hash_of(id), ordinal) {
            return false;
        }
        self.locations.push(location);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ids::IdGenerator;

    #[test]
    fn every_inserted_id_is_found_and_no_other() {
        let mut generator = IdGenerator::seeded(5);
        let ids: Vec<EventId> = (0..20_000).map(|_| generator.next_id()).collect();
        let mut index = IdIndex::default();
        for (position, id) in ids.iter().enumerate() {
            let location = EventLocation {
                context: 0,
                index: position,
            };
            assert!(index.insert_new(*id, location));
        }
        let id_at = |location: EventLocation| ids.get(location.index).copied();
        for (position, id) in ids.iter().enumerate() {
            assert_eq!(index.get(*id, id_at).map(|l| l.index), Some(position));
        }
        for _ in 0..20_000 {
            assert_eq!(index.get(generator.next_id(), id_at), None);
        }
        assert_eq!(index.len(), 20_000);
    }

    #[test]
    fn a_hash_match_with_another_id_is_not_taken_for_the_id() {
        let mut generator = IdGenerator::seeded(6);
        let (stored, other) = (generator.next_id(), generator.next_id());
        let mut index = IdIndex::default();
        index.insert_new(
            stored,
            EventLocation {
                context: 0,
                index: 0,
            },
        );
        // A resolver claiming another id sits at every location stands for
        // a 32-bit hash collision: the index must not answer.
        assert_eq!(index.get(stored, |_| Some(other)), None);
    }
}
