//! Numbering ids: each distinct id text gets the next ordinal (0, 1, 2, ...)
//! the first time it is seen, so the replay can keep its states in a dense
//! `Vec` and its menus as small numbers.
//!
//! Ids of up to [`PACKED_CAPACITY`] bytes (nearly all of them) are packed
//! with their length into 16 bytes, a [`PackedId`]: hashing one is two
//! multiplications and comparing one two word compares, and a table slot
//! holds the whole key, so a lookup follows no pointer. Longer ids go to a
//! second table keyed by their text.

use std::hash::{Hash, Hasher};

use crate::core::store::{FastHashMap, StoreError};

/// Ids up to this many bytes are packed; the 16th byte holds the length.
pub(super) const PACKED_CAPACITY: usize = 15;

/// A short id and its length in 16 bytes (unused bytes are zero).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct PackedId([u8; PACKED_CAPACITY + 1]);

impl PackedId {
    /// `id` packed; `None` if it is longer than [`PACKED_CAPACITY`].
    pub(super) fn new(id: &str) -> Option<Self> {
        let length = u8::try_from(id.len()).ok()?;
        let mut bytes = [0u8; PACKED_CAPACITY + 1];
        let (text, tail) = bytes.split_at_mut(PACKED_CAPACITY);
        text.get_mut(..id.len())?.copy_from_slice(id.as_bytes());
        if let [last] = tail {
            *last = length;
        }
        Some(PackedId(bytes))
    }

    /// The id as text.
    pub(super) fn as_str(&self) -> &str {
        let (text, tail) = self.0.split_at(PACKED_CAPACITY);
        let length = tail.first().map_or(0, |length| usize::from(*length));
        // The bytes were copied from a `str` and cut at its length, so they
        // are valid UTF-8; the fallback is never taken.
        text.get(..length)
            .and_then(|text| std::str::from_utf8(text).ok())
            .unwrap_or_default()
    }
}

impl Hash for PackedId {
    /// As two 64-bit words.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let words = u128::from_le_bytes(self.0);
        state.write_u64(words as u64);
        state.write_u64((words >> 64) as u64);
    }
}

/// The ordinal of each id seen, in order of first sight.
#[derive(Clone, Default)]
pub(super) struct IdTable {
    packed: FastHashMap<PackedId, u32>,
    long: FastHashMap<Box<str>, u32>,
    count: u32,
}

impl IdTable {
    /// A table with room for `ids` ids before it grows.
    pub(super) fn with_capacity(ids: usize) -> Self {
        let mut packed = FastHashMap::default();
        packed.reserve(ids);
        IdTable {
            packed,
            ..IdTable::default()
        }
    }

    /// The ordinal of `id` and whether it is new (the next ordinal, `len()`
    /// before the call). Refused only past `u32::MAX` ids, which a store
    /// cannot hold (it indexes its events with 32 bits).
    pub(super) fn number(&mut self, id: &str) -> Result<(u32, bool), StoreError> {
        let next = self.count;
        let slot = match PackedId::new(id) {
            Some(packed) => self.packed.entry(packed).or_insert(next),
            None => match self.long.get(id) {
                Some(known) => return Ok((*known, false)),
                None => self.long.entry(Box::from(id)).or_insert(next),
            },
        };
        if *slot != next {
            return Ok((*slot, false));
        }
        self.count = next.checked_add(1).ok_or(StoreError::StoreFull)?;
        Ok((next, true))
    }

    /// The ordinal of `id`, if it was numbered.
    pub(super) fn get(&self, id: &str) -> Option<u32> {
        match PackedId::new(id) {
            Some(packed) => self.packed.get(&packed).copied(),
            None => self.long.get(id).copied(),
        }
    }

    /// Every id with its ordinal, in no particular order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        let packed = self.packed.iter().map(|(id, n)| (id.as_str(), *n));
        packed.chain(self.long.iter().map(|(id, n)| (&**id, *n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_numbered_in_order_of_first_sight_whatever_their_length() {
        let long = "x".repeat(PACKED_CAPACITY + 1);
        let ids = ["42", "", "é€", long.as_str(), "x", "42", long.as_str()];
        let mut table = IdTable::with_capacity(2);
        let numbers: Vec<(u32, bool)> = ids.iter().map(|id| table.number(id).unwrap()).collect();
        assert_eq!(
            numbers,
            [
                (0, true),
                (1, true),
                (2, true),
                (3, true),
                (4, true),
                (0, false),
                (3, false)
            ]
        );
        assert_eq!(table.iter().count(), 5);
        assert_eq!(table.get(&long), Some(3));
        assert_eq!(table.get("4"), None);
        let mut named: Vec<(&str, u32)> = table.iter().collect();
        named.sort_by_key(|(_, n)| *n);
        assert_eq!(named, [("42", 0), ("", 1), ("é€", 2), (&long, 3), ("x", 4)]);
    }

    #[test]
    fn packed_ids_keep_their_length_so_a_prefix_is_another_id() {
        let fifteen = "y".repeat(PACKED_CAPACITY);
        for id in ["", "a", "ab", fifteen.as_str()] {
            assert_eq!(
                PackedId::new(id).map(|p| p.as_str().to_owned()),
                Some(id.to_owned())
            );
        }
        assert!(PackedId::new("a") != PackedId::new("a\u{0}"));
        assert!(PackedId::new(&"y".repeat(PACKED_CAPACITY + 1)).is_none());
    }
}
