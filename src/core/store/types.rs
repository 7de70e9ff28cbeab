//! Small value types of the store: positions, stream versions, expected
//! versions, and the summaries that appends and listings return.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An event's place in its context's log.
///
/// The first position of a log is 1; positions only grow and may leave gaps
/// (a rolled-back transaction consumes positions without storing events).
/// `Position(0)` means "before the first event": a cursor that has read
/// nothing yet.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Position(pub u64);

impl Position {
    /// Before the first event of any log.
    pub const START: Position = Position(0);
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An event's place in one stream: 0 for the first event of the stream.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct StreamVersion(pub u64);

impl StreamVersion {
    /// The first version of every stream.
    pub const FIRST: StreamVersion = StreamVersion(0);
}

impl fmt::Display for StreamVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What the writer believes about a stream before writing to it
/// (optimistic concurrency).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExpectedVersion {
    /// No check at all.
    Any,
    /// The stream must have no events yet.
    NoStream,
    /// The stream must have at least one event.
    StreamExists,
    /// The stream's newest event must have exactly this version.
    Exactly(StreamVersion),
}

impl ExpectedVersion {
    /// Whether a stream whose newest version is `actual` (`None`: no events)
    /// meets this expectation.
    pub fn is_met_by(self, actual: Option<StreamVersion>) -> bool {
        match self {
            ExpectedVersion::Any => true,
            ExpectedVersion::NoStream => actual.is_none(),
            ExpectedVersion::StreamExists => actual.is_some(),
            ExpectedVersion::Exactly(version) => actual == Some(version),
        }
    }
}

impl fmt::Display for ExpectedVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpectedVersion::Any => f.write_str("any version"),
            ExpectedVersion::NoStream => f.write_str("no stream"),
            ExpectedVersion::StreamExists => f.write_str("an existing stream"),
            ExpectedVersion::Exactly(version) => write!(f, "version {version}"),
        }
    }
}

/// What a successful append did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AppendOutcome {
    /// Position of the first appended event.
    pub first_position: Position,
    /// Position of the last appended event.
    pub last_position: Position,
    /// Version of the last appended event in the stream.
    pub last_version: StreamVersion,
    /// What to expect on the next append to the same stream:
    /// `Exactly(last_version)`.
    pub next_expected_version: ExpectedVersion,
}

/// A summary of one context, as listed by `EventStore::contexts`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContextInfo {
    pub name: String,
    /// Last position consumed, including rolled-back gaps; 0 if none.
    pub head_position: Position,
    /// Events stored in the context's log.
    pub event_count: usize,
    pub stream_count: usize,
}

/// A summary of one stream, as listed by `EventStore::streams`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StreamInfo {
    pub name: String,
    /// Events in the stream, appended and linked (never 0).
    pub event_count: usize,
    /// Version of the stream's newest event.
    pub last_version: StreamVersion,
}
