//! Linking: putting an event that is already stored into another stream of
//! the same context, without copying it.
//!
//! Links do not create positions and do not call subscribers. In
//! single-stream mode every link is refused the way a database with a unique
//! index on the event id would refuse a second row for the same event.

use super::types::{ExpectedVersion, StreamVersion};
use super::{EventStore, StoreError};
use crate::core::ids::EventId;

impl EventStore {
    /// Links the stored event `event_id` into `stream` of `context` and
    /// returns its version there.
    ///
    /// Checks, in this order: the context exists, the stream name is not
    /// blank, the event is stored, it lives in `context`, single-stream mode
    /// is off, the event is not in `stream` yet, and the stream is at the
    /// `expected` version. Creates the stream if needed.
    pub fn link(
        &mut self,
        context: &str,
        stream: &str,
        expected: ExpectedVersion,
        event_id: EventId,
    ) -> Result<StreamVersion, StoreError> {
        let (context_id, log) = self.writable_stream(context, stream)?;
        let unknown = || StoreError::UnknownEvent { id: event_id };
        let location = self.locate(event_id).ok_or_else(unknown)?;
        if location.context != context_id {
            let event_context = self
                .contexts
                .get(location.context)
                .map(|other| other.name.to_string())
                .ok_or_else(unknown)?;
            return Err(StoreError::CrossContextLink {
                id: event_id,
                event_context,
                target_context: context.to_owned(),
            });
        }
        let event = log.events.get(location.index).ok_or_else(unknown)?;
        if self.single_stream {
            return Err(StoreError::UniqueIdViolation {
                id: event_id,
                context: context.to_owned(),
                stream: event.stream.to_string(),
                target_stream: stream.to_owned(),
            });
        }
        let already = log
            .stream_id(stream)
            .and_then(|stream_id| log.version_in(location.index, stream_id));
        if let Some(version) = already {
            return Err(StoreError::AlreadyLinked {
                id: event_id,
                context: context.to_owned(),
                stream: stream.to_owned(),
                version,
            });
        }
        let actual = log.last_version(stream);
        if !expected.is_met_by(actual) {
            return Err(StoreError::WrongExpectedVersion {
                context: context.to_owned(),
                stream: stream.to_owned(),
                expected,
                actual,
            });
        }

        let Some(log) = self.contexts.get_mut(context_id) else {
            // `context_id` was found above and contexts are never removed.
            return Err(StoreError::UnknownContext {
                context: context.to_owned(),
            });
        };
        let stream_id = log.stream_id_or_create(stream);
        log.push_link(location.index, stream_id).ok_or_else(unknown)
    }
}
