//! Two logs in handling order, exactly as [`HandlingOrder`] merges them,
//! specialised to two slices: the recording times are compared first, and
//! only equal times fall back to the whole handling key.
//!
//! [`HandlingOrder`]: crate::core::process::order::HandlingOrder

use crate::core::process::order::handling_key;
use crate::core::store::RecordedEvent;

/// Which of the two logs an event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    First,
    Second,
}

/// Calls `handle` with every event of `first` and `second` in handling
/// order (on a whole-key tie, `first`'s event, as `HandlingOrder` picks its
/// first source); stops at the first error.
pub(super) fn in_handling_order<'a, E>(
    first: &'a [RecordedEvent],
    second: &'a [RecordedEvent],
    mut handle: impl FnMut(&'a RecordedEvent, Source) -> Result<(), E>,
) -> Result<(), E> {
    let (mut firsts, mut seconds) = (first, second);
    loop {
        match (firsts.split_first(), seconds.split_first()) {
            (Some((one, rest_one)), Some((two, rest_two))) => {
                if goes_before(two, one) {
                    handle(two, Source::Second)?;
                    seconds = rest_two;
                } else {
                    handle(one, Source::First)?;
                    firsts = rest_one;
                }
            }
            (Some(_), None) => {
                return firsts
                    .iter()
                    .try_for_each(|event| handle(event, Source::First));
            }
            (None, Some(_)) => {
                return seconds
                    .iter()
                    .try_for_each(|event| handle(event, Source::Second));
            }
            (None, None) => return Ok(()),
        }
    }
}

/// Whether `event` is handled before `other`.
fn goes_before(event: &RecordedEvent, other: &RecordedEvent) -> bool {
    let (at, other_at) = (event.metadata.recorded_at, other.metadata.recorded_at);
    at < other_at || (at == other_at && handling_key(event) < handling_key(other))
}

// Property tests: proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
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
