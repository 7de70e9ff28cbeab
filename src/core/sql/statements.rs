//! The statements of one action, derived from what the core did: the rows
//! that changed ([`Tables`] before and after), the runner's new trace
//! entries and restarts, and the bus's new attempts.
//!
//! First what the action itself writes: new contexts, the session's own
//! appends (each one transaction), a rolled-back transaction, the attempts
//! the store refuses. Then each traced handling as the runner made it
//! (`handling.rs`): its link, state row, outbox stream, commit, commands
//! and cursor. Last, what no traced handling wrote (handlings left out of
//! the trace, as random orders' are; the dispatcher's cursor), one group
//! per kind of write.

use super::process_writes::Written;
use super::tables::{EventRow, Tables, dispatcher_reader};
use super::{ActionSql, SessionSql, SqlStep, Transaction, TransactionEnd};
use crate::core::process::{IdempotencyMode, ProcessManager};
use crate::core::session::{Action, Session, SessionError, Settings};
use crate::core::words::counted;

/// Where the runner's records stood before an action.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    pub(super) trace: usize,
    pub(super) restarts: usize,
    pub(super) bus: usize,
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
pub(super) struct Changes<'a> {
    pub(super) session: &'a Session,
    pub(super) before: &'a Tables,
    pub(super) after: &'a Tables,
    pub(super) mark: Mark,
    pub(super) process: &'static str,
    pub(super) steps: Vec<SqlStep>,
    pub(super) written: Written,
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
            written: Written::from(before),
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
        self.restarts();
        self.handlings(&queued);
        // What no traced handling wrote: handlings not traced (random
        // orders), the dispatcher, anything else the action changed.
        self.remaining_links();
        let atomic = self.session.settings().idempotency == IdempotencyMode::AtomicTracking;
        let rows = self.remaining_rows();
        let mut commit = Vec::new();
        for (why, statements) in rows {
            if atomic {
                commit.extend(statements);
            } else {
                self.commit(why, statements);
            }
        }
        self.outbox_stream(&queued);
        let cursors = self.remaining_cursors(self.process);
        let attempts = self.session.runner().bus().attempts();
        let sent = attempts.get(self.mark.bus..).unwrap_or_default();
        if atomic {
            let outbox = self.remaining_outbox();
            commit.extend(self.outbox_inserts(outbox));
            commit.extend(cursors);
            self.atomic_commit(commit);
            self.sent(sent);
        } else {
            self.sent(sent);
            if !cursors.is_empty() {
                self.commit("Save the process manager's cursors".to_owned(), cursors);
            }
        }
        self.remaining_marks();
        let dispatcher = self.remaining_cursors(&dispatcher_reader(self.process));
        if !dispatcher.is_empty() {
            self.commit("Save the dispatcher's cursor".to_owned(), dispatcher);
        }
        self.steps
    }

    pub(super) fn commit(&mut self, why: String, statements: Vec<String>) {
        self.steps.push(SqlStep::Transaction(Transaction {
            why,
            statements,
            end: TransactionEnd::Commit,
        }));
    }

    pub(super) fn note(&mut self, text: String) {
        self.steps.push(SqlStep::Note(text));
    }
}

/// An action as the log has it, in a few words.
fn describe(action: &Action) -> String {
    match action {
        Action::Fire { fact } => format!("fire {fact}"),
        Action::FireRandomOrders { orders } => {
            format!("fire {}", counted(orders, "random order", "random orders"))
        }
        Action::RollBack { context, positions } => {
            format!(
                "roll back a transaction of {} in {context}",
                counted(positions, "position", "positions")
            )
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
