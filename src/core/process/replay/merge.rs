//! Two logs in handling order, exactly as [`HandlingOrder`] merges them,
//! specialised to two slices: the recording times are compared first, and
//! only equal times fall back to the whole handling key. Events go in
//! windows whose data is touched together before they are handled, to load
//! it in parallel.
//!
//! [`HandlingOrder`]: crate::core::process::handling_order::HandlingOrder

use super::facts::touch_data;
use crate::core::process::handling_order::handling_key;
use crate::core::store::RecordedEvent;

/// Which of the two logs an event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    First,
    Second,
}

/// How many events are merged, touched and handled at a time (at most
/// 64: the bits of [`Window::from_second`]).
const WINDOW: usize = 32;

/// Calls `handle` with every event of `first` and `second` in handling
/// order (on a whole-key tie, `first`'s event, as `HandlingOrder` picks its
/// first source); stops at the first error.
///
/// It goes a [`Window`] at a time: first the order of the next events is
/// decided, then their data is touched ([`touch_data`]) in a tight loop, so
/// that its cache misses overlap instead of coming one at a time, then they
/// are handled.
pub(super) fn in_handling_order<'a, E>(
    first: &'a [RecordedEvent],
    second: &'a [RecordedEvent],
    mut handle: impl FnMut(&'a RecordedEvent, Source) -> Result<(), E>,
) -> Result<(), E> {
    let (mut firsts, mut seconds) = (first, second);
    let mut touched = 0u8;
    loop {
        let window = Window::plan(firsts, seconds);
        if window.len == 0 {
            break;
        }
        let (now_first, later_first) = firsts
            .split_at_checked(window.firsts)
            .unwrap_or((firsts, &[]));
        let (now_second, later_second) = seconds
            .split_at_checked(window.seconds)
            .unwrap_or((seconds, &[]));
        for event in now_first.iter().chain(now_second) {
            touched ^= touch_data(event);
        }
        window.handle(now_first, now_second, &mut handle)?;
        (firsts, seconds) = (later_first, later_second);
    }
    // The touched bytes are used, so the touches are kept.
    std::hint::black_box(touched);
    Ok(())
}

/// The next events of the two logs in handling order, at most [`WINDOW`].
struct Window {
    /// Bit `n` is set when the `n`-th event comes from the second log.
    from_second: u64,
    len: usize,
    /// How many come from each log.
    firsts: usize,
    seconds: usize,
}

impl Window {
    /// The order of the next events at the heads of `firsts` and `seconds`.
    #[inline(always)]
    fn plan(firsts: &[RecordedEvent], seconds: &[RecordedEvent]) -> Self {
        let mut window = Window {
            from_second: 0,
            len: 0,
            firsts: 0,
            seconds: 0,
        };
        while window.len < WINDOW {
            let from_second = match (firsts.get(window.firsts), seconds.get(window.seconds)) {
                (Some(one), Some(two)) => goes_before(two, one),
                (Some(_), None) => false,
                (None, Some(_)) => true,
                (None, None) => break,
            };
            if from_second {
                window.from_second |= 1 << window.len;
                window.seconds += 1;
            } else {
                window.firsts += 1;
            }
            window.len += 1;
        }
        window
    }

    /// Hands the planned events over in their order: `firsts` and
    /// `seconds` are the window's events of each log.
    #[inline(always)]
    fn handle<'a, E>(
        &self,
        firsts: &'a [RecordedEvent],
        seconds: &'a [RecordedEvent],
        handle: &mut impl FnMut(&'a RecordedEvent, Source) -> Result<(), E>,
    ) -> Result<(), E> {
        // Which log each event comes from is as random as the merge, so it
        // is not branched on: the log and source are selected, the places
        // counted per log.
        let mut taken = [0usize; 2];
        for n in 0..self.len {
            let from_second = (self.from_second >> n) & 1 == 1;
            let (log, source) = if from_second {
                (seconds, Source::Second)
            } else {
                (firsts, Source::First)
            };
            let at = usize::from(from_second);
            if let (Some(place), Some(taken)) = (taken.get(at).copied(), taken.get_mut(at)) {
                *taken = place + 1;
                if let Some(event) = log.get(place) {
                    handle(event, source)?;
                }
            }
        }
        Ok(())
    }
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
    #[cfg(not(target_arch = "wasm32"))]
    use crate::core::process::handling_order::HandlingOrder;
    use crate::core::store::{Metadata, Position, StreamVersion};
    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
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
                stored_rank: 0,
            })
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn merged(first: &[RecordedEvent], second: &[RecordedEvent]) -> Vec<(String, u64)> {
        let mut order = Vec::new();
        let result: Result<(), ()> = in_handling_order(first, second, |event, _| {
            order.push((event.context.to_string(), event.position.0));
            Ok(())
        });
        assert!(result.is_ok());
        order
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn two_logs_merge_exactly_as_handling_order_merges_them(
            first in prop::collection::vec(0..4u64, 0..80),
            second in prop::collection::vec(0..4u64, 0..80),
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
