//! Helpers shared by the process manager tests: a store with the example
//! contexts, and facts appended with deterministic ids and times.
#![allow(dead_code)]

use es_playground::core::domain::{CATERING, Command, Fact, MenuId, OrderId, REGISTRATIONS, SALES};
use es_playground::core::ids::{EventId, IdGenerator, LogicalClock, Timestamp};
use es_playground::core::store::{EventStore, ExpectedVersion, Metadata, NewEvent};

/// A store with the Sales, Catering and Registrations contexts, and the
/// sources of ids and times for what is appended to it.
pub struct World {
    pub store: EventStore,
    ids: IdGenerator,
    clock: LogicalClock,
}

impl World {
    pub fn new() -> Self {
        let mut store = EventStore::new();
        for context in [SALES, CATERING, REGISTRATIONS] {
            store.add_context(context).unwrap();
        }
        World {
            store,
            ids: IdGenerator::seeded(7),
            clock: LogicalClock::new(Timestamp(1_000), 10),
        }
    }

    /// Appends a fact to its stream and returns its id.
    pub fn record(&mut self, fact: &Fact) -> EventId {
        let id = self.ids.next_id();
        let event = fact.to_new_event(id, Metadata::at(self.clock.tick()));
        self.store
            .append(
                fact.context(),
                &fact.stream(),
                ExpectedVersion::Any,
                vec![event],
            )
            .unwrap();
        id
    }

    /// Appends a fact that continues the conversation of `correlation`.
    pub fn record_in_conversation(&mut self, fact: &Fact, correlation: EventId) -> EventId {
        let id = self.ids.next_id();
        let mut metadata = Metadata::at(self.clock.tick());
        metadata.correlation_id = Some(correlation);
        metadata.causation_id = Some(correlation);
        let event = fact.to_new_event(id, metadata);
        self.store
            .append(
                fact.context(),
                &fact.stream(),
                ExpectedVersion::Any,
                vec![event],
            )
            .unwrap();
        id
    }

    /// Appends a raw event of any type and data to `context`/`stream`.
    pub fn record_raw(
        &mut self,
        context: &str,
        stream: &str,
        event_type: &str,
        data: serde_json::Value,
    ) -> EventId {
        let id = self.ids.next_id();
        let event = NewEvent::new(
            id,
            event_type.to_owned(),
            data,
            Metadata::at(self.clock.tick()),
        );
        self.store
            .append(context, stream, ExpectedVersion::Any, vec![event])
            .unwrap();
        id
    }
}

pub fn customer(order: &str, menu: &str) -> Fact {
    Fact::customer_confirmed(order, menu).unwrap()
}

pub fn caterer(order: &str, menu: &str) -> Fact {
    Fact::caterer_confirmed(order, menu).unwrap()
}

pub fn declined(order: &str, menu: &str) -> Fact {
    Fact::caterer_declined(order, menu).unwrap()
}

pub fn registered(conference: &str, participant: &str) -> Fact {
    Fact::participant_registered(conference, participant).unwrap()
}

/// The `ConfirmOrder` of `order` with `menu`.
pub fn confirm(order: &str, menu: &str) -> Command {
    Command::ConfirmOrder {
        order_id: OrderId::parse(order).unwrap(),
        menu_id: MenuId::parse(menu).unwrap(),
    }
}
