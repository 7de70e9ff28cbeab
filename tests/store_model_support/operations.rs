//! The random operations of the model test, how proptest generates them,
//! and the ways a snapshot gets corrupted.

use proptest::prelude::*;
use serde_json::{Value, json};

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
pub enum Corruption {
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
    RoundTrip,
    LoadCorrupted(Corruption),
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

pub fn corruption() -> impl Strategy<Value = Corruption> {
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
        1 => Just(Op::RoundTrip),
        1 => corruption().prop_map(Op::LoadCorrupted),
    ]
}

/// The snapshot with one rule broken; `None` if the store has nothing to
/// break that way.
pub fn corrupt(json: &str, corruption: &Corruption) -> Option<String> {
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
