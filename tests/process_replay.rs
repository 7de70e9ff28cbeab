#![cfg(not(target_arch = "wasm32"))]
//! Rebuilding every order's state, with the fold the app runs for time
//! travel and the projection strategy (and the benchmark's replay phase
//! times): `state_as_of` each order at the logs' ends gives exactly the
//! states of a plain reference fold of the whole logs: the two logs merged
//! by the earliest head (written out here), each event's data parsed in
//! full by serde_json, its ids read by the typed ids' `parse`, and
//! `MatchState::record` (whose rules `process_declines.rs` and others prove)
//! into a map keyed by the order id.
//!
//! The stores are random and messy: unknown event types, data that is not
//! an object, fields missing, not strings, escaped, padded with spaces,
//! repeated, in any order, long ids, declines, several menus per order,
//! equal timestamps within and across the two contexts. As in the app, an
//! event whose data names an order is in that order's stream, and time
//! never goes back (the session's clock gives each event the next tick).

use std::collections::BTreeMap;

use es_playground::core::domain::{
    CATERING, CatererConfirmedMenu, CatererDeclinedMenu, CustomerConfirmedMenu, MenuId, OrderId,
    OrderMenuData, SALES,
};
use es_playground::core::ids::{EventId, Timestamp};
use es_playground::core::process::time_travel::state_as_of;
use es_playground::core::process::{CateringMatch, Cursors, MatchState, MatchStatus, MenuFact};
use es_playground::core::store::{
    DomainEvent, EventData, EventStore, ExpectedVersion, Metadata, NewEvent, Position,
    RecordedEvent, StoreError,
};
use proptest::prelude::*;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

/// The states the app's fold rebuilds, as of the logs' last positions, for
/// every order that has a stream (an order with nothing to fold is left out,
/// as the reference leaves it out).
fn rebuilt(store: &EventStore) -> Result<BTreeMap<String, MatchState>, StoreError> {
    let mut now = Cursors::new();
    let mut orders = std::collections::BTreeSet::new();
    for context in [SALES, CATERING] {
        now.insert(context.to_owned(), store.head_position(context)?);
        for stream in store.streams(context)? {
            if let Some(order) = stream.name.strip_prefix("Order$") {
                orders.insert(order.to_owned());
            }
        }
    }
    let mut states = BTreeMap::new();
    for order in orders {
        let state = state_as_of(&CateringMatch, store, &now, &order)?;
        if state != MatchState::default() {
            states.insert(order, state);
        }
    }
    Ok(states)
}

/// The two logs merged: of the two next events, the one recorded earliest;
/// of equal times, the one stored first (no two events share a stored rank).
fn merged<'a>(sales: &'a [RecordedEvent], catering: &'a [RecordedEvent]) -> Vec<&'a RecordedEvent> {
    let (mut s, mut c) = (sales.iter().peekable(), catering.iter().peekable());
    let mut events = Vec::new();
    loop {
        let take_sales = match (s.peek(), c.peek()) {
            (None, None) => return events,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => {
                (a.metadata.recorded_at, a.stored_rank) <= (b.metadata.recorded_at, b.stored_rank)
            }
        };
        events.extend(if take_sales { s.next() } else { c.next() });
    }
}

/// The reference: the obvious fold, with nothing clever in it.
fn reference_fold(store: &EventStore) -> Result<BTreeMap<String, MatchState>, StoreError> {
    let sales = store.read_log_forward(SALES, Position::START, usize::MAX)?;
    let catering = store.read_log_forward(CATERING, Position::START, usize::MAX)?;
    let mut states: BTreeMap<String, MatchState> = BTreeMap::new();
    for event in merged(sales, catering) {
        let Some(kind) = MenuFact::kind_of(&event.event_type) else {
            continue;
        };
        let data: Value = serde_json::from_str(event.data.as_json()).unwrap();
        let field = |name: &str| data.get(name).and_then(Value::as_str);
        let order = field("order_id").and_then(|id| OrderId::parse(id).ok());
        let menu = field("menu_id").and_then(|id| MenuId::parse(id).ok());
        if let (Some(order), Some(menu)) = (order, menu) {
            states
                .entry(order.as_str().to_owned())
                .or_default()
                .record(kind, &menu, event.id);
        }
    }
    Ok(states)
}

/// Fields written in exactly this order, repeats included (serde_json keeps
/// the last of a repeated key, as the replay must).
struct FieldsInOrder(Vec<(String, Value)>);

impl Serialize for FieldsInOrder {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Ids as people and programs write them: numbers below `numbers`, plain
/// words, padded (the same id once trimmed), escaped, non-ASCII, at and
/// around every inline length, too long, blank, with control characters.
fn id_text(numbers: u32) -> impl Strategy<Value = String> {
    let x = |n: usize| "x".repeat(n);
    prop_oneof![
        2 => (0..numbers).prop_map(|n| n.to_string()),
        2 => prop::sample::select(vec!["1", "2", "42", "vegan", "fish"]).prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            " 1".to_owned(), "1 ".to_owned(), "\u{a0}42\t".to_owned(), "a\"b".to_owned(),
            "a\\b".to_owned(), "é€".to_owned(), "naïve café".to_owned(), "\u{1F600}".to_owned(),
            x(15), x(16), x(17), x(22), x(23), format!("{}a", x(15)), format!("{}b", x(15)),
            format!("{}a", x(22)), format!("{}b", x(22)), x(64), x(65), "é".repeat(40),
            String::new(), "   ".to_owned(), "a\u{0}b".to_owned(), "1\n2".to_owned(),
        ]),
    ]
}

/// A field value: usually an id, sometimes something that is not a string.
fn field_value(numbers: u32) -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => id_text(numbers).prop_map(Value::String),
        1 => prop::sample::select(vec![json!(null), json!(42), json!(true), json!(["1"]), json!({"order_id": "1"})]),
    ]
}

/// Event data of every shape the store can hold.
fn event_data(numbers: u32) -> impl Strategy<Value = EventData> {
    let key = prop::sample::select(vec!["order_id", "menu_id", "order_id", "menu_id", "other"]);
    prop_oneof![
        // As the typed events write it: order_id first, compact.
        6 => (id_text(numbers), id_text(numbers)).prop_map(|(order, menu)| {
            OrderMenuData { order_id: &order, menu_id: &menu }.to_data()
        }),
        // As a `Value` writes it: keys sorted, any values, maybe missing.
        2 => prop::collection::btree_map(key.clone(), field_value(numbers), 0..4).prop_map(|fields| {
            let object: serde_json::Map<String, Value> =
                fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            EventData::from_value(&Value::Object(object))
        }),
        // Any order, repeated keys.
        2 => prop::collection::vec((key, field_value(numbers)), 0..5).prop_map(|fields| {
            let fields = fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            EventData::of(&FieldsInOrder(fields)).unwrap()
        }),
        // Not an object.
        1 => prop::sample::select(vec![json!(null), json!(7), json!("order_id"), json!([{"order_id": "1", "menu_id": "a"}])])
            .prop_map(|value| EventData::from_value(&value)),
    ]
}

/// One event to append: its context (Sales or Catering), type, stream,
/// time and data.
#[derive(Clone, Debug)]
struct Append {
    in_sales: bool,
    event_type: &'static str,
    stream: &'static str,
    at: u64,
    data: EventData,
}

/// An event whose numbered ids are below `numbers`.
fn append(numbers: u32) -> impl Strategy<Value = Append> {
    let types = prop::sample::select(vec![
        CustomerConfirmedMenu::TYPE,
        CatererConfirmedMenu::TYPE,
        CatererDeclinedMenu::TYPE,
        "OrderPlaced",
    ]);
    let streams = prop::sample::select(vec!["Order$1", "Order$2", "Menus"]);
    (any::<bool>(), types, streams, 0..6u64, event_data(numbers)).prop_map(
        |(in_sales, event_type, stream, at, data)| Append {
            in_sales,
            event_type,
            stream,
            at,
            data,
        },
    )
}

/// A store with the two contexts holding `appends`, in that order, as the
/// app would store them: an event whose data names an order in that
/// order's stream (else in `stream`), at the later of its time and the time
/// before it.
fn store_of(appends: &[Append]) -> EventStore {
    let mut store = EventStore::new();
    store.add_context(SALES).unwrap();
    store.add_context(CATERING).unwrap();
    let mut time = 0;
    for (n, event) in (1..).zip(appends) {
        let context = if event.in_sales { SALES } else { CATERING };
        time = event.at.max(time);
        let new_event = NewEvent::new(
            EventId::from_u128(n),
            event.event_type,
            event.data.clone(),
            Metadata::at(Timestamp(time)),
        );
        let data: Value = serde_json::from_str(event.data.as_json()).unwrap();
        let stream = match data
            .get("order_id")
            .and_then(Value::as_str)
            .map(OrderId::parse)
        {
            Some(Ok(order)) => format!("Order${}", order.as_str()),
            _ => event.stream.to_owned(),
        };
        store
            .append(context, &stream, ExpectedVersion::Any, vec![new_event])
            .unwrap();
    }
    store
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn rebuilding_from_messy_logs_gives_exactly_the_states_of_a_plain_fold(
        appends in prop::collection::vec(append(4), 0..48)
    ) {
        let store = store_of(&appends);
        prop_assert_eq!(rebuilt(&store).unwrap(), reference_fold(&store).unwrap());
    }
}

#[test]
fn equal_timestamps_across_contexts_are_handled_in_the_order_they_were_stored() {
    // Given both confirmations at the same time, the customer's (Sales)
    // stored first
    let data = OrderMenuData {
        order_id: "1",
        menu_id: "a",
    };
    let appends = [
        Append {
            in_sales: true,
            event_type: CustomerConfirmedMenu::TYPE,
            stream: "Order$1",
            at: 5,
            data: data.to_data(),
        },
        Append {
            in_sales: false,
            event_type: CatererConfirmedMenu::TYPE,
            stream: "Order$1",
            at: 5,
            data: data.to_data(),
        },
    ];
    // When the logs are folded
    let states = rebuilt(&store_of(&appends)).unwrap();
    // Then the caterer's confirmation, event 2, completed the match
    assert_eq!(states.len(), 1);
    assert_eq!(states["1"].completed_by(), Some(EventId::from_u128(2)));
}

#[test]
fn a_store_without_the_catering_contexts_cannot_be_rebuilt() {
    assert!(rebuilt(&EventStore::new()).is_err());
}

#[test]
fn rebuilding_follows_the_caterers_latest_answer_and_keeps_a_late_decline() {
    // Given order 1: the caterer confirms menu a, then declines it, then the
    // customer confirms it; and order 2: matched with menu a, then declined.
    let fact = |in_sales, event_type, order, at| Append {
        in_sales,
        event_type,
        stream: "Order$1",
        at,
        data: OrderMenuData {
            order_id: order,
            menu_id: "a",
        }
        .to_data(),
    };
    let appends = [
        fact(false, CatererConfirmedMenu::TYPE, "1", 1),
        fact(false, CatererDeclinedMenu::TYPE, "1", 2),
        fact(true, CustomerConfirmedMenu::TYPE, "1", 3),
        fact(true, CustomerConfirmedMenu::TYPE, "2", 4),
        fact(false, CatererConfirmedMenu::TYPE, "2", 5),
        fact(false, CatererDeclinedMenu::TYPE, "2", 6),
    ];
    // When the logs are folded
    let states = rebuilt(&store_of(&appends)).unwrap();
    // Then order 1 is declined (the decline withdrew the confirmation) and
    // order 2 stays matched, with event 6 kept as the late decline.
    assert_eq!(states["1"].status(), MatchStatus::Declined);
    assert_eq!(states["1"].late_decline(), None);
    assert!(matches!(states["2"].status(), MatchStatus::Matched(_)));
    assert_eq!(states["2"].completed_by(), Some(EventId::from_u128(5)));
    assert_eq!(states["2"].late_decline(), Some(EventId::from_u128(6)));
}
