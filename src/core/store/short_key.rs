//! A map key for short names (stream names, order ids) kept inside the map's
//! own slot instead of behind a pointer.
//!
//! A `HashMap<String, _>` compares a probed key by following the `String`'s
//! pointer to its bytes: one more random memory read per lookup, on maps of
//! hundreds of thousands of keys. Names of up to [`INLINE_CAPACITY`] bytes
//! (`Order$12345`, `42`) are stored in the slot itself; longer ones on the
//! heap. It hashes, compares and borrows exactly like a `str`, so maps keyed
//! by it are looked up with a `&str`.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Names up to this many bytes are stored inline.
pub const INLINE_CAPACITY: usize = 22;

#[derive(Clone)]
enum Repr {
    Inline {
        len: u8,
        bytes: [u8; INLINE_CAPACITY],
    },
    Heap(Box<str>),
}

/// A short string key; see the module documentation.
#[derive(Clone)]
pub struct ShortKey(Repr);

impl ShortKey {
    /// The key for `text`.
    pub fn new(text: &str) -> Self {
        let mut bytes = [0u8; INLINE_CAPACITY];
        match (bytes.get_mut(..text.len()), u8::try_from(text.len())) {
            (Some(slot), Ok(len)) => {
                slot.copy_from_slice(text.as_bytes());
                ShortKey(Repr::Inline { len, bytes })
            }
            _ => ShortKey(Repr::Heap(text.into())),
        }
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // The bytes were copied from a `str` and cut at its length, so
            // they are valid UTF-8; the fallback is never taken.
            Repr::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|text| std::str::from_utf8(text).ok())
                .unwrap_or_default(),
            Repr::Heap(text) => text,
        }
    }

    /// Whether the key holds exactly `text` (bytes compared, nothing
    /// checked again).
    pub fn is(&self, text: &str) -> bool {
        self.as_bytes() == text.as_bytes()
    }

    /// The key's bytes (UTF-8), without checking them again: comparing
    /// and hashing need only the bytes.
    fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => bytes.get(..usize::from(*len)).unwrap_or_default(),
            Repr::Heap(text) => text.as_bytes(),
        }
    }
}

impl From<&str> for ShortKey {
    fn from(text: &str) -> Self {
        ShortKey::new(text)
    }
}

impl From<String> for ShortKey {
    fn from(text: String) -> Self {
        if text.len() <= INLINE_CAPACITY {
            ShortKey::new(&text)
        } else {
            ShortKey(Repr::Heap(text.into_boxed_str()))
        }
    }
}

impl Borrow<str> for ShortKey {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for ShortKey {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for ShortKey {}

impl PartialOrd for ShortKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ShortKey {
    /// Orders like the `str` it holds (`str` order is byte order).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl Hash for ShortKey {
    /// Hashes like the `str` it holds, as `Borrow<str>` requires: a `str`
    /// hashes as its bytes followed by `0xff` (`Hasher::write_str`).
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(self.as_bytes());
        state.write_u8(0xff);
    }
}

impl Deref for ShortKey {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for ShortKey {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for ShortKey {
    fn eq(&self, other: &str) -> bool {
        self.is(other)
    }
}

impl PartialEq<&str> for ShortKey {
    fn eq(&self, other: &&str) -> bool {
        self.is(other)
    }
}

impl PartialEq<String> for ShortKey {
    fn eq(&self, other: &String) -> bool {
        self.is(other)
    }
}

impl PartialEq<ShortKey> for &str {
    fn eq(&self, other: &ShortKey) -> bool {
        other.is(self)
    }
}

impl PartialEq<ShortKey> for String {
    fn eq(&self, other: &ShortKey) -> bool {
        other.is(self)
    }
}

impl From<ShortKey> for String {
    fn from(key: ShortKey) -> Self {
        key.as_str().to_owned()
    }
}

impl fmt::Display for ShortKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ShortKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ShortKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(ShortKey::from)
    }
}

impl fmt::Debug for ShortKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::store::FastHashMap;

    #[test]
    fn short_and_long_keys_read_back_and_are_found_by_str() {
        let long = "x".repeat(INLINE_CAPACITY + 1);
        let names = ["", "42", "Order$12345", "é€ unicode", long.as_str()];
        let mut map = FastHashMap::default();
        for (index, name) in names.iter().enumerate() {
            assert_eq!(ShortKey::new(name).as_str(), *name);
            assert_eq!(ShortKey::from(name.to_string()).as_str(), *name);
            map.insert(ShortKey::new(name), index);
        }
        for (index, name) in names.iter().enumerate() {
            assert_eq!(map.get(*name), Some(&index));
        }
        assert_eq!(map.get("Order$1234"), None);
    }

    #[test]
    fn a_key_hashes_and_orders_exactly_like_its_str() {
        use std::hash::BuildHasher;
        let hashing = std::collections::hash_map::RandomState::new();
        let long = "y".repeat(INLINE_CAPACITY + 3);
        let names = ["", "a", "42", "Order$12345", "é€", long.as_str()];
        for name in names {
            let key = ShortKey::new(name);
            assert_eq!(hashing.hash_one(&key), hashing.hash_one(name), "{name}");
            for other in names {
                assert_eq!(key.cmp(&ShortKey::new(other)), name.cmp(other));
                assert_eq!(key == ShortKey::new(other), name == other);
            }
        }
    }
}
