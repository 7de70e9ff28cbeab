#![cfg(not(target_arch = "wasm32"))]
//! Model-based property test: random sequences of operations run against
//! the store and against a deliberately simple reference model (vectors and
//! linear scans). After every step the results must agree, the store must
//! read exactly like the model, its invariants must hold, and a refused
//! operation must leave it exactly as it was.
//!
//! 200 cases of 60 operations: 12 000 operations per run.

mod store_model_support;
mod store_state;

use es_playground::core::ids::{EventId, IdGenerator, Timestamp};
use es_playground::core::store::{EventStore, ExpectedVersion, Metadata, NewEvent, StreamVersion};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::json;
use store_model_support::agreement::check_agrees;
use store_model_support::operations::{Expectation, IdChoice, Op, op};
use store_model_support::reference::{Model, ModelContext};
use store_model_support::{CONTEXTS, STREAMS, TYPES};
use store_state::store_state;

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
        let before = store_state(&self.store);
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
                let new_events: Vec<NewEvent> = batch
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
        };
        if refused {
            let after = store_state(&self.store);
            prop_assert_eq!(&before, &after, "refused {:?} changed the store", op);
        }
        Ok(())
    }
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
