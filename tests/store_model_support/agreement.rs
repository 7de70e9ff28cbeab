//! The comparison made after every step: the store reads exactly like the
//! reference model, and its own invariants hold.

use std::collections::HashSet;

use es_playground::core::store::{EventStore, Position, StreamVersion};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use super::reference::Model;

/// The store reads exactly like the model, and its own invariants hold.
pub fn check_agrees(store: &EventStore, model: &Model) -> Result<(), TestCaseError> {
    prop_assert_eq!(store.single_stream(), model.single_stream);
    let infos = store.contexts();
    prop_assert_eq!(infos.len(), model.contexts.len());
    let mut all_ids = HashSet::new();
    for (info, context) in infos.iter().zip(&model.contexts) {
        let name = context.name.as_str();
        prop_assert_eq!(&info.name, &context.name);
        prop_assert_eq!(info.head_position, Position(context.head));
        prop_assert_eq!(store.head_position(name).unwrap(), Position(context.head));
        prop_assert_eq!(info.event_count, context.events.len());
        prop_assert_eq!(info.stream_count, context.streams.len());

        // The log: the model's events, positions strictly increasing and
        // never past the head.
        let log = store
            .read_log_forward(name, Position::START, usize::MAX)
            .unwrap();
        prop_assert_eq!(log.len(), context.events.len());
        let mut previous = 0;
        for (event, wanted) in log.iter().zip(&context.events) {
            prop_assert!(event.position.0 > previous, "positions not increasing");
            prop_assert!(event.position.0 <= context.head, "position past head");
            previous = event.position.0;
            prop_assert_eq!(event.id, wanted.id);
            prop_assert_eq!(&event.event_type, &wanted.event_type);
            prop_assert_eq!(event.position, Position(wanted.position));
            prop_assert_eq!(&event.stream, &wanted.stream);
            prop_assert_eq!(event.version, StreamVersion(wanted.version));
            prop_assert_eq!(event.context.as_str(), name);
            prop_assert!(all_ids.insert(event.id), "id {} stored twice", event.id);
            prop_assert_eq!(
                store.event(event.id).map(|e| e.position),
                Some(event.position)
            );
            prop_assert_eq!(store.streams_of(event.id), model.streams_of(event.id));
        }
        // A cursor in the middle reads the rest.
        let cursor = context.head / 2;
        let after: Vec<_> = store
            .read_log_forward(name, Position(cursor), 3)
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect();
        let wanted_after: Vec<_> = context
            .events
            .iter()
            .filter(|e| e.position > cursor)
            .take(3)
            .map(|e| e.id)
            .collect();
        prop_assert_eq!(after, wanted_after);

        // The streams: names, lengths, contents both ways, contiguous
        // versions, and every entry resolves to a stored event of this
        // context that knows it is there.
        let streams = store.streams(name).unwrap();
        prop_assert_eq!(streams.len(), context.streams.len());
        for (info, (stream, entries)) in streams.iter().zip(&context.streams) {
            prop_assert_eq!(&info.name, stream);
            prop_assert_eq!(info.event_count, entries.len());
            prop_assert_eq!(info.last_version, StreamVersion(entries.len() as u64 - 1));
            let forward: Vec<_> = store
                .read_stream_forward(name, stream, StreamVersion(0), usize::MAX)
                .unwrap()
                .iter()
                .map(|e| e.id)
                .collect();
            prop_assert_eq!(&forward, entries);
            for (version, id) in entries.iter().enumerate() {
                let event = store.event(*id);
                prop_assert!(
                    event.is_some_and(|e| e.context == name),
                    "link does not resolve"
                );
                let place = (stream.clone(), StreamVersion(version as u64));
                prop_assert!(store.streams_of(*id).contains(&place));
            }
        }
    }
    prop_assert_eq!(store.event_count(), all_ids.len());
    Ok(())
}
