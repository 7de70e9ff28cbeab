//! The whole store as a versioned JSON document, and back.
//!
//! The format names itself (`"format": "es-playground/store"`, `"version": 1`)
//! and lists each context with its head position, its events in position
//! order (each with the stream and version it was appended at), and its
//! streams as lists of `(version, position)` entries, links included.
//! Loading checks everything and names the first problem; see `restore.rs`.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::EventStore;
use super::event::Metadata;
use super::types::{Position, StreamVersion};
use crate::core::ids::EventId;

/// The value of the `format` field.
pub const SNAPSHOT_FORMAT: &str = "es-playground/store";
/// The format version this build writes and reads.
pub const SNAPSHOT_VERSION: u64 = 1;

/// The whole store, as written to JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreSnapshot {
    pub format: String,
    pub version: u64,
    pub single_stream: bool,
    pub contexts: Vec<ContextSnapshot>,
}

/// One context: its head position, events and streams.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextSnapshot {
    pub name: String,
    pub head_position: Position,
    pub events: Vec<EventSnapshot>,
    pub streams: Vec<StreamSnapshot>,
}

/// One stored event, with where it was appended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSnapshot {
    pub position: Position,
    pub id: EventId,
    pub event_type: String,
    pub data: Value,
    pub metadata: Metadata,
    pub stream: String,
    pub version: StreamVersion,
}

/// One stream: the events in it, appended or linked, by version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StreamSnapshot {
    pub name: String,
    pub entries: Vec<StreamEntrySnapshot>,
}

/// The event at `position` of the context's log has `version` in a stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StreamEntrySnapshot {
    pub version: StreamVersion,
    pub position: Position,
}

/// Why a snapshot was not loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    /// The text is not JSON at all.
    NotJson { reason: String },
    /// The `format` field is missing or names another format.
    WrongFormat { found: Option<String> },
    /// The `version` field is missing or not one this build reads.
    UnsupportedVersion { found: Option<u64> },
    /// JSON of the right format, but fields are missing or of the wrong kind.
    Malformed { reason: String },
    /// Well-formed, but inconsistent: the first problem found.
    Invalid { problem: String },
    /// Writing the JSON failed (not expected to happen).
    Serialization { reason: String },
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotError::NotJson { reason } => write!(f, "the snapshot is not JSON: {reason}"),
            SnapshotError::WrongFormat { found: None } => write!(
                f,
                "not a store snapshot: the \"format\" field is missing \
                 (expected \"{SNAPSHOT_FORMAT}\")"
            ),
            SnapshotError::WrongFormat { found: Some(found) } => write!(
                f,
                "not a store snapshot: format is \"{found}\", expected \"{SNAPSHOT_FORMAT}\""
            ),
            SnapshotError::UnsupportedVersion { found: None } => write!(
                f,
                "the snapshot has no \"version\" number (this build reads version \
                 {SNAPSHOT_VERSION})"
            ),
            SnapshotError::UnsupportedVersion { found: Some(found) } => write!(
                f,
                "snapshot version {found} is not supported (this build reads version \
                 {SNAPSHOT_VERSION})"
            ),
            SnapshotError::Malformed { reason } => {
                write!(f, "the snapshot does not have the expected shape: {reason}")
            }
            SnapshotError::Invalid { problem } => write!(f, "invalid snapshot: {problem}"),
            SnapshotError::Serialization { reason } => {
                write!(f, "the snapshot could not be written: {reason}")
            }
        }
    }
}

impl std::error::Error for SnapshotError {}

impl EventStore {
    /// The whole store as a snapshot value.
    pub fn to_snapshot(&self) -> StoreSnapshot {
        let contexts = self
            .contexts
            .iter()
            .map(|log| ContextSnapshot {
                name: log.name.to_string(),
                head_position: log.head,
                events: log
                    .events
                    .iter()
                    .map(|event| EventSnapshot {
                        position: event.position,
                        id: event.id,
                        event_type: event.event_type.to_string(),
                        data: event.data.to_value(),
                        metadata: event.metadata.clone(),
                        stream: event.stream.to_string(),
                        version: event.version,
                    })
                    .collect(),
                streams: log
                    .streams
                    .iter()
                    .map(|stream| StreamSnapshot {
                        name: stream.name.to_string(),
                        entries: (0u64..)
                            .zip(&stream.entries)
                            .filter_map(|(version, index)| {
                                Some(StreamEntrySnapshot {
                                    version: StreamVersion(version),
                                    position: log.events.get(*index)?.position,
                                })
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        StoreSnapshot {
            format: SNAPSHOT_FORMAT.to_owned(),
            version: SNAPSHOT_VERSION,
            single_stream: self.single_stream,
            contexts,
        }
    }

    /// The whole store as pretty-printed JSON.
    pub fn to_snapshot_json(&self) -> Result<String, SnapshotError> {
        serde_json::to_string_pretty(&self.to_snapshot()).map_err(|error| {
            SnapshotError::Serialization {
                reason: error.to_string(),
            }
        })
    }

    /// A new store from snapshot JSON.
    pub fn from_snapshot_json(json: &str) -> Result<EventStore, SnapshotError> {
        EventStore::from_snapshot(parse_snapshot(json)?)
    }

    /// Replaces this store's contents with the snapshot's. On error the
    /// store is left untouched.
    pub fn load_snapshot_json(&mut self, json: &str) -> Result<(), SnapshotError> {
        self.load_snapshot(parse_snapshot(json)?)
    }

    /// As [`EventStore::load_snapshot_json`], from a snapshot value.
    pub fn load_snapshot(&mut self, snapshot: StoreSnapshot) -> Result<(), SnapshotError> {
        let loaded = EventStore::from_snapshot(snapshot)?;
        self.contexts = loaded.contexts;
        self.ids = loaded.ids;
        self.single_stream = loaded.single_stream;
        Ok(())
    }
}

/// Parses snapshot JSON, checking format and version before the shape so a
/// file of another kind or version gets a message that says so.
pub fn parse_snapshot(json: &str) -> Result<StoreSnapshot, SnapshotError> {
    let value: Value = serde_json::from_str(json).map_err(|error| SnapshotError::NotJson {
        reason: error.to_string(),
    })?;
    let format = value.get("format").and_then(Value::as_str);
    if format != Some(SNAPSHOT_FORMAT) {
        return Err(SnapshotError::WrongFormat {
            found: value.get("format").map(|found| {
                found
                    .as_str()
                    .map_or_else(|| found.to_string(), str::to_owned)
            }),
        });
    }
    let version = value.get("version").and_then(Value::as_u64);
    if version != Some(SNAPSHOT_VERSION) {
        return Err(SnapshotError::UnsupportedVersion { found: version });
    }
    serde_json::from_value(value).map_err(|error| SnapshotError::Malformed {
        reason: error.to_string(),
    })
}
