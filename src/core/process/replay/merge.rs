//! Two logs in handling order, exactly as [`HandlingOrder`] merges them,
//! specialised to two slices: the recording times are compared first, and
//! only equal times fall back to the whole handling key. Each event's data
//! is touched a few places before its turn, to start loading it early.
//!
//! [`HandlingOrder`]: crate::core::process::order::HandlingOrder

use super::facts::touch_data;
use crate::core::process::order::handling_key;
use crate::core::store::RecordedEvent;

/// Which of the two logs an event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    First,
    Second,
}

/// How many places ahead in its log an event's data is touched.
const LOOKAHEAD: usize = 8;

/// Calls `handle` with every event of `first` and `second` in handling
/// order (on a whole-key tie, `first`'s event, as `HandlingOrder` picks its
/// first source); stops at the first error.
///
/// Before each, it touches the data of the event [`LOOKAHEAD`] places
/// further in the same log ([`touch_data`]), so that loading it overlaps
/// with the work on the events in between.
pub(super) fn in_handling_order<'a, E>(
    first: &'a [RecordedEvent],
    second: &'a [RecordedEvent],
    mut handle: impl FnMut(&'a RecordedEvent, Source) -> Result<(), E>,
) -> Result<(), E> {
    let (mut firsts, mut seconds) = (first, second);
    let mut touched = 0u8;
    let result = loop {
        match (firsts.split_first(), seconds.split_first()) {
            (Some((one, rest_one)), Some((two, rest_two))) => {
                if goes_before(two, one) {
                    touched ^= touch_ahead(seconds);
                    handle(two, Source::Second)?;
                    seconds = rest_two;
                } else {
                    touched ^= touch_ahead(firsts);
                    handle(one, Source::First)?;
                    firsts = rest_one;
                }
            }
            (Some(_), None) => break drain(firsts, Source::First, &mut touched, handle),
            (None, Some(_)) => break drain(seconds, Source::Second, &mut touched, handle),
            (None, None) => break Ok(()),
        }
    };
    // The touched bytes are used, so the touches are kept.
    std::hint::black_box(touched);
    result
}

/// Touches the data of the event [`LOOKAHEAD`] places into `log`.
#[inline(always)]
fn touch_ahead(log: &[RecordedEvent]) -> u8 {
    log.get(LOOKAHEAD).map_or(0, touch_data)
}

/// The rest of one log, once the other is done.
fn drain<'a, E>(
    log: &'a [RecordedEvent],
    source: Source,
    touched: &mut u8,
    mut handle: impl FnMut(&'a RecordedEvent, Source) -> Result<(), E>,
) -> Result<(), E> {
    for (at, event) in log.iter().enumerate() {
        *touched ^= log.get(at..).map_or(0, touch_ahead);
        handle(event, source)?;
    }
    Ok(())
}

/// Whether `event` is handled before `other`.
fn goes_before(event: &RecordedEvent, other: &RecordedEvent) -> bool {
    let (at, other_at) = (event.metadata.recorded_at, other.metadata.recorded_at);
    at < other_at || (at == other_at && handling_key(event) < handling_key(other))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ids::{EventId, Timestamp};
    use crate::core::process::order::HandlingOrder;
    use crate::core::store::{Metadata, Position, StreamVersion};
    use proptest::prelude::*;

    fn log(context: &str, times: &[u64]) -> Vec<RecordedEvent> {
        (1..)
            .zip(times)
            .map(|(position, at)| RecordedEvent {
                id: EventId::from_u128(u128::from(position)),
                event_type: "T".into(),
                data: serde_json::Value::Null.into(),
                metadata: Metadata::at(Timestamp(*at)),
                context: context.into(),
                position: Position(position),
                stream: "S".into(),
                version: StreamVersion(0),
            })
            .collect()
    }

    fn merged(first: &[RecordedEvent], second: &[RecordedEvent]) -> Vec<(String, u64)> {
        let mut order = Vec::new();
        let result: Result<(), ()> = in_handling_order(first, second, |event, _| {
            order.push((event.context.to_string(), event.position.0));
            Ok(())
        });
        assert!(result.is_ok());
        order
    }

    proptest! {
        #[test]
        fn two_logs_merge_exactly_as_handling_order_merges_them(
            first in prop::collection::vec(0..4u64, 0..12),
            second in prop::collection::vec(0..4u64, 0..12),
            first_name in prop::sample::select(vec!["Sales", "Catering", "Same"]),
        ) {
            let (first, second) = (log(first_name, &first), log("Same", &second));
            let expected: Vec<(String, u64)> = HandlingOrder::new([first.iter(), second.iter()])
                .map(|event| (event.context.to_string(), event.position.0))
                .collect();
            prop_assert_eq!(merged(&first, &second), expected);
        }
    }

    #[test]
    fn the_merge_stops_at_the_first_error() {
        let (first, second) = (log("Sales", &[1, 2, 3]), log("Catering", &[1, 2, 3]));
        let mut seen = 0;
        let result = in_handling_order(&first, &second, |_, _| {
            seen += 1;
            if seen == 2 { Err("stop") } else { Ok(()) }
        });
        assert_eq!((result, seen), (Err("stop"), 2));
    }
}
