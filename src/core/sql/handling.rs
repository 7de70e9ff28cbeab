//! One traced handling as a relational store runs it, from its trace
//! entry: a refused link, the link into the own stream, the state row
//! under its lock, the outbox stream's append, atomic tracking's commit,
//! the commands sent, the cursor, the outbox marked dispatched, a crash.

use super::process_writes::row_statements;
use super::statements::Changes;
use super::tables::{EventRow, StreamEventRow};
use super::{SqlStep, Transaction, TransactionEnd};
use crate::core::ids::EventId;
use crate::core::process::catering_match::MenuFact;
use crate::core::process::{
    CrashPoint, HandlingOutcome, IdempotencyMode, MatchState, StrategyKind, TraceEntry,
};

/// A trace entry of the catering match.
pub(super) type Entry = TraceEntry<MatchState, MenuFact>;

impl<'a> Changes<'a> {
    /// The handlings of the action that were traced, one after the other.
    pub(super) fn handlings(&mut self, queued: &[&'a EventRow]) {
        let trace = self.session.runner().trace();
        for entry in trace.entries().get(self.mark.trace..).unwrap_or_default() {
            self.handling(entry, queued);
        }
    }

    fn handling(&mut self, entry: &Entry, queued: &[&'a EventRow]) {
        let settings = self.session.settings();
        let atomic = settings.idempotency == IdempotencyMode::AtomicTracking;
        let id = entry.event.id;
        if let HandlingOutcome::Failed { reason } = &entry.outcome {
            self.refused_link(entry, reason);
            return;
        }
        self.links_of(id);
        let mut commit = Vec::new();
        let kept_row = settings.strategy == StrategyKind::StateRow && entry.state_kept;
        if let (true, Some(key), Some(state)) = (kept_row, &entry.key, &entry.state_after) {
            let state = serde_json::to_value(state).unwrap_or_default();
            if let Some(statements) = self.row_change(key, &state) {
                if atomic {
                    commit.extend(statements);
                } else {
                    self.commit(
                        format!("Change the state row of {key} under its lock"),
                        statements,
                    );
                }
            }
        }
        let caused: Vec<&EventRow> = queued
            .iter()
            .filter(|event| caused_by(event, id))
            .copied()
            .collect();
        self.outbox_stream(&caused);
        if atomic {
            let mut rows: Vec<_> = entry
                .deliveries
                .iter()
                .map(|delivery| self.outbox_row(delivery))
                .collect();
            rows.extend(
                self.after
                    .outbox
                    .iter()
                    .filter(|row| row.causation_id == id)
                    .cloned(),
            );
            commit.extend(self.outbox_inserts(rows));
        }
        let positions: Vec<(String, u64)> = entry
            .cursors_after
            .iter()
            .map(|(context, position)| (context.clone(), position.0))
            .collect();
        let cursors = self.cursor_moves(self.process, &positions);
        if atomic {
            commit.extend(cursors);
            self.atomic_commit(commit);
            self.sent(&entry.deliveries);
        } else {
            self.sent(&entry.deliveries);
            if !cursors.is_empty() {
                self.commit("Save the cursor".to_owned(), cursors);
            }
        }
        if atomic && !crashed_at(entry, CrashPoint::AfterDispatch) {
            let sent: Vec<EventId> = entry
                .deliveries
                .iter()
                .map(|delivery| EventId(delivery.envelope.command_id.0))
                .collect();
            self.mark_dispatched(&sent);
        }
        self.crash(entry);
    }

    /// Links of the event `id` the action made, not written yet.
    fn links_of(&mut self, id: EventId) {
        let new: Vec<StreamEventRow> = self
            .after
            .stream_events
            .iter()
            .filter(|row| {
                row.linked && row.event_id == id && !self.before.stream_events.contains(row)
            })
            .cloned()
            .collect();
        self.write_links(new);
    }

    /// A crash: a note; with atomic tracking and the state row, a crash
    /// before the commit is the handling's transaction rolled back.
    fn crash(&mut self, entry: &Entry) {
        let HandlingOutcome::Crashed(crash) = &entry.outcome else {
            return;
        };
        let settings = self.session.settings();
        self.note(format!(
            "The process manager crashed on {} position {}: {crash}",
            entry.event.context, entry.event.position
        ));
        let open_row = settings.strategy == StrategyKind::StateRow
            && settings.idempotency == IdempotencyMode::AtomicTracking;
        if let (true, false, Some(key), Some(state)) =
            (open_row, entry.state_kept, &entry.key, &entry.state_after)
        {
            let exists = self.written.rows.iter().any(|(known, _)| known == key);
            let state = serde_json::to_value(state).unwrap_or_default();
            self.steps.push(SqlStep::Transaction(Transaction {
                why: format!(
                    "The handling's transaction changed the row of {key} under its lock; the crash ends it before the commit"
                ),
                statements: row_statements(self.process, key, &state, exists),
                end: TransactionEnd::Rollback,
            }));
        }
    }
}

fn caused_by(event: &EventRow, id: EventId) -> bool {
    event
        .metadata
        .get("causation_id")
        .and_then(|value| value.as_str())
        == Some(id.0.hyphenated().to_string().as_str())
}

fn crashed_at(entry: &Entry, point: CrashPoint) -> bool {
    matches!(&entry.outcome, HandlingOutcome::Crashed(crash) if crash.point == point)
}
