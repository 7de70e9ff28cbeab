#![cfg(not(target_arch = "wasm32"))]
//! The lean replay gives exactly the states and counts of a plain reference
//! fold: the two logs merged by `HandlingOrder`, each event's data parsed in
//! full by serde_json, its ids checked by `canonical_id`, and
//! `MatchState::apply` into a `BTreeMap` keyed by the order id.
//!
//! The stores are random and messy: unknown event types, data that is not
//! an object, fields missing, not strings, escaped, padded with spaces,
//! repeated, in any order, ids longer than any inline buffer, declines,
//! several menus per order, equal timestamps across the two contexts and
//! timestamps that go back.

use std::collections::BTreeMap;

use es_playground::core::domain::typed_ids::canonical_id;
use es_playground::core::domain::{
    CATERING, CatererConfirmedMenu, CatererDeclinedMenu, CustomerConfirmedMenu, OrderMenuData,
    SALES,
};
use es_playground::core::ids::{EventId, Timestamp};
use es_playground::core::process::handling_order::HandlingOrder;
use es_playground::core::process::replay::{ReplaySummary, replay_orders, replay_summary};
use es_playground::core::process::{CatererAnswer, MatchState, MatchStatus, MenuFact};
use es_playground::core::store::{
    DomainEvent, EventData, EventStore, ExpectedVersion, Metadata, NewEvent, Position, StoreError,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

/// One order's state, in plain values: its menus (id, customer confirmed,
/// caterer's answer), the matched menu, the completing event, the status,
/// the decline that came too late.
type StateView = (
    Vec<(String, bool, CatererAnswer)>,
    Option<String>,
    Option<EventId>,
    String,
    Option<EventId>,
);

fn view<M: Clone + PartialEq>(state: &MatchState<M>, name: impl Fn(&M) -> String) -> StateView {
    let menus = state
        .menus()
        .map(|menu| (name(&menu.menu_id), menu.customer_confirmed, menu.caterer))
        .collect();
    let status = match state.status() {
        MatchStatus::Matched(menu) => format!("matched {}", name(&menu)),
        MatchStatus::Declined => "declined".to_owned(),
        MatchStatus::Pending => "pending".to_owned(),
    };
    (
        menus,
        state.matched().map(&name),
        state.completed_by(),
        status,
        state.late_decline(),
    )
}

/// The reference: the obvious fold, with nothing clever in it.
fn reference_fold(
    store: &EventStore,
) -> Result<(BTreeMap<String, StateView>, ReplaySummary), StoreError> {
    let sales = store.read_log_forward(SALES, Position::START, usize::MAX)?;
    let catering = store.read_log_forward(CATERING, Position::START, usize::MAX)?;
    let mut states: BTreeMap<String, MatchState<String>> = BTreeMap::new();
    let mut summary = ReplaySummary::default();
    for event in HandlingOrder::new([sales.iter(), catering.iter()]) {
        summary.events += 1;
        let Some(kind) = MenuFact::kind_of(&event.event_type) else {
            continue;
        };
        let data: Value = serde_json::from_str(event.data.as_json()).unwrap();
        let field = |name: &str| {
            data.get(name)
                .and_then(Value::as_str)
                .and_then(canonical_id)
                .map(str::to_owned)
        };
        match (field("order_id"), field("menu_id")) {
            (Some(order), Some(menu)) => states
                .entry(order)
                .or_default()
                .record(kind, &menu, event.id),
            _ => summary.unreadable += 1,
        }
    }
    summary.orders = states.len();
    for state in states.values() {
        match state.status() {
            MatchStatus::Matched(_) => summary.matched += 1,
            MatchStatus::Declined => summary.declined += 1,
            MatchStatus::Pending => summary.pending += 1,
        }
    }
    let views = states
        .iter()
        .map(|(order, state)| (order.clone(), view(state, String::clone)))
        .collect();
    Ok((views, summary))
}

/// The lean replay's answer in the same plain values.
fn lean_fold(
    store: &EventStore,
) -> Result<(BTreeMap<String, StateView>, ReplaySummary), StoreError> {
    let (orders, summary) = replay_orders(store)?;
    let views = orders
        .iter()
        .map(|(order, state)| {
            let state = view(state, |menu| orders.menu_id(*menu).to_owned());
            (order.to_owned(), state)
        })
        .collect();
    assert_eq!(orders.len(), summary.orders);
    Ok((views, summary))
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

/// A store with the two contexts holding `appends`, in that order.
fn store_of(appends: &[Append]) -> EventStore {
    let mut store = EventStore::new();
    store.add_context(SALES).unwrap();
    store.add_context(CATERING).unwrap();
    for (n, event) in (1..).zip(appends) {
        let context = if event.in_sales { SALES } else { CATERING };
        let new_event = NewEvent::new(
            EventId::from_u128(n),
            event.event_type,
            event.data.clone(),
            Metadata::at(Timestamp(event.at)),
        );
        store
            .append(context, event.stream, ExpectedVersion::Any, vec![new_event])
            .unwrap();
    }
    store
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_lean_replay_rebuilds_exactly_the_states_and_counts_of_a_plain_fold(
        appends in prop::collection::vec(append(4), 0..48)
    ) {
        check_against_the_plain_fold(&appends)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Thousands of events: the replay deals them into several partitions.
    #[test]
    fn a_large_messy_store_replays_exactly_as_the_plain_fold_folds_it(
        appends in prop::collection::vec(append(3_000), 2_048..6_000)
    ) {
        check_against_the_plain_fold(&appends)?;
    }
}

fn check_against_the_plain_fold(appends: &[Append]) -> Result<(), TestCaseError> {
    let store = store_of(appends);
    let expected = reference_fold(&store).unwrap();
    let lean = lean_fold(&store).unwrap();
    prop_assert_eq!(&lean.0, &expected.0);
    prop_assert_eq!(lean.1, expected.1);
    prop_assert_eq!(replay_summary(&store).unwrap(), expected.1);
    Ok(())
}

#[test]
fn equal_timestamps_across_contexts_are_handled_in_the_order_they_were_stored() {
    // Both at the same time: the customer's confirmation (Sales) was stored
    // first, so it is handled first, and the caterer's completes the match.
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
    let store = store_of(&appends);
    let (orders, summary) = replay_orders(&store).unwrap();
    assert_eq!(summary.matched, 1);
    assert_eq!(
        orders.get("1").unwrap().completed_by(),
        Some(EventId::from_u128(2))
    );
    assert_eq!(lean_fold(&store).unwrap(), reference_fold(&store).unwrap());
}

#[test]
fn a_store_without_the_catering_contexts_is_refused_by_both_folds() {
    let store = EventStore::new();
    assert!(replay_summary(&store).is_err());
    assert_eq!(lean_fold(&store), reference_fold(&store));
}

#[test]
fn the_replay_follows_the_caterers_latest_answer_and_keeps_a_late_decline() {
    // Given order 1: the caterer confirms menu a, then declines it, then the
    // customer confirms it; and order 2: matched with menu a, then declined.
    let fact = |in_sales, event_type, order| Append {
        in_sales,
        event_type,
        stream: "Order$1",
        at: 0,
        data: OrderMenuData {
            order_id: order,
            menu_id: "a",
        }
        .to_data(),
    };
    let appends = [
        fact(false, CatererConfirmedMenu::TYPE, "1"),
        fact(false, CatererDeclinedMenu::TYPE, "1"),
        fact(true, CustomerConfirmedMenu::TYPE, "1"),
        fact(true, CustomerConfirmedMenu::TYPE, "2"),
        fact(false, CatererConfirmedMenu::TYPE, "2"),
        fact(false, CatererDeclinedMenu::TYPE, "2"),
    ];
    let mut timed = appends.to_vec();
    for (at, append) in (1..).zip(&mut timed) {
        append.at = at;
    }
    // When the lean replay folds the logs.
    let store = store_of(&timed);
    let (orders, summary) = replay_orders(&store).unwrap();
    // Then order 1 is declined (the decline withdrew the confirmation) and
    // order 2 stays matched, with event 6 kept as the late decline.
    let one = orders.get("1").unwrap();
    assert_eq!(one.status(), MatchStatus::Declined);
    assert_eq!(one.late_decline(), None);
    let two = orders.get("2").unwrap();
    assert!(matches!(two.status(), MatchStatus::Matched(_)));
    assert_eq!(two.completed_by(), Some(EventId::from_u128(5)));
    assert_eq!(two.late_decline(), Some(EventId::from_u128(6)));
    assert_eq!((summary.matched, summary.declined), (1, 1));
    assert_eq!(lean_fold(&store).unwrap(), reference_fold(&store).unwrap());
}
