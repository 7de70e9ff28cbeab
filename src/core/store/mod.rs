//! The in-memory event store.
//!
//! Several bounded contexts, each with its own log of positions; named
//! streams inside each context; and links that put a stored event into more
//! streams.
//!
//! Every operation either succeeds or returns a [`StoreError`] and leaves the
//! store exactly as it was.

mod append;
mod bulk;
mod context;
mod data;
mod error;
mod event;
mod event_names;
mod link;
mod places;
mod read;
mod types;

use std::fmt;
use std::hash::{BuildHasher, Hash};

pub use crate::core::ids::{EventId, Timestamp};
pub use bulk::{Room, Teardown};
/// A short string kept inline (up to 24 bytes, then on the heap): stream
/// names and ids, copied into every event and used as map keys, cost no
/// allocation of their own.
pub use compact_str::CompactString as ShortKey;
pub use data::{EventData, FieldName};
pub use error::StoreError;
pub use event::{DomainEvent, DomainEventError, Metadata, NewEvent, RecordedEvent};
pub use event_names::{ContextName, EventType, SharedName, StreamName};
pub use places::PlaceIndex;
/// The maps and sets of the store and the process managers: rustc-hash's
/// hasher, fast and deterministic (keys are ids and names, not attacker's
/// input, so SipHash's resistance to crafted keys buys nothing here).
pub use rustc_hash::{FxHashMap as FastHashMap, FxHashSet as FastHashSet, FxHasher as FastHasher};
pub use types::{AppendOutcome, ContextInfo, ExpectedVersion, Position, StreamInfo, StreamVersion};

use context::{ContextLog, is_valid_name};

/// The hash [`FastHashMap`] computes for `value`.
pub fn fast_hash<T: Hash + ?Sized>(value: &T) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(value)
}

/// Where a stored event lives: its context and its index in that log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct EventLocation {
    context: usize,
    index: usize,
}

/// Adds `id`, stored at `index` of the log of `context` and not indexed
/// yet, to the id index `ids` (in 32 bits: 4 billion events take 700 GB).
fn index_id(ids: &mut PlaceIndex<(u32, u32)>, id: EventId, context: usize, index: usize) {
    let place = |value: usize| u32::try_from(value).unwrap_or(u32::MAX);
    ids.insert(fast_hash(&id), (place(context), place(index)));
}

/// The event store: contexts with their logs and streams.
#[derive(Default)]
pub struct EventStore {
    /// In order of creation.
    contexts: Vec<ContextLog>,
    /// Where each stored event id lives, across all contexts (context and
    /// log index in 32 bits each: 12 bytes an event instead of a map's 32).
    ids: PlaceIndex<(u32, u32)>,
    single_stream: bool,
}

impl EventStore {
    /// An empty store with no contexts, single-stream mode off.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an empty context with its own log.
    pub fn add_context(&mut self, name: &str) -> Result<(), StoreError> {
        if !is_valid_name(name) {
            return Err(StoreError::InvalidContextName {
                context: name.to_owned(),
            });
        }
        if self.context_id(name).is_ok() {
            return Err(StoreError::DuplicateContext {
                context: name.to_owned(),
            });
        }
        self.contexts.push(ContextLog::new(ContextName::new(name)));
        Ok(())
    }

    /// All contexts, in order of creation.
    pub fn contexts(&self) -> Vec<ContextInfo> {
        self.contexts
            .iter()
            .map(|log| ContextInfo {
                name: log.name.to_string(),
                head_position: log.head,
                event_count: log.events.len(),
                stream_count: log.streams.len(),
            })
            .collect()
    }

    /// The last position the context consumed (rolled-back gaps included);
    /// 0 if none.
    pub fn head_position(&self, context: &str) -> Result<Position, StoreError> {
        Ok(self.context(context)?.head)
    }

    /// Turns single-stream mode on or off. When on, the store behaves like a
    /// table with a unique index on the event id: an event that is stored
    /// cannot be written into another stream, so every link fails with
    /// [`StoreError::UniqueIdViolation`].
    pub fn set_single_stream(&mut self, on: bool) {
        self.single_stream = on;
    }

    /// Whether single-stream mode is on.
    pub fn single_stream(&self) -> bool {
        self.single_stream
    }

    /// Number of stored events in all contexts (links not counted).
    pub fn event_count(&self) -> usize {
        self.ids.len()
    }

    /// The stored event with this id, in whichever context it lives.
    pub fn event(&self, id: EventId) -> Option<&RecordedEvent> {
        let location = self.locate(id)?;
        self.contexts
            .get(location.context)?
            .events
            .get(location.index)
    }

    /// Where the event with this id is stored, if it is.
    fn locate(&self, id: EventId) -> Option<EventLocation> {
        let is_id = |(context, index): (u32, u32)| {
            let log = self.contexts.get(context as usize);
            let event = log.and_then(|log| log.events.get(index as usize));
            event.is_some_and(|event| event.id == id)
        };
        let (context, index) = self.ids.find(fast_hash(&id), is_id)?;
        Some(EventLocation {
            context: context as usize,
            index: index as usize,
        })
    }

    /// The index of the named context.
    fn context_id(&self, name: &str) -> Result<usize, StoreError> {
        self.contexts
            .iter()
            .position(|log| log.name == name)
            .ok_or_else(|| StoreError::UnknownContext {
                context: name.to_owned(),
            })
    }

    fn context(&self, name: &str) -> Result<&ContextLog, StoreError> {
        let id = self.context_id(name)?;
        self.context_at(id, name)
    }

    /// The index and log of a context that a write names, once the stream
    /// name is known to be valid (the first checks of append and link).
    fn writable_stream(
        &self,
        context: &str,
        stream: &str,
    ) -> Result<(usize, &ContextLog), StoreError> {
        let context_id = self.context_id(context)?;
        let log = self.context_at(context_id, context)?;
        if !is_valid_name(stream) {
            return Err(StoreError::InvalidStreamName {
                context: context.to_owned(),
                stream: stream.to_owned(),
            });
        }
        Ok((context_id, log))
    }

    /// The context at `id`, which came from [`EventStore::context_id`] for
    /// `name` (so the error branch is only a guard).
    fn context_at(&self, id: usize, name: &str) -> Result<&ContextLog, StoreError> {
        self.contexts
            .get(id)
            .ok_or_else(|| StoreError::UnknownContext {
                context: name.to_owned(),
            })
    }
}

impl fmt::Debug for EventStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStore")
            .field("contexts", &self.contexts())
            .field("event_count", &self.event_count())
            .field("single_stream", &self.single_stream)
            .finish()
    }
}
