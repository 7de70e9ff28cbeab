//! A small, fast, deterministic hasher for the store's maps.
//!
//! Event ids are random uuids already, and stream names are short, so the
//! default SipHash (built to resist crafted keys) costs more than it gives
//! here. This hasher mixes 64-bit words with a multiply-rotate step and ends
//! with a finalizer that spreads every input bit over the whole hash, so the
//! low bits the table uses for buckets stay well distributed.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// An odd constant with well-spread bits (the golden ratio in 64 bits).
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hasher; build it through [`FastHashMap`].
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHasher {
    state: u64,
}

impl FastHasher {
    fn add_word(&mut self, word: u64) {
        self.state = (self.state.rotate_left(23) ^ word).wrapping_mul(MULTIPLIER);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add_word(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            // `rest` is shorter than 8 bytes (the remainder of chunks of 8),
            // so the range is within `word`.
            word[..rest.len()].copy_from_slice(rest);
            self.add_word(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add_word(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add_word(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add_word(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add_word(n as u64);
    }

    fn finish(&self) -> u64 {
        // The finalizer of MurmurHash3 (fmix64).
        let mut hash = self.state;
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        hash ^ (hash >> 33)
    }
}

/// A `HashMap` using [`FastHasher`].
pub type FastHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// The [`FastHasher`] hash of one value (a `str` hashes as its bytes, so
/// a `String` or a [`super::ShortKey`] holding the same text hashes alike).
pub fn fast_hash<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::BuildHasher;
    BuildHasherDefault::<FastHasher>::default().hash_one(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash_of<T: Hash>(value: &T) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(value)
    }

    #[test]
    fn equal_keys_hash_equally_and_close_keys_differ_in_low_bits() {
        assert_eq!(hash_of(&"Order$42"), hash_of(&"Order$42"));
        let low_bits = |text: &str| hash_of(&text) & 0xff;
        let distinct: std::collections::HashSet<u64> =
            (0..64).map(|n| low_bits(&format!("Order${n}"))).collect();
        assert!(distinct.len() > 32, "only {} distinct", distinct.len());
    }
}
