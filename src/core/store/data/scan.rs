//! The quick path of [`EventData::text_fields`](super::EventData::text_fields):
//! string fields read straight from the compact JSON text serde_json writes
//! (`{"order_id":"42","menu_id":"vegan"}`), without a parser.
//!
//! It answers only for a flat object of plain strings (no escape, no space,
//! no other value) and gives up (`None`) on anything else, which the full
//! parser then reads. A repeated key keeps its last value, as there.
//!
//! [`exact_pair`] checks the whole shape of a typed event of two string
//! fields at once, and the closing quote of a string is looked for eight
//! bytes at a time.

use crate::core::byte_scan::{bytes_equal, first_flagged};

/// The values of the fields `names`, borrowed from `text`; `None` if the
/// text is not a flat object of plain strings.
pub(super) fn flat_text_fields<'t, const N: usize>(
    text: &'t str,
    names: [&str; N],
) -> Option<[Option<&'t str>; N]> {
    let mut found: [Option<&'t str>; N] = [None; N];
    let mut rest = text.strip_prefix('{')?;
    if rest == "}" {
        return Some(found);
    }
    loop {
        let (key, after_key) = plain_string(rest)?;
        let (value, after_value) = plain_string(after_key.strip_prefix(':')?)?;
        if let Some(slot) = names
            .iter()
            .position(|name| *name == key)
            .and_then(|index| found.get_mut(index))
        {
            *slot = Some(value);
        }
        if after_value == "}" {
            return Some(found);
        }
        rest = after_value.strip_prefix(',')?;
    }
}

/// The values of the fields `first` and `second` if `text` is exactly
/// `{"first":"…","second":"…"}` with plain strings, as a typed event of
/// those two fields writes it; `None` for anything else (and for a name
/// asked twice, whose second place the parser leaves empty). Inlined, so
/// that the names, usually literals, are compared as constants.
#[inline]
pub(super) fn exact_pair<'t>(
    text: &'t str,
    first: &str,
    second: &str,
) -> Option<(&'t str, &'t str)> {
    let (key, rest) = plain_string(text.strip_prefix('{')?)?;
    if key != first {
        return None;
    }
    let (first_value, rest) = plain_string(rest.strip_prefix(':')?)?;
    let (key, rest) = plain_string(rest.strip_prefix(',')?)?;
    if key != second || first == second {
        return None;
    }
    let (second_value, rest) = plain_string(rest.strip_prefix(':')?)?;
    (rest == "}").then_some((first_value, second_value))
}

/// A JSON string at the start of `text` holding no escape: its content and
/// what follows it.
#[inline]
fn plain_string(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_prefix('"')?;
    let end = quote_or_backslash(body.as_bytes())?;
    // Both bytes are ASCII, so `end` starts a character.
    let (content, rest) = body.split_at_checked(end)?;
    // A backslash starts an escape: leave it to the full parser.
    Some((content, rest.strip_prefix('"')?))
}

/// The index of the first `"` or `\` in `bytes`, eight bytes at a time.
#[inline]
fn quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    first_flagged(bytes, |word| {
        bytes_equal(word, b'"') | bytes_equal(word, b'\\')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn the_word_search_finds_the_first_quote_or_backslash(text in "[a-z\"\\\\\u{e9}\u{80}-\u{ff}]{0,40}") {
            let expected = text.bytes().position(|byte| byte == b'"' || byte == b'\\');
            prop_assert_eq!(quote_or_backslash(text.as_bytes()), expected);
        }
    }

    #[test]
    fn keys_in_any_order_or_asked_twice_are_read_as_the_parser_reads_them() {
        let text = r#"{"b":"2","a":"1","c":"3","a":"4"}"#;
        assert_eq!(
            flat_text_fields(text, ["a", "b", "x"]),
            Some([Some("4"), Some("2"), None])
        );
        assert_eq!(flat_text_fields(text, ["b", "b"]), Some([Some("2"), None]));
        assert_eq!(flat_text_fields(r#"{"ab":"1"}"#, ["a"]), Some([None]));
        assert_eq!(flat_text_fields(r#"{"a":1}"#, ["a"]), None);
    }

    #[test]
    fn a_name_holding_a_quote_never_matches_across_keys() {
        let text = r#"{"a":"x","b":"y"}"#;
        assert_eq!(flat_text_fields(text, [r#"a":"x","b"#]), Some([None]));
        assert_eq!(exact_pair(text, r#"a":"x","b"#, "c"), None);
    }

    #[test]
    fn the_exact_pair_answers_only_for_exactly_two_fields_in_the_order_asked() {
        let text = r#"{"a":"x","b":"y"}"#;
        assert_eq!(exact_pair(text, "a", "b"), Some(("x", "y")));
        assert_eq!(exact_pair(text, "b", "a"), None);
        assert_eq!(exact_pair(text, "a", "a"), None);
        assert_eq!(exact_pair(r#"{"a":"x","a":"y"}"#, "a", "a"), None);
        assert_eq!(exact_pair(r#"{"a":"x","b":"y","c":"z"}"#, "a", "b"), None);
        assert_eq!(exact_pair(r#"{"a":"x","b":"y\"z"}"#, "a", "b"), None);
    }
}
