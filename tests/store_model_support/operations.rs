//! The random operations of the model test, and how proptest generates
//! them.

use proptest::prelude::*;

/// Which id an event or link uses.
#[derive(Clone, Debug)]
pub enum IdChoice {
    Fresh,
    /// One of the ids seen so far (stored or not), by index modulo count.
    Seen(usize),
    /// One of the stored events (in any context), by index modulo count.
    Stored(usize),
    /// The id of the previous event of the same batch.
    RepeatPrevious,
}

#[derive(Clone, Debug)]
pub enum Expectation {
    Any,
    NoStream,
    StreamExists,
    /// The stream's current version: usually right.
    Current,
    Exactly(u64),
}

#[derive(Clone, Debug)]
pub enum Op {
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
}

pub fn context_choice() -> impl Strategy<Value = usize> {
    prop_oneof![10 => 0..2usize, 1 => Just(2usize)]
}

pub fn stream_choice() -> impl Strategy<Value = usize> {
    prop_oneof![20 => 0..4usize, 1 => Just(4usize)]
}

pub fn expectation() -> impl Strategy<Value = Expectation> {
    prop_oneof![
        4 => Just(Expectation::Any),
        1 => Just(Expectation::NoStream),
        1 => Just(Expectation::StreamExists),
        6 => Just(Expectation::Current),
        1 => (0..4u64).prop_map(Expectation::Exactly),
    ]
}

/// Ids for appended events: mostly fresh, sometimes a duplicate.
pub fn new_id_choice() -> impl Strategy<Value = IdChoice> {
    prop_oneof![
        24 => Just(IdChoice::Fresh),
        1 => any::<usize>().prop_map(IdChoice::Seen),
        1 => any::<usize>().prop_map(IdChoice::Stored),
        1 => Just(IdChoice::RepeatPrevious),
    ]
}

/// Ids for links: mostly stored events, sometimes unknown ones.
pub fn linked_id_choice() -> impl Strategy<Value = IdChoice> {
    prop_oneof![
        12 => any::<usize>().prop_map(IdChoice::Stored),
        1 => any::<usize>().prop_map(IdChoice::Seen),
        1 => Just(IdChoice::Fresh),
    ]
}

pub fn op() -> impl Strategy<Value = Op> {
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
    ]
}
