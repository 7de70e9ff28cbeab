#![cfg(not(target_arch = "wasm32"))]
//! A bulk load's plumbing. Room made before it (`EventStore::reserve`)
//! changes nothing a read shows, before or after events are stored and
//! linked into it; room in an unknown context is refused and nothing is
//! done. A store let go a slice at a time (`Teardown`) takes as many
//! slices as its events need.

mod store_support;

use es_playground::core::store::{ExpectedVersion, Room, StoreError};
use store_support::store_state::store_state;
use store_support::{CATERING, Events, SALES, example_store};

fn room(context: &str) -> Room<'_> {
    Room {
        context,
        events: 10_000,
        streams: 10_000,
        links: 10_000,
    }
}

#[test]
fn room_made_for_a_bulk_load_changes_nothing_a_read_shows() {
    // Given two stores with the same events
    let (mut plain, ids) = example_store();
    let (mut roomy, _) = example_store();
    // When room is made in one of them
    roomy
        .reserve(&[room(SALES), room(CATERING)])
        .expect("known contexts");
    // Then both read alike
    assert_eq!(store_state(&roomy), store_state(&plain));
    // And when the same events are stored and linked into both
    let (mut a, mut b) = (Events::seeded(7), Events::seeded(7));
    for n in 0..50 {
        let stream = format!("Order${n}");
        a.append_one(&mut plain, SALES, &stream);
        b.append_one(&mut roomy, SALES, &stream);
        a.append_one(&mut plain, CATERING, &stream);
        b.append_one(&mut roomy, CATERING, &stream);
    }
    for store in [&mut plain, &mut roomy] {
        store
            .link(SALES, "CateringMatch$42", ExpectedVersion::Any, ids[3])
            .expect("linked");
    }
    // Then they still read alike
    assert_eq!(store_state(&roomy), store_state(&plain));
}

#[test]
fn room_in_an_unknown_context_is_refused_and_nothing_is_done() {
    let (mut store, _) = example_store();
    let before = store_state(&store);
    let result = store.reserve(&[room(SALES), room("Nowhere")]);
    assert_eq!(
        result,
        Err(StoreError::UnknownContext {
            context: "Nowhere".to_owned()
        })
    );
    assert_eq!(store_state(&store), before);
}

#[test]
fn a_store_let_go_a_slice_at_a_time_takes_as_many_slices_as_its_events_need() {
    // Given a store of 100 events in Sales and 50 in Catering
    let mut store = store_support::store_with_contexts();
    let mut events = Events::default();
    for n in 0..100 {
        events.append_one(&mut store, SALES, &format!("Order${n}"));
    }
    for n in 0..50 {
        events.append_one(&mut store, CATERING, &format!("Order${n}"));
    }
    // When it is freed 30 events at a time
    let mut teardown = store.into_teardown();
    let mut slices = 1;
    while !teardown.free_some(30) {
        slices += 1;
        assert!(slices <= 150, "never finished");
    }
    // Then it took two slices for Catering's 50 and four for Sales's 100
    assert_eq!(slices, 6);
    assert!(teardown.free_some(30), "nothing is left");
}
