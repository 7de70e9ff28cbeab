//! [`EventData`]: an event's business data, kept as compact JSON text.
//!
//! A parsed `serde_json::Value` object costs a tree node and a string per key
//! and value, about 600 bytes and half a dozen allocations for a two-field
//! event. The store keeps the text instead: one allocation of a few dozen
//! bytes, written once by serde_json (so it is always valid JSON) and read
//! by the few callers that need it, field by field (through serde, strings
//! borrowed from the text) or whole.
//!
//! Two texts can hold the same JSON with keys in another order (a typed
//! struct writes its fields in declaration order, a `Value` sorts them), so
//! equality compares the parsed values when the texts differ.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// The name of a field of a flat object of text fields (see
/// [`EventData::text_object`]), usually a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldName(&'static str);

impl FieldName {
    /// The name (use it to define a constant).
    pub const fn new(name: &'static str) -> Self {
        FieldName(name)
    }
}

/// A flat object of text fields, written by serde_json as a map.
struct TextObject<'a>(&'a [(FieldName, &'a str)]);

impl Serialize for TextObject<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, value)| (name.0, value)))
    }
}

/// Valid JSON text, the data of one event.
#[derive(Clone)]
pub struct EventData(Box<str>);

impl EventData {
    /// The data `{}`.
    pub fn empty_object() -> Self {
        EventData(Box::from("{}"))
    }

    /// The data of a serializable value (a typed event, a struct of
    /// borrowed fields, ...).
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Result<Self, serde_json::Error> {
        EventData::written(value, 64)
    }

    /// `value` as written by serde_json into room for `size` bytes (room
    /// that fits the text exactly is kept as it is, not copied again).
    fn written<T: Serialize + ?Sized>(value: &T, size: usize) -> Result<Self, serde_json::Error> {
        let mut text = Vec::with_capacity(size);
        serde_json::to_writer(&mut text, value)?;
        // serde_json writes UTF-8 only.
        String::from_utf8(text)
            .map(|text| EventData(text.into_boxed_str()))
            .map_err(de::Error::custom)
    }

    /// The data of a flat object of string fields, `{"name":"value",...}`
    /// with the fields in the given order: the same text serde_json writes
    /// for a struct of those fields.
    pub fn text_object(fields: &[(FieldName, &str)]) -> Self {
        // The text's length when nothing needs escaping: the braces, and
        // four quotes, a colon and a comma (one too many) a field.
        let size = fields
            .iter()
            .map(|(name, value)| name.0.len() + value.len() + 6)
            .sum::<usize>()
            + 1;
        // Writing strings cannot fail; the fallback is never taken.
        EventData::written(&TextObject(fields), size.max(2))
            .unwrap_or_else(|_| EventData::empty_object())
    }

    /// The data of a JSON value.
    pub fn from_value(value: &Value) -> Self {
        // Writing a `Value` cannot fail: its keys are strings and it holds
        // no non-finite numbers; the fallback is never taken.
        EventData::of(value).unwrap_or_else(|_| EventData(Box::from("null")))
    }

    /// Checks `text` is JSON and keeps it in compact form.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        let value: Value = serde_json::from_str(text)?;
        Ok(EventData::from_value(&value))
    }

    /// The JSON text.
    pub fn as_json(&self) -> &str {
        &self.0
    }

    /// The data as a JSON value (parsed on each call).
    pub fn to_value(&self) -> Value {
        // The text was written by serde_json, so it parses; `Null` is only
        // a guard.
        serde_json::from_str(&self.0).unwrap_or(Value::Null)
    }

    /// The data as a typed value.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(&self.0)
    }

    /// The values of the string fields `names` of a top-level object, read
    /// in one pass without building the object; `None` for a field that is
    /// missing or not a string (and for all of them if the data is not an
    /// object). Borrowed from the text unless the string holds escapes.
    pub fn text_fields<const N: usize>(&self, names: [&str; N]) -> [Option<Cow<'_, str>>; N] {
        let mut deserializer = serde_json::Deserializer::from_str(&self.0);
        // Anything but an object is refused by the parser: no fields.
        deserializer
            .deserialize_map(FieldsVisitor { names })
            .unwrap_or_else(|_| std::array::from_fn(|_| None))
    }

    /// The string fields `first` and `second`, as
    /// [`EventData::text_fields`] reads them. The text a typed event of
    /// those two fields writes, `{"first":"…","second":"…"}` with nothing
    /// escaped, is answered by finding its four quotes (a third of the
    /// parser's cost on the live path); anything else goes to the parser.
    #[inline]
    pub fn text_field_pair(&self, first: &str, second: &str) -> [Option<Cow<'_, str>>; 2] {
        match usual_pair(&self.0, first, second) {
            Some((first, second)) => [Some(Cow::Borrowed(first)), Some(Cow::Borrowed(second))],
            None => self.text_fields([first, second]),
        }
    }
}

/// The values in `text` if it is exactly `{"first":"…","second":"…"}`,
/// both values free of quotes and backslashes (and so are the names, or a
/// name could reach across a key).
#[inline]
fn usual_pair<'t>(text: &'t str, first: &str, second: &str) -> Option<(&'t str, &'t str)> {
    let plain = |name: &str| !name.bytes().any(|byte| byte == b'"' || byte == b'\\');
    if !(plain(first) && plain(second)) {
        return None;
    }
    let rest = text.strip_prefix("{\"")?.strip_prefix(first)?;
    let (first_value, rest) = plain_value(rest.strip_prefix("\":\"")?)?;
    let rest = rest.strip_prefix(",\"")?.strip_prefix(second)?;
    let (second_value, rest) = plain_value(rest.strip_prefix("\":\"")?)?;
    (rest == "}" && first != second).then_some((first_value, second_value))
}

/// The text before the first quote of `text` (none if a backslash comes
/// first) and what follows that quote.
#[inline]
fn plain_value(text: &str) -> Option<(&str, &str)> {
    let end = memchr::memchr2(b'"', b'\\', text.as_bytes())?;
    // Both bytes are ASCII, so `end` starts a character.
    let (value, rest) = text.split_at_checked(end)?;
    Some((value, rest.strip_prefix('"')?))
}

/// Picks the wanted string fields out of an object while it is parsed.
struct FieldsVisitor<'n, const N: usize> {
    names: [&'n str; N],
}

impl<'de, const N: usize> Visitor<'de> for FieldsVisitor<'_, N> {
    type Value = [Option<Cow<'de, str>>; N];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found: Self::Value = std::array::from_fn(|_| None);
        while let Some(wanted) = map.next_key_seed(KeyPlace(&self.names))? {
            match wanted.and_then(|index| found.get_mut(index)) {
                Some(slot) => *slot = map.next_value::<MaybeText<'de>>()?.text(),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }
}

/// Reads a key and answers its place among the wanted names, without
/// copying it.
struct KeyPlace<'n, const N: usize>(&'n [&'n str; N]);

impl<'de, const N: usize> DeserializeSeed<'de> for KeyPlace<'_, N> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, const N: usize> Visitor<'de> for KeyPlace<'_, N> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|name| *name == key))
    }
}

/// A field value: text for a string, nothing for any other JSON.
#[derive(Deserialize)]
#[serde(untagged)]
enum MaybeText<'a> {
    Text(#[serde(borrow)] Cow<'a, str>),
    Other(IgnoredAny),
}

impl<'a> MaybeText<'a> {
    fn text(self) -> Option<Cow<'a, str>> {
        match self {
            MaybeText::Text(text) => Some(text),
            MaybeText::Other(_) => None,
        }
    }
}

impl From<Value> for EventData {
    fn from(value: Value) -> Self {
        EventData::from_value(&value)
    }
}

impl From<&Value> for EventData {
    fn from(value: &Value) -> Self {
        EventData::from_value(value)
    }
}

impl PartialEq for EventData {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0 || self.to_value() == other.to_value()
    }
}

impl PartialEq<Value> for EventData {
    fn eq(&self, other: &Value) -> bool {
        self.to_value() == *other
    }
}

impl fmt::Debug for EventData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for EventData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for EventData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for EventData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(|value| EventData::from_value(&value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_fields_are_read_as_json_reads_them_whatever_the_layout() {
        let cases: [(&str, [Option<&str>; 2]); 7] = [
            (
                r#"{"order_id":"42","menu_id":"vegan"}"#,
                [Some("42"), Some("vegan")],
            ),
            (
                r#"{"order_id":"4\"2","menu_id":"vegan"}"#,
                [Some("4\"2"), Some("vegan")],
            ),
            (r#"{"order_id":"1","order_id":"2"}"#, [Some("2"), None]),
            (
                r#"{"menu_id":"a","n":7,"order_id":"x"}"#,
                [Some("x"), Some("a")],
            ),
            (r#"{"order_id":"1","menu_id":{"a":"b"}}"#, [Some("1"), None]),
            (r#"{ "order_id" : "1" }"#, [Some("1"), None]),
            (r#"{"order_id":"é€"}"#, [Some("é€"), None]),
        ];
        for (text, expected) in cases {
            let data = EventData(Box::from(text));
            let [order, menu] = data.text_field_pair("order_id", "menu_id");
            assert_eq!([order.as_deref(), menu.as_deref()], expected, "{text}");
        }
    }

    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A flat object of these fields, in this order, repeats included.
        fn object_text(fields: &[(&str, Value)]) -> String {
            let fields: Vec<String> = fields
                .iter()
                .map(|(key, value)| format!("{}:{value}", Value::from(*key)))
                .collect();
            format!("{{{}}}", fields.join(","))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2_000))]

            #[test]
            fn the_usual_pair_is_read_as_the_parser_reads_it(
                fields in prop::collection::vec(
                    (
                        prop::sample::select(vec!["a", "b", "ab", "a", "b"]),
                        prop_oneof![
                            3 => "[a-z]{0,3}".prop_map(Value::String),
                            1 => "[a-z\"\\\\ \u{e9}]{0,4}".prop_map(Value::String),
                            1 => any::<u8>().prop_map(Value::from),
                        ],
                    ),
                    0..4,
                ),
                first in prop::sample::select(vec!["a", "b", "x"]),
                second in prop::sample::select(vec!["a", "b", "x"]),
            ) {
                let text = object_text(&fields);
                let data = EventData(Box::from(text.as_str()));
                prop_assert_eq!(
                    data.text_field_pair(first, second),
                    data.text_fields([first, second]),
                    "{}",
                    text
                );
            }
        }
    }

    #[test]
    fn a_name_holding_a_quote_never_matches_across_keys() {
        let data = EventData(Box::from(r#"{"a":"x","b":"y","c":"z"}"#));
        let [first, second] = data.text_field_pair(r#"a":"x","b"#, "c");
        assert_eq!([first.as_deref(), second.as_deref()], [None, Some("z")]);
    }
}
