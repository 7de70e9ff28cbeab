//! [`PlaceIndex`]: a hash index of places (indexes into a vector kept
//! elsewhere) that holds no keys.
//!
//! Each entry is a place and 32 bits of its key's hash: a lookup compares
//! those bits first and asks the caller to confirm a match against its own
//! vector; growing the table rehashes from the entries alone, without
//! reading the keys (each such read is a cache miss on a large store). A
//! map holding the keys themselves takes three to four times the memory.

use hashbrown::HashTable;

use super::fast_hash;

/// Places of type `P` by the hash of their keys; see the module
/// documentation.
#[derive(Clone, Debug, Default)]
pub struct PlaceIndex<P> {
    table: HashTable<(u32, P)>,
}

/// The 32 bits of `hash` an entry keeps, and the table's hash of them.
fn tagged(hash: u64) -> (u32, u64) {
    let tag = hash as u32; // Truncated on purpose: the low 32 bits.
    (tag, fast_hash(&tag))
}

impl<P: Copy> PlaceIndex<P> {
    /// Number of places.
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }

    /// The place of the key whose hash is `hash`; `is_key` confirms a
    /// place (it is asked only when 32 bits of the hash match).
    pub fn find(&self, hash: u64, is_key: impl Fn(P) -> bool) -> Option<P> {
        let (tag, hash) = tagged(hash);
        let is_place = |&(other, place): &(u32, P)| other == tag && is_key(place);
        self.table.find(hash, is_place).map(|&(_, place)| place)
    }

    /// Adds `place` for a key whose hash is `hash` and that is not there.
    pub fn insert(&mut self, hash: u64, place: P) {
        let (tag, hash) = tagged(hash);
        let rehash = |&(tag, _): &(u32, P)| fast_hash(&tag);
        self.table.insert_unique(hash, (tag, place), rehash);
    }
}
