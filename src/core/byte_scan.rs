//! Looking through bytes eight at a time: the word tricks shared by the
//! quick JSON field scan (`store/data/scan.rs`) and the replay's reader of
//! the usual fact shape (`process/replay/usual.rs`).
//!
//! A *flagger* maps a little-endian word to a word with the high bit set in
//! each byte it flags; it must be exact for the lowest flagged byte (the
//! carry tricks below may only flag false bytes above a true one).

/// Every byte of a word set to `byte`.
pub(crate) const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The high bit of each byte of `word` that may be zero (exact for the
/// lowest one).
#[inline(always)]
pub(crate) fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(splat(0x01)) & !word & splat(0x80)
}

/// The high bit of each byte of `word` that may equal `byte` (exact for
/// the lowest one).
#[inline(always)]
pub(crate) fn bytes_equal(word: u64, byte: u8) -> u64 {
    zero_bytes(word ^ splat(byte))
}

/// The index of the first byte of `bytes` that `flags` flags.
///
/// Whole words first; the last few bytes are read as one more word padded
/// with zero bytes above them. Flags may fall on the padding (a zero byte
/// may look special), and only above the text, so they are masked off: the
/// lowest flag in the text stays exact.
#[inline(always)]
pub(crate) fn first_flagged(bytes: &[u8], flags: impl Fn(u64) -> u64) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let hits = flags(u64::from_le_bytes(word));
        if hits != 0 {
            return Some(offset + (hits.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    let rest = words.remainder();
    if rest.is_empty() {
        return None;
    }
    // Gathered byte by byte (a copy of a few bytes would call `memcpy`);
    // the remainder of `chunks_exact(8)` is shorter than 8 bytes.
    let word = rest
        .iter()
        .rev()
        .fold(0u64, |word, &byte| (word << 8) | u64::from(byte));
    // The high bits of the bytes that hold text (1 to 7 of them).
    let text_bytes = u64::MAX >> (8 * (8 - rest.len()));
    let hits = flags(word) & text_bytes;
    (hits != 0).then(|| offset + (hits.trailing_zeros() / 8) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_flagged_byte_is_found_in_a_word_and_in_the_tail() {
        let quote = |word| bytes_equal(word, b'"');
        let zero = |word| zero_bytes(word);
        for text in [
            "",
            "\"",
            "abc\"",
            "abcdefgh\"",
            "abcdefghij\"k\"",
            "abcdefghi\"",
            "abcdefghijklmno\"",
            "no quote at all!",
        ] {
            assert_eq!(
                first_flagged(text.as_bytes(), quote),
                text.find('"'),
                "{text}"
            );
            // The zero padding of the last word is never reported.
            assert_eq!(first_flagged(text.as_bytes(), zero), None, "{text}");
        }
    }
}
