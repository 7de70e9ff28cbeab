#![cfg(not(target_arch = "wasm32"))]
//! Event data: written by serde_json, read field by field or whole.

use std::borrow::Cow;

use es_playground::core::store::{EventData, FieldName};
use serde::Serialize;
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
fn a_text_object_is_what_serde_json_writes_for_the_same_map() {
    const ORDER_ID: FieldName = FieldName::new("order_id");
    const MENU_ID: FieldName = FieldName::new("menu_id");
    let values = [
        "42",
        "",
        "a\"b",
        "back\\slash",
        "line\nbreak",
        "\u{1}",
        "é€",
    ];
    for order in values {
        for menu in values {
            let expected = serde_json::json!({ "order_id": order, "menu_id": menu });
            let written = EventData::text_object(&[(MENU_ID, menu), (ORDER_ID, order)]);
            assert_eq!(written.as_json(), expected.to_string());
        }
    }
    assert_eq!(EventData::text_object(&[]).as_json(), "{}");
}

#[test]
fn data_that_is_not_an_object_has_no_fields() {
    for value in [json!(null), json!([1, "a"]), json!("order_id"), json!(7)] {
        assert_eq!(EventData::from(value).text_fields(["order_id"]), [None]);
    }
}

#[test]
fn nested_values_are_skipped_and_never_taken_for_text() {
    let data = EventData::from(json!({"a": {"order_id": "1"}, "order_id": ["2"]}));
    assert_eq!(data.text_fields(["order_id"]), [None]);
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
