//! The reference model: the store's rules written as plainly as possible,
//! with vectors and linear scans, to compare the real store against.

use es_playground::core::ids::EventId;
use es_playground::core::store::{
    AppendOutcome, ExpectedVersion, Position, StoreError, StreamVersion,
};

#[derive(Clone, Debug)]
pub struct ModelEvent {
    pub id: EventId,
    pub event_type: String,
    pub position: u64,
    pub stream: String,
    pub version: u64,
}

#[derive(Clone, Debug)]
pub struct ModelContext {
    pub name: String,
    pub head: u64,
    pub events: Vec<ModelEvent>,
    /// In order of creation; entries are event ids by version.
    pub streams: Vec<(String, Vec<EventId>)>,
}

#[derive(Clone, Debug, Default)]
pub struct Model {
    pub contexts: Vec<ModelContext>,
    pub single_stream: bool,
}

pub fn blank(name: &str) -> bool {
    name.trim().is_empty()
}

pub fn meets(expected: ExpectedVersion, actual: Option<StreamVersion>) -> bool {
    match expected {
        ExpectedVersion::Any => true,
        ExpectedVersion::NoStream => actual.is_none(),
        ExpectedVersion::StreamExists => actual.is_some(),
        ExpectedVersion::Exactly(v) => actual == Some(v),
    }
}

impl Model {
    pub fn context(&self, name: &str) -> Result<usize, StoreError> {
        self.contexts
            .iter()
            .position(|c| c.name == name)
            .ok_or(StoreError::UnknownContext {
                context: name.into(),
            })
    }

    pub fn find(&self, id: EventId) -> Option<(usize, &ModelEvent)> {
        self.contexts
            .iter()
            .enumerate()
            .find_map(|(c, context)| context.events.iter().find(|e| e.id == id).map(|e| (c, e)))
    }

    pub fn entries(&self, c: usize, stream: &str) -> Vec<EventId> {
        self.contexts[c]
            .streams
            .iter()
            .find(|(name, _)| name == stream)
            .map(|(_, entries)| entries.clone())
            .unwrap_or_default()
    }

    pub fn last_version(&self, c: usize, stream: &str) -> Option<StreamVersion> {
        let length = self.entries(c, stream).len() as u64;
        length.checked_sub(1).map(StreamVersion)
    }

    pub fn push_entry(&mut self, c: usize, stream: &str, id: EventId) -> u64 {
        let streams = &mut self.contexts[c].streams;
        if let Some((_, entries)) = streams.iter_mut().find(|(name, _)| name == stream) {
            entries.push(id);
            entries.len() as u64 - 1
        } else {
            streams.push((stream.to_owned(), vec![id]));
            0
        }
    }

    pub fn append(
        &mut self,
        context: &str,
        stream: &str,
        expected: ExpectedVersion,
        batch: &[(EventId, &str)],
    ) -> Result<AppendOutcome, StoreError> {
        let c = self.context(context)?;
        if blank(stream) {
            return Err(StoreError::InvalidStreamName {
                context: context.into(),
                stream: stream.into(),
            });
        }
        if batch.is_empty() {
            return Err(StoreError::EmptyBatch {
                context: context.into(),
                stream: stream.into(),
            });
        }
        let actual = self.last_version(c, stream);
        if !meets(expected, actual) {
            return Err(StoreError::WrongExpectedVersion {
                context: context.into(),
                stream: stream.into(),
                expected,
                actual,
            });
        }
        for (index, (id, _)) in batch.iter().enumerate() {
            if let Some((other, event)) = self.find(*id) {
                return Err(StoreError::DuplicateEventId {
                    id: *id,
                    context: self.contexts[other].name.clone(),
                    stream: event.stream.clone(),
                    position: Position(event.position),
                });
            }
            if let Some(first) = batch[..index].iter().position(|(earlier, _)| earlier == id) {
                return Err(StoreError::DuplicateEventIdInBatch {
                    id: *id,
                    first_index: first,
                    second_index: index,
                });
            }
        }
        let first_position = self.contexts[c].head + 1;
        let mut last_version = 0;
        for (id, event_type) in batch {
            let position = self.contexts[c].head + 1;
            let version = self.push_entry(c, stream, *id);
            let context = &mut self.contexts[c];
            context.head = position;
            context.events.push(ModelEvent {
                id: *id,
                event_type: (*event_type).to_owned(),
                position,
                stream: stream.to_owned(),
                version,
            });
            last_version = version;
        }
        Ok(AppendOutcome {
            first_position: Position(first_position),
            last_position: Position(self.contexts[c].head),
            last_version: StreamVersion(last_version),
            next_expected_version: ExpectedVersion::Exactly(StreamVersion(last_version)),
        })
    }

    pub fn link(
        &mut self,
        context: &str,
        stream: &str,
        expected: ExpectedVersion,
        id: EventId,
    ) -> Result<StreamVersion, StoreError> {
        let c = self.context(context)?;
        if blank(stream) {
            return Err(StoreError::InvalidStreamName {
                context: context.into(),
                stream: stream.into(),
            });
        }
        let Some((event_context, event)) = self.find(id) else {
            return Err(StoreError::UnknownEvent { id });
        };
        if event_context != c {
            return Err(StoreError::CrossContextLink {
                id,
                event_context: self.contexts[event_context].name.clone(),
                target_context: context.into(),
            });
        }
        if self.single_stream {
            return Err(StoreError::UniqueIdViolation {
                id,
                context: context.into(),
                stream: event.stream.clone(),
                target_stream: stream.into(),
            });
        }
        let entries = self.entries(c, stream);
        if let Some(version) = entries.iter().position(|entry| *entry == id) {
            return Err(StoreError::AlreadyLinked {
                id,
                context: context.into(),
                stream: stream.into(),
                version: StreamVersion(version as u64),
            });
        }
        let actual = self.last_version(c, stream);
        if !meets(expected, actual) {
            return Err(StoreError::WrongExpectedVersion {
                context: context.into(),
                stream: stream.into(),
                expected,
                actual,
            });
        }
        Ok(StreamVersion(self.push_entry(c, stream, id)))
    }

    pub fn roll_back(&mut self, context: &str, positions: u64) -> Result<(), StoreError> {
        let c = self.context(context)?;
        if positions == 0 {
            return Err(StoreError::EmptyRollback {
                context: context.into(),
            });
        }
        self.contexts[c].head += positions;
        Ok(())
    }

    /// Original stream first, then other streams holding the event, in
    /// order of stream creation.
    pub fn streams_of(&self, id: EventId) -> Vec<(String, StreamVersion)> {
        let Some((c, event)) = self.find(id) else {
            return Vec::new();
        };
        let mut found = vec![(event.stream.clone(), StreamVersion(event.version))];
        for (name, entries) in &self.contexts[c].streams {
            if *name == event.stream {
                continue;
            }
            if let Some(version) = entries.iter().position(|entry| *entry == id) {
                found.push((name.clone(), StreamVersion(version as u64)));
            }
        }
        found
    }
}
