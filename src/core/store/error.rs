//! Why the store refused an operation.
//!
//! Every refusal is a value: the store is left exactly as it was, and the
//! message says in one sentence what was wrong and where.

use super::types::{ExpectedVersion, Position, StreamVersion};
use crate::core::ids::EventId;

/// A refused store operation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No context of that name was added.
    #[error("there is no context named \"{context}\"")]
    UnknownContext { context: String },
    /// A context of that name exists already.
    #[error("a context named \"{context}\" exists already")]
    DuplicateContext { context: String },
    /// Context names must not be empty or blank.
    #[error("\"{context}\" is not a valid context name: it must not be blank")]
    InvalidContextName { context: String },
    /// Stream names must not be empty or blank.
    #[error(
        "\"{stream}\" is not a valid stream name in context \"{context}\": it must not be blank"
    )]
    InvalidStreamName { context: String, stream: String },
    /// An append needs at least one event.
    #[error(
        "nothing to append to stream \"{stream}\" in context \"{context}\": the batch is empty"
    )]
    EmptyBatch { context: String, stream: String },
    /// The id is stored already, at the place named.
    #[error(
        "event id {id} is already stored: context \"{context}\", stream \"{stream}\", \
         position {position}"
    )]
    DuplicateEventId {
        id: EventId,
        context: String,
        stream: String,
        position: Position,
    },
    /// The same id appears twice in one batch (indexes in the batch, from 0).
    #[error(
        "event id {id} appears twice in the batch \
         (events {first_index} and {second_index}, counting from 0)"
    )]
    DuplicateEventIdInBatch {
        id: EventId,
        first_index: usize,
        second_index: usize,
    },
    /// The stream is not at the version the writer expected.
    #[error(
        "wrong expected version for stream \"{stream}\" in context \"{context}\": \
         expected {expected}, but {}",
        stream_state(*.actual)
    )]
    WrongExpectedVersion {
        context: String,
        stream: String,
        expected: ExpectedVersion,
        /// The stream's newest version; `None` if it has no events.
        actual: Option<StreamVersion>,
    },
    /// No event with that id is stored.
    #[error("no event with id {id} is stored")]
    UnknownEvent { id: EventId },
    /// The event is already in the target stream (appended or linked).
    #[error(
        "event {id} is already in stream \"{stream}\" of context \"{context}\" \
         (at version {version}); an event can be in a stream only once"
    )]
    AlreadyLinked {
        id: EventId,
        context: String,
        stream: String,
        version: StreamVersion,
    },
    /// Single-stream mode: an event that is stored already cannot go into a
    /// second stream, as with a unique index on the event id.
    #[error(
        "unique index violation on events.event_id: a row with event_id {id} \
         already exists (stored in stream \"{stream}\" of context \"{context}\"); \
         in single-stream mode it cannot also be written to stream \"{target_stream}\""
    )]
    UniqueIdViolation {
        id: EventId,
        /// Where the event is stored.
        context: String,
        stream: String,
        /// Where it was to be linked.
        target_stream: String,
    },
    /// Links stay inside one context.
    #[error(
        "event {id} lives in context \"{event_context}\" and cannot be linked \
         into a stream of context \"{target_context}\""
    )]
    CrossContextLink {
        id: EventId,
        event_context: String,
        target_context: String,
    },
    /// A rollback must consume at least one position.
    #[error(
        "a rolled-back transaction in context \"{context}\" must consume at least one position"
    )]
    EmptyRollback { context: String },
    /// The context's positions would pass `u64::MAX`.
    #[error("context \"{context}\" has no positions left")]
    PositionsExhausted { context: String },
    /// The store holds as many events as it can index.
    #[error("the store is full: it holds at most 4 294 967 294 events")]
    StoreFull,
    /// The context holds as many streams as it can index.
    #[error("context {context} is full: it holds at most 4 294 967 294 streams")]
    TooManyStreams { context: String },
}

/// The end of a wrong-expected-version message: where the stream is.
fn stream_state(actual: Option<StreamVersion>) -> String {
    match actual {
        None => "the stream has no events".to_owned(),
        Some(version) => format!("the stream is at version {version}"),
    }
}
