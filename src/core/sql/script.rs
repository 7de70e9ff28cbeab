//! The session as one SQL script: the schema, then each action's
//! transactions, for `psql -f` on an empty PostgreSQL database.
//!
//! A refused attempt is a `DO` block: its statements run in a
//! subtransaction that must fail with the unique violation the core's
//! store stands for; the block reports PostgreSQL's own message as a
//! notice and undoes the attempt, and if PostgreSQL accepted it instead,
//! the block raises an error, so the script cannot pass silently.

use super::literal;
use super::statements::session_sql;
use super::{RefusedAttempt, SCHEMA, SessionSql, SqlStep, Transaction, TransactionEnd};
use std::fmt;

use crate::core::session::{Session, SessionError};
use crate::core::words::counted;

/// The notice a refused attempt gives, before PostgreSQL's message.
pub const REFUSED_NOTICE: &str = "refused as the core's store refused it:";

/// The most events a session may hold to be written as SQL: writing it
/// replays every action in the page, and the script holds a few hundred
/// bytes of SQL for each event.
pub const MOST_EVENTS_AS_SQL: usize = 20_000;

/// Why a session was not written as SQL.
#[derive(Debug, Clone, PartialEq)]
pub enum SqlExportError {
    /// The session holds more events than [`MOST_EVENTS_AS_SQL`].
    TooLarge { events: usize },
    /// Replaying the session's actions was refused.
    Session(SessionError),
}

impl fmt::Display for SqlExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SqlExportError::TooLarge { events } => write!(
                f,
                "this session holds {}; a session is written as SQL up to {} events",
                counted(events, "event", "events"),
                MOST_EVENTS_AS_SQL
            ),
            SqlExportError::Session(error) => {
                write!(f, "its actions could not be replayed: {error}")
            }
        }
    }
}

impl std::error::Error for SqlExportError {}

/// The SQL script of `session` (its actions replayed from its seed); a
/// session of more than [`MOST_EVENTS_AS_SQL`] events is refused before
/// anything is replayed.
pub fn to_sql_script(session: &Session) -> Result<String, SqlExportError> {
    let events = session.store().event_count();
    if events > MOST_EVENTS_AS_SQL {
        return Err(SqlExportError::TooLarge { events });
    }
    let sql = session_sql(session.seed(), session.settings(), session.actions())
        .map_err(SqlExportError::Session)?;
    Ok(session_script(session, &sql))
}

/// The script of `sql`, the statements of `session`.
pub fn session_script(session: &Session, sql: &SessionSql) -> String {
    let settings = session.settings();
    let mut out = String::new();
    out.push_str("-- An es-playground session as SQL, for an empty PostgreSQL database:\n");
    out.push_str("--   psql -f session.sql\n");
    out.push_str(&format!(
        "-- Seed {}, state strategy {}, idempotency {}, {}.\n",
        session.seed(),
        settings.strategy,
        settings.idempotency,
        counted(session.actions().len(), "action", "actions")
    ));
    out.push_str("SET standard_conforming_strings = on;\n");
    out.push_str("SET client_encoding = 'UTF8';\n\n");
    out.push_str(SCHEMA);
    for action in &sql.actions {
        out.push('\n');
        out.push_str(&literal::comment(&action.title));
        out.push('\n');
        for step in &action.steps {
            match step {
                SqlStep::Note(text) => {
                    out.push_str(&literal::comment(text));
                    out.push('\n');
                }
                SqlStep::Transaction(transaction) => write_transaction(&mut out, transaction),
                SqlStep::Refused(attempt) => write_refused(&mut out, attempt),
            }
        }
    }
    out
}

fn write_transaction(out: &mut String, transaction: &Transaction) {
    out.push_str(&literal::comment(&transaction.why));
    out.push_str("\nBEGIN;\n");
    for statement in &transaction.statements {
        out.push_str(statement);
        out.push_str(";\n");
    }
    out.push_str(match transaction.end {
        TransactionEnd::Commit => "COMMIT;\n",
        TransactionEnd::Rollback => "ROLLBACK;\n",
    });
}

fn write_refused(out: &mut String, attempt: &RefusedAttempt) {
    let mut body = String::new();
    for statement in &attempt.statements {
        body.push_str("  ");
        body.push_str(statement);
        body.push_str(";\n");
    }
    let constraint = literal::text(attempt.constraint);
    let notice = literal::text(&format!("{REFUSED_NOTICE} %"));
    body.push_str(&format!(
        "  RAISE EXCEPTION 'PostgreSQL accepted what the store refuses (expected a violation of %)', {constraint};\n\
         EXCEPTION WHEN unique_violation THEN\n\
         \x20 GET STACKED DIAGNOSTICS refused_by = CONSTRAINT_NAME;\n\
         \x20 IF refused_by <> {constraint} THEN RAISE; END IF;\n\
         \x20 RAISE NOTICE {notice}, SQLERRM;\n"
    ));
    let tag = literal::dollar_tag(&body);
    out.push_str(&literal::comment(&attempt.why));
    out.push('\n');
    out.push_str(&literal::comment(&format!(
        "Expected: ERROR: duplicate key value violates unique constraint \"{}\"",
        attempt.constraint
    )));
    out.push_str(&format!(
        "\nDO {tag}\nDECLARE refused_by text;\nBEGIN\n{body}END\n{tag};\n"
    ));
}
