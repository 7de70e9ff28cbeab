//! Conversations: every event of an order (or a conference) belongs to the
//! conversation its first event started, and carries that event's id as its
//! correlation id. The commands the process manager sends for it carry the
//! same correlation id (and, as causation id, the event they answer).
//!
//! The first event is the earliest, in handling order, of the key's
//! aggregate streams (`Order$42` in Sales and in Catering): the streams the
//! process manager reads the conversation from.

use super::handling_order::handling_key;
use crate::core::domain::Fact;
use crate::core::ids::EventId;
use crate::core::store::EventStore;

/// The correlation id `fact` carries when it is appended to `store` now:
/// that of the first event of its conversation (its id, if it carries none),
/// or `None` when no event of the conversation is stored yet (the fact
/// starts it, and carries its own id).
pub fn correlation_for(store: &EventStore, fact: &Fact) -> Option<EventId> {
    let stream = fact.stream();
    fact.conversation_contexts()
        .iter()
        .filter_map(|context| store.stream_events(context, &stream).ok()?.next())
        .min_by(|a, b| handling_key(a).cmp(&handling_key(b)))
        .map(|first| first.metadata.correlation_id.unwrap_or(first.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::domain::{CATERING, SALES};
    use crate::core::ids::Timestamp;
    use crate::core::store::{ExpectedVersion, Metadata};

    #[test]
    fn the_first_event_of_an_order_in_either_log_starts_its_conversation() {
        let mut store = EventStore::new();
        store.add_context(SALES).unwrap();
        store.add_context(CATERING).unwrap();
        let caterer = Fact::caterer_confirmed("42", "1").unwrap();
        let customer = Fact::customer_confirmed("42", "1").unwrap();
        assert_eq!(correlation_for(&store, &caterer), None);
        let first = caterer.to_new_event(EventId::from_u128(7), Metadata::at(Timestamp(1)));
        store
            .append(CATERING, "Order$42", ExpectedVersion::Any, vec![first])
            .unwrap();
        assert_eq!(
            correlation_for(&store, &customer),
            Some(EventId::from_u128(7))
        );
        let other = Fact::customer_confirmed("43", "1").unwrap();
        assert_eq!(correlation_for(&store, &other), None);
    }
}
