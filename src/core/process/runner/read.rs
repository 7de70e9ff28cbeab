//! Reading the next event: the earliest unread one across the contexts,
//! copied out of the store with what the process manager makes of it.

use super::super::handling_order::handling_key;
use super::super::manager::ProcessManager;
use super::super::trace::EventSummary;
use super::Runner;
use crate::core::ids::EventId;
use crate::core::store::{DomainEventError, EventStore, Position, RecordedEvent, StoreError};

/// The event being handled, copied out of the store (its JSON is not).
#[derive(Clone, Copy, Debug)]
pub(super) struct Head {
    pub(super) id: EventId,
    pub(super) context: &'static str,
    /// The context's place among the runner's read cursors.
    pub(super) source: usize,
    pub(super) position: Position,
    pub(super) correlation_id: EventId,
}

/// What the event means to the process manager.
pub(super) enum Content<E> {
    Handled(E),
    NotHandled,
    Invalid(DomainEventError),
}

impl<P: ProcessManager> Runner<P> {
    /// The earliest unread event across the contexts, decoded, and whether
    /// any other event was unread when it was read.
    #[allow(clippy::type_complexity)]
    pub(super) fn read_next(
        &self,
        store: &EventStore,
    ) -> Result<Option<(Head, Content<P::Event>, Option<EventSummary>, bool)>, StoreError> {
        let mut next: Option<(usize, &'static str, &RecordedEvent)> = None;
        let mut others = false;
        for (source, &(context, after)) in self.read_cursors.iter().enumerate() {
            // An empty answer when nothing is new: the search starts from
            // the newest event, so that costs one comparison. Two events
            // tell whether the context has more than the one handled.
            let unread = store.read_log_forward(context, after, 2)?;
            let Some(event) = unread.first() else {
                continue;
            };
            others |= next.is_some() || unread.len() > 1;
            if next.is_none_or(|(_, _, chosen)| handling_key(event) < handling_key(chosen)) {
                next = Some((source, context, event));
            }
        }
        let Some((source, context, event)) = next else {
            return Ok(None);
        };
        let content = if !self.pm.handles(&event.event_type) {
            Content::NotHandled
        } else {
            match self.pm.decode(event) {
                Ok(fact) => Content::Handled(fact),
                Err(error) => Content::Invalid(error),
            }
        };
        let head = Head {
            id: event.id,
            context,
            source,
            position: event.position,
            correlation_id: event.metadata.correlation_id.unwrap_or(event.id),
        };
        let summary = self.config.record_trace.then(|| EventSummary::of(event));
        Ok(Some((head, content, summary, others)))
    }
}
