//! The process manager's writes: state rows under their lock, the outbox
//! stream's appends, atomic tracking's one commit of rows, outbox and
//! cursor, the outbox marked dispatched, the cursors; and, as notes, the
//! commands sent and restarts. Each write is compared with what the
//! statements so far wrote ([`Written`]), so a change is written once,
//! whether by a traced handling (`handling.rs`) or by the rest of the
//! action (handlings not traced, a restart's dispatch, the dispatcher).

use std::collections::HashSet;

use serde_json::Value;

use super::literal::{self, jsonb_of};
use super::statements::Changes;
use super::tables::{CursorRow, EventRow, OutboxRow, Tables};
use crate::core::ids::EventId;
use crate::core::process::{Delivery, DeliveryOutcome, IdempotencyMode};

/// What the statements of the action have written so far, as far as the
/// process manager's tables go.
#[derive(Clone, Debug, Default)]
pub(super) struct Written {
    /// The state rows: key and state.
    pub(super) rows: Vec<(String, Value)>,
    pub(super) cursors: Vec<CursorRow>,
    /// The outbox's rows now, and every row it ever held.
    pub(super) outbox: Vec<EventId>,
    pub(super) outbox_seen: HashSet<EventId>,
    /// Links and outbox stream events written by the action.
    pub(super) links: HashSet<(String, String, EventId)>,
    pub(super) queued: HashSet<EventId>,
    /// Bus attempts already noted.
    pub(super) noted: HashSet<usize>,
}

impl Written {
    pub(super) fn from(before: &Tables) -> Written {
        let outbox: Vec<EventId> = before.outbox.iter().map(|row| row.command_id).collect();
        Written {
            rows: before
                .state_rows
                .iter()
                .map(|row| (row.key.clone(), row.state.clone()))
                .collect(),
            cursors: before.cursors.clone(),
            outbox_seen: outbox.iter().copied().collect(),
            outbox,
            ..Written::default()
        }
    }
}

impl Changes<'_> {
    /// The statements that set the state row of `key` to `state` under its
    /// lock; none if it holds that already. Counted as written.
    pub(super) fn row_change(&mut self, key: &str, state: &Value) -> Option<Vec<String>> {
        let place = self.written.rows.iter().position(|(known, _)| known == key);
        if let Some(place) = place
            && self
                .written
                .rows
                .get(place)
                .is_some_and(|(_, old)| old == state)
        {
            return None;
        }
        let statements = row_statements(self.process, key, state, place.is_some());
        match place.and_then(|place| self.written.rows.get_mut(place)) {
            Some((_, old)) => *old = state.clone(),
            None => self.written.rows.push((key.to_owned(), state.clone())),
        }
        Some(statements)
    }

    /// The rows the action left changed that no statement wrote yet.
    pub(super) fn remaining_rows(&mut self) -> Vec<(String, Vec<String>)> {
        let mut changed = Vec::new();
        for row in &self.after.state_rows {
            if let Some(statements) = self.row_change(&row.key, &row.state) {
                let why = format!("Change the state row of {} under its lock", row.key);
                changed.push((why, statements));
            }
        }
        changed
    }

    /// The outbox stream's appends not written yet: the commands decided
    /// on one event are one append.
    pub(super) fn outbox_stream(&mut self, queued: &[&EventRow]) {
        let queued: Vec<&EventRow> = queued
            .iter()
            .filter(|event| !self.written.queued.contains(&event.event_id))
            .copied()
            .collect();
        let mut start = 0;
        while let Some(first) = queued.get(start) {
            let cause = first.metadata.get("causation_id").cloned();
            let batch: Vec<&EventRow> = queued
                .iter()
                .skip(start)
                .take_while(|event| event.metadata.get("causation_id").cloned() == cause)
                .copied()
                .collect();
            start += batch.len().max(1);
            self.written
                .queued
                .extend(batch.iter().map(|event| event.event_id));
            let why = format!("Queue {} command(s) in {}", batch.len(), self.place(first));
            self.append(why, &batch);
        }
    }

    /// The statements that move `reader`'s cursors to `positions`, where
    /// they are not there yet. Counted as written.
    pub(super) fn cursor_moves(
        &mut self,
        reader: &str,
        positions: &[(String, u64)],
    ) -> Vec<String> {
        let mut statements = Vec::new();
        for (context, position) in positions {
            let known = self
                .written
                .cursors
                .iter_mut()
                .find(|row| row.reader == reader && row.context == *context);
            let (reader_sql, context_sql) = (literal::text(reader), literal::text(context));
            match known {
                Some(row) if row.position == *position => continue,
                Some(row) => {
                    row.position = *position;
                    statements.push(format!(
                        "UPDATE cursors SET position = {position} WHERE reader = {reader_sql} AND context = {context_sql}"
                    ));
                }
                None => {
                    self.written.cursors.push(CursorRow {
                        reader: reader.to_owned(),
                        context: context.clone(),
                        position: *position,
                    });
                    statements.push(format!(
                        "INSERT INTO cursors (reader, context, position) VALUES ({reader_sql}, {context_sql}, {position})"
                    ));
                }
            }
        }
        statements
    }

    /// `reader`'s cursors as the action left them, where not written yet.
    pub(super) fn remaining_cursors(&mut self, reader: &str) -> Vec<String> {
        let positions: Vec<(String, u64)> = self
            .after
            .cursors
            .iter()
            .filter(|row| row.reader == reader)
            .map(|row| (row.context.clone(), row.position))
            .collect();
        self.cursor_moves(reader, &positions)
    }

    /// Inserts of the outbox rows not written yet.
    pub(super) fn outbox_inserts(&mut self, rows: Vec<OutboxRow>) -> Vec<String> {
        let mut statements = Vec::new();
        for row in rows {
            if !self.written.outbox_seen.insert(row.command_id) {
                continue;
            }
            self.written.outbox.push(row.command_id);
            statements.push(format!(
                "INSERT INTO outbox (process, command_id, command, causation_id, correlation_id) VALUES ({}, {}, {}, {}, {})",
                literal::text(&row.process),
                literal::uuid(row.command_id),
                jsonb_of(&row.command),
                literal::uuid(row.causation_id),
                literal::uuid(row.correlation_id)
            ));
        }
        statements
    }

    /// The outbox row of a delivery.
    pub(super) fn outbox_row(&self, delivery: &Delivery) -> OutboxRow {
        let envelope = &delivery.envelope;
        OutboxRow {
            process: self.process.to_owned(),
            command_id: EventId(envelope.command_id.0),
            command: serde_json::to_value(&envelope.command).unwrap_or(Value::Null),
            causation_id: envelope.causation_id,
            correlation_id: envelope.correlation_id,
        }
    }

    /// Outbox rows the action queued that no statement wrote yet: the
    /// ones it sent, then the ones still waiting.
    pub(super) fn remaining_outbox(&self) -> Vec<OutboxRow> {
        let attempts = self.session.runner().bus().attempts();
        let mut rows: Vec<OutboxRow> = attempts
            .get(self.mark.bus..)
            .unwrap_or_default()
            .iter()
            .map(|delivery| self.outbox_row(delivery))
            .collect();
        rows.extend(self.after.outbox.iter().cloned());
        rows
    }

    /// Atomic tracking: the state rows, the outbox and the cursors in one
    /// commit.
    pub(super) fn atomic_commit(&mut self, statements: Vec<String>) {
        if !statements.is_empty() {
            self.commit(
                "Atomic tracking: the state, the outbox and the cursor in one commit".to_owned(),
                statements,
            );
        }
    }

    /// Atomic tracking: deletes the outbox rows `sent`, as dispatched.
    pub(super) fn mark_dispatched(&mut self, sent: &[EventId]) {
        let mut statements = Vec::new();
        for id in sent {
            if let Some(place) = self.written.outbox.iter().position(|known| known == id) {
                self.written.outbox.remove(place);
                statements.push(format!(
                    "DELETE FROM outbox WHERE command_id = {}",
                    literal::uuid(*id)
                ));
            }
        }
        if !statements.is_empty() {
            self.commit("Mark the outbox dispatched".to_owned(), statements);
        }
    }

    /// Atomic tracking: the rows the action left out of the outbox.
    pub(super) fn remaining_marks(&mut self) {
        if self.session.settings().idempotency != IdempotencyMode::AtomicTracking {
            return;
        }
        let gone: Vec<EventId> = self
            .written
            .outbox
            .iter()
            .filter(|id| self.after.outbox.iter().all(|row| row.command_id != **id))
            .copied()
            .collect();
        self.mark_dispatched(&gone);
    }

    /// `deliveries` as notes, each once.
    pub(super) fn sent(&mut self, deliveries: &[Delivery]) {
        for delivery in deliveries {
            if !self.written.noted.insert(delivery.attempt) {
                continue;
            }
            let what = match delivery.outcome {
                DeliveryOutcome::Delivered if delivery.is_duplicate => {
                    "delivered, a DUPLICATE of one delivered before"
                }
                DeliveryOutcome::Delivered => "delivered",
                DeliveryOutcome::DroppedDuplicateId => "dropped by the receiver: same command id",
            };
            self.note(format!(
                "Sent on the command bus (not a database write): {}, command id {}: {what}",
                delivery.envelope.command, delivery.envelope.command_id
            ));
        }
    }

    /// Restarts during the action (a restart comes first in it): a note,
    /// then what it sent from atomic tracking's outbox, marked dispatched.
    pub(super) fn restarts(&mut self) {
        let restarts = self.session.runner().trace().restarts();
        for restart in restarts.get(self.mark.restarts..).unwrap_or_default() {
            self.note(match &restart.rolled_back_row {
                Some(row) => format!(
                    "Restarted: the uncommitted change of the state row of {row} was rolled back; reading resumes from the saved cursors."
                ),
                None => "Restarted: reading resumes from the saved cursors.".to_owned(),
            });
            self.sent(&restart.deliveries);
            if self.session.settings().idempotency == IdempotencyMode::AtomicTracking {
                let sent: Vec<EventId> = restart
                    .deliveries
                    .iter()
                    .map(|delivery| EventId(delivery.envelope.command_id.0))
                    .collect();
                self.mark_dispatched(&sent);
            }
        }
    }
}

/// The statements that change the state row of `key` under its lock (an
/// `UPDATE` if the row `exists`, else an `INSERT`).
pub(super) fn row_statements(process: &str, key: &str, state: &Value, exists: bool) -> Vec<String> {
    let place = format!(
        "process = {} AND key = {}",
        literal::text(process),
        literal::text(key)
    );
    let lock = format!("SELECT state FROM state_rows WHERE {place} FOR UPDATE");
    let write = if exists {
        format!(
            "UPDATE state_rows SET state = {} WHERE {place}",
            jsonb_of(state)
        )
    } else {
        format!(
            "INSERT INTO state_rows (process, key, state) VALUES ({}, {}, {})",
            literal::text(process),
            literal::text(key),
            jsonb_of(state)
        )
    };
    vec![lock, write]
}
