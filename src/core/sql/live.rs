//! PostgreSQL following the session: what the database must run next to
//! hold the session shown, and whether what it answered is what the core
//! did.
//!
//! [`Followed`] is what the database was last given: a session (seed,
//! settings, actions) and the core's rows then. [`next_run`] compares it
//! with the session shown now. One more action is that action's
//! statements ([`statements_for`]); several more are the statements of
//! those actions in a replay of the session; any other change (a lesson, an
//! import, a settings switch, Reset) starts the database again: the schema,
//! then every action. The page runs a [`SqlRun`] statement by statement
//! and reads the tables back ([`super::READ_BACK`]); [`judge`] says whether
//! each step was answered as the core decided.

use super::crud_view::{CrudRun, crud_runs};
use super::statements::{Mark, session_sql, statements_for};
use super::tables::Tables;
use super::{ActionSql, MOST_EVENTS_AS_SQL, SCHEMA, SqlExportError, SqlStep, TransactionEnd};
use crate::core::session::{Action, Session, Settings};

/// What PostgreSQL was last given: a session, and the core's rows then.
#[derive(Clone, Debug, PartialEq)]
pub struct Followed {
    seed: u64,
    settings: Settings,
    actions: Vec<Action>,
    mark: Mark,
    tables: Tables,
}

impl Followed {
    /// The core's rows when it was given the session: what PostgreSQL holds
    /// if it answered as the core decided.
    pub fn tables(&self) -> &Tables {
        &self.tables
    }

    /// The session as it is now.
    fn of(session: &Session, tables: Tables) -> Followed {
        Followed {
            seed: session.seed(),
            settings: session.settings(),
            actions: session.actions().to_vec(),
            mark: Mark::of(session),
            tables,
        }
    }

    /// Whether `session` is this one with `n >= 0` more actions.
    fn continued_by(&self, session: &Session) -> Option<usize> {
        let same = session.seed() == self.seed
            && session.settings() == self.settings
            && session.actions().starts_with(&self.actions);
        same.then(|| session.actions().len() - self.actions.len())
    }
}

/// What PostgreSQL must run to hold the session shown.
#[derive(Clone, Debug, PartialEq)]
pub struct SqlRun {
    /// Statements that empty the database and create the schema, when it
    /// starts again (empty when it goes on from what it holds).
    pub fresh_start: Vec<String>,
    /// Each action's statements, in order.
    pub actions: Vec<ActionSql>,
    /// Lesson 8's table-centric view: the CRUD statements of the catering
    /// facts these actions fired, run beside the event store's tables.
    pub crud: Vec<CrudRun>,
    /// What PostgreSQL will have been given once the run is done.
    pub followed: Followed,
}

impl SqlRun {
    /// The core's rows after the run: what PostgreSQL must then hold.
    pub fn expected(&self) -> &Tables {
        self.followed.tables()
    }
}

/// What PostgreSQL must run next to hold `session`, having been given
/// `followed` (`None`: nothing yet, or the database is new): `Ok(None)` if
/// it holds it already. A session of more than [`MOST_EVENTS_AS_SQL`]
/// events is refused before anything is replayed.
pub fn next_run(
    followed: Option<&Followed>,
    session: &Session,
) -> Result<Option<SqlRun>, SqlExportError> {
    let events = session.store().event_count();
    if events > MOST_EVENTS_AS_SQL {
        return Err(SqlExportError::TooLarge { events });
    }
    let more = followed.and_then(|followed| Some((followed, followed.continued_by(session)?)));
    match more {
        Some((_, 0)) => Ok(None),
        Some((followed, 1)) => {
            let tables = Tables::of(session);
            let index = followed.actions.len();
            let Some(action) = session.actions().get(index) else {
                return Ok(None);
            };
            let mut sql = statements_for(session, action, followed.mark, &followed.tables, &tables);
            sql.title = format!("Action {}: {}", index + 1, sql.title);
            Ok(Some(SqlRun {
                fresh_start: Vec::new(),
                actions: vec![sql],
                crud: crud_runs(std::slice::from_ref(action)),
                followed: Followed::of(session, tables),
            }))
        }
        Some((followed, _)) => replayed(session, 1 + followed.actions.len(), Vec::new()),
        None => replayed(session, 0, fresh_start()),
    }
}

/// The session's statements from a replay, leaving out the first `skip`
/// entries (the start counts as one).
fn replayed(
    session: &Session,
    skip: usize,
    fresh_start: Vec<String>,
) -> Result<Option<SqlRun>, SqlExportError> {
    let sql = session_sql(session.seed(), session.settings(), session.actions())
        .map_err(SqlExportError::Session)?;
    // The replay opens each action with its outcome, which the page has
    // shown already: the same statements as one action at a time.
    let actions = sql.actions.into_iter().enumerate().skip(skip);
    let actions = actions.map(|(index, mut action)| {
        if index > 0 && matches!(action.steps.first(), Some(SqlStep::Note(_))) {
            action.steps.remove(0);
        }
        action
    });
    let new_actions = session.actions().get(skip.saturating_sub(1)..);
    Ok(Some(SqlRun {
        fresh_start,
        actions: actions.collect(),
        crud: crud_runs(new_actions.unwrap_or_default()),
        followed: Followed::of(session, sql.tables),
    }))
}

/// Empties the database and creates the schema, one statement at a time.
pub fn fresh_start() -> Vec<String> {
    let mut statements = vec![
        "DROP SCHEMA IF EXISTS public CASCADE".to_owned(),
        "CREATE SCHEMA public".to_owned(),
    ];
    statements.extend(schema_statements());
    statements
}

/// `schema.sql`'s statements, without comments or `;`.
pub fn schema_statements() -> Vec<String> {
    let code: String = SCHEMA
        .lines()
        .filter(|line| !line.trim_start().starts_with("--"))
        .map(|line| format!("{line}\n"))
        .collect();
    code.split(';')
        .map(str::trim)
        .filter(|statement| !statement.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A statement to send, and what the core expects PostgreSQL to answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToRun {
    pub statement: String,
    /// `Some(constraint)`: part of an attempt PostgreSQL must refuse with a
    /// unique violation of that constraint, as the core's store refused it
    /// (the attempt's first error must be that violation).
    pub refused_by: Option<&'static str>,
}

impl SqlStep {
    /// The statements of this step as they are sent, `BEGIN` to `COMMIT`
    /// or `ROLLBACK` (a note sends nothing).
    pub fn to_run(&self) -> Vec<ToRun> {
        let plain = |statement: &str| ToRun {
            statement: statement.to_owned(),
            refused_by: None,
        };
        match self {
            SqlStep::Note(_) => Vec::new(),
            SqlStep::Transaction(transaction) => {
                let mut all = vec![plain("BEGIN")];
                all.extend(transaction.statements.iter().map(|s| plain(s)));
                all.push(plain(match transaction.end {
                    TransactionEnd::Commit => "COMMIT",
                    TransactionEnd::Rollback => "ROLLBACK",
                }));
                all
            }
            SqlStep::Refused(attempt) => {
                let mut all = vec![plain("BEGIN")];
                all.extend(attempt.statements.iter().map(|statement| ToRun {
                    statement: statement.clone(),
                    refused_by: Some(attempt.constraint),
                }));
                all.push(plain("ROLLBACK"));
                all
            }
        }
    }
}

/// What PostgreSQL answered to one statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Done: its command tag (`INSERT 0 1`, `UPDATE 1`, `COMMIT`).
    Done(String),
    /// Refused: PostgreSQL's message, and the constraint it names, if any.
    Error {
        message: String,
        constraint: Option<String>,
    },
}

/// A statement sent, and its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ran {
    pub statement: String,
    pub answer: Answer,
}

/// The command tag PostgreSQL gives a statement that returned `rows` rows
/// and changed `affected`, as `psql` prints it.
pub fn command_tag(statement: &str, rows: usize, affected: usize) -> String {
    let words: Vec<String> = statement
        .split_whitespace()
        .take(2)
        .map(str::to_ascii_uppercase)
        .collect();
    let first = words.first().map_or("", String::as_str);
    match first {
        "INSERT" => format!("INSERT 0 {affected}"),
        "UPDATE" | "DELETE" => format!("{first} {affected}"),
        "SELECT" => format!("SELECT {rows}"),
        "CREATE" | "DROP" | "ALTER" => words.join(" "),
        _ => first.to_owned(),
    }
}

/// Whether one step was answered as the core decided: `Ok` if so, else
/// what differs. `ran` are the statements sent, in order; the page stops a
/// step at its first error and sends `ROLLBACK`.
pub fn judge(step: &SqlStep, ran: &[Ran]) -> Result<(), String> {
    let planned = step.to_run();
    let refused: Vec<(&ToRun, &Ran)> = planned
        .iter()
        .zip(ran)
        .filter(|(_, ran)| matches!(ran.answer, Answer::Error { .. }))
        .collect();
    let expected = planned.iter().find_map(|to_run| to_run.refused_by);
    match (refused.first(), expected) {
        (None, None) => Ok(()),
        (None, Some(constraint)) => Err(format!(
            "PostgreSQL accepted what the core's store refused (expected a violation of {constraint})"
        )),
        (Some((to_run, ran)), _) => {
            let Answer::Error {
                message,
                constraint,
            } = &ran.answer
            else {
                return Ok(());
            };
            match to_run.refused_by {
                Some(wanted) if constraint.as_deref() == Some(wanted) => Ok(()),
                Some(wanted) => Err(format!(
                    "PostgreSQL refused it for another reason than the core's store (expected a violation of {wanted}): {message}"
                )),
                None => Err(format!(
                    "PostgreSQL refused a statement the core carried out: {message}"
                )),
            }
        }
    }
}
