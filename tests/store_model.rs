#![cfg(not(target_arch = "wasm32"))]
//! Model-based property test: random sequences of operations run against
//! the store and against a deliberately simple reference model (vectors and
//! linear scans). After every step the results must agree, the store must
//! read exactly like the model, its invariants must hold, and a refused
//! operation must leave it exactly as it was.
//!
//! 200 cases of 60 operations: 12 000 operations per run.

use std::collections::HashSet;

use es_playground::core::ids::{EventId, IdGenerator, Timestamp};
use es_playground::core::store::{
    AppendOutcome, EventStore, ExpectedVersion, Metadata, NewEvent, Position, StoreError,
    StreamVersion,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};

const CONTEXTS: [&str; 3] = ["Sales", "Catering", "Kitchen"]; // Kitchen is never added
const STREAMS: [&str; 5] = ["Order$1", "Order$2", "CateringMatch$1", "Match$2", " "];
const TYPES: [&str; 2] = ["CustomerConfirmedMenu", "CatererConfirmedMenu"];

// ---------------------------------------------------------------- the model

#[derive(Clone, Debug)]
struct ModelEvent {
    id: EventId,
    event_type: String,
    position: u64,
    stream: String,
    version: u64,
}

#[derive(Clone, Debug)]
struct ModelContext {
    name: String,
    head: u64,
    events: Vec<ModelEvent>,
    /// In order of creation; entries are event ids by version.
    streams: Vec<(String, Vec<EventId>)>,
}

#[derive(Clone, Debug, Default)]
struct Model {
    contexts: Vec<ModelContext>,
    single_stream: bool,
}

fn blank(name: &str) -> bool {
    name.trim().is_empty()
}

fn meets(expected: ExpectedVersion, actual: Option<StreamVersion>) -> bool {
    match expected {
        ExpectedVersion::Any => true,
        ExpectedVersion::NoStream => actual.is_none(),
        ExpectedVersion::StreamExists => actual.is_some(),
        ExpectedVersion::Exactly(v) => actual == Some(v),
    }
}

impl Model {
    fn context(&self, name: &str) -> Result<usize, StoreError> {
        self.contexts
            .iter()
            .position(|c| c.name == name)
            .ok_or(StoreError::UnknownContext {
                context: name.into(),
            })
    }

    fn find(&self, id: EventId) -> Option<(usize, &ModelEvent)> {
        self.contexts
            .iter()
            .enumerate()
            .find_map(|(c, context)| context.events.iter().find(|e| e.id == id).map(|e| (c, e)))
    }

    fn entries(&self, c: usize, stream: &str) -> Vec<EventId> {
        self.contexts[c]
            .streams
            .iter()
            .find(|(name, _)| name == stream)
            .map(|(_, entries)| entries.clone())
            .unwrap_or_default()
    }

    fn last_version(&self, c: usize, stream: &str) -> Option<StreamVersion> {
        let length = self.entries(c, stream).len() as u64;
        length.checked_sub(1).map(StreamVersion)
    }

    fn push_entry(&mut self, c: usize, stream: &str, id: EventId) -> u64 {
        let streams = &mut self.contexts[c].streams;
        if let Some((_, entries)) = streams.iter_mut().find(|(name, _)| name == stream) {
            entries.push(id);
            entries.len() as u64 - 1
        } else {
            streams.push((stream.to_owned(), vec![id]));
            0
        }
    }

    fn append(
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

    fn link(
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

    fn roll_back(&mut self, context: &str, positions: u64) -> Result<(), StoreError> {
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
    fn streams_of(&self, id: EventId) -> Vec<(String, StreamVersion)> {
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

// ------------------------------------------------------------ the operations

/// Which id an event or link uses.
#[derive(Clone, Debug)]
enum IdChoice {
    Fresh,
    /// One of the ids seen so far (stored or not), by index modulo count.
    Seen(usize),
    /// One of the stored events (in any context), by index modulo count.
    Stored(usize),
    /// The id of the previous event of the same batch.
    RepeatPrevious,
}

#[derive(Clone, Debug)]
enum Expectation {
    Any,
    NoStream,
    StreamExists,
    /// The stream's current version: usually right.
    Current,
    Exactly(u64),
}

#[derive(Clone, Debug)]
enum Corruption {
    Format,
    Version,
    PositionRepeated,
    IdRepeated,
    VersionGap,
    EntryPastHead,
    BlankStream,
    HeadBelowLastEvent,
    FirstStreamRemoved,
    Truncated,
}

#[derive(Clone, Debug)]
enum Op {
    Append {
        context: usize,
        stream: usize,
        expected: Expectation,
        events: Vec<(IdChoice, usize)>,
    },
    Link {
        /// `None`: the context of the linked event (if it is stored).
        context: Option<usize>,
        stream: usize,
        expected: Expectation,
        id: IdChoice,
    },
    RollBack {
        context: usize,
        positions: u64,
    },
    SetSingleStream(bool),
    RoundTrip,
    LoadCorrupted(Corruption),
}

fn context_choice() -> impl Strategy<Value = usize> {
    prop_oneof![10 => 0..2usize, 1 => Just(2usize)]
}

fn stream_choice() -> impl Strategy<Value = usize> {
    prop_oneof![20 => 0..4usize, 1 => Just(4usize)]
}

fn expectation() -> impl Strategy<Value = Expectation> {
    prop_oneof![
        4 => Just(Expectation::Any),
        1 => Just(Expectation::NoStream),
        1 => Just(Expectation::StreamExists),
        6 => Just(Expectation::Current),
        1 => (0..4u64).prop_map(Expectation::Exactly),
    ]
}

/// Ids for appended events: mostly fresh, sometimes a duplicate.
fn new_id_choice() -> impl Strategy<Value = IdChoice> {
    prop_oneof![
        24 => Just(IdChoice::Fresh),
        1 => any::<usize>().prop_map(IdChoice::Seen),
        1 => any::<usize>().prop_map(IdChoice::Stored),
        1 => Just(IdChoice::RepeatPrevious),
    ]
}

/// Ids for links: mostly stored events, sometimes unknown ones.
fn linked_id_choice() -> impl Strategy<Value = IdChoice> {
    prop_oneof![
        12 => any::<usize>().prop_map(IdChoice::Stored),
        1 => any::<usize>().prop_map(IdChoice::Seen),
        1 => Just(IdChoice::Fresh),
    ]
}

fn corruption() -> impl Strategy<Value = Corruption> {
    prop_oneof![
        Just(Corruption::Format),
        Just(Corruption::Version),
        Just(Corruption::PositionRepeated),
        Just(Corruption::IdRepeated),
        Just(Corruption::VersionGap),
        Just(Corruption::EntryPastHead),
        Just(Corruption::BlankStream),
        Just(Corruption::HeadBelowLastEvent),
        Just(Corruption::FirstStreamRemoved),
        Just(Corruption::Truncated),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        10 => (
            context_choice(),
            stream_choice(),
            expectation(),
            prop_oneof![
                1 => prop::collection::vec((new_id_choice(), 0..2usize), 0..1),
                12 => prop::collection::vec((new_id_choice(), 0..2usize), 1..4),
            ],
        )
            .prop_map(|(context, stream, expected, events)| Op::Append {
                context,
                stream,
                expected,
                events
            }),
        6 => (
            prop_oneof![6 => Just(None), 1 => context_choice().prop_map(Some)],
            stream_choice(),
            expectation(),
            linked_id_choice(),
        )
            .prop_map(|(context, stream, expected, id)| Op::Link { context, stream, expected, id }),
        2 => (context_choice(), 0..3u64).prop_map(|(context, positions)| Op::RollBack { context, positions }),
        1 => prop_oneof![1 => Just(true), 2 => Just(false)].prop_map(Op::SetSingleStream),
        1 => Just(Op::RoundTrip),
        1 => corruption().prop_map(Op::LoadCorrupted),
    ]
}

// ------------------------------------------------------------------ the run

struct Run {
    store: EventStore,
    model: Model,
    ids: IdGenerator,
    seen: Vec<EventId>,
    time: u64,
}

impl Run {
    fn new(seed: u64) -> Self {
        let mut store = EventStore::new();
        let mut model = Model::default();
        for name in &CONTEXTS[..2] {
            store.add_context(name).unwrap();
            model.contexts.push(ModelContext {
                name: (*name).into(),
                head: 0,
                events: Vec::new(),
                streams: Vec::new(),
            });
        }
        Run {
            store,
            model,
            ids: IdGenerator::seeded(seed),
            seen: Vec::new(),
            time: 0,
        }
    }

    fn pick_id(&mut self, choice: &IdChoice, previous: Option<EventId>) -> EventId {
        let id = match (choice, previous) {
            (IdChoice::Seen(n), _) if !self.seen.is_empty() => self.seen[n % self.seen.len()],
            (IdChoice::Stored(n), _) => {
                let stored: Vec<EventId> = self
                    .model
                    .contexts
                    .iter()
                    .flat_map(|c| c.events.iter().map(|e| e.id))
                    .collect();
                match stored.len() {
                    0 => self.ids.next_id(),
                    count => stored[n % count],
                }
            }
            (IdChoice::RepeatPrevious, Some(previous)) => previous,
            _ => self.ids.next_id(),
        };
        self.seen.push(id);
        id
    }

    fn expected(&self, expectation: &Expectation, context: &str, stream: &str) -> ExpectedVersion {
        match expectation {
            Expectation::Any => ExpectedVersion::Any,
            Expectation::NoStream => ExpectedVersion::NoStream,
            Expectation::StreamExists => ExpectedVersion::StreamExists,
            Expectation::Exactly(v) => ExpectedVersion::Exactly(StreamVersion(*v)),
            Expectation::Current => match self.model.context(context) {
                Ok(c) => match self.model.last_version(c, stream) {
                    Some(version) => ExpectedVersion::Exactly(version),
                    None => ExpectedVersion::NoStream,
                },
                Err(_) => ExpectedVersion::Any,
            },
        }
    }

    /// Applies `op` to both; checks results agree and refusals change nothing.
    fn step(&mut self, op: &Op) -> Result<(), TestCaseError> {
        let before = self.store.to_snapshot_json().unwrap();
        let refused = match op {
            Op::Append {
                context,
                stream,
                expected,
                events,
            } => {
                let (context, stream) = (CONTEXTS[*context], STREAMS[*stream]);
                let expected = self.expected(expected, context, stream);
                let mut batch = Vec::new();
                let mut previous = None;
                for (choice, event_type) in events {
                    let id = self.pick_id(choice, previous);
                    previous = Some(id);
                    batch.push((id, TYPES[*event_type]));
                }
                let new_events = batch
                    .iter()
                    .map(|(id, event_type)| {
                        self.time += 1;
                        NewEvent::new(
                            *id,
                            *event_type,
                            json!({ "at": self.time }),
                            Metadata::at(Timestamp(self.time)),
                        )
                    })
                    .collect();
                let actual = self.store.append(context, stream, expected, new_events);
                let wanted = self.model.append(context, stream, expected, &batch);
                prop_assert_eq!(&actual, &wanted, "append {:?}", op);
                actual.is_err()
            }
            Op::Link {
                context,
                stream,
                expected,
                id,
            } => {
                let id = self.pick_id(id, None);
                let context = match (context, self.model.find(id)) {
                    (Some(chosen), _) => CONTEXTS[*chosen],
                    (None, Some((own, _))) => CONTEXTS[own],
                    (None, None) => CONTEXTS[0],
                };
                let stream = STREAMS[*stream];
                let expected = self.expected(expected, context, stream);
                let actual = self.store.link(context, stream, expected, id);
                let wanted = self.model.link(context, stream, expected, id);
                prop_assert_eq!(&actual, &wanted, "link {:?}", op);
                actual.is_err()
            }
            Op::RollBack { context, positions } => {
                let context = CONTEXTS[*context];
                let actual = self.store.roll_back_transaction(context, *positions);
                let wanted = self.model.roll_back(context, *positions);
                prop_assert_eq!(&actual, &wanted);
                actual.is_err()
            }
            Op::SetSingleStream(on) => {
                self.store.set_single_stream(*on);
                self.model.single_stream = *on;
                false
            }
            Op::RoundTrip => {
                let copy = EventStore::from_snapshot_json(&before);
                prop_assert!(copy.is_ok(), "round trip refused: {:?}", copy.err());
                self.store.load_snapshot_json(&before).unwrap();
                false
            }
            Op::LoadCorrupted(corruption) => {
                let Some(bad) = corrupt(&before, corruption) else {
                    return Ok(());
                };
                let result = self.store.load_snapshot_json(&bad);
                prop_assert!(result.is_err(), "{:?} was accepted", corruption);
                true
            }
        };
        if refused {
            let after = self.store.to_snapshot_json().unwrap();
            prop_assert_eq!(&before, &after, "refused {:?} changed the store", op);
        }
        Ok(())
    }
}

/// The snapshot with one rule broken; `None` if the store has nothing to
/// break that way.
fn corrupt(json: &str, corruption: &Corruption) -> Option<String> {
    if let Corruption::Truncated = corruption {
        return json.get(..json.len() / 2).map(str::to_owned);
    }
    let mut value: Value = serde_json::from_str(json).ok()?;
    // The first context with at least two events, or with a stream.
    let busy = |value: &Value, events: usize| {
        value["contexts"]
            .as_array()?
            .iter()
            .position(|c| c["events"].as_array().is_some_and(|e| e.len() >= events))
    };
    match corruption {
        Corruption::Format => value["format"] = json!("rails_event_store"),
        Corruption::Version => value["version"] = json!(2),
        Corruption::PositionRepeated => {
            let c = busy(&value, 2)?;
            let second = value["contexts"][c]["events"][1]["position"].clone();
            value["contexts"][c]["events"][0]["position"] = second;
        }
        Corruption::IdRepeated => {
            let c = busy(&value, 2)?;
            let first = value["contexts"][c]["events"][0]["id"].clone();
            value["contexts"][c]["events"][1]["id"] = first;
        }
        Corruption::VersionGap => {
            let (c, s) =
                value["contexts"]
                    .as_array()?
                    .iter()
                    .enumerate()
                    .find_map(|(c, ctx)| {
                        let streams = ctx["streams"].as_array()?;
                        let s = streams
                            .iter()
                            .position(|s| s["entries"].as_array().is_some_and(|e| e.len() >= 2))?;
                        Some((c, s))
                    })?;
            value["contexts"][c]["streams"][s]["entries"][1]["version"] = json!(7);
        }
        Corruption::EntryPastHead => {
            let c = busy(&value, 1)?;
            let head = value["contexts"][c]["head_position"].as_u64()?;
            value["contexts"][c]["streams"][0]["entries"][0]["position"] = json!(head + 1);
        }
        Corruption::BlankStream => {
            let c = busy(&value, 1)?;
            value["contexts"][c]["streams"][0]["name"] = json!("");
        }
        Corruption::HeadBelowLastEvent => {
            let c = busy(&value, 1)?;
            let events = value["contexts"][c]["events"].as_array()?;
            let last = events.last()?["position"].as_u64()?;
            value["contexts"][c]["head_position"] = json!(last - 1);
        }
        Corruption::FirstStreamRemoved => {
            let c = busy(&value, 1)?;
            value["contexts"][c]["streams"].as_array_mut()?.remove(0);
        }
        Corruption::Truncated => unreachable!("handled above"),
    }
    Some(value.to_string())
}

// ---------------------------------------------------------- the comparison

/// The store reads exactly like the model, and its own invariants hold.
fn check_agrees(store: &EventStore, model: &Model) -> Result<(), TestCaseError> {
    prop_assert_eq!(store.single_stream(), model.single_stream);
    let infos = store.contexts();
    prop_assert_eq!(infos.len(), model.contexts.len());
    let mut all_ids = HashSet::new();
    for (info, context) in infos.iter().zip(&model.contexts) {
        let name = context.name.as_str();
        prop_assert_eq!(&info.name, &context.name);
        prop_assert_eq!(info.head_position, Position(context.head));
        prop_assert_eq!(store.head_position(name).unwrap(), Position(context.head));
        prop_assert_eq!(info.event_count, context.events.len());
        prop_assert_eq!(info.stream_count, context.streams.len());

        // The log: the model's events, positions strictly increasing and
        // never past the head.
        let log = store
            .read_log_forward(name, Position::START, usize::MAX)
            .unwrap();
        prop_assert_eq!(log.len(), context.events.len());
        let mut previous = 0;
        for (event, wanted) in log.iter().zip(&context.events) {
            prop_assert!(event.position.0 > previous, "positions not increasing");
            prop_assert!(event.position.0 <= context.head, "position past head");
            previous = event.position.0;
            prop_assert_eq!(event.id, wanted.id);
            prop_assert_eq!(&event.event_type, &wanted.event_type);
            prop_assert_eq!(event.position, Position(wanted.position));
            prop_assert_eq!(&event.stream, &wanted.stream);
            prop_assert_eq!(event.version, StreamVersion(wanted.version));
            prop_assert_eq!(event.context.as_str(), name);
            prop_assert!(all_ids.insert(event.id), "id {} stored twice", event.id);
            prop_assert_eq!(
                store.event(event.id).map(|e| e.position),
                Some(event.position)
            );
            prop_assert_eq!(store.streams_of(event.id), model.streams_of(event.id));
        }
        // A cursor in the middle reads the rest.
        let cursor = context.head / 2;
        let after: Vec<_> = store
            .read_log_forward(name, Position(cursor), 3)
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect();
        let wanted_after: Vec<_> = context
            .events
            .iter()
            .filter(|e| e.position > cursor)
            .take(3)
            .map(|e| e.id)
            .collect();
        prop_assert_eq!(after, wanted_after);

        // The streams: names, lengths, contents both ways, contiguous
        // versions, and every entry resolves to a stored event of this
        // context that knows it is there.
        let streams = store.streams(name).unwrap();
        prop_assert_eq!(streams.len(), context.streams.len());
        for (info, (stream, entries)) in streams.iter().zip(&context.streams) {
            prop_assert_eq!(&info.name, stream);
            prop_assert_eq!(info.event_count, entries.len());
            prop_assert_eq!(info.last_version, StreamVersion(entries.len() as u64 - 1));
            let forward: Vec<_> = store
                .read_stream_forward(name, stream, StreamVersion(0), usize::MAX)
                .unwrap()
                .iter()
                .map(|e| e.id)
                .collect();
            prop_assert_eq!(&forward, entries);
            let mut backward: Vec<_> = store
                .read_stream_backward(name, stream, StreamVersion::NEWEST, usize::MAX)
                .unwrap()
                .iter()
                .map(|e| e.id)
                .collect();
            backward.reverse();
            prop_assert_eq!(&backward, entries);
            for (version, id) in entries.iter().enumerate() {
                let event = store.event(*id);
                prop_assert!(
                    event.is_some_and(|e| e.context == name),
                    "link does not resolve"
                );
                let place = (stream.clone(), StreamVersion(version as u64));
                prop_assert!(store.streams_of(*id).contains(&place));
            }
        }
    }
    prop_assert_eq!(store.event_count(), all_ids.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_store_behaves_like_the_reference_model_step_by_step(
        seed in any::<u64>(),
        ops in prop::collection::vec(op(), 60),
    ) {
        let mut run = Run::new(seed);
        for op in &ops {
            run.step(op)?;
            check_agrees(&run.store, &run.model)?;
        }
    }
}
