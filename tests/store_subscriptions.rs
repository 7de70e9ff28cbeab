#![cfg(not(target_arch = "wasm32"))]
//! Subscriptions: handlers called after successful appends, in position
//! order, for the types they asked for; never for refused appends or links.

mod store_support;

use std::cell::RefCell;
use std::rc::Rc;

use es_playground::core::store::{
    EventHandler, EventStore, ExpectedVersion, RecordedEvent, SubscriptionInfo,
};
use store_support::{Events, SALES, refused, store_with_contexts};

/// A handler that records "name:type@position" for each call.
fn recorder(name: &'static str, seen: &Rc<RefCell<Vec<String>>>) -> EventHandler {
    let seen = Rc::clone(seen);
    Box::new(move |event: &RecordedEvent| {
        seen.borrow_mut()
            .push(format!("{name}:{}@{}", event.event_type, event.position));
    })
}

fn seen_log() -> Rc<RefCell<Vec<String>>> {
    Rc::new(RefCell::new(Vec::new()))
}

#[test]
fn a_handler_is_called_for_its_types_in_position_order_after_an_append() {
    // Given a handler for both confirmations
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let seen = seen_log();
    store.subscribe(
        "match",
        &["CustomerConfirmedMenu", "CatererConfirmedMenu"],
        recorder("match", &seen),
    );
    // When a batch with both confirmations and another type is appended
    let batch = vec![
        events.new_event("CatererConfirmedMenu", 42),
        events.new_event("MenuOffered", 42),
        events.new_event("CustomerConfirmedMenu", 42),
    ];
    store
        .append(SALES, "Order$42", ExpectedVersion::Any, batch)
        .unwrap();
    // Then it saw the two confirmations, in position order
    assert_eq!(
        *seen.borrow(),
        vec![
            "match:CatererConfirmedMenu@1",
            "match:CustomerConfirmedMenu@3"
        ]
    );
}

#[test]
fn handlers_are_called_in_the_order_they_subscribed_and_an_empty_list_means_every_type() {
    // Given a handler for every type, then one for a single type
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let seen = seen_log();
    store.subscribe("all", &[], recorder("all", &seen));
    store.subscribe("menus", &["MenuOffered"], recorder("menus", &seen));
    // When two events are appended
    let batch = vec![
        events.new_event("MenuOffered", 1),
        events.new_event("OrderPlaced", 1),
    ];
    store
        .append(SALES, "Order$1", ExpectedVersion::Any, batch)
        .unwrap();
    // Then each event went to its handlers in subscription order
    assert_eq!(
        *seen.borrow(),
        vec![
            "all:MenuOffered@1",
            "menus:MenuOffered@1",
            "all:OrderPlaced@2"
        ]
    );
}

#[test]
fn a_refused_append_calls_no_handler() {
    // Given a handler for every type and a stream at version 0
    let mut store = store_with_contexts();
    let mut events = Events::default();
    events.append_one(&mut store, SALES, "Order$1");
    let seen = seen_log();
    store.subscribe("all", &[], recorder("all", &seen));
    // When an append with a wrong expected version is refused
    let event = events.new_event("MenuOffered", 1);
    refused(&mut store, |store| {
        store.append(SALES, "Order$1", ExpectedVersion::NoStream, vec![event])
    });
    // Then nobody was called
    assert!(seen.borrow().is_empty());
}

#[test]
fn links_call_no_handler() {
    // Given a stored event and a handler for every type
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let id = events.append_one(&mut store, SALES, "Order$1");
    let seen = seen_log();
    store.subscribe("all", &[], recorder("all", &seen));
    // When the event is linked
    store
        .link(SALES, "Match$1", ExpectedVersion::Any, id)
        .unwrap();
    // Then nobody was called
    assert!(seen.borrow().is_empty());
}

#[test]
fn an_unsubscribed_handler_is_not_called_any_more() {
    // Given two subscriptions
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let seen = seen_log();
    let gone = store.subscribe("gone", &[], recorder("gone", &seen));
    let kept = store.subscribe("kept", &[], recorder("kept", &seen));
    // When one is unsubscribed, twice
    let first = store.unsubscribe(gone);
    let second = store.unsubscribe(gone);
    events.append_one(&mut store, SALES, "Order$1");
    // Then only the other is called, and the second unsubscribe found nothing
    assert!(first);
    assert!(!second);
    assert_eq!(*seen.borrow(), vec!["kept:CustomerConfirmedMenu@1"]);
    assert_eq!(
        store.subscriptions(),
        vec![SubscriptionInfo {
            id: kept,
            name: "kept".into(),
            event_types: Vec::new(),
        }]
    );
}

#[test]
fn loading_a_snapshot_keeps_subscriptions_and_does_not_replay_the_loaded_events() {
    // Given a snapshot with one event, and another store with a handler
    let mut source = store_with_contexts();
    let mut events = Events::default();
    events.append_one(&mut source, SALES, "Order$1");
    let json = source.to_snapshot_json().unwrap();
    let mut store = EventStore::new();
    let seen = seen_log();
    store.subscribe("all", &[], recorder("all", &seen));
    // When the snapshot is loaded and one more event appended
    store.load_snapshot_json(&json).unwrap();
    events.append_one(&mut store, SALES, "Order$1");
    // Then the handler saw only the new event, and the snapshot has no trace
    // of subscriptions
    assert_eq!(*seen.borrow(), vec!["all:CustomerConfirmedMenu@2"]);
    assert_eq!(store.subscriptions().len(), 1);
    assert!(!store.to_snapshot_json().unwrap().contains("subscri"));
}
