#![cfg(not(target_arch = "wasm32"))]
//! Events: typed domain events to and from type name plus JSON, and the
//! metadata kept with each event.

mod store_support;

use es_playground::core::ids::{EventId, IdGenerator, Timestamp};
use es_playground::core::store::{
    DomainEvent, DomainEventError, EventData, ExpectedVersion, Metadata, NewEvent, StreamVersion,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use store_support::{SALES, store_with_contexts};

/// The caterer says it can deliver the menu.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CatererConfirmedMenu {
    order_id: u64,
    menu_id: u64,
}

impl DomainEvent for CatererConfirmedMenu {
    const TYPE: &'static str = "CatererConfirmedMenu";

    fn to_data(&self) -> EventData {
        json!({ "order_id": self.order_id, "menu_id": self.menu_id }).into()
    }

    fn from_data(data: &EventData) -> Result<Self, DomainEventError> {
        data.decode()
            .map_err(DomainEventError::invalid_data::<Self>)
    }
}

/// The customer accepts the menu.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CustomerConfirmedMenu {
    order_id: u64,
    menu_id: u64,
}

impl DomainEvent for CustomerConfirmedMenu {
    const TYPE: &'static str = "CustomerConfirmedMenu";

    fn to_data(&self) -> EventData {
        json!({ "order_id": self.order_id, "menu_id": self.menu_id }).into()
    }

    fn from_data(data: &EventData) -> Result<Self, DomainEventError> {
        data.decode()
            .map_err(DomainEventError::invalid_data::<Self>)
    }
}

#[test]
fn a_typed_domain_event_is_stored_as_its_type_name_and_json_and_read_back() {
    // Given a caterer confirmation as a Rust value
    let mut store = store_with_contexts();
    let confirmed = CatererConfirmedMenu {
        order_id: 42,
        menu_id: 7,
    };
    let id = IdGenerator::seeded(1).next_id();
    // When it is appended
    let event = NewEvent::from_domain(id, &confirmed, Metadata::at(Timestamp(5)));
    store
        .append(SALES, "Order$42", ExpectedVersion::NoStream, vec![event])
        .unwrap();
    // Then it is stored under its type name with its data, and decodes back
    let stored = store.event(id).unwrap();
    assert_eq!(stored.event_type, "CatererConfirmedMenu");
    assert_eq!(stored.data, json!({ "order_id": 42, "menu_id": 7 }));
    assert_eq!(stored.decode::<CatererConfirmedMenu>(), Ok(confirmed));
}

#[test]
fn decoding_an_event_as_another_type_is_refused() {
    // Given a stored customer confirmation
    let mut store = store_with_contexts();
    let id = IdGenerator::seeded(2).next_id();
    let event = NewEvent::from_domain(
        id,
        &CustomerConfirmedMenu {
            order_id: 1,
            menu_id: 2,
        },
        Metadata::default(),
    );
    store
        .append(SALES, "Order$1", ExpectedVersion::Any, vec![event])
        .unwrap();
    // When it is decoded as a caterer confirmation
    let result = store.event(id).unwrap().decode::<CatererConfirmedMenu>();
    // Then the types are named
    let error = result.unwrap_err();
    assert_eq!(
        error.to_string(),
        "expected an event of type CatererConfirmedMenu, found CustomerConfirmedMenu"
    );
}

#[test]
fn decoding_data_of_the_wrong_shape_is_refused_with_the_reason() {
    // Given an event of the right type whose data lacks menu_id
    let mut store = store_with_contexts();
    let id = IdGenerator::seeded(3).next_id();
    let event = NewEvent::new(
        id,
        "CatererConfirmedMenu",
        json!({ "order_id": 1 }),
        Metadata::default(),
    );
    store
        .append(SALES, "Order$1", ExpectedVersion::Any, vec![event])
        .unwrap();
    // When it is decoded
    let error = store
        .event(id)
        .unwrap()
        .decode::<CatererConfirmedMenu>()
        .unwrap_err();
    // Then the error says which type and why
    let message = error.to_string();
    assert!(message.starts_with("the data of a CatererConfirmedMenu event is not valid: "));
    assert!(message.contains("menu_id"), "{message}");
}

#[test]
fn metadata_is_kept_with_the_event() {
    // Given an event caused by another, in a conversation
    let mut store = store_with_contexts();
    let mut ids = IdGenerator::seeded(4);
    let (correlation, causation, id): (EventId, EventId, EventId) =
        (ids.next_id(), ids.next_id(), ids.next_id());
    let metadata = Metadata {
        correlation_id: Some(correlation),
        causation_id: Some(causation),
        recorded_at: Timestamp(1_700_000_000_000),
    };
    // When it is appended and read back
    let event = NewEvent::new(id, "OrderConfirmed", json!({}), metadata.clone());
    store
        .append(SALES, "Order$1", ExpectedVersion::Any, vec![event])
        .unwrap();
    let read = store
        .read_stream_forward(SALES, "Order$1", StreamVersion(0), 1)
        .unwrap();
    // Then the metadata is unchanged
    assert_eq!(read[0].metadata, metadata);
}

proptest::proptest! {
    #[test]
    fn string_fields_read_from_event_data_are_the_json_values_strings(
        fields in proptest::collection::btree_map("[a-c_]{1,3}|order_id", proptest::prelude::any::<String>(), 0..4),
        number in proptest::option::of(0u32..9),
    ) {
        let mut object: serde_json::Map<String, serde_json::Value> =
            fields.into_iter().map(|(key, value)| (key, value.into())).collect();
        if let Some(number) = number {
            object.insert("b".to_owned(), number.into());
        }
        let value = serde_json::Value::Object(object);
        let data = EventData::from(&value);
        let [order, b] = data.text_fields(["order_id", "b"]);
        proptest::prop_assert_eq!(order.as_deref(), value.get("order_id").and_then(|v| v.as_str()));
        proptest::prop_assert_eq!(b.as_deref(), value.get("b").and_then(|v| v.as_str()));
    }
}
