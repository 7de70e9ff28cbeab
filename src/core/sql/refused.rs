//! The attempts the core's store refuses, as the statements PostgreSQL
//! must refuse: lesson 1's duplicate id, stale version and invalid batch,
//! and the link a single-stream store cannot make (lesson 6). Each is
//! written with the position it would have had: the core's store checks
//! before it takes a position, and a refused `nextval` would leave a gap.

use super::handling::Entry;
use super::literal;
use super::statements::Changes;
use super::store_writes::{insert_event, insert_member};
use super::tables::EventRow;
use super::{RefusedAttempt, SqlStep};
use crate::core::domain::Fact;
use crate::core::ids::{EventId, Timestamp};
use crate::core::process::command_id::name_based;
use crate::core::process::{ProcessManager, StrategyKind};
use crate::core::session::Action;
use crate::core::store::Metadata;

impl Changes<'_> {
    /// Lesson 1's attempts, as the statements PostgreSQL refuses.
    pub(super) fn refused(&mut self, action: &Action) {
        let attempt = match action {
            Action::AppendAgainWithId { event_id } => self.again_with_id(*event_id),
            Action::AppendWithStaleVersion { fact } => self.stale_version(fact),
            Action::AppendInvalidBatch { fact } => self.invalid_batch(fact),
            _ => return,
        };
        let unchanged = self.before.events == self.after.events
            && self.before.stream_events == self.after.stream_events
            && self.before.contexts == self.after.contexts;
        match attempt {
            Some(attempt) if unchanged => self.steps.push(SqlStep::Refused(attempt)),
            _ => self.note("The core's store did not refuse this attempt as it should: no statement is written for it.".to_owned()),
        }
    }

    /// The next position of `context` before the action (the one a refused
    /// append would have taken).
    pub(super) fn next_position(&self, context: &str) -> u64 {
        self.before.context(context).map_or(0, |row| row.head) + 1
    }

    pub(super) fn again_with_id(&self, id: EventId) -> Option<RefusedAttempt> {
        let event = self.before.event(id)?;
        let stream = self
            .before
            .stream_events
            .iter()
            .find(|row| row.event_id == id && !row.linked)?;
        let position = self.next_position(&event.context).to_string();
        Some(RefusedAttempt {
            why: format!(
                "Append event {id} again, with its own id, to {} / {}",
                event.context, stream.stream
            ),
            statements: vec![
                insert_event(event, &position),
                insert_member(&event.context, &stream.stream, id, false),
            ],
            constraint: "events_event_id_key",
        })
    }

    pub(super) fn stale_version(&self, fact: &Fact) -> Option<RefusedAttempt> {
        let (context, stream) = (fact.context(), fact.stream());
        let newest = self
            .before
            .stream_events
            .iter()
            .filter(|row| row.context == context && row.stream == stream)
            .map(|row| row.version)
            .max()?;
        let event = self.attempted(fact, "stale")?;
        Some(RefusedAttempt {
            why: format!(
                "Append {fact} to {context} / {stream} expecting version {}, one before the newest: it writes version {newest}, which is taken",
                newest.saturating_sub(1)
            ),
            statements: vec![
                insert_event(&event, &self.next_position(context).to_string()),
                format!(
                    "INSERT INTO stream_events (context, stream, version, event_id, linked) VALUES ({}, {}, {newest}, {}, false)",
                    literal::text(context),
                    literal::text(&stream),
                    literal::uuid(event.event_id)
                ),
            ],
            constraint: "stream_events_pkey",
        })
    }

    pub(super) fn invalid_batch(&self, fact: &Fact) -> Option<RefusedAttempt> {
        let (context, stream) = (fact.context(), fact.stream());
        let event = self.attempted(fact, "batch")?;
        let first = self.next_position(context);
        Some(RefusedAttempt {
            why: format!(
                "Append a batch of two events to {context} / {stream}, the second reusing the first's id: the whole transaction is refused"
            ),
            statements: vec![
                insert_event(&event, &first.to_string()),
                insert_member(context, &stream, event.event_id, false),
                insert_event(&event, &(first + 1).to_string()),
            ],
            constraint: "events_event_id_key",
        })
    }

    /// The row of an attempted event the store refused: the core gives it
    /// no id that outlives the refusal, so it gets a name-based one.
    pub(super) fn attempted(&self, fact: &Fact, kind: &str) -> Option<EventRow> {
        let index = self.session.actions().len().to_string();
        let id = EventId(name_based(&["sql attempt", kind, &index]));
        let recorded_at = self
            .before
            .events
            .iter()
            .map(|row| row.recorded_at_ms)
            .max()
            .unwrap_or_default();
        let new = fact.to_new_event(id, Metadata::at(Timestamp(recorded_at)));
        Some(EventRow {
            event_id: id,
            context: fact.context().to_owned(),
            position: 0,
            event_type: fact.event_type().to_owned(),
            data: new.data.to_value(),
            metadata: serde_json::json!({"correlation_id": null, "causation_id": null}),
            recorded_at_ms: recorded_at,
            stored_rank: 0,
        })
    }

    /// Links the runner tried while the store kept one stream per event:
    /// such a store can only write the event again for the other stream.
    pub(super) fn refused_link(&mut self, entry: &Entry, reason: &str) {
        let runner = self.session.runner();
        let single = self.session.store().single_stream()
            && self.session.settings().strategy == StrategyKind::EventSourced;
        let event = self.after.event(entry.event.id);
        match (single, entry.key.as_deref(), event) {
            (true, Some(key), Some(event)) => {
                let stream = runner.process_manager().own_stream(key);
                let position = self.next_position_after(&event.context).to_string();
                let attempt = RefusedAttempt {
                    why: format!(
                        "Put event {} into {} / {stream} too: a single-stream store has no links, so it writes the event again, with its id",
                        event.event_id, event.context
                    ),
                    statements: vec![
                        insert_event(event, &position),
                        insert_member(&event.context, &stream, event.event_id, true),
                    ],
                    constraint: "events_event_id_key",
                };
                self.steps.push(SqlStep::Refused(attempt));
            }
            _ => self.note(format!(
                "The process manager could not handle {} position {}: {reason}",
                entry.event.context, entry.event.position
            )),
        }
    }

    pub(super) fn next_position_after(&self, context: &str) -> u64 {
        self.after.context(context).map_or(0, |row| row.head) + 1
    }
}
