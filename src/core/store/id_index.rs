//! The index from event id to where the event is stored, across contexts.
//!
//! Every append probes it (to refuse duplicate ids) and adds to it, so it is
//! on the hot path. A general `HashMap<EventId, location>` stores each id a
//! second time and grows in 32-byte buckets; here the table holds only one
//! 64-bit word per slot: 32 bits of the id's hash and the event's ordinal
//! (its rank in order of storing). Ordinals lead to locations through a
//! plain vector, and the ids themselves are read from the stored events
//! when a hash matches. For a million events that is 16 MB of table
//! instead of 64 MB, and much less memory touched while growing.
//!
//! Open addressing with linear probing, kept at most half full. Entries are
//! never removed (the store never forgets an event).

use crate::core::ids::EventId;

/// Where a stored event lives: its context and its index in that log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct EventLocation {
    pub(super) context: usize,
    pub(super) index: usize,
}

/// The smallest table allocated.
const MIN_SLOTS: usize = 16;

/// The id index; see the module documentation.
#[derive(Clone, Debug, Default)]
pub(super) struct IdIndex {
    /// 0 for an empty slot, else `hash32 << 32 | (ordinal + 1)`. The length
    /// is 0 or a power of two.
    slots: Vec<u64>,
    /// Location of each event by ordinal.
    locations: Vec<EventLocation>,
}

/// The 32 bits of an id's hash kept in the table. The slot an id goes to is
/// derived from these bits too, so the table can grow without the ids.
fn hash32(id: EventId) -> u32 {
    let (high, low) = id.0.as_u64_pair();
    // The finalizer of MurmurHash3 (fmix64), which spreads every bit.
    let mut hash = high ^ low.rotate_left(29);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^= hash >> 33;
    (hash >> 32) as u32
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
            .is_some_and(|total| total < u32::MAX as usize)
    }

    /// Where `id` is stored, if it is. `id_at` reads the id of the event at
    /// a location, to confirm a hash match.
    pub(super) fn get(
        &self,
        id: EventId,
        id_at: impl Fn(EventLocation) -> Option<EventId>,
    ) -> Option<EventLocation> {
        let tag = hash32(id);
        let mask = self.slots.len().checked_sub(1)?;
        let mut slot = tag as usize & mask;
        loop {
            // `slot` is masked, so it is within the table.
            let word = *self.slots.get(slot)?;
            if word == 0 {
                return None;
            }
            if (word >> 32) as u32 == tag {
                // The low half is `ordinal + 1`, never 0 in a used slot.
                let ordinal = (word as u32).wrapping_sub(1) as usize;
                let location = self.locations.get(ordinal).copied();
                if let Some(location) = location.filter(|at| id_at(*at) == Some(id)) {
                    return Some(location);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Adds `id`, which the caller checked is not stored yet, with room for
    /// it (see [`IdIndex::has_room_for`]). Returns false (and adds nothing)
    /// only if there was no room.
    pub(super) fn insert_new(&mut self, id: EventId, location: EventLocation) -> bool {
        let Ok(ordinal) = u32::try_from(self.locations.len()) else {
            return false;
        };
        if ordinal == u32::MAX {
            return false;
        }
        if self.locations.len().saturating_add(1).saturating_mul(2) > self.slots.len() {
            self.grow();
        }
        self.locations.push(location);
        place(
            &mut self.slots,
            (u64::from(hash32(id)) << 32) | u64::from(ordinal + 1),
        );
        true
    }

    /// Doubles the table (or allocates the first one) and re-places every
    /// entry by its stored hash bits.
    fn grow(&mut self) {
        let new_len = self.slots.len().saturating_mul(2).max(MIN_SLOTS);
        let old = std::mem::replace(&mut self.slots, vec![0; new_len]);
        for word in old.into_iter().filter(|word| *word != 0) {
            place(&mut self.slots, word);
        }
    }
}

/// Puts `word` in the first free slot from its home slot on. The table is
/// at most half full, so a free slot exists.
fn place(slots: &mut [u64], word: u64) {
    let Some(mask) = slots.len().checked_sub(1) else {
        return;
    };
    let mut slot = (word >> 32) as usize & mask;
    // `slot` is masked, so it is within the table.
    while let Some(existing) = slots.get_mut(slot) {
        if *existing == 0 {
            *existing = word;
            return;
        }
        slot = (slot + 1) & mask;
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
