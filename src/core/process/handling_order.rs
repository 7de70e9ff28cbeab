//! The handling order across several logs.
//!
//! A process manager reading several contexts must pick which unread event
//! to handle next. Ours takes the one recorded earliest; of two recorded at
//! the same time, the one stored first (its `stored_rank`); the context
//! name and the position only settle what the rank leaves equal (past 4
//! billion events, where it stops counting).
//! Each log stays in position order.
//!
//! Folds that must see events as the runner saw them (the event-sourced and
//! projection strategies, time travel, replay) merge their sources with
//! [`HandlingOrder`], which applies the same rule to the heads of the
//! sources. The runner handles the earliest of the events stored so far, so
//! the two agree as long as no event is recorded *before* one already
//! handled. Equal times cannot break that: the event stored later sorts
//! later. (Breaking ties by context name did: a Catering event stored after
//! a Sales event of the same time, already handled, sorted before it, and a
//! fold put it first although the runner handled it second.) Only a clock
//! going back can; the playground's one clock never does.

use std::iter::Peekable;

use smallvec::SmallVec;

use crate::core::ids::Timestamp;
use crate::core::store::{Position, RecordedEvent};

/// The sort key of the handling order.
pub fn handling_key(event: &RecordedEvent) -> (Timestamp, u32, &str, Position) {
    (
        event.metadata.recorded_at,
        event.stored_rank,
        event.context.as_str(),
        event.position,
    )
}

/// Merges event sources (each already in its own order) into handling order.
pub struct HandlingOrder<'a, I: Iterator<Item = &'a RecordedEvent>> {
    /// Usually two (one per context), kept inline: a projection merges a
    /// key's streams for every event it handles.
    sources: SmallVec<[Peekable<I>; 2]>,
}

impl<'a, I: Iterator<Item = &'a RecordedEvent>> HandlingOrder<'a, I> {
    /// Merges `sources`.
    pub fn new(sources: impl IntoIterator<Item = I>) -> Self {
        HandlingOrder {
            sources: sources.into_iter().map(Iterator::peekable).collect(),
        }
    }
}

impl<'a, I: Iterator<Item = &'a RecordedEvent>> Iterator for HandlingOrder<'a, I> {
    type Item = &'a RecordedEvent;

    fn next(&mut self) -> Option<&'a RecordedEvent> {
        let mut best: Option<(usize, &'a RecordedEvent)> = None;
        for (index, source) in self.sources.iter_mut().enumerate() {
            if let Some(&head) = source.peek() {
                let better =
                    best.is_none_or(|(_, chosen)| handling_key(head) < handling_key(chosen));
                if better {
                    best = Some((index, head));
                }
            }
        }
        let (index, _) = best?;
        self.sources.get_mut(index)?.next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ids::EventId;
    use crate::core::store::{Metadata, StreamVersion};

    fn event(context: &str, position: u64, at: u64, stored_rank: u32) -> RecordedEvent {
        RecordedEvent {
            id: EventId::from_u128(u128::from(position) + 1000 * u128::from(at)),
            event_type: "T".into(),
            data: serde_json::Value::Null.into(),
            metadata: Metadata::at(Timestamp(at)),
            context: context.into(),
            position: Position(position),
            stream: "S".into(),
            version: StreamVersion(0),
            stored_rank,
        }
    }

    #[test]
    fn the_earliest_recorded_head_comes_first_and_ties_go_to_the_event_stored_first() {
        // Sales 2 and Catering 2 share a time; Sales 2 was stored first.
        let sales = [event("Sales", 1, 10, 0), event("Sales", 2, 30, 2)];
        let catering = [event("Catering", 1, 20, 1), event("Catering", 2, 30, 3)];
        let merged: Vec<(&str, u64)> = HandlingOrder::new([sales.iter(), catering.iter()])
            .map(|e| (e.context.as_str(), e.position.0))
            .collect();
        assert_eq!(
            merged,
            [("Sales", 1), ("Catering", 1), ("Sales", 2), ("Catering", 2)]
        );
    }
}
