//! The quick path for the usual data of a fact, exactly as the typed
//! catering events write it: `{"order_id":"42","menu_id":"vegan"}`, both
//! ids plain printable ASCII.
//!
//! One pass over the text checks the shape, finds both ids and checks
//! them. Anything else (another key order, other
//! fields, escapes, spaces, other characters) gets `None` and goes to the
//! general path ([`EventData::text_field_pair`] and [`canonical_id`]),
//! which reads the same ids from this shape.
//!
//! [`EventData::text_field_pair`]: crate::core::store::EventData::text_field_pair
//! [`canonical_id`]: crate::core::domain::typed_ids::canonical_id

use std::ops::Range;

use crate::core::domain::MAX_ID_LENGTH;

/// What comes before the order id.
const OPENING: &[u8] = b"{\"order_id\":\"";
/// What comes between the two ids.
const BETWEEN: &[u8] = b"\",\"menu_id\":\"";
/// What comes after the menu id.
const CLOSING: &[u8] = b"\"}";

/// Where the order id and the menu id are in `text`, if it has the usual
/// shape and both are ids as they stand: 1 to [`MAX_ID_LENGTH`] printable
/// ASCII characters other than space, quote and backslash (nothing to
/// trim or unescape, one byte per character, no control character).
#[inline(always)]
pub(super) fn usual_ids(text: &[u8]) -> Option<(Range<usize>, Range<usize>)> {
    if !text.starts_with(OPENING) {
        return None;
    }
    let order_start = OPENING.len();
    let order_end = order_start + plain_run(text.get(order_start..)?);
    let menu_start = order_end + BETWEEN.len();
    if text.get(order_end..menu_start)? != BETWEEN {
        return None;
    }
    let menu_end = menu_start + plain_run(text.get(menu_start..)?);
    if text.get(menu_end..)? != CLOSING {
        return None;
    }
    let lengths = 1..=MAX_ID_LENGTH;
    let both_ids =
        lengths.contains(&(order_end - order_start)) && lengths.contains(&(menu_end - menu_start));
    both_ids.then_some((order_start..order_end, menu_start..menu_end))
}

/// How many bytes at the start of `bytes` are plain id bytes: printable
/// ASCII other than space, quote and backslash.
#[inline(always)]
fn plain_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|byte| byte.is_ascii_graphic() && **byte != b'"' && **byte != b'\\')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn only_the_usual_shape_with_plain_ids_takes_the_quick_path() {
        let text = br#"{"order_id":"42","menu_id":"vegan"}"#;
        assert_eq!(usual_ids(text), Some((13..15, 28..33)));
        for other in [
            &br#"{"menu_id":"vegan","order_id":"42"}"#[..],
            br#"{"order_id":"4 2","menu_id":"vegan"}"#,
            br#"{"order_id":"","menu_id":"vegan"}"#,
            br#"{"order_id":"42","menu_id":"ve\"gan"}"#,
            br#"{"order_id":"42","menu_id":"vegan","x":"1"}"#,
            br#"{"order_id":"42","menu_id":"vegan"} "#,
            "{\"order_id\":\"4\u{e9}\",\"menu_id\":\"vegan\"}".as_bytes(),
        ] {
            assert_eq!(usual_ids(other), None, "{}", String::from_utf8_lossy(other));
        }
        let longest = format!(
            r#"{{"order_id":"{}","menu_id":"a"}}"#,
            "1".repeat(MAX_ID_LENGTH)
        );
        assert!(usual_ids(longest.as_bytes()).is_some());
        let too_long = format!(
            r#"{{"order_id":"{}","menu_id":"a"}}"#,
            "1".repeat(MAX_ID_LENGTH + 1)
        );
        assert_eq!(usual_ids(too_long.as_bytes()), None);
    }
}
