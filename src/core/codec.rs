//! Base64url (RFC 4648 §5, no padding): how a session travels inside a
//! shareable URL. Decoding never panics and names the first bad character.
use std::fmt;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a base64url text could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A character outside `A-Z a-z 0-9 - _`, at this byte offset.
    InvalidCharacter { offset: usize, character: char },
    /// The length leaves a single dangling character, which encodes no byte.
    TruncatedInput { length: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidCharacter { offset, character } => write!(
                f,
                "the shared text has {character:?} at character {offset}, which is not base64url"
            ),
            Self::TruncatedInput { length } => write!(
                f,
                "the shared text is cut short ({length} characters cannot be base64url)"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Encodes bytes as base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let symbols = chunk.len() + 1;
        for k in 0..symbols {
            let index = (n >> (18 - 6 * k)) & 0x3f;
            // `index` is masked to 6 bits, so it is always inside the 64-entry alphabet.
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// Decodes base64url text (padding `=` at the end is tolerated).
pub fn decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return Err(DecodeError::TruncatedInput { length: text.len() });
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for (offset, character) in text.char_indices() {
        let value = sextet(character).ok_or(DecodeError::InvalidCharacter { offset, character })?;
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Ok(out)
}

fn sextet(c: char) -> Option<u8> {
    let v = match c {
        'A'..='Z' => c as u32 - 'A' as u32,
        'a'..='z' => c as u32 - 'a' as u32 + 26,
        '0'..='9' => c as u32 - '0' as u32 + 52,
        '-' => 62,
        '_' => 63,
        _ => return None,
    };
    u8::try_from(v).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors_encode_as_rfc_4648_says() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"f"), "Zg");
        assert_eq!(encode(b"fo"), "Zm8");
        assert_eq!(encode(b"foo"), "Zm9v");
        assert_eq!(encode(b"foob"), "Zm9vYg");
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn decoding_reverses_encoding_for_every_length() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        for len in 0..bytes.len() {
            assert_eq!(decode(&encode(&bytes[..len])), Ok(bytes[..len].to_vec()));
        }
    }

    #[test]
    fn a_character_outside_the_alphabet_is_refused_with_its_offset() {
        assert_eq!(
            decode("Zm9+"),
            Err(DecodeError::InvalidCharacter {
                offset: 3,
                character: '+'
            })
        );
    }

    #[test]
    fn a_single_dangling_character_is_refused() {
        assert_eq!(
            decode("Zm9vY"),
            Err(DecodeError::TruncatedInput { length: 5 })
        );
    }
}
