//! The store's writes of an action: new contexts with their sequences,
//! the session's appends (positions from `nextval`, versions from the
//! stream's newest), rolled-back transactions and links.

use std::collections::HashSet;

use super::literal::{self, jsonb_of};
use super::statements::Changes;
use super::tables::{EventRow, StreamEventRow};
use super::{SqlStep, Transaction, TransactionEnd};
use crate::core::ids::{EventId, Timestamp};
use crate::core::words::counted;

impl<'a> Changes<'a> {
    /// Contexts created by the action: a row and a sequence each.
    pub(super) fn new_contexts(&mut self) {
        let created: Vec<_> = self
            .after
            .contexts
            .iter()
            .filter(|row| self.before.context(&row.name).is_none())
            .cloned()
            .collect();
        for row in created {
            self.commit(
                format!("A new context, {}, with its own log", row.name),
                vec![
                    format!(
                        "INSERT INTO contexts (name, position_sequence) VALUES ({}, {})",
                        literal::text(&row.name),
                        literal::text(&row.position_sequence)
                    ),
                    format!("CREATE SEQUENCE {} AS bigint", row.position_sequence),
                ],
            );
        }
    }

    /// Events stored by the action, in the order the core stored them.
    pub(super) fn new_events(&self) -> Vec<&'a EventRow> {
        let known: HashSet<EventId> = self.before.events.iter().map(|row| row.event_id).collect();
        let mut new: Vec<&EventRow> = self
            .after
            .events
            .iter()
            .filter(|row| !known.contains(&row.event_id))
            .collect();
        new.sort_by_key(|row| row.stored_rank);
        new
    }

    /// The stream `id` was appended to.
    pub(super) fn appended_stream(&self, id: EventId) -> Option<&'a str> {
        self.after
            .stream_events
            .iter()
            .find(|row| row.event_id == id && !row.linked)
            .map(|row| row.stream.as_str())
    }

    pub(super) fn place(&self, event: &EventRow) -> String {
        format!(
            "{} / {}",
            event.context,
            self.appended_stream(event.event_id).unwrap_or("?")
        )
    }

    /// One append of `events` (one stream), positions from the sequence,
    /// versions after the stream's newest.
    pub(super) fn append(&mut self, why: String, events: &[&EventRow]) {
        let mut statements = Vec::new();
        for event in events {
            let sequence = self.sequence(&event.context);
            statements.push(insert_event(
                event,
                &format!("nextval({})", literal::text(&sequence)),
            ));
            let stream = self.appended_stream(event.event_id).unwrap_or_default();
            statements.push(insert_member(&event.context, stream, event.event_id, false));
        }
        self.commit(why, statements);
    }

    pub(super) fn sequence(&self, context: &str) -> String {
        self.after
            .context(context)
            .map(|row| row.position_sequence.clone())
            .unwrap_or_default()
    }

    /// Positions a context consumed without storing events: a transaction
    /// that took them and was rolled back.
    pub(super) fn rolled_back(&mut self) {
        for row in &self.after.contexts {
            let head_before = self.before.context(&row.name).map_or(0, |old| old.head);
            let stored = self
                .new_events()
                .iter()
                .filter(|event| event.context == row.name)
                .count() as u64;
            let consumed = row.head.saturating_sub(head_before).saturating_sub(stored);
            if consumed > 0 {
                self.steps.push(SqlStep::Transaction(Transaction {
                    why: format!(
                        "A transaction in {} takes {}, then is rolled back: they stay taken",
                        row.name,
                        counted(consumed, "position", "positions")
                    ),
                    statements: vec![format!(
                        "SELECT nextval({}) FROM generate_series(1, {consumed})",
                        literal::text(&row.position_sequence)
                    )],
                    end: TransactionEnd::Rollback,
                }));
            }
        }
    }

    /// Links made by the action and not written yet: one transaction each.
    pub(super) fn remaining_links(&mut self) {
        let new: Vec<StreamEventRow> = self
            .after
            .stream_events
            .iter()
            .filter(|row| row.linked && !self.before.stream_events.contains(row))
            .cloned()
            .collect();
        self.write_links(new);
    }

    /// Writes `links`, each once: one transaction each.
    pub(super) fn write_links(&mut self, links: Vec<StreamEventRow>) {
        for row in links {
            let key = (row.context.clone(), row.stream.clone(), row.event_id);
            if !self.written.links.insert(key) {
                continue;
            }
            self.commit(
                format!(
                    "Link event {} into {} / {}",
                    row.event_id, row.context, row.stream
                ),
                vec![insert_member(&row.context, &row.stream, row.event_id, true)],
            );
        }
    }
}

/// `INSERT INTO events`, the position given as SQL (`nextval(…)` or a
/// number).
pub(super) fn insert_event(event: &EventRow, position: &str) -> String {
    format!(
        "INSERT INTO events (event_id, context, position, type, data, metadata, recorded_at) VALUES ({}, {}, {position}, {}, {}, {}, {})",
        literal::uuid(event.event_id),
        literal::text(&event.context),
        literal::text(&event.event_type),
        jsonb_of(&event.data),
        jsonb_of(&event.metadata),
        literal::timestamp(Timestamp(event.recorded_at_ms))
    )
}

/// `INSERT INTO stream_events` at the stream's next version, which
/// PostgreSQL computes.
pub(super) fn insert_member(context: &str, stream: &str, id: EventId, linked: bool) -> String {
    let (context, stream) = (literal::text(context), literal::text(stream));
    format!(
        "INSERT INTO stream_events (context, stream, version, event_id, linked) \
         SELECT {context}, {stream}, coalesce(max(version) + 1, 0), {}, {linked} \
         FROM stream_events WHERE context = {context} AND stream = {stream}",
        literal::uuid(id)
    )
}
