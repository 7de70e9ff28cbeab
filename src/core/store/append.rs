//! Appending batches of events to a stream, and rolled-back transactions
//! that consume positions without storing anything.
//!
//! All checks run before the first change, so a refused append leaves the
//! store untouched.

use super::event::{NewEvent, RecordedEvent};
use super::types::{AppendOutcome, ExpectedVersion, Position, StreamVersion};
use super::{EventStore, FastHashMap, StoreError, index_id};
use crate::core::ids::EventId;

/// Batches up to this size are checked for repeated ids pairwise; larger
/// ones through a map.
const PAIRWISE_DUPLICATE_CHECK_LIMIT: usize = 16;

impl EventStore {
    /// Appends `events` to `stream` in `context`, all or nothing.
    ///
    /// Refused when the context is unknown, the stream name blank, the batch
    /// empty, the stream not at the `expected` version, an id already stored
    /// or repeated in the batch (checked in batch order), or the context out
    /// of positions. Creates the stream if needed. The events get the next
    /// positions of the context's log and the next versions of the stream.
    ///
    /// The batch is a `Vec` or an array (`[event]` appends one event
    /// without allocating a batch).
    pub fn append<B>(
        &mut self,
        context: &str,
        stream: &str,
        expected: ExpectedVersion,
        events: B,
    ) -> Result<AppendOutcome, StoreError>
    where
        B: AsRef<[NewEvent]> + IntoIterator<Item = NewEvent>,
    {
        let (context_id, log) = self.writable_stream(context, stream)?;
        let batch_len = events.as_ref().len();
        if batch_len == 0 {
            return Err(StoreError::EmptyBatch {
                context: context.to_owned(),
                stream: stream.to_owned(),
            });
        }
        let existing_stream = log.stream_id(stream);
        let actual = log.last_version_of(existing_stream);
        if !expected.is_met_by(actual) {
            return Err(StoreError::WrongExpectedVersion {
                context: context.to_owned(),
                stream: stream.to_owned(),
                expected,
                actual,
            });
        }
        self.check_ids_are_new(events.as_ref())?;
        let count = batch_len as u64;
        let Some(last_position) = log.head.0.checked_add(count) else {
            return Err(StoreError::PositionsExhausted {
                context: context.to_owned(),
            });
        };
        let first_position = Position(log.head.0 + 1);
        let first_version = actual.map_or(0, |version| version.0 + 1);

        let Some(log) = self.contexts.get_mut(context_id) else {
            // `context_id` was found above and contexts are never removed.
            return Err(StoreError::UnknownContext {
                context: context.to_owned(),
            });
        };
        // Every check is done: from here on the append happens whole.
        let stream_id = match existing_stream {
            Some(id) => id,
            None => log.create_stream(stream),
        };
        let stream_name = log.stream_name(stream_id, stream);
        for (offset, new_event) in (0u64..).zip(events) {
            let id = new_event.id;
            // The rank the id index gives this event (room was checked above).
            let stored_rank = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
            let event_type = log.event_type(&new_event.event_type);
            let index = log.push_appended(
                RecordedEvent {
                    id,
                    event_type,
                    data: new_event.data,
                    metadata: new_event.metadata,
                    context: log.name.clone(),
                    position: Position(first_position.0 + offset),
                    stream: stream_name.clone(),
                    version: StreamVersion(first_version + offset),
                    stored_rank,
                },
                stream_id,
            );
            index_id(&mut self.ids, id, context_id, index);
        }
        let last_version = StreamVersion(first_version + count - 1);
        Ok(AppendOutcome {
            first_position,
            last_position: Position(last_position),
            last_version,
            next_expected_version: ExpectedVersion::Exactly(last_version),
        })
    }

    /// Consumes `positions` positions of `context` without storing events,
    /// as a transaction that was rolled back would: the next append leaves
    /// a gap in the log.
    pub fn roll_back_transaction(
        &mut self,
        context: &str,
        positions: u64,
    ) -> Result<(), StoreError> {
        let context_id = self.context_id(context)?;
        if positions == 0 {
            return Err(StoreError::EmptyRollback {
                context: context.to_owned(),
            });
        }
        let Some(log) = self.contexts.get_mut(context_id) else {
            return Err(StoreError::UnknownContext {
                context: context.to_owned(),
            });
        };
        let Some(head) = log.head.0.checked_add(positions) else {
            return Err(StoreError::PositionsExhausted {
                context: context.to_owned(),
            });
        };
        log.head = Position(head);
        Ok(())
    }

    /// Refuses the batch if an id is stored already or appears twice in it;
    /// the first offending event in batch order decides which.
    fn check_ids_are_new(&self, events: &[NewEvent]) -> Result<(), StoreError> {
        let mut seen_in_batch: FastHashMap<EventId, usize> = FastHashMap::default();
        let pairwise = events.len() <= PAIRWISE_DUPLICATE_CHECK_LIMIT;
        for (index, event) in events.iter().enumerate() {
            if let Some(error) = self.duplicate_of_stored(event.id) {
                return Err(error);
            }
            let earlier = if pairwise {
                events
                    .iter()
                    .take(index)
                    .position(|earlier| earlier.id == event.id)
            } else {
                seen_in_batch.insert(event.id, index)
            };
            if let Some(first_index) = earlier {
                return Err(StoreError::DuplicateEventIdInBatch {
                    id: event.id,
                    first_index,
                    second_index: index,
                });
            }
        }
        Ok(())
    }

    /// The error naming where `id` is stored, if it is.
    fn duplicate_of_stored(&self, id: EventId) -> Option<StoreError> {
        let location = self.locate(id)?;
        let log = self.contexts.get(location.context)?;
        let event = log.events.get(location.index)?;
        Some(StoreError::DuplicateEventId {
            id,
            context: log.name.to_string(),
            stream: event.stream.to_string(),
            position: event.position,
        })
    }
}
