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

/// The index of the first byte of `bytes` that `flags` flags in its word
/// (whole words) or `is_flagged` says yes to (the last few bytes).
#[inline(always)]
pub(crate) fn first_flagged(
    bytes: &[u8],
    flags: impl Fn(u64) -> u64,
    is_flagged: impl Fn(u8) -> bool,
) -> Option<usize> {
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
    let found = words
        .remainder()
        .iter()
        .position(|byte| is_flagged(*byte))?;
    Some(offset + found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_flagged_byte_is_found_in_a_word_and_in_the_tail() {
        let quote = |word| bytes_equal(word, b'"');
        let is_quote = |byte| byte == b'"';
        for text in [
            "",
            "\"",
            "abc\"",
            "abcdefgh\"",
            "abcdefghij\"k\"",
            "no quote at all!",
        ] {
            assert_eq!(
                first_flagged(text.as_bytes(), quote, is_quote),
                text.find('"'),
                "{text}"
            );
        }
    }
}
