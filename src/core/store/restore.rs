//! Building a store from a snapshot, checking every rule on the way.
//!
//! The checks run in document order, so the error names the first problem a
//! reader of the file would meet: the format and version (in `snapshot.rs`),
//! then for each context its name, its events (positions from 1, strictly
//! increasing, not past the head; ids unique across the store; stream names
//! not blank), its streams (names not blank and unique, not empty, versions
//! contiguous from 0, each entry pointing at a stored event of the context,
//! no event twice in one stream, an event's own stream at its own version),
//! and finally that every event is in the stream it says it was appended to.

use super::context::{ContextLog, is_valid_name, version_of};
use super::data::EventData;
use super::event::RecordedEvent;
use super::event_names::ContextName;
use super::snapshot::{
    ContextSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotError, StoreSnapshot,
    StreamSnapshot,
};
use super::types::{Position, StreamVersion};
use super::{EventStore, FastHashMap, index_id};

/// An inconsistency, as an error.
fn invalid(problem: String) -> SnapshotError {
    SnapshotError::Invalid { problem }
}

impl EventStore {
    /// A new store from a snapshot value.
    pub fn from_snapshot(snapshot: StoreSnapshot) -> Result<EventStore, SnapshotError> {
        if snapshot.format != SNAPSHOT_FORMAT {
            return Err(SnapshotError::WrongFormat {
                found: Some(snapshot.format),
            });
        }
        if snapshot.version != SNAPSHOT_VERSION {
            return Err(SnapshotError::UnsupportedVersion {
                found: Some(snapshot.version),
            });
        }
        let mut store = EventStore::new();
        store.single_stream = snapshot.single_stream;
        for context in snapshot.contexts {
            store.restore_context(context)?;
        }
        Ok(store)
    }

    fn restore_context(&mut self, snapshot: ContextSnapshot) -> Result<(), SnapshotError> {
        let name = snapshot.name;
        if !is_valid_name(&name) {
            return Err(invalid(format!("context name \"{name}\" is blank")));
        }
        if self.contexts.iter().any(|log| log.name == name) {
            return Err(invalid(format!("context \"{name}\" appears twice")));
        }
        let context_id = self.contexts.len();
        let mut log = ContextLog::new(ContextName::from(name));
        log.head = snapshot.head_position;
        self.restore_events(context_id, &mut log, snapshot.events)?;
        for stream in snapshot.streams {
            restore_stream(&mut log, stream)?;
        }
        check_every_event_is_in_its_stream(&log)?;
        self.contexts.push(log);
        Ok(())
    }

    fn restore_events(
        &mut self,
        context_id: usize,
        log: &mut ContextLog,
        events: Vec<super::snapshot::EventSnapshot>,
    ) -> Result<(), SnapshotError> {
        let context = log.name.clone();
        let mut previous = Position::START;
        for event in events {
            let position = event.position;
            if position == Position::START {
                return Err(invalid(format!(
                    "context \"{context}\": position 0 is not allowed, positions start at 1"
                )));
            }
            if position <= previous {
                return Err(invalid(format!(
                    "context \"{context}\": position {position} after {previous} is not increasing"
                )));
            }
            if position > log.head {
                return Err(invalid(format!(
                    "context \"{context}\": position {position} is past the head position {}",
                    log.head
                )));
            }
            if let Some(location) = self.locate(event.id, Some(log)) {
                let (other_context, other_position) = if location.context == context_id {
                    (context.as_str(), log.events.get(location.index))
                } else {
                    let other = self.contexts.get(location.context);
                    (
                        other.map_or("?", |other| other.name.as_str()),
                        other.and_then(|other| other.events.get(location.index)),
                    )
                };
                let other_position = other_position.map_or(Position::START, |e| e.position);
                return Err(invalid(format!(
                    "context \"{context}\": event id {} at position {position} is already used \
                     by the event at position {other_position} of context \"{other_context}\"",
                    event.id
                )));
            }
            if !is_valid_name(&event.stream) {
                return Err(invalid(format!(
                    "context \"{context}\": the event at position {position} names a blank stream"
                )));
            }
            let index = log.events.len();
            let stored_rank = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
            index_id(&mut self.ids, event.id, context_id, index);
            let event_type = log.event_type(&event.event_type);
            log.events.push(RecordedEvent {
                id: event.id,
                event_type,
                data: EventData::from_value(&event.data),
                metadata: event.metadata,
                context: context.clone(),
                position,
                stream: event.stream.into(),
                version: event.version,
                stored_rank,
            });
            previous = position;
        }
        Ok(())
    }
}

fn restore_stream(log: &mut ContextLog, snapshot: StreamSnapshot) -> Result<(), SnapshotError> {
    let context = log.name.clone();
    let stream = snapshot.name;
    if !is_valid_name(&stream) {
        return Err(invalid(format!(
            "context \"{context}\": stream name \"{stream}\" is blank"
        )));
    }
    if log.stream_id(&stream).is_some() {
        return Err(invalid(format!(
            "context \"{context}\": stream \"{stream}\" appears twice"
        )));
    }
    if snapshot.entries.is_empty() {
        return Err(invalid(format!(
            "context \"{context}\": stream \"{stream}\" has no events"
        )));
    }
    let stream_id = log.stream_id_or_create(&stream);
    // Log index -> version in this stream, to find an event listed twice.
    let mut seen: FastHashMap<usize, StreamVersion> = FastHashMap::default();
    for (slot, entry) in snapshot.entries.iter().enumerate() {
        let expected_version = version_of(slot);
        let (version, position) = (entry.version, entry.position);
        let at = format!("context \"{context}\": stream \"{stream}\"");
        if version != expected_version {
            return Err(invalid(format!(
                "{at}: version {version} where {expected_version} was expected \
                 (versions run from 0 without gaps)"
            )));
        }
        let Some(index) = log.index_of(position) else {
            return Err(invalid(format!(
                "{at}: version {version} points at position {position}, where no event is stored"
            )));
        };
        if let Some(first) = seen.insert(index, version) {
            return Err(invalid(format!(
                "{at}: the event at position {position} is in the stream twice \
                 (versions {first} and {version})"
            )));
        }
        let Some(event) = log.events.get(index) else {
            return Err(invalid(format!(
                "{at}: version {version} points at position {position}, where no event is stored"
            )));
        };
        if event.stream == stream {
            if event.version != version {
                return Err(invalid(format!(
                    "{at}: version {version} points at position {position}, but that event \
                     was appended to this stream at version {}",
                    event.version
                )));
            }
            push_entry(log, stream_id, index);
        } else if log.push_link(index, stream_id).is_none() {
            return Err(invalid(format!("{at}: could not be rebuilt")));
        }
    }
    Ok(())
}

/// Adds an appended (not linked) entry to a stream being rebuilt.
fn push_entry(log: &mut ContextLog, stream_id: usize, index: usize) {
    if let Some(stream) = log.streams.get_mut(stream_id) {
        stream.entries.push(index);
    }
}

fn check_every_event_is_in_its_stream(log: &ContextLog) -> Result<(), SnapshotError> {
    for (index, event) in log.events.iter().enumerate() {
        let entry = log
            .stream(&event.stream)
            .and_then(|stream| stream.entry(event.version));
        if entry != Some(index) {
            return Err(invalid(format!(
                "context \"{}\": the event at position {} ({}) is missing from its stream \
                 \"{}\" at version {}",
                log.name, event.position, event.id, event.stream, event.version
            )));
        }
    }
    Ok(())
}
