//! [`PlaceIndex`]: a hash index of places (indexes into a vector kept
//! elsewhere) that holds no keys.
//!
//! Each entry is a place and 32 bits of its key's hash: a lookup compares
//! those bits first and asks the caller to confirm a match against its own
//! vector; growing the table rehashes from the entries alone, without
//! reading the keys (each such read is a cache miss on a large store). A
//! map holding the keys themselves takes three to four times the memory.

use std::fmt;

use hashbrown::HashTable;

use super::fast_hash;

/// Places of type `P` by the hash of their keys; see the module
/// documentation.
#[derive(Clone, Default)]
pub struct PlaceIndex<P> {
    table: HashTable<(u32, P)>,
}

/// Shown by what it holds, sorted: two indexes of the same places print
/// alike, whatever room was made in either.
impl<P: Ord + fmt::Debug> fmt::Debug for PlaceIndex<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut entries: Vec<&(u32, P)> = self.table.iter().collect();
        entries.sort_unstable();
        f.debug_struct("PlaceIndex")
            .field("table", &entries)
            .finish()
    }
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

    /// Makes room for `more` places, so that adding them never pauses to
    /// grow the table.
    pub fn reserve(&mut self, more: usize) {
        let rehash = |&(tag, _): &(u32, P)| fast_hash(&tag);
        self.table.reserve(more, rehash);
    }

    /// Adds `place` for a key whose hash is `hash` and that is not there.
    pub fn insert(&mut self, hash: u64, place: P) {
        let (tag, hash) = tagged(hash);
        let rehash = |&(tag, _): &(u32, P)| fast_hash(&tag);
        self.table.insert_unique(hash, (tag, place), rehash);
    }
}
