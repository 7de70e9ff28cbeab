//! One bounded context: its log of events ordered by position, its streams,
//! and the record of which events were linked into which streams.
//!
//! Streams hold indexes into the log, never copies of events. An event's
//! index in the log never changes: the log only grows at its end.

use smallvec::SmallVec;

use super::bulk::Room;
use super::event::RecordedEvent;
use super::event_names::{ContextName, EventType, StreamName};
use super::types::{Position, StreamVersion};
use super::{FastHashMap, PlaceIndex, fast_hash};

/// A named sequence of events inside a context.
#[derive(Clone, Debug)]
pub(super) struct Stream {
    /// Copied into every event appended to the stream; compared inline
    /// when the stream is looked up by name.
    pub(super) name: StreamName,
    /// Indexes into the context's log; the entry at `v` has version `v`.
    /// Most streams (an order in one context) hold one or two events, kept
    /// inline: creating such a stream allocates only its name.
    pub(super) entries: SmallVec<[usize; 2]>,
}

impl Stream {
    /// The version of the newest entry; `None` for a stream with no events.
    pub(super) fn last_version(&self) -> Option<StreamVersion> {
        self.entries.len().checked_sub(1).map(version_of)
    }
}

/// Converts a place in a stream's entry list to a version (lossless: usize
/// is never wider than 64 bits on the targets we build for).
fn version_of(slot: usize) -> StreamVersion {
    StreamVersion(slot as u64)
}

/// Whether `name` may name a context or a stream: anything but blank.
pub(super) fn is_valid_name(name: &str) -> bool {
    !name.trim().is_empty()
}

/// The log, streams and links of one context.
#[derive(Clone, Debug)]
pub(super) struct ContextLog {
    pub(super) name: ContextName,
    /// Stored events in position order (positions may have gaps).
    pub(super) events: Vec<RecordedEvent>,
    /// Last position consumed, including rolled-back gaps.
    pub(super) head: Position,
    /// Streams in order of creation.
    pub(super) streams: Vec<Stream>,
    /// Stream ids (places in `streams`) by the hash of the name, in 32
    /// bits (4 billion streams would take 200 GB).
    stream_ids: PlaceIndex<u32>,
    /// For each linked event (by log index): the streams it was linked into,
    /// besides the one it was appended to, with its version there, ordered
    /// by stream id (most are linked once: kept inline, no allocation).
    links: FastHashMap<usize, SmallVec<[(usize, StreamVersion); 1]>>,
    /// The event type names seen, each shared by the events of that type.
    event_types: Vec<EventType>,
}

impl ContextLog {
    /// Makes room as `room` says.
    pub(super) fn reserve(&mut self, room: &Room) {
        self.events.reserve(room.events);
        self.streams.reserve(room.streams);
        self.stream_ids.reserve(room.streams);
        self.links.reserve(room.links);
    }

    pub(super) fn new(name: ContextName) -> Self {
        ContextLog {
            name,
            events: Vec::new(),
            head: Position::START,
            streams: Vec::new(),
            stream_ids: PlaceIndex::default(),
            links: FastHashMap::default(),
            event_types: Vec::new(),
        }
    }

    pub(super) fn stream_id(&self, name: &str) -> Option<usize> {
        let streams = &self.streams;
        let is_named = |id: u32| streams.get(id as usize).is_some_and(|s| s.name == name);
        let id = self.stream_ids.find(fast_hash(name), is_named)?;
        Some(id as usize)
    }

    pub(super) fn stream(&self, name: &str) -> Option<&Stream> {
        self.stream_id(name).and_then(|id| self.streams.get(id))
    }

    /// The newest version of the stream; `None` if it has no events.
    pub(super) fn last_version(&self, stream: &str) -> Option<StreamVersion> {
        self.stream(stream).and_then(Stream::last_version)
    }

    /// The newest version of the stream with this id; `None` if it has no
    /// events.
    pub(super) fn last_version_of(&self, stream_id: Option<usize>) -> Option<StreamVersion> {
        self.streams.get(stream_id?).and_then(Stream::last_version)
    }

    /// The id of the stream, created empty if it does not exist yet.
    pub(super) fn stream_id_or_create(&mut self, name: &str) -> usize {
        match self.stream_id(name) {
            Some(id) => id,
            None => self.create_stream(name),
        }
    }

    /// Adds an empty stream (whose name is not taken yet) and returns its
    /// id.
    pub(super) fn create_stream(&mut self, name: &str) -> usize {
        let id = self.streams.len();
        self.streams.push(Stream {
            name: StreamName::new(name),
            entries: SmallVec::new(),
        });
        self.stream_ids
            .insert(fast_hash(name), u32::try_from(id).unwrap_or(u32::MAX));
        id
    }

    /// The shared name of the stream with this id (`name` is only a guard
    /// for an id that is not there, which the callers never pass).
    pub(super) fn stream_name(&self, stream_id: usize, name: &str) -> StreamName {
        self.streams
            .get(stream_id)
            .map_or_else(|| StreamName::new(name), |stream| stream.name.clone())
    }

    /// The shared name of the event type `name` (contexts hold a handful of
    /// types, so a scan is quicker than hashing).
    pub(super) fn event_type(&mut self, name: &str) -> EventType {
        if let Some(known) = self.event_types.iter().find(|known| **known == name) {
            return known.clone();
        }
        let shared = EventType::new(name);
        self.event_types.push(shared.clone());
        shared
    }

    /// Stored events with a position after `after`, at most `limit` of them.
    ///
    /// Readers almost always want the last few events, so the search gallops
    /// backward from the end (1, 2, 4, ... events back) and finishes with a
    /// binary search inside the last stride: a handful of reads near the end
    /// of the log instead of a binary search over all of it.
    pub(super) fn events_after(&self, after: Position, limit: usize) -> &[RecordedEvent] {
        // Nothing new (the usual answer to a reader that is up to date).
        if self.head <= after {
            return &[];
        }
        let start = self.first_after(after);
        let rest = self.events.get(start..).unwrap_or_default();
        rest.get(..limit).unwrap_or(rest)
    }

    /// The log index of the first event with a position after `after` (the
    /// log's length if there is none).
    fn first_after(&self, after: Position) -> usize {
        let events = &self.events;
        let len = events.len();
        // `low` is an index whose event is at or before `after` (or 0);
        // everything from `high` on is after it.
        let mut high = len;
        let mut stride = 1;
        let low = loop {
            let Some(probe) = high.checked_sub(stride) else {
                break 0;
            };
            match events.get(probe) {
                Some(event) if event.position <= after => break probe + 1,
                _ => {
                    high = probe;
                    stride = stride.saturating_mul(2);
                }
            }
        };
        let window = events.get(low..high).unwrap_or_default();
        low + window.partition_point(|event| event.position <= after)
    }

    /// Adds `event` at the end of the log and of stream `stream_id`.
    ///
    /// The caller has checked everything: the event's position is past the
    /// head and its version is the stream's next one.
    pub(super) fn push_appended(&mut self, event: RecordedEvent, stream_id: usize) -> usize {
        let index = self.events.len();
        if event.position > self.head {
            self.head = event.position;
        }
        self.events.push(event);
        if let Some(stream) = self.streams.get_mut(stream_id) {
            stream.entries.push(index);
        }
        index
    }

    /// Adds the event at log `index` to the end of stream `stream_id` as a
    /// link and returns its version there.
    pub(super) fn push_link(&mut self, index: usize, stream_id: usize) -> Option<StreamVersion> {
        let stream = self.streams.get_mut(stream_id)?;
        let version = version_of(stream.entries.len());
        stream.entries.push(index);
        let linked = self.links.entry(index).or_default();
        let slot = linked.partition_point(|(id, _)| *id < stream_id);
        linked.insert(slot, (stream_id, version));
        Some(version)
    }

    /// The version of the event at log `index` in stream `stream_id`, if it
    /// is in that stream.
    pub(super) fn version_in(&self, index: usize, stream_id: usize) -> Option<StreamVersion> {
        let event = self.events.get(index)?;
        let stream = self.streams.get(stream_id)?;
        if event.stream == stream.name {
            return Some(event.version);
        }
        self.links
            .get(&index)?
            .iter()
            .find(|(id, _)| *id == stream_id)
            .map(|(_, version)| *version)
    }

    /// Every stream the event at log `index` is in, with its version there:
    /// the stream it was appended to first, then links by stream creation.
    pub(super) fn streams_of(&self, index: usize) -> Vec<(String, StreamVersion)> {
        let Some(event) = self.events.get(index) else {
            return Vec::new();
        };
        let mut found = vec![(event.stream.to_string(), event.version)];
        for (stream_id, version) in self.links.get(&index).into_iter().flatten() {
            if let Some(stream) = self.streams.get(*stream_id) {
                found.push((stream.name.to_string(), *version));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ids::{EventId, Timestamp};
    use crate::core::store::Metadata;

    #[test]
    fn the_backward_gallop_agrees_with_a_full_binary_search() {
        let mut log = ContextLog::new(ContextName::new("Sales"));
        let stream = log.create_stream("S");
        // Positions 2, 4, 6, ...: gaps, so cursors between events are tried.
        for n in 1..=100u64 {
            let event = RecordedEvent {
                id: EventId::from_u128(u128::from(n)),
                event_type: "T".into(),
                data: serde_json::Value::Null.into(),
                metadata: Metadata::at(Timestamp(n)),
                context: log.name.clone(),
                position: Position(2 * n),
                stream: "S".into(),
                version: StreamVersion(n - 1),
                stored_rank: 0,
            };
            log.push_appended(event, stream);
            for after in 0..=2 * n + 1 {
                let expected = log.events.partition_point(|e| e.position.0 <= after);
                assert_eq!(log.first_after(Position(after)), expected, "{n} {after}");
            }
        }
        assert!(
            ContextLog::new(ContextName::new("E"))
                .events_after(Position(0), 9)
                .is_empty()
        );
    }
}
