//! Lesson 1's refusals, reachable from the page: appends the store must
//! refuse (a duplicate id, a stale expected version, a batch whose second
//! event is invalid).
//!
//! Each is an action like any other, kept in the session's log, so a
//! session is still its action log: replaying it makes the same attempt and
//! meets the same refusal. The attempt is accepted as an action and its
//! outcome is the store's refusal, shown as a warning; the store, the ids
//! and the clock are exactly as they were. Only a request that cannot even
//! be attempted (an unknown event, a stream with no events to be stale
//! about) is refused as an action and left out of the log.

use super::perform::warning;
use super::{Outcome, Session, SessionError};
use crate::core::domain::Fact;
use crate::core::ids::EventId;
use crate::core::store::{ExpectedVersion, Metadata, NewEvent, StoreError, StreamVersion};

impl Session {
    pub(super) fn append_again_with_id(&mut self, id: EventId) -> Result<Outcome, SessionError> {
        let Some(stored) = self.store.event(id) else {
            return Err(SessionError::Store(StoreError::UnknownEvent { id }));
        };
        let (context, stream) = (stored.context.to_string(), stored.stream.to_string());
        let event = NewEvent::new(
            id,
            stored.event_type.as_str().to_owned(),
            stored.data.clone(),
            self.next_metadata(),
        );
        let attempt = self
            .store
            .append(&context, &stream, ExpectedVersion::Any, vec![event]);
        Ok(refused(
            &format!("Appending event {id} again to {context} / {stream}"),
            attempt.err(),
        ))
    }

    pub(super) fn append_with_stale_version(
        &mut self,
        fact: &Fact,
    ) -> Result<Outcome, SessionError> {
        let (context, stream) = (fact.context(), fact.stream());
        let stale = match self.store.stream_version(context, &stream)? {
            None => return Err(SessionError::NoVersionToBeStale { stream }),
            Some(StreamVersion(0)) => ExpectedVersion::NoStream,
            Some(StreamVersion(newest)) => ExpectedVersion::Exactly(StreamVersion(newest - 1)),
        };
        let event = fact.to_new_event(self.ids.clone().next_id(), self.next_metadata());
        let attempt = self.store.append(context, &stream, stale, vec![event]);
        Ok(refused(
            &format!("Appending {fact} to {context} / {stream} with a stale expected version"),
            attempt.err(),
        ))
    }

    pub(super) fn append_invalid_batch(&mut self, fact: &Fact) -> Result<Outcome, SessionError> {
        let (context, stream) = (fact.context(), fact.stream());
        let id = self.ids.clone().next_id();
        let metadata = self.next_metadata();
        let batch = vec![
            fact.to_new_event(id, metadata.clone()),
            fact.to_new_event(id, metadata),
        ];
        let attempt = self
            .store
            .append(context, &stream, ExpectedVersion::Any, batch);
        Ok(refused(
            &format!(
                "Appending a batch of two events to {context} / {stream}, the second reusing the first's id"
            ),
            attempt.err(),
        ))
    }

    /// The metadata the next appended event would get, without moving the
    /// clock (a refused append uses no time).
    fn next_metadata(&self) -> Metadata {
        Metadata {
            correlation_id: None,
            causation_id: None,
            recorded_at: self.clock.clone().tick(),
        }
    }
}

/// The outcome of an attempt the store must refuse. Each attempt above is
/// built so that the store cannot accept it (the id is stored, the expected
/// version is older than the newest, the batch repeats an id), so `None`
/// would mean the store broke its own rules; the message then says so.
fn refused(attempt: &str, error: Option<StoreError>) -> Outcome {
    match error {
        Some(error) => warning(format!(
            "{attempt}: refused by the store: {error}. Nothing was written; the store is exactly as it was."
        )),
        None => warning(format!(
            "{attempt}: the store accepted it, which it must never do. This is a bug in the playground."
        )),
    }
}
