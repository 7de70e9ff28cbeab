//! The statements of one action, derived from what the core did: the rows
//! that changed ([`Tables`] before and after), the runner's new trace
//! entries (refused links, crashes, restarts) and the bus's new attempts.
//!
//! An action's writes are grouped as the runner makes them: the session's
//! own appends (each one transaction), a rolled-back transaction, the
//! attempts the store refuses; then the process manager's links, state
//! rows and outbox stream, its commit (atomic tracking: rows, outbox and
//! cursors in one transaction), the commands it sent, its cursors, the
//! outbox marked dispatched and the dispatcher's cursor. When one action
//! handles several events, each kind of write is one group for all of them.

use super::literal::{self, jsonb_of};
use super::tables::{EventRow, StreamEventRow, Tables, dispatcher_reader};
use super::{ActionSql, RefusedAttempt, SessionSql, SqlStep, Transaction, TransactionEnd};
use crate::core::domain::Fact;
use crate::core::ids::{EventId, Timestamp};
use crate::core::process::command_id::name_based;
use crate::core::process::{
    DeliveryOutcome, HandlingOutcome, IdempotencyMode, ProcessManager, StrategyKind,
};
use crate::core::session::{Action, Session, SessionError, Settings};

/// Where the runner's records stood before an action.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    trace: usize,
    restarts: usize,
    bus: usize,
}

impl Mark {
    /// The runner's records of `session` now.
    pub fn of(session: &Session) -> Mark {
        let runner = session.runner();
        Mark {
            trace: runner.trace().len(),
            restarts: runner.trace().restarts().len(),
            bus: runner.bus().attempts().len(),
        }
    }
}

/// The statements of a session: its start and each of its actions,
/// replayed from the seed.
pub fn session_sql(
    seed: u64,
    settings: Settings,
    actions: &[Action],
) -> Result<SessionSql, SessionError> {
    let mut session = Session::new(seed, settings);
    let start = Tables::of(&session);
    let mut steps = vec![ActionSql {
        title: "Session start: the contexts and the process manager's cursors".to_owned(),
        steps: Changes::new(&session, &Tables::default(), &start, Mark::of(&session)).steps(None),
    }];
    let mut before = start;
    for (index, action) in actions.iter().enumerate() {
        let mark = Mark::of(&session);
        let outcome = session
            .perform(action.clone())
            .map_err(|error| SessionError::InReplay {
                index,
                error: Box::new(error),
            })?;
        let after = Tables::of(&session);
        let mut action_sql = statements_for(&session, action, mark, &before, &after);
        action_sql.title = format!("Action {}: {}", index + 1, action_sql.title);
        action_sql.steps.insert(0, SqlStep::Note(outcome.message));
        steps.push(action_sql);
        before = after;
    }
    Ok(SessionSql {
        actions: steps,
        tables: before,
    })
}

/// The statements of `action`, just performed on `session`: `before` are
/// the tables and `mark` the runner's records before it, `after` the tables
/// now.
pub fn statements_for(
    session: &Session,
    action: &Action,
    mark: Mark,
    before: &Tables,
    after: &Tables,
) -> ActionSql {
    ActionSql {
        title: describe(action),
        steps: Changes::new(session, before, after, mark).steps(Some(action)),
    }
}

/// One action's changes, and what is needed to write them.
struct Changes<'a> {
    session: &'a Session,
    before: &'a Tables,
    after: &'a Tables,
    mark: Mark,
    process: &'static str,
    steps: Vec<SqlStep>,
}

impl<'a> Changes<'a> {
    fn new(session: &'a Session, before: &'a Tables, after: &'a Tables, mark: Mark) -> Self {
        Changes {
            session,
            before,
            after,
            mark,
            process: session.runner().process_manager().name(),
            steps: Vec::new(),
        }
    }

    fn steps(mut self, action: Option<&Action>) -> Vec<SqlStep> {
        self.new_contexts();
        let outbox_stream = self.session.runner().outbox_stream();
        let outbox_context = self.session.runner().outbox_context();
        let (queued, appended): (Vec<&EventRow>, Vec<&EventRow>) =
            self.new_events().into_iter().partition(|event| {
                event.context == outbox_context
                    && self.appended_stream(event.event_id) == Some(outbox_stream.as_str())
            });
        for event in appended {
            self.append(
                format!("Append {} to {}", event.event_type, self.place(event)),
                &[event],
            );
        }
        self.rolled_back();
        if let Some(action) = action {
            self.refused(action);
        }
        self.refused_links();
        self.links();
        let atomic = self.session.settings().idempotency == IdempotencyMode::AtomicTracking;
        let rows = self.state_rows();
        if !atomic {
            for (why, statements) in rows.clone() {
                self.commit(why, statements);
            }
        }
        self.outbox_stream(&queued);
        let cursors = self.cursors(self.process);
        if atomic {
            self.atomic_commit(rows, cursors.clone());
        }
        self.sent();
        if !atomic && !cursors.is_empty() {
            self.commit("Save the process manager's cursors".to_owned(), cursors);
        }
        self.outbox_marked();
        let dispatcher = self.cursors(&dispatcher_reader(self.process));
        if !dispatcher.is_empty() {
            self.commit("Save the dispatcher's cursor".to_owned(), dispatcher);
        }
        self.crashes_and_restarts();
        self.steps
    }

    fn commit(&mut self, why: String, statements: Vec<String>) {
        self.steps.push(SqlStep::Transaction(Transaction {
            why,
            statements,
            end: TransactionEnd::Commit,
        }));
    }

    fn note(&mut self, text: String) {
        self.steps.push(SqlStep::Note(text));
    }

    /// Contexts created by the action: a row and a sequence each.
    fn new_contexts(&mut self) {
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
    fn new_events(&self) -> Vec<&'a EventRow> {
        let known: std::collections::HashSet<EventId> =
            self.before.events.iter().map(|row| row.event_id).collect();
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
    fn appended_stream(&self, id: EventId) -> Option<&'a str> {
        self.after
            .stream_events
            .iter()
            .find(|row| row.event_id == id && !row.linked)
            .map(|row| row.stream.as_str())
    }

    fn place(&self, event: &EventRow) -> String {
        format!(
            "{} / {}",
            event.context,
            self.appended_stream(event.event_id).unwrap_or("?")
        )
    }

    /// One append of `events` (one stream), positions from the sequence,
    /// versions after the stream's newest.
    fn append(&mut self, why: String, events: &[&EventRow]) {
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

    fn sequence(&self, context: &str) -> String {
        self.after
            .context(context)
            .map(|row| row.position_sequence.clone())
            .unwrap_or_default()
    }

    /// Positions a context consumed without storing events: a transaction
    /// that took them and was rolled back.
    fn rolled_back(&mut self) {
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
                        "A transaction in {} takes {consumed} position(s), then is rolled back: they stay taken",
                        row.name
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

    /// Lesson 1's attempts, as the statements PostgreSQL refuses.
    fn refused(&mut self, action: &Action) {
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
    fn next_position(&self, context: &str) -> u64 {
        self.before.context(context).map_or(0, |row| row.head) + 1
    }

    fn again_with_id(&self, id: EventId) -> Option<RefusedAttempt> {
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

    fn stale_version(&self, fact: &Fact) -> Option<RefusedAttempt> {
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

    fn invalid_batch(&self, fact: &Fact) -> Option<RefusedAttempt> {
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
    fn attempted(&self, fact: &Fact, kind: &str) -> Option<EventRow> {
        let index = self.session.actions().len().to_string();
        let id = EventId(name_based(&["sql attempt", kind, &index]));
        let recorded_at = self
            .before
            .events
            .iter()
            .map(|row| row.recorded_at_ms)
            .max()
            .unwrap_or_default();
        let new = fact.to_new_event(id, crate::core::store::Metadata::at(Timestamp(recorded_at)));
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
    fn refused_links(&mut self) {
        let runner = self.session.runner();
        let single = self.session.store().single_stream()
            && self.session.settings().strategy == StrategyKind::EventSourced;
        let entries = runner
            .trace()
            .entries()
            .get(self.mark.trace..)
            .unwrap_or_default();
        for entry in entries {
            let HandlingOutcome::Failed { reason } = &entry.outcome else {
                continue;
            };
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
    }

    fn next_position_after(&self, context: &str) -> u64 {
        self.after.context(context).map_or(0, |row| row.head) + 1
    }

    /// Links made by the action: one transaction each.
    fn links(&mut self) {
        let new: Vec<StreamEventRow> = self
            .after
            .stream_events
            .iter()
            .filter(|row| row.linked && !self.before.stream_events.contains(row))
            .cloned()
            .collect();
        for row in new {
            self.commit(
                format!(
                    "Link event {} into {} / {}",
                    row.event_id, row.context, row.stream
                ),
                vec![insert_member(&row.context, &row.stream, row.event_id, true)],
            );
        }
    }

    /// Each state row the action changed: why, and its statements under
    /// the row's lock.
    fn state_rows(&self) -> Vec<(String, Vec<String>)> {
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
            let place = format!(
                "process = {} AND key = {}",
                literal::text(&row.process),
                literal::text(&row.key)
            );
            let lock = format!("SELECT state FROM state_rows WHERE {place} FOR UPDATE");
            let write = match old {
                Some(_) => format!(
                    "UPDATE state_rows SET state = {} WHERE {place}",
                    jsonb_of(&row.state)
                ),
                None => format!(
                    "INSERT INTO state_rows (process, key, state) VALUES ({}, {}, {})",
                    literal::text(&row.process),
                    literal::text(&row.key),
                    jsonb_of(&row.state)
                ),
            };
            let why = format!("Change the state row of {} under its lock", row.key);
            changed.push((why, vec![lock, write]));
        }
        changed
    }

    /// The outbox stream's appends: the commands decided on one event are
    /// one append.
    fn outbox_stream(&mut self, queued: &[&EventRow]) {
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
    fn cursors(&self, reader: &str) -> Vec<String> {
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
    fn atomic_commit(&mut self, rows: Vec<(String, Vec<String>)>, cursors: Vec<String>) {
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
    fn queued_outbox(&self) -> Vec<super::OutboxRow> {
        let known = |id: EventId| self.before.outbox.iter().any(|row| row.command_id == id);
        let mut queued: Vec<super::OutboxRow> = Vec::new();
        let attempts = self.session.runner().bus().attempts();
        for delivery in attempts.get(self.mark.bus..).unwrap_or_default() {
            let envelope = &delivery.envelope;
            let id = EventId(envelope.command_id.0);
            if !known(id) && queued.iter().all(|row| row.command_id != id) {
                queued.push(super::OutboxRow {
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
    fn outbox_marked(&mut self) {
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
    fn sent(&mut self) {
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

    fn crashes_and_restarts(&mut self) {
        let trace = self.session.runner().trace();
        let mut notes = Vec::new();
        for entry in trace.entries().get(self.mark.trace..).unwrap_or_default() {
            if let HandlingOutcome::Crashed(crash) = &entry.outcome {
                notes.push(format!(
                    "The process manager crashed on {} position {}: {crash}. An open transaction is rolled back.",
                    entry.event.context, entry.event.position
                ));
            }
        }
        for restart in trace
            .restarts()
            .get(self.mark.restarts..)
            .unwrap_or_default()
        {
            notes.push(match &restart.rolled_back_row {
                Some(row) => format!(
                    "Restarted: the uncommitted change of the state row of {row} was rolled back."
                ),
                None => "Restarted from the saved cursors.".to_owned(),
            });
        }
        for note in notes {
            self.note(note);
        }
    }
}

/// `INSERT INTO events`, the position given as SQL (`nextval(…)` or a
/// number).
fn insert_event(event: &EventRow, position: &str) -> String {
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
fn insert_member(context: &str, stream: &str, id: EventId, linked: bool) -> String {
    let (context, stream) = (literal::text(context), literal::text(stream));
    format!(
        "INSERT INTO stream_events (context, stream, version, event_id, linked) \
         SELECT {context}, {stream}, coalesce(max(version) + 1, 0), {}, {linked} \
         FROM stream_events WHERE context = {context} AND stream = {stream}",
        literal::uuid(id)
    )
}

/// An action as the log has it, in a few words.
fn describe(action: &Action) -> String {
    match action {
        Action::Fire { fact } => format!("fire {fact}"),
        Action::FireRandomOrders { orders } => format!("fire {orders} random order(s)"),
        Action::RollBack { context, positions } => {
            format!("roll back a transaction of {positions} position(s) in {context}")
        }
        Action::Step => "step".to_owned(),
        Action::CatchUp => "catch up".to_owned(),
        Action::ArmCrash { point } => format!("arm a crash {point}"),
        Action::DisarmCrash => "disarm the crash".to_owned(),
        Action::Restart => "restart".to_owned(),
        Action::SetSingleStream { on } => format!("single-stream store {}", on_off(*on)),
        Action::SetAutoHandle { on } => format!("handle automatically {}", on_off(*on)),
        Action::AppendAgainWithId { event_id } => format!("append event {event_id} again"),
        Action::AppendWithStaleVersion { fact } => {
            format!("append {fact} with a stale expected version")
        }
        Action::AppendInvalidBatch { fact } => format!("append an invalid batch of {fact}"),
        Action::SetChallenge { challenge } => match challenge {
            Some(challenge) => format!("set the challenge \"{}\"", challenge.title()),
            None => "remove the challenge".to_owned(),
        },
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}
