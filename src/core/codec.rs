//! The bytes of a shared link: zlib-wrapped deflate (`miniz_oxide`), then
//! base64url without padding (the `base64` crate), so a session fits in a
//! URL fragment in as few characters as possible.
//!
//! Unpacking is bounded: the inflater never writes more than the limit it
//! is given, so a "zip bomb" (a few kilobytes that unpack to gigabytes) is
//! refused as too large after at most `limit` bytes, never allocated whole.
//! The zlib checksum (Adler-32) catches a damaged link that still inflates.
//! Every failure is a [`UnpackError`]; nothing here panics.
use std::fmt;

use base64::Engine;
use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_zlib_with_limit};

/// Deflate's strongest ordinary level: links are small and made on a click.
const LEVEL: u8 = 9;

/// base64url, RFC 4648 §5: writes no padding, reads with or without it. It
/// also accepts stray bits in the last character, so a link cut in the
/// middle of a character is reported by the inflater as cut short rather
/// than as a bad character.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Why a packed text could not be unpacked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnpackError {
    /// A character outside `A-Z a-z 0-9 - _` (its character offset).
    NotBase64 { offset: usize, character: char },
    /// The text ends before the compressed data does.
    Truncated,
    /// It would unpack to more than `limit` bytes.
    TooLarge { limit: usize },
    /// The compressed data is not a zlib stream, or its checksum is wrong.
    Damaged { reason: &'static str },
}

impl fmt::Display for UnpackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotBase64 { offset, character } => write!(
                f,
                "it has {character:?} at character {}, which a link's code never contains",
                offset + 1
            ),
            Self::Truncated => f.write_str("it ends before the session it holds does"),
            Self::TooLarge { limit } => {
                write!(f, "it unpacks to more than {} KB", limit / 1024)
            }
            Self::Damaged { reason } => f.write_str(reason),
        }
    }
}

impl std::error::Error for UnpackError {}

/// Compresses `bytes` and writes them as base64url.
pub fn pack(bytes: &[u8]) -> String {
    BASE64URL.encode(miniz_oxide::deflate::compress_to_vec_zlib(bytes, LEVEL))
}

/// Reads what [`pack`] wrote, refusing anything that would unpack to more
/// than `limit` bytes before holding more than `limit` bytes of it.
pub fn unpack(text: &str, limit: usize) -> Result<Vec<u8>, UnpackError> {
    let compressed = base64url_decode(text)?;
    decompress_to_vec_zlib_with_limit(&compressed, limit).map_err(|error| match error.status {
        TINFLStatus::HasMoreOutput => UnpackError::TooLarge { limit },
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
            UnpackError::Truncated
        }
        TINFLStatus::Adler32Mismatch => UnpackError::Damaged {
            reason: "its checksum does not match what it holds (some characters were changed)",
        },
        _ => UnpackError::Damaged {
            reason: "it is not compressed data this playground wrote",
        },
    })
}

/// Writes bytes as base64url without compressing them.
pub fn base64url_encode(bytes: &[u8]) -> String {
    BASE64URL.encode(bytes)
}

/// Reads base64url (padding tolerated); the first bad character is named.
/// A single dangling character (which holds no byte) is a cut-off text.
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, UnpackError> {
    if let Some((offset, character)) = text
        .trim_end_matches('=')
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(UnpackError::NotBase64 { offset, character });
    }
    BASE64URL.decode(text).map_err(|error| match error {
        base64::DecodeError::InvalidLength(_) => UnpackError::Truncated,
        _ => UnpackError::Damaged {
            reason: "its padding is misplaced",
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors_encode_as_rfc_4648_says() {
        assert_eq!(base64url_encode(b""), "");
        assert_eq!(base64url_encode(b"f"), "Zg");
        assert_eq!(base64url_encode(b"fo"), "Zm8");
        assert_eq!(base64url_encode(b"foo"), "Zm9v");
        assert_eq!(base64url_encode(b"foob"), "Zm9vYg");
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("Zm9vYg=="), Ok(b"foob".to_vec()));
    }

    #[test]
    fn unpacking_reverses_packing() {
        let text = "{\"actions\":[".to_owned() + &"{\"fire\":42},".repeat(300) + "]}";
        let packed = pack(text.as_bytes());
        assert!(packed.len() < text.len() / 5, "{} characters", packed.len());
        assert_eq!(unpack(&packed, 1 << 20), Ok(text.into_bytes()));
    }

    #[test]
    fn a_character_outside_the_alphabet_is_named_with_its_place() {
        assert_eq!(
            unpack("eJ+zz", 100),
            Err(UnpackError::NotBase64 {
                offset: 2,
                character: '+'
            })
        );
    }

    #[test]
    fn a_link_cut_anywhere_is_truncated() {
        let packed = pack(&[7u8; 5000]);
        for end in 1..packed.len() {
            assert_eq!(unpack(&packed[..end], 1 << 20), Err(UnpackError::Truncated));
        }
    }

    #[test]
    fn a_zip_bomb_is_refused_as_too_large() {
        // 64 MiB of zeros packs into a few dozen kilobytes.
        let bomb = pack(&vec![0u8; 64 << 20]);
        assert!(bomb.len() < 200_000, "{}", bomb.len());
        assert_eq!(
            unpack(&bomb, 4 << 20),
            Err(UnpackError::TooLarge { limit: 4 << 20 })
        );
    }

    #[test]
    fn a_changed_character_is_caught() {
        let packed = pack(b"{\"format\":\"es-playground/session\",\"version\":1}");
        let mut changed: Vec<char> = packed.chars().collect();
        let middle = changed.len() / 2;
        changed[middle] = if changed[middle] == 'A' { 'B' } else { 'A' };
        let changed: String = changed.into_iter().collect();
        assert!(matches!(
            unpack(&changed, 1 << 20),
            Err(UnpackError::Damaged { .. } | UnpackError::Truncated)
        ));
    }
}
