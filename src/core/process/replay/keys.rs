//! Order ids as 16-byte keys: hashed as two words and compared as two
//! words, with no pointer to follow.
//!
//! An id of up to [`PACKED_CAPACITY`] bytes (nearly all of them) is packed
//! with its length. A longer id is numbered by [`LongIds`] and its key holds
//! that number, marked by a length byte no packed id has. Either way two
//! keys are equal exactly when their ids are.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use crate::core::store::{FastHashMap, StoreError};

/// Ids up to this many bytes are packed; the 16th byte holds the length.
pub(super) const PACKED_CAPACITY: usize = 15;

/// The length byte of a key holding a long id's number.
const LONG_MARK: u8 = u8::MAX;

/// An order id as a key; see the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct OrderKey([u8; PACKED_CAPACITY + 1]);

impl OrderKey {
    /// `id` packed; `None` if it is longer than [`PACKED_CAPACITY`].
    #[inline(always)]
    pub(super) fn packed(id: &str) -> Option<Self> {
        let length = u8::try_from(id.len())
            .ok()
            .filter(|length| usize::from(*length) <= PACKED_CAPACITY)?;
        let packed = little_endian(id.as_bytes())? | u128::from(length) << 120;
        Some(OrderKey(packed.to_le_bytes()))
    }

    /// The key of the id at `id` in `text` (a byte range on character
    /// boundaries), packed from one 16-byte load of the text around it
    /// when there is room; `None` if it is longer than [`PACKED_CAPACITY`].
    #[inline(always)]
    pub(super) fn packed_within(text: &str, id: Range<usize>) -> Option<Self> {
        let length = id.len();
        if length > PACKED_CAPACITY {
            return None;
        }
        let bytes = text.as_bytes();
        let window = |range: Range<usize>| -> Option<u128> {
            Some(u128::from_le_bytes(bytes.get(range)?.try_into().ok()?))
        };
        let value = if let Some(after) = window(id.start..id.start + 16) {
            // The id's bytes and what follows: keep the id's.
            after & ((1u128 << (8 * length)) - 1)
        } else if let Some(before) = id
            .end
            .checked_sub(16)
            .and_then(|start| window(start..id.end))
        {
            // What precedes and the id's bytes: shift the id's down.
            before.checked_shr(8 * (16 - length) as u32).unwrap_or(0)
        } else {
            return Self::packed(text.get(id)?);
        };
        Some(OrderKey((value | (length as u128) << 120).to_le_bytes()))
    }

    /// The key of the long id numbered `number`.
    fn long(number: u32) -> Self {
        let mut bytes = [0u8; PACKED_CAPACITY + 1];
        let (text, tail) = bytes.split_at_mut(PACKED_CAPACITY);
        if let Some(slot) = text.get_mut(..4) {
            slot.copy_from_slice(&number.to_le_bytes());
        }
        if let [last] = tail {
            *last = LONG_MARK;
        }
        OrderKey(bytes)
    }

    /// The packed id, or the long id's number.
    fn unpack(&self) -> Result<&str, u32> {
        let (text, tail) = self.0.split_at(PACKED_CAPACITY);
        let mark = tail.first().copied().unwrap_or_default();
        if mark == LONG_MARK {
            let mut number = [0u8; 4];
            if let Some(digits) = text.get(..4) {
                number.copy_from_slice(digits);
            }
            return Err(u32::from_le_bytes(number));
        }
        // The bytes were copied from a `str` and cut at its length, so they
        // are valid UTF-8; the fallback is never taken.
        Ok(text
            .get(..usize::from(mark))
            .and_then(|text| std::str::from_utf8(text).ok())
            .unwrap_or_default())
    }
}

impl OrderKey {
    /// A quick hash of the key: the two words mixed by multiplications,
    /// whose top bits depend on every bit of the key (the low bits do not
    /// mix: use the top ones).
    #[inline(always)]
    pub(super) fn spread(&self) -> u64 {
        let words = u128::from_le_bytes(self.0);
        let (low, high) = (words as u64, (words >> 64) as u64);
        (low ^ high.wrapping_mul(0xc2b2_ae3d_27d4_eb4f)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

impl Hash for OrderKey {
    /// As two 64-bit words.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let words = u128::from_le_bytes(self.0);
        state.write_u64(words as u64);
        state.write_u64((words >> 64) as u64);
    }
}

/// Up to 16 bytes as a little-endian number (the rest zero), read with
/// at most two overlapping loads rather than a byte-by-byte copy.
#[inline(always)]
fn little_endian(bytes: &[u8]) -> Option<u128> {
    let length = bytes.len();
    let word = |range: &[u8]| -> Option<u128> {
        match range.len() {
            8 => Some(u128::from(u64::from_le_bytes(range.try_into().ok()?))),
            4 => Some(u128::from(u32::from_le_bytes(range.try_into().ok()?))),
            _ => range.first().map(|byte| u128::from(*byte)),
        }
    };
    // The lower piece holds the first bytes, the upper one the last bytes,
    // shifted to their place; where they overlap they hold the same bytes.
    let piece = match length {
        0 => return Some(0),
        1..4 => 1,
        4..8 => 4,
        8..=16 => 8,
        _ => return None,
    };
    let low = word(bytes.get(..piece)?)?;
    let high = word(bytes.get(length - piece..)?)?;
    let mut value = low | high << (8 * (length - piece));
    if piece == 1 {
        // One to three bytes: the middle one too.
        value |= word(bytes.get(length / 2..)?.get(..1)?)? << (8 * (length / 2));
    }
    Some(value)
}

/// The ids too long to pack, numbered in order of first sight, and the
/// way from an id to its key and back.
#[derive(Default)]
pub(super) struct LongIds {
    numbers: FastHashMap<Box<str>, u32>,
    ids: Vec<Box<str>>,
}

impl LongIds {
    /// The key of `id`, numbering it if it is long and new. Refused only
    /// past `u32::MAX` long ids, more events than a store holds.
    #[inline(always)]
    pub(super) fn key(&mut self, id: &str) -> Result<OrderKey, StoreError> {
        match OrderKey::packed(id) {
            Some(key) => Ok(key),
            None => self.long_key(id),
        }
    }

    /// The key of the id at `id` in `text` (see [`OrderKey::packed_within`]),
    /// numbering it if it is long and new.
    #[inline(always)]
    pub(super) fn key_within(
        &mut self,
        text: &str,
        id: Range<usize>,
    ) -> Result<OrderKey, StoreError> {
        match OrderKey::packed_within(text, id.clone()) {
            Some(key) => Ok(key),
            None => self.long_key(text.get(id).unwrap_or_default()),
        }
    }

    /// The key of a long id.
    #[cold]
    fn long_key(&mut self, id: &str) -> Result<OrderKey, StoreError> {
        if let Some(number) = self.numbers.get(id) {
            return Ok(OrderKey::long(*number));
        }
        let number = u32::try_from(self.ids.len()).map_err(|_| StoreError::StoreFull)?;
        self.numbers.insert(Box::from(id), number);
        self.ids.push(Box::from(id));
        Ok(OrderKey::long(number))
    }

    /// The key of `id` if it has one (short, or long and seen).
    pub(super) fn find(&self, id: &str) -> Option<OrderKey> {
        match OrderKey::packed(id) {
            Some(key) => Some(key),
            None => self.numbers.get(id).map(|number| OrderKey::long(*number)),
        }
    }

    /// The id of `key`.
    pub(super) fn id<'a>(&'a self, key: &'a OrderKey) -> &'a str {
        match key.unpack() {
            Ok(id) => id,
            // Long keys are only made by `key` from this table's numbers;
            // the empty fallback is never taken.
            Err(number) => usize::try_from(number)
                .ok()
                .and_then(|number| self.ids.get(number))
                .map_or("", |id| id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_byte_strings_read_as_the_same_little_endian_number_as_a_plain_copy() {
        let bytes: Vec<u8> = (1..=17).collect();
        for length in 0..=17 {
            let slice = &bytes[..length];
            let mut copy = [0u8; 16];
            let expected = (length <= 16).then(|| {
                copy[..length].copy_from_slice(slice);
                u128::from_le_bytes(copy)
            });
            assert_eq!(little_endian(slice), expected, "{length}");
        }
    }

    #[test]
    fn an_id_packs_the_same_whatever_text_surrounds_it() {
        for text in [
            "x",
            "ab",
            "0123456789abcde",
            "0123456789abcdef",
            "{\"a\":\"0123\"}",
        ] {
            for start in 0..=text.len() {
                for end in start..=text.len() {
                    let id = &text[start..end];
                    assert_eq!(
                        OrderKey::packed_within(text, start..end),
                        OrderKey::packed(id),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_id_gets_its_own_key_and_reads_back_whatever_its_length() {
        let fifteen = "y".repeat(PACKED_CAPACITY);
        let long = "x".repeat(PACKED_CAPACITY + 1);
        let other_long = "x".repeat(PACKED_CAPACITY + 2);
        let ids = ["", "a", "a\u{0}", "é€", &fifteen, &long, &other_long];
        let mut table = LongIds::default();
        let keys: Vec<OrderKey> = ids.iter().map(|id| table.key(id).unwrap()).collect();
        for (n, (id, key)) in ids.iter().zip(&keys).enumerate() {
            assert_eq!(table.id(key), *id);
            assert_eq!(table.find(id), Some(*key));
            assert_eq!(table.key(id).unwrap(), *key);
            assert!(keys.iter().skip(n + 1).all(|other| other != key), "{id:?}");
        }
        assert!(table.find(&"z".repeat(40)).is_none());
    }
}
