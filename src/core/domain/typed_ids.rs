//! Ids typed by people: order, menu, conference and participant ids.
//!
//! They are short strings, and two ids that look the same on screen must be
//! the same id. Input is trimmed and must then be non-empty and free of
//! characters that are invisible, change the text's direction or pass for
//! a plain space ([`id_chars`](super::id_chars) says which; the refusal names
//! the character and its place). It is then normalised to Unicode NFC, so
//! `é` typed as one character or as `e` plus an accent is one id, and must
//! be at most [`MAX_ID_LENGTH`] characters long. Deserializing applies the
//! same rules, so an id read from a session file, a shared link or stored
//! JSON is as valid as one typed in. Ids are kept as [`ShortKey`]s: the
//! usual short ones inline, so copying an id allocates nothing.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};
use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
use unicode_normalization::{IsNormalized, is_nfc_quick};

use super::id_chars;
use crate::core::store::ShortKey;

/// The longest id accepted, in characters.
pub const MAX_ID_LENGTH: usize = 64;

/// Why a typed id was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdError {
    /// Nothing but spaces (or nothing at all) was given.
    Empty { kind: &'static str },
    /// Longer than [`MAX_ID_LENGTH`] characters after trimming.
    TooLong { kind: &'static str, length: usize },
    /// A control, invisible or look-alike character, at this place
    /// (counted in characters from 1, in the text as given).
    ForbiddenCharacter {
        kind: &'static str,
        character: char,
        position: usize,
    },
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Empty { kind } => write!(f, "the {kind} must not be empty"),
            IdError::TooLong { kind, length } => write!(
                f,
                "the {kind} is {length} characters long; at most {MAX_ID_LENGTH} are allowed"
            ),
            IdError::ForbiddenCharacter {
                kind,
                character,
                position,
            } => {
                write!(f, "the {kind} has U+{:04X}", u32::from(*character))?;
                if let Some(name) = id_chars::name(*character) {
                    write!(f, " {name}")?;
                }
                let why = id_chars::forbidden(*character).unwrap_or("a character");
                write!(
                    f,
                    " at character {position}: that is {why}, and ids that look alike must be \
                     the same id, so it is not allowed"
                )
            }
        }
    }
}

impl std::error::Error for IdError {}

/// `text` trimmed, if it is a valid id already in its canonical (NFC)
/// form: what [`OrderId::parse`] and the others would keep, without
/// copying it. Ids the playground stores were typed ids, so they are
/// canonical; a valid id in another normal form gives `None` here.
#[inline]
pub fn canonical_id(text: &str) -> Option<&str> {
    match checked("id", text).ok()? {
        Cow::Borrowed(id) => Some(id),
        Cow::Owned(_) => None,
    }
}

/// Trims `text` and checks it against the id rules.
fn validated(kind: &'static str, text: &str) -> Result<ShortKey, IdError> {
    checked(kind, text).map(|id| ShortKey::new(&id))
}

/// `text` trimmed, checked against the id rules and in NFC (inlined: the
/// replay's reader of ids calls it for every fact it reads in full).
#[inline]
fn checked<'a>(kind: &'static str, text: &'a str) -> Result<Cow<'a, str>, IdError> {
    // The usual id (`42`, `vegan`): printable ASCII with no space, so it is
    // its own trimmed form, free of refused characters, already NFC, one
    // character a byte. Checked in one pass; anything else takes the
    // general path.
    if (1..=MAX_ID_LENGTH).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_graphic()) {
        return Ok(Cow::Borrowed(text));
    }
    checked_in_full(kind, text)
}

/// [`checked`] for any text: trim, refuse characters, normalise, measure.
fn checked_in_full<'a>(kind: &'static str, text: &'a str) -> Result<Cow<'a, str>, IdError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(IdError::Empty { kind });
    }
    let skipped = text[..text.len() - text.trim_start().len()].chars().count();
    if let Some((index, character)) = trimmed
        .chars()
        .enumerate()
        .find(|(_, c)| id_chars::forbidden(*c).is_some())
    {
        return Err(IdError::ForbiddenCharacter {
            kind,
            character,
            position: skipped + index + 1,
        });
    }
    let id = match is_nfc_quick(trimmed.chars()) {
        IsNormalized::Yes => Cow::Borrowed(trimmed),
        _ => {
            let normal = nfc(trimmed);
            if normal == trimmed {
                Cow::Borrowed(trimmed)
            } else {
                Cow::Owned(normal)
            }
        }
    };
    let length = id.chars().count();
    if length > MAX_ID_LENGTH {
        return Err(IdError::TooLong { kind, length });
    }
    Ok(id)
}

/// `text` in Unicode Normalization Form C (UAX #15): full canonical
/// decomposition, canonical ordering, then canonical composition, from the
/// `unicode-normalization` crate's per-character functions. (Its `nfc()`
/// iterator would do the same, but also links the compatibility tables:
/// about 100 KB more in the page for nothing an id needs.)
fn nfc(text: &str) -> String {
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        decompose_canonical(c, |part| chars.push(part));
    }
    // Canonical ordering: within each run of non-starters, a stable sort
    // by combining class (runs are a few characters: insertion sort).
    for i in 1..chars.len() {
        let mut j = i;
        while j > 0 {
            let (before, here) = (chars[j - 1], chars[j]);
            let class = canonical_combining_class(here);
            if class != 0 && canonical_combining_class(before) > class {
                chars.swap(j - 1, j);
                j -= 1;
            } else {
                break;
            }
        }
    }
    // Canonical composition: each character joins the last starter unless
    // a character between them blocks it (a starter, or one of the same or
    // a higher combining class).
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut starter: Option<usize> = None;
    let mut last_class = 0u8;
    for c in chars {
        let class = canonical_combining_class(c);
        if let Some(at) = starter {
            let between = out.len() > at + 1;
            let blocked = between && (last_class == 0 || last_class >= class);
            if !blocked && let Some(composed) = out.get(at).and_then(|&s| compose(s, c)) {
                if let Some(slot) = out.get_mut(at) {
                    *slot = composed;
                }
                continue;
            }
        }
        if class == 0 {
            starter = Some(out.len());
        }
        last_class = class;
        out.push(c);
    }
    out.into_iter().collect()
}

/// Defines a validated string id type.
macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(ShortKey);

        impl $name {
            /// What this id is called in error messages.
            pub const KIND: &'static str = $kind;

            /// Trims and validates a typed id.
            pub fn parse(text: &str) -> Result<Self, IdError> {
                validated($kind, text).map($name)
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.0.as_str()
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;

            fn try_from(text: String) -> Result<Self, IdError> {
                validated($kind, &text).map($name)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.as_str().to_owned()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0.as_str() == other
            }
        }
    };
}

typed_id!(
    /// The id of a catering order, e.g. `42`.
    OrderId,
    "order id"
);
typed_id!(
    /// The id of a menu offered for an order, e.g. `vegetarian`.
    MenuId,
    "menu id"
);
typed_id!(
    /// The id of a conference, e.g. `rustconf`.
    ConferenceId,
    "conference id"
);
typed_id!(
    /// The id of a conference participant, e.g. `ada`.
    ParticipantId,
    "participant id"
);

#[cfg(test)]
mod tests {
    use super::*;
    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn the_quick_check_of_plain_ascii_agrees_with_the_full_rules(
            text in "[ -~\t\n\u{e9}\u{2003}]{0,70}",
        ) {
            prop_assert_eq!(checked("id", &text), checked_in_full("id", &text));
        }

        #[test]
        fn nfc_agrees_with_the_crates_own_normaliser(
            text in "(\\PC|[\u{300}-\u{36f}\u{1100}-\u{11ff}\u{ac00}-\u{ac40}\u{591}-\u{5c7}\u{f71}-\u{f84}]){0,24}",
        ) {
            use unicode_normalization::UnicodeNormalization;
            let expected: String = text.nfc().collect();
            prop_assert_eq!(nfc(&text), expected);
        }

        #[test]
        fn the_quick_check_agrees_with_the_full_rules_on_any_text(
            text in "(\\PC|\\s|[\\x00-\\x1f]){0,70}",
        ) {
            prop_assert_eq!(checked("id", &text), checked_in_full("id", &text));
        }
    }

    #[test]
    fn the_quick_check_agrees_with_the_full_rules_at_the_edges() {
        let longest = "a".repeat(MAX_ID_LENGTH);
        let too_long = "a".repeat(MAX_ID_LENGTH + 1);
        for text in [
            "", " ", "a b", " a", "\u{7f}", "~", "!", &longest, &too_long,
        ] {
            assert_eq!(checked("id", text), checked_in_full("id", text), "{text:?}");
        }
    }

    #[test]
    fn ids_at_the_length_limit_agree_on_both_paths() {
        for length in [MAX_ID_LENGTH, MAX_ID_LENGTH + 1] {
            let text = "7".repeat(length);
            assert_eq!(checked("id", &text), checked_in_full("id", &text));
        }
        assert!(checked("id", &"7".repeat(MAX_ID_LENGTH + 1)).is_err());
    }

    #[test]
    fn an_id_is_trimmed() {
        assert_eq!(
            OrderId::parse("  42 ").map(|id| id.to_string()),
            Ok("42".to_owned())
        );
    }

    #[test]
    fn a_blank_id_is_refused_with_a_clear_sentence() {
        let error = MenuId::parse("   ").unwrap_err();
        assert_eq!(error.to_string(), "the menu id must not be empty");
    }

    #[test]
    fn an_overlong_id_is_refused() {
        let text = "x".repeat(MAX_ID_LENGTH + 1);
        assert_eq!(
            OrderId::parse(&text),
            Err(IdError::TooLong {
                kind: "order id",
                length: MAX_ID_LENGTH + 1
            })
        );
        assert!(OrderId::parse(&"x".repeat(MAX_ID_LENGTH)).is_ok());
    }

    #[test]
    fn an_id_with_a_line_break_is_refused() {
        assert!(matches!(
            ParticipantId::parse("ada\nlovelace"),
            Err(IdError::ForbiddenCharacter {
                character: '\n',
                position: 4,
                ..
            })
        ));
    }

    #[test]
    fn deserializing_applies_the_same_rules() {
        let valid: Result<ConferenceId, _> = serde_json::from_str("\" rustconf \"");
        assert_eq!(
            valid.map(|id| id.to_string()).ok(),
            Some("rustconf".to_owned())
        );
        let blank: Result<ConferenceId, _> = serde_json::from_str("\"\"");
        assert!(blank.is_err());
    }
}
