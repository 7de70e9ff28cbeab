//! Why the store refused an operation.
//!
//! Every refusal is a value: the store is left exactly as it was, and the
//! message says in one sentence what was wrong and where.

use std::fmt;

use super::types::{ExpectedVersion, Position, StreamVersion};
use crate::core::ids::EventId;

/// A refused store operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// No context of that name was added.
    UnknownContext { context: String },
    /// A context of that name exists already.
    DuplicateContext { context: String },
    /// Context names must not be empty or blank.
    InvalidContextName { context: String },
    /// Stream names must not be empty or blank.
    InvalidStreamName { context: String, stream: String },
    /// An append needs at least one event.
    EmptyBatch { context: String, stream: String },
    /// The id is stored already, at the place named.
    DuplicateEventId {
        id: EventId,
        context: String,
        stream: String,
        position: Position,
    },
    /// The same id appears twice in one batch (indexes in the batch, from 0).
    DuplicateEventIdInBatch {
        id: EventId,
        first_index: usize,
        second_index: usize,
    },
    /// The stream is not at the version the writer expected.
    WrongExpectedVersion {
        context: String,
        stream: String,
        expected: ExpectedVersion,
        /// The stream's newest version; `None` if it has no events.
        actual: Option<StreamVersion>,
    },
    /// No event with that id is stored.
    UnknownEvent { id: EventId },
    /// The event is already in the target stream (appended or linked).
    AlreadyLinked {
        id: EventId,
        context: String,
        stream: String,
        version: StreamVersion,
    },
    /// Single-stream mode: an event that is stored already cannot go into a
    /// second stream, as with a unique index on the event id.
    UniqueIdViolation {
        id: EventId,
        /// Where the event is stored.
        context: String,
        stream: String,
        /// Where it was to be linked.
        target_stream: String,
    },
    /// Links stay inside one context.
    CrossContextLink {
        id: EventId,
        event_context: String,
        target_context: String,
    },
    /// A rollback must consume at least one position.
    EmptyRollback { context: String },
    /// The context's positions would pass `u64::MAX`.
    PositionsExhausted { context: String },
    /// The store holds as many events as it can index (about 4 billion).
    StoreFull,
    /// The context holds as many streams as it can index (about 4 billion).
    TooManyStreams { context: String },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::UnknownContext { context } => {
                write!(f, "there is no context named \"{context}\"")
            }
            StoreError::DuplicateContext { context } => {
                write!(f, "a context named \"{context}\" exists already")
            }
            StoreError::InvalidContextName { context } => {
                write!(
                    f,
                    "\"{context}\" is not a valid context name: it must not be blank"
                )
            }
            StoreError::InvalidStreamName { context, stream } => write!(
                f,
                "\"{stream}\" is not a valid stream name in context \"{context}\": \
                 it must not be blank"
            ),
            StoreError::EmptyBatch { context, stream } => write!(
                f,
                "nothing to append to stream \"{stream}\" in context \"{context}\": \
                 the batch is empty"
            ),
            StoreError::DuplicateEventId {
                id,
                context,
                stream,
                position,
            } => write!(
                f,
                "event id {id} is already stored: context \"{context}\", \
                 stream \"{stream}\", position {position}"
            ),
            StoreError::DuplicateEventIdInBatch {
                id,
                first_index,
                second_index,
            } => write!(
                f,
                "event id {id} appears twice in the batch \
                 (events {first_index} and {second_index}, counting from 0)"
            ),
            StoreError::WrongExpectedVersion {
                context,
                stream,
                expected,
                actual,
            } => {
                write!(
                    f,
                    "wrong expected version for stream \"{stream}\" in context \"{context}\": \
                     expected {expected}, but "
                )?;
                match actual {
                    None => f.write_str("the stream has no events"),
                    Some(version) => write!(f, "the stream is at version {version}"),
                }
            }
            StoreError::UnknownEvent { id } => write!(f, "no event with id {id} is stored"),
            StoreError::AlreadyLinked {
                id,
                context,
                stream,
                version,
            } => write!(
                f,
                "event {id} is already in stream \"{stream}\" of context \"{context}\" \
                 (at version {version}); an event can be in a stream only once"
            ),
            StoreError::UniqueIdViolation {
                id,
                context,
                stream,
                target_stream,
            } => write!(
                f,
                "unique index violation on events.event_id: a row with event_id {id} \
                 already exists (stored in stream \"{stream}\" of context \"{context}\"); \
                 in single-stream mode it cannot also be written to stream \"{target_stream}\""
            ),
            StoreError::CrossContextLink {
                id,
                event_context,
                target_context,
            } => write!(
                f,
                "event {id} lives in context \"{event_context}\" and cannot be linked \
                 into a stream of context \"{target_context}\""
            ),
            StoreError::EmptyRollback { context } => write!(
                f,
                "a rolled-back transaction in context \"{context}\" must consume \
                 at least one position"
            ),
            StoreError::StoreFull => {
                f.write_str("the store is full: it holds at most 4 294 967 294 events")
            }
            StoreError::TooManyStreams { context } => write!(
                f,
                "context {context} is full: it holds at most 4 294 967 294 streams"
            ),
            StoreError::PositionsExhausted { context } => {
                write!(f, "context \"{context}\" has no positions left")
            }
        }
    }
}

impl std::error::Error for StoreError {}
