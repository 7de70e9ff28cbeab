//! Events as the store keeps them, and the bridge to typed domain events.
//!
//! The store only knows a type name and JSON data. Domain code defines plain
//! Rust types and implements [`DomainEvent`] to convert them to and from that
//! form.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::data::EventData;
use super::event_names::{ContextName, EventType, StreamName};
use super::types::{Position, StreamVersion};
use crate::core::ids::{EventId, Timestamp};

/// Facts about an event that are not part of its business data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Metadata {
    /// The conversation the event belongs to (the id of its first message).
    pub correlation_id: Option<EventId>,
    /// The event or command that directly caused this event.
    pub causation_id: Option<EventId>,
    /// When the event was recorded, by the caller's clock.
    pub recorded_at: Timestamp,
}

impl Metadata {
    /// Metadata with only a time: the event starts its own conversation.
    pub fn at(recorded_at: Timestamp) -> Self {
        Metadata {
            correlation_id: None,
            causation_id: None,
            recorded_at,
        }
    }
}

/// An event to append: everything but its place in the store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewEvent {
    pub id: EventId,
    /// The type name (a domain type's constant is not copied).
    pub event_type: Cow<'static, str>,
    pub data: EventData,
    pub metadata: Metadata,
}

impl NewEvent {
    /// An event to append with the given type name and JSON data (a
    /// `serde_json::Value` or [`EventData`]).
    pub fn new(
        id: EventId,
        event_type: impl Into<Cow<'static, str>>,
        data: impl Into<EventData>,
        metadata: Metadata,
    ) -> Self {
        NewEvent {
            id,
            event_type: event_type.into(),
            data: data.into(),
            metadata,
        }
    }

    /// An event to append built from a typed domain event.
    pub fn from_domain<E: DomainEvent>(id: EventId, event: &E, metadata: Metadata) -> Self {
        NewEvent::new(id, E::TYPE, event.to_data(), metadata)
    }
}

/// A stored event, with its place in the store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordedEvent {
    pub id: EventId,
    pub event_type: EventType,
    pub data: EventData,
    pub metadata: Metadata,
    /// The context whose log holds the event.
    pub context: ContextName,
    /// Place in the context's log.
    pub position: Position,
    /// The stream the event was appended to (links are not listed here; see
    /// `EventStore::streams_of`).
    pub stream: StreamName,
    /// Version in `stream`.
    pub version: StreamVersion,
    /// Its rank among all the events of the store, in the order they were
    /// stored (every context together, from 0). The handling order breaks
    /// ties of recording times with it: of two events recorded at the same
    /// time, the one stored first is handled first.
    #[serde(default)]
    pub stored_rank: u32,
}

impl RecordedEvent {
    /// Converts the stored event back to a typed domain event, checking the
    /// type name first.
    pub fn decode<E: DomainEvent>(&self) -> Result<E, DomainEventError> {
        if self.event_type != E::TYPE {
            return Err(DomainEventError::WrongType {
                expected: E::TYPE,
                actual: self.event_type.to_string(),
            });
        }
        E::from_data(&self.data)
    }
}

/// A typed domain event that can be stored as a type name plus JSON data.
pub trait DomainEvent: Sized {
    /// The type name under which the event is stored, e.g.
    /// `"CatererConfirmedMenu"`.
    const TYPE: &'static str;

    /// The event's business data as JSON.
    fn to_data(&self) -> EventData;

    /// Rebuilds the event from its JSON data.
    fn from_data(data: &EventData) -> Result<Self, DomainEventError>;
}

/// Why a stored event could not become a typed domain event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainEventError {
    /// The stored type name is not the one of the requested Rust type.
    WrongType {
        expected: &'static str,
        actual: String,
    },
    /// The JSON data does not have the expected shape.
    InvalidData {
        event_type: &'static str,
        reason: String,
    },
}

impl DomainEventError {
    /// Invalid data for `E`, with a reason (typically a serde error message).
    pub fn invalid_data<E: DomainEvent>(reason: impl fmt::Display) -> Self {
        DomainEventError::InvalidData {
            event_type: E::TYPE,
            reason: reason.to_string(),
        }
    }
}

impl fmt::Display for DomainEventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DomainEventError::WrongType { expected, actual } => {
                write!(f, "expected an event of type {expected}, found {actual}")
            }
            DomainEventError::InvalidData { event_type, reason } => {
                write!(f, "the data of a {event_type} event is not valid: {reason}")
            }
        }
    }
}

impl std::error::Error for DomainEventError {}
