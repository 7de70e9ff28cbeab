//! The quick path of [`EventData::text_object`](super::EventData::text_object):
//! a flat object of string fields written straight into a string of the
//! right size, exactly as serde_json's compact writer would write it.
//!
//! A string with nothing to escape (no `"`, no `\`, no control character)
//! is copied as it is; any other string is written by serde_json, so the
//! escapes are serde_json's own.

use crate::core::byte_scan::{bytes_equal, first_flagged, splat};

/// Whether serde_json writes `text` between quotes unchanged: no control
/// character, quote or backslash (looked for eight bytes at a time).
fn is_plain(text: &str) -> bool {
    let flags = |word: u64| {
        // Bytes below 0x20 (a byte of 0x80 or more never borrows).
        let control = word.wrapping_sub(splat(0x20)) & !word & splat(0x80);
        control | bytes_equal(word, b'"') | bytes_equal(word, b'\\')
    };
    first_flagged(text.as_bytes(), flags).is_none()
}

/// Appends `text` as a JSON string.
fn push_string(out: &mut String, text: &str) {
    if is_plain(text) {
        out.push_str(text);
    } else {
        // serde_json's text of a `str` starts and ends with a quote, which
        // the caller writes. Writing a `str` cannot fail (serde_json fails
        // only on I/O errors or on map keys and numbers a `str` does not
        // have).
        let quoted = serde_json::to_string(text).unwrap_or_default();
        out.push_str(
            quoted
                .get(1..quoted.len().saturating_sub(1))
                .unwrap_or_default(),
        );
    }
}

/// The name of a field of a flat object, known when the program is built to
/// need no escaping: [`FieldName::new`] refuses a quote, a backslash or a
/// control character, and in a `const` a refusal stops the build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldName(&'static str);

impl FieldName {
    /// The name, checked (use it to define a constant).
    pub const fn new(name: &'static str) -> Self {
        let mut rest = name.as_bytes();
        while let [byte, tail @ ..] = rest {
            assert!(
                *byte >= 0x20 && *byte != b'"' && *byte != b'\\',
                "a field name must need no escaping"
            );
            rest = tail;
        }
        FieldName(name)
    }
}

/// `{"name":"value",...}` for `fields` in order. Inlined, so that with
/// constant names every piece but the values is a copy of known length.
#[inline(always)]
pub(super) fn text_object(fields: &[(FieldName, &str)]) -> String {
    // Four quotes and a colon a field, a comma between two fields, and the
    // braces: exactly the length of a text without escapes, so that turning
    // it into the stored box does not copy it again (escapes make it
    // longer; the string then grows).
    let size = fields
        .iter()
        .map(|(name, value)| name.0.len() + value.len() + 5)
        .sum::<usize>()
        + fields.len().saturating_sub(1)
        + 2;
    let mut out = String::with_capacity(size);
    // Pieces are written with `push_str` only: each a copy, no character
    // encoding. Names need no escaping (see `FieldName`).
    let mut separator = "{\"";
    for (name, value) in fields {
        out.push_str(separator);
        out.push_str(name.0);
        out.push_str("\":\"");
        push_string(&mut out, value);
        separator = "\",\"";
    }
    out.push_str(if fields.is_empty() { "{}" } else { "\"}" });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER_ID: FieldName = FieldName::new("order_id");
    const MENU_ID: FieldName = FieldName::new("menu_id");
    const A: FieldName = FieldName::new("a");
    const B: FieldName = FieldName::new("b");
    const C: FieldName = FieldName::new("c");

    #[test]
    #[should_panic(expected = "a field name must need no escaping")]
    fn a_field_name_that_needs_escaping_is_refused() {
        let name = String::from("quote\"d");
        FieldName::new(name.leak());
    }

    #[test]
    fn the_text_is_what_serde_json_writes_for_plain_and_escaped_strings() {
        let values = [
            "42",
            "",
            "vegan menu",
            "a\"b",
            "back\\slash",
            "line\nbreak",
            "\u{1}",
            "é€",
        ];
        for order in values {
            for menu in values {
                let expected =
                    serde_json::json!({ "order_id": order, "menu_id": menu }).to_string();
                let written = text_object(&[(MENU_ID, menu), (ORDER_ID, order)]);
                assert_eq!(written, expected);
            }
        }
        assert_eq!(text_object(&[]), "{}");
    }

    #[test]
    fn a_text_without_escapes_fills_exactly_the_room_reserved_for_it() {
        for fields in [
            &[][..],
            &[(ORDER_ID, "42")][..],
            &[(ORDER_ID, "42"), (MENU_ID, "vegan")][..],
            &[(A, ""), (B, "x"), (C, "yz")][..],
        ] {
            let written = text_object(fields);
            assert_eq!(written.len(), written.capacity(), "{written}");
        }
    }

    #[test]
    fn a_special_byte_anywhere_in_a_long_string_is_seen() {
        let plain = "abcdefghijklmnopqrstuvwxyz0123456789 é€";
        assert!(is_plain(plain));
        for special in ['"', '\\', '\n', '\u{1f}'] {
            for place in 0..=plain.len() {
                if plain.is_char_boundary(place) {
                    let mut text = plain.to_owned();
                    text.insert(place, special);
                    assert!(!is_plain(&text), "{text:?}");
                }
            }
        }
    }
}
