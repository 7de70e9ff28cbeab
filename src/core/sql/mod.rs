//! The session as SQL: the statements a relational event store would run
//! for each action, in its transactions, and the whole session as a script
//! for `psql`.
//!
//! The store as PostgreSQL keeps it is `schema.sql`: events at positions
//! from one sequence per context (a rolled-back transaction leaves a gap),
//! stream memberships with their versions (a link is one more row), the
//! state rows changed under `SELECT … FOR UPDATE`, the cursors and the
//! outbox. The statements are derived from what the core did, never
//! simulated beside it: the change of the core's rows ([`Tables`]) across
//! each action, the runner's trace (refused links) and its bus (the
//! commands sent). Positions and versions are left to PostgreSQL
//! (`nextval`, `max(version) + 1`), so running the script and comparing
//! its tables with the core's is a differential check
//! (`scripts/sql-check.mjs`, in `make test`).
//!
//! An attempt the core's store refuses is written as what a relational
//! store would run, with the refusal PostgreSQL must give (a unique
//! violation named by its constraint). The core's store checks before it
//! takes a position, so the attempt is written with the position it would
//! have had, not `nextval` (which a refused statement would consume).
mod crud_view;
mod handling;
pub(crate) mod literal;
mod live;
mod process_writes;
mod read_back;
mod refused;
mod script;
mod statements;
mod store_writes;
mod tables;

pub use crud_view::{CrudRun, crud_runs};
pub use live::{
    Answer, Followed, Ran, SqlRun, ToRun, command_tag, fresh_start, judge, next_run,
    schema_statements,
};
pub use read_back::{Difference, HeldTables, READ_BACK, differences};
pub use script::{
    MOST_EVENTS_AS_SQL, REFUSED_NOTICE, SqlExportError, session_script, to_sql_script,
};
pub use statements::{Mark, session_sql, statements_for};
pub use tables::{
    ContextRow, CursorRow, EventRow, OutboxRow, StateRowRow, StreamEventRow, Tables,
    dispatcher_reader, sequence_name,
};

/// The schema, as `CREATE` statements.
pub const SCHEMA: &str = include_str!("schema.sql");

/// How a transaction ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransactionEnd {
    Commit,
    /// A real `ROLLBACK`: what it wrote is undone, the positions it took
    /// from the sequence stay taken.
    Rollback,
}

/// One transaction: `BEGIN`, its statements, `COMMIT` or `ROLLBACK`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    /// What it does, for people.
    pub why: String,
    /// Each one statement, without its `;`.
    pub statements: Vec<String>,
    pub end: TransactionEnd,
}

/// Statements PostgreSQL must refuse as the core's store refused them:
/// run in a transaction that is rolled back, the last one failing with
/// `duplicate key value violates unique constraint "<constraint>"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedAttempt {
    pub why: String,
    pub statements: Vec<String>,
    /// The unique constraint that refuses it.
    pub constraint: &'static str,
}

/// One step of what an action does to the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SqlStep {
    /// A line for people: what happened outside the database (a command
    /// sent on the bus, a crash, a setting).
    Note(String),
    Transaction(Transaction),
    Refused(RefusedAttempt),
}

/// What one action (or the session's start) does to the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionSql {
    /// `Session start`, or the action as the log has it.
    pub title: String,
    pub steps: Vec<SqlStep>,
}

/// A session as SQL: the start, each action, and the tables the core
/// holds at the end.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionSql {
    pub actions: Vec<ActionSql>,
    pub tables: Tables,
}

impl SessionSql {
    /// The unique constraints the attempts refer to, in order.
    pub fn refusals(&self) -> Vec<&'static str> {
        self.actions
            .iter()
            .flat_map(|action| &action.steps)
            .filter_map(|step| match step {
                SqlStep::Refused(attempt) => Some(attempt.constraint),
                _ => None,
            })
            .collect()
    }
}
