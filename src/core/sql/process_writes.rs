//! The process manager's writes of an action: state rows under their
//! lock, the outbox stream's appends, atomic tracking's one commit of
//! rows, outbox and cursors, the outbox marked dispatched, the cursors;
//! and, as notes, the commands sent, crashes and restarts.

use super::literal::{self, jsonb_of};
use super::statements::Changes;
use super::tables::{EventRow, OutboxRow};
use super::{SqlStep, Transaction, TransactionEnd};
use crate::core::ids::EventId;
use crate::core::process::{DeliveryOutcome, HandlingOutcome, IdempotencyMode, StrategyKind};
use serde_json::Value;

impl Changes<'_> {
    /// Each state row the action changed: why, and its statements under
    /// the row's lock.
    pub(super) fn state_rows(&self) -> Vec<(String, Vec<String>)> {
        let mut changed = Vec::new();
        for row in &self.after.state_rows {
            let old = self
                .before
                .state_rows
                .iter()
                .find(|old| old.process == row.process && old.key == row.key);
            if old.is_some_and(|old| old.state == row.state) {
                continue;
            }
            let why = format!("Change the state row of {} under its lock", row.key);
            changed.push((
                why,
                row_change(&row.process, &row.key, &row.state, old.is_some()),
            ));
        }
        changed
    }

    /// The outbox stream's appends: the commands decided on one event are
    /// one append.
    pub(super) fn outbox_stream(&mut self, queued: &[&EventRow]) {
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
            let why = format!("Queue {} command(s) in {}", batch.len(), self.place(first));
            self.append(why, &batch);
        }
    }

    /// The changed cursors of `reader`, as statements.
    pub(super) fn cursors(&self, reader: &str) -> Vec<String> {
        let mut statements = Vec::new();
        for row in self.after.cursors.iter().filter(|row| row.reader == reader) {
            let old = self
                .before
                .cursors
                .iter()
                .find(|old| old.reader == row.reader && old.context == row.context);
            let statement = match old {
                Some(old) if old.position == row.position => continue,
                Some(_) => format!(
                    "UPDATE cursors SET position = {} WHERE reader = {} AND context = {}",
                    row.position,
                    literal::text(&row.reader),
                    literal::text(&row.context)
                ),
                None => format!(
                    "INSERT INTO cursors (reader, context, position) VALUES ({}, {}, {})",
                    literal::text(&row.reader),
                    literal::text(&row.context),
                    row.position
                ),
            };
            statements.push(statement);
        }
        statements
    }

    /// Atomic tracking: the state rows, the outbox and the cursors in one
    /// commit.
    pub(super) fn atomic_commit(&mut self, rows: Vec<(String, Vec<String>)>, cursors: Vec<String>) {
        let mut statements: Vec<String> = rows.into_iter().flat_map(|(_, rows)| rows).collect();
        for row in self.queued_outbox() {
            statements.push(format!(
                "INSERT INTO outbox (process, command_id, command, causation_id, correlation_id) VALUES ({}, {}, {}, {}, {})",
                literal::text(&row.process),
                literal::uuid(row.command_id),
                jsonb_of(&row.command),
                literal::uuid(row.causation_id),
                literal::uuid(row.correlation_id)
            ));
        }
        statements.extend(cursors);
        if !statements.is_empty() {
            self.commit(
                "Atomic tracking: the state, the outbox and the cursor in one commit".to_owned(),
                statements,
            );
        }
    }

    /// Outbox rows the action queued: the ones it sent that were not
    /// queued before, then the ones still waiting that were not.
    pub(super) fn queued_outbox(&self) -> Vec<OutboxRow> {
        let known = |id: EventId| self.before.outbox.iter().any(|row| row.command_id == id);
        let mut queued: Vec<OutboxRow> = Vec::new();
        let attempts = self.session.runner().bus().attempts();
        for delivery in attempts.get(self.mark.bus..).unwrap_or_default() {
            let envelope = &delivery.envelope;
            let id = EventId(envelope.command_id.0);
            if !known(id) && queued.iter().all(|row| row.command_id != id) {
                queued.push(OutboxRow {
                    process: self.process.to_owned(),
                    command_id: id,
                    command: serde_json::to_value(&envelope.command)
                        .unwrap_or(serde_json::Value::Null),
                    causation_id: envelope.causation_id,
                    correlation_id: envelope.correlation_id,
                });
            }
        }
        for row in &self.after.outbox {
            if !known(row.command_id) && queued.iter().all(|q| q.command_id != row.command_id) {
                queued.push(row.clone());
            }
        }
        queued
    }

    /// Atomic tracking: outbox rows sent and marked dispatched.
    pub(super) fn outbox_marked(&mut self) {
        if self.session.settings().idempotency != IdempotencyMode::AtomicTracking {
            return;
        }
        let waiting = |id: EventId| self.after.outbox.iter().any(|row| row.command_id == id);
        let mut gone: Vec<EventId> = self
            .before
            .outbox
            .iter()
            .map(|row| row.command_id)
            .chain(self.queued_outbox().into_iter().map(|row| row.command_id))
            .filter(|id| !waiting(*id))
            .collect();
        gone.dedup();
        if gone.is_empty() {
            return;
        }
        let statements = gone
            .into_iter()
            .map(|id| {
                format!(
                    "DELETE FROM outbox WHERE command_id = {}",
                    literal::uuid(id)
                )
            })
            .collect();
        self.commit("Mark the outbox dispatched".to_owned(), statements);
    }

    /// The bus's new attempts, as notes.
    pub(super) fn sent(&mut self) {
        let attempts = self.session.runner().bus().attempts();
        let notes: Vec<String> = attempts
            .get(self.mark.bus..)
            .unwrap_or_default()
            .iter()
            .map(|delivery| {
                let what = match delivery.outcome {
                    DeliveryOutcome::Delivered if delivery.is_duplicate => {
                        "delivered, a DUPLICATE of one delivered before"
                    }
                    DeliveryOutcome::Delivered => "delivered",
                    DeliveryOutcome::DroppedDuplicateId => {
                        "dropped by the receiver: same command id"
                    }
                };
                format!(
                    "Sent on the command bus (not a database write): {}, command id {}: {what}",
                    delivery.envelope.command, delivery.envelope.command_id
                )
            })
            .collect();
        for note in notes {
            self.note(note);
        }
    }

    /// Restarts during the action, as notes (a restart comes first in it).
    pub(super) fn restarts(&mut self) {
        let trace = self.session.runner().trace();
        let notes: Vec<String> = trace
            .restarts()
            .get(self.mark.restarts..)
            .unwrap_or_default()
            .iter()
            .map(|restart| match &restart.rolled_back_row {
                Some(row) => format!(
                    "Restarted: the uncommitted change of the state row of {row} was rolled back; reading resumes from the saved cursors."
                ),
                None => "Restarted: reading resumes from the saved cursors.".to_owned(),
            })
            .collect();
        for note in notes {
            self.note(note);
        }
    }

    /// Crashes during the action, as notes; with atomic tracking and the
    /// state row, a crash before the commit is the handling's transaction
    /// rolled back, its row change with it.
    pub(super) fn crashes(&mut self) {
        let open_row = self.session.settings().strategy == StrategyKind::StateRow
            && self.session.settings().idempotency == IdempotencyMode::AtomicTracking;
        let trace = self.session.runner().trace();
        let mut steps = Vec::new();
        for entry in trace.entries().get(self.mark.trace..).unwrap_or_default() {
            let HandlingOutcome::Crashed(crash) = &entry.outcome else {
                continue;
            };
            steps.push(SqlStep::Note(format!(
                "The process manager crashed on {} position {}: {crash}",
                entry.event.context, entry.event.position
            )));
            if let (true, false, Some(key), Some(state)) =
                (open_row, entry.state_kept, &entry.key, &entry.state_after)
            {
                let committed = self
                    .after
                    .state_rows
                    .iter()
                    .any(|row| row.process == self.process && row.key == *key);
                let state = serde_json::to_value(state).unwrap_or_default();
                steps.push(SqlStep::Transaction(Transaction {
                    why: format!(
                        "The handling's transaction changed the row of {key} under its lock; the crash ends it before the commit"
                    ),
                    statements: row_change(self.process, key, &state, committed),
                    end: TransactionEnd::Rollback,
                }));
            }
        }
        self.steps.extend(steps);
    }
}

/// The statements that change the state row of `key` under its lock (an
/// `UPDATE` if the row `exists`, else an `INSERT`).
pub(super) fn row_change(process: &str, key: &str, state: &Value, exists: bool) -> Vec<String> {
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
