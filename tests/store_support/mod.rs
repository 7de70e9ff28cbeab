//! Helpers shared by the store tests: a store with the two contexts of the
//! catering example, event builders, and the check that a refused operation
//! leaves the store exactly as it was.
#![allow(dead_code)]

#[path = "../store_state/mod.rs"]
pub mod store_state;

use es_playground::core::ids::{EventId, IdGenerator, Timestamp};
use es_playground::core::store::{
    EventStore, ExpectedVersion, Metadata, NewEvent, Position, StoreError,
};
use serde_json::json;
use store_state::store_state;

pub const SALES: &str = "Sales";
pub const CATERING: &str = "Catering";

/// A store with the `Sales` and `Catering` contexts and nothing else.
pub fn store_with_contexts() -> EventStore {
    let mut store = EventStore::new();
    store.add_context(SALES).expect("add Sales");
    store.add_context(CATERING).expect("add Catering");
    store
}

/// Hands out ids and times, deterministic per test.
pub struct Events {
    ids: IdGenerator,
    time: u64,
}

impl Default for Events {
    fn default() -> Self {
        Events {
            ids: IdGenerator::seeded(2016),
            time: 1_000,
        }
    }
}

impl Events {
    /// Events whose ids come from another seed than the default.
    pub fn seeded(seed: u64) -> Self {
        Events {
            ids: IdGenerator::seeded(seed),
            time: 1_000,
        }
    }

    pub fn next_id(&mut self) -> EventId {
        self.ids.next_id()
    }

    /// A new event of `event_type` with `{"order_id": order}` as data.
    pub fn new_event(&mut self, event_type: &str, order: u64) -> NewEvent {
        let id = self.next_id();
        self.with_id(id, event_type, order)
    }

    /// As [`Events::new_event`], with a chosen id.
    pub fn with_id(&mut self, id: EventId, event_type: &str, order: u64) -> NewEvent {
        self.time += 10;
        NewEvent::new(
            id,
            event_type.to_owned(),
            json!({ "order_id": order }),
            Metadata::at(Timestamp(self.time)),
        )
    }

    /// Appends one event (expecting any version) and returns its id.
    pub fn append_one(&mut self, store: &mut EventStore, context: &str, stream: &str) -> EventId {
        let event = self.new_event("CustomerConfirmedMenu", 42);
        let id = event.id;
        store
            .append(context, stream, ExpectedVersion::Any, vec![event])
            .expect("append one event");
        id
    }
}

/// Runs `operation`, which must be refused, and checks that the store is
/// exactly as it was (it reads the same before and after). Returns the
/// error.
pub fn refused<T: std::fmt::Debug>(
    store: &mut EventStore,
    operation: impl FnOnce(&mut EventStore) -> Result<T, StoreError>,
) -> StoreError {
    let before = store_state(store);
    let result = operation(store);
    let after = store_state(store);
    assert_eq!(before, after, "a refused operation changed the store");
    result.expect_err("the operation should have been refused")
}

/// Positions of the events of a context's log, in order.
pub fn log_positions(store: &EventStore, context: &str) -> Vec<u64> {
    store
        .read_log_forward(context, Position::START, usize::MAX)
        .expect("read log")
        .iter()
        .map(|event| event.position.0)
        .collect()
}

/// Sales: positions 1, 2, 3, 6 (two rolled back after 3); Order$42 holds
/// 1, 2, 6; Order$43 holds 3; CateringMatch$42 links 1 and 3. Catering:
/// position 1 in Order$42. Returns the store and the Sales ids in order.
pub fn example_store() -> (EventStore, Vec<EventId>) {
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let mut ids = vec![
        events.append_one(&mut store, SALES, "Order$42"),
        events.append_one(&mut store, SALES, "Order$42"),
        events.append_one(&mut store, SALES, "Order$43"),
    ];
    store.roll_back_transaction(SALES, 2).unwrap();
    ids.push(events.append_one(&mut store, SALES, "Order$42"));
    events.append_one(&mut store, CATERING, "Order$42");
    store
        .link(SALES, "CateringMatch$42", ExpectedVersion::NoStream, ids[0])
        .unwrap();
    store
        .link(SALES, "CateringMatch$42", ExpectedVersion::Any, ids[2])
        .unwrap();
    (store, ids)
}
