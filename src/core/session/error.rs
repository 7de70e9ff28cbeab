//! Why a session refused an action or a file.
use std::fmt;

use crate::core::domain::IdError;
use crate::core::store::StoreError;

/// A refused action or import; the session is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionError {
    /// An id typed by a person is not acceptable.
    InvalidId(IdError),
    /// The event belongs to an example this session does not run.
    NotThisExample { event_type: String },
    /// The store refused the change.
    Store(StoreError),
    /// Too many random orders in one go.
    TooManyOrders { requested: u32, most: u32 },
    /// Zero orders or zero positions: nothing to do.
    NothingRequested { what: &'static str },
    /// A rollback larger than allowed.
    RollbackTooLarge { requested: u64, most: u64 },
    /// The session would hold more events than the playground allows.
    SessionFull { events: usize, most: usize },
    /// A stale expected version needs a stream that has events.
    NoVersionToBeStale { stream: String },
    /// A file or shared link could not be read.
    BadFile(String),
    /// Action `index` of an imported session was refused.
    InReplay {
        index: usize,
        error: Box<SessionError>,
    },
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidId(error) => write!(f, "{error}"),
            Self::NotThisExample { event_type } => write!(
                f,
                "{event_type} belongs to the conference example; this session runs the catering match"
            ),
            Self::Store(error) => write!(f, "{error}"),
            Self::TooManyOrders { requested, most } => write!(
                f,
                "{requested} random orders is more than the {most} one click may create"
            ),
            Self::NothingRequested { what } => {
                write!(f, "nothing to do: the number of {what} is 0")
            }
            Self::RollbackTooLarge { requested, most } => write!(
                f,
                "a rollback of {requested} positions is more than the {most} allowed"
            ),
            Self::SessionFull { events, most } => write!(
                f,
                "this would make {events} events, more than the {most} a session may hold"
            ),
            Self::NoVersionToBeStale { stream } => write!(
                f,
                "the stream {stream} has no events yet, so no expected version of it can be stale: fire an event into it first"
            ),
            Self::BadFile(reason) => write!(f, "{reason}"),
            Self::InReplay { index, error } => {
                write!(f, "action {} of the session: {error}", index + 1)
            }
        }
    }
}

impl std::error::Error for SessionError {}

impl From<IdError> for SessionError {
    fn from(error: IdError) -> Self {
        SessionError::InvalidId(error)
    }
}

impl From<StoreError> for SessionError {
    fn from(error: StoreError) -> Self {
        SessionError::Store(error)
    }
}
