//! [`EventData`]: an event's business data, kept as compact JSON text.
//!
//! A parsed `serde_json::Value` object costs a tree node and a string per key
//! and value, about 600 bytes and half a dozen allocations for a two-field
//! event. The store keeps the text instead: one allocation of a few dozen
//! bytes, written once by serde_json (so it is always valid JSON) and read
//! by the few callers that need it, field by field or whole.
//!
//! Two texts can hold the same JSON with keys in another order (a typed
//! struct writes its fields in declaration order, a `Value` sorts them), so
//! equality compares the parsed values when the texts differ.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

mod scan;
mod write;

use scan::{exact_pair, flat_text_fields};
pub use write::FieldName;

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
        let mut text = Vec::with_capacity(64);
        serde_json::to_writer(&mut text, value)?;
        // serde_json writes UTF-8 only.
        String::from_utf8(text)
            .map(|text| EventData(text.into_boxed_str()))
            .map_err(de::Error::custom)
    }

    /// The data of a flat object of string fields, `{"name":"value",...}`
    /// with the fields in the given order: the same text serde_json writes
    /// for a struct of those fields, without going through serde.
    #[inline]
    pub fn text_object(fields: &[(FieldName, &str)]) -> Self {
        EventData(write::text_object(fields).into_boxed_str())
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
        if let Some(found) = flat_text_fields(&self.0, names) {
            return found.map(|value| value.map(Cow::Borrowed));
        }
        let mut deserializer = serde_json::Deserializer::from_str(&self.0);
        deserializer
            .deserialize_any(FieldsVisitor { names })
            .unwrap_or_else(|_| std::array::from_fn(|_| None))
    }

    /// The string fields `first` and `second`, exactly as
    /// [`EventData::text_fields`] reads them, answered quickest when the
    /// data is just those two plain strings in that order (as a typed event
    /// of two string fields writes it). Inlined, so that literal names are
    /// compared as constants.
    #[inline]
    pub fn text_field_pair(&self, first: &str, second: &str) -> [Option<Cow<'_, str>>; 2] {
        match exact_pair(&self.0, first, second) {
            Some((first, second)) => [Some(Cow::Borrowed(first)), Some(Cow::Borrowed(second))],
            None => self.text_fields([first, second]),
        }
    }

    /// The value of the string field `name` of a top-level object.
    pub fn text_field(&self, name: &str) -> Option<Cow<'_, str>> {
        let [value] = self.text_fields([name]);
        value
    }
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
        while let Some(key) = map.next_key::<TextPiece<'de>>()? {
            let wanted = self.names.iter().position(|name| *name == key.0.as_ref());
            match wanted.and_then(|index| found.get_mut(index)) {
                Some(slot) => *slot = map.next_value::<MaybeText<'de>>()?.0,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }

    // Anything but an object has none of the fields.
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(std::array::from_fn(|_| None))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(std::array::from_fn(|_| None))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(std::array::from_fn(|_| None))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(std::array::from_fn(|_| None))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(std::array::from_fn(|_| None))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(std::array::from_fn(|_| None))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(std::array::from_fn(|_| None))
    }
}

/// A string, borrowed from the text when it has no escapes.
struct TextPiece<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for TextPiece<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextPieceVisitor)
    }
}

struct TextPieceVisitor;

impl<'de> Visitor<'de> for TextPieceVisitor {
    type Value = TextPiece<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(TextPiece(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(TextPiece(Cow::Owned(text.to_owned())))
    }
}

/// A field value: `Some` text for a string, `None` for any other JSON.
struct MaybeText<'de>(Option<Cow<'de, str>>);

impl<'de> Deserialize<'de> for MaybeText<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MaybeTextVisitor)
    }
}

struct MaybeTextVisitor;

impl<'de> Visitor<'de> for MaybeTextVisitor {
    type Value = MaybeText<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(MaybeText(Some(Cow::Borrowed(text))))
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(MaybeText(Some(Cow::Owned(text.to_owned()))))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(MaybeText(None))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(MaybeText(None))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(MaybeText(None))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(MaybeText(None))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(MaybeText(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(MaybeText(None))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(MaybeText(None))
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
    use serde_json::json;

    #[test]
    fn string_fields_are_read_in_one_pass_and_borrowed_without_escapes() {
        let data = EventData::from(json!({"order_id": "42", "menu_id": "ve\"gan", "n": 3}));
        let [order, menu, n, missing] = data.text_fields(["order_id", "menu_id", "n", "x"]);
        assert!(matches!(order, Some(Cow::Borrowed("42"))));
        assert_eq!(menu.as_deref(), Some("ve\"gan"));
        assert_eq!(n, None);
        assert_eq!(missing, None);
    }

    #[test]
    fn the_quick_path_and_the_full_parser_read_the_same_fields() {
        let texts = [
            r#"{"order_id":"42","menu_id":"vegan"}"#,
            r#"{"order_id":"4\"2","menu_id":"vegan"}"#,
            r#"{"order_id":"1","order_id":"2"}"#,
            r#"{"menu_id":"a","n":7,"order_id":"x"}"#,
            r#"{"order_id":"1","menu_id":{"a":"b"}}"#,
            r#"{}"#,
            r#"{ "order_id" : "1" }"#,
            r#"{"order_id":"1"} "#,
            r#"{"order_id":"é€"}"#,
        ];
        for text in texts {
            let data = EventData(Box::from(text));
            let fields = data.text_fields(["order_id", "menu_id"]);
            let mut parser = serde_json::Deserializer::from_str(text);
            let parsed = parser
                .deserialize_any(FieldsVisitor {
                    names: ["order_id", "menu_id"],
                })
                .unwrap();
            assert_eq!(fields, parsed, "{text}");
        }
    }

    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// The full parser's answer.
        fn parsed<'t>(text: &'t str, names: [&str; 2]) -> [Option<Cow<'t, str>>; 2] {
            let mut parser = serde_json::Deserializer::from_str(text);
            parser.deserialize_any(FieldsVisitor { names }).unwrap()
        }

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
            fn the_quick_paths_read_any_flat_object_as_the_full_parser_does(
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
                let expected = parsed(&text, [first, second]);
                prop_assert_eq!(&data.text_fields([first, second]), &expected, "{}", text);
                prop_assert_eq!(&data.text_field_pair(first, second), &expected, "{}", text);
            }
        }
    }

    #[test]
    fn data_that_is_not_an_object_has_no_fields() {
        for value in [json!(null), json!([1, "a"]), json!("order_id"), json!(7)] {
            assert_eq!(EventData::from(value).text_field("order_id"), None);
        }
    }

    #[test]
    fn nested_values_are_skipped_and_never_taken_for_text() {
        let data = EventData::from(json!({"a": {"order_id": "1"}, "order_id": ["2"]}));
        assert_eq!(data.text_field("order_id"), None);
    }

    #[test]
    fn the_same_json_with_keys_in_another_order_is_equal() {
        #[derive(Serialize)]
        struct Typed<'a> {
            order_id: &'a str,
            menu_id: &'a str,
        }
        let typed = EventData::of(&Typed {
            order_id: "1",
            menu_id: "a",
        })
        .unwrap();
        let value = EventData::from(json!({"menu_id": "a", "order_id": "1"}));
        assert_ne!(typed.as_json(), value.as_json());
        assert_eq!(typed, value);
        assert_ne!(
            typed,
            EventData::from(json!({"menu_id": "b", "order_id": "1"}))
        );
    }

    #[test]
    fn parsing_keeps_valid_json_compact_and_refuses_the_rest() {
        assert_eq!(
            EventData::parse("{ \"a\" : 1 }").unwrap().as_json(),
            "{\"a\":1}"
        );
        assert!(EventData::parse("{\"a\":").is_err());
    }
}
