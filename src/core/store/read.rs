//! Reading: streams forward and backward, a context's log after a cursor,
//! the streams an event is in, and listings of streams.
//!
//! Reads return references into the store; nothing is copied.

use super::context::ContextLog;
use super::event::RecordedEvent;
use super::types::{Position, StreamInfo, StreamVersion};
use super::{EventStore, StoreError};
use crate::core::ids::EventId;

impl EventStore {
    /// Up to `limit` events of `stream`, from version `from` upward.
    ///
    /// A stream with no events reads as empty.
    pub fn read_stream_forward(
        &self,
        context: &str,
        stream: &str,
        from: StreamVersion,
        limit: usize,
    ) -> Result<Vec<&RecordedEvent>, StoreError> {
        let start = usize::try_from(from.0).unwrap_or(usize::MAX);
        let events = self.stream_events(context, stream)?;
        Ok(events.skip(start).take(limit).collect())
    }

    /// Every event of `stream`, oldest first, without collecting them (a
    /// stream with no events reads as empty).
    pub fn stream_events<'s>(
        &'s self,
        context: &str,
        stream: &str,
    ) -> Result<impl Iterator<Item = &'s RecordedEvent> + use<'s>, StoreError> {
        let (log, entries) = self.stream_entries(context, stream)?;
        Ok(entries.iter().filter_map(|index| log.events.get(*index)))
    }

    /// Up to `limit` events of the context's log with a position after
    /// `after`, in position order: what a reader with cursor `after` reads
    /// next. A binary search and a slice; nothing is copied.
    pub fn read_log_forward(
        &self,
        context: &str,
        after: Position,
        limit: usize,
    ) -> Result<&[RecordedEvent], StoreError> {
        Ok(self.context(context)?.events_after(after, limit))
    }

    /// The newest version of `stream`; `None` if it has no events.
    pub fn stream_version(
        &self,
        context: &str,
        stream: &str,
    ) -> Result<Option<StreamVersion>, StoreError> {
        Ok(self.context(context)?.last_version(stream))
    }

    /// Every stream the event is in, with its version there: the stream it
    /// was appended to first, then the streams it was linked into, in the
    /// order those streams were created. Empty for an unknown id.
    pub fn streams_of(&self, event_id: EventId) -> Vec<(String, StreamVersion)> {
        let Some(location) = self.locate(event_id) else {
            return Vec::new();
        };
        self.contexts
            .get(location.context)
            .map(|log| log.streams_of(location.index))
            .unwrap_or_default()
    }

    /// The streams of a context, in order of creation.
    pub fn streams(&self, context: &str) -> Result<Vec<StreamInfo>, StoreError> {
        let log = self.context(context)?;
        let infos = log
            .streams
            .iter()
            .filter_map(|stream| {
                Some(StreamInfo {
                    name: stream.name.to_string(),
                    event_count: stream.entries.len(),
                    last_version: stream.last_version()?,
                })
            })
            .collect();
        Ok(infos)
    }

    /// The `index`-th stream of a context in order of creation (`None` past
    /// the end): lets a view draw one screenful of a huge list without
    /// listing every stream.
    pub fn stream_at(&self, context: &str, index: usize) -> Result<Option<StreamInfo>, StoreError> {
        let log = self.context(context)?;
        Ok(log.streams.get(index).and_then(|stream| {
            Some(StreamInfo {
                name: stream.name.to_string(),
                event_count: stream.entries.len(),
                last_version: stream.last_version()?,
            })
        }))
    }

    /// A context's log and the log indexes of `stream`'s events in version
    /// order (empty for a stream that does not exist).
    fn stream_entries(
        &self,
        context: &str,
        stream: &str,
    ) -> Result<(&ContextLog, &[usize]), StoreError> {
        let log = self.context(context)?;
        let entries = log
            .stream(stream)
            .map_or(&[][..], |found| found.entries.as_slice());
        Ok((log, entries))
    }
}
