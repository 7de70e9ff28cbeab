//! "PostgreSQL in the page": a real PostgreSQL (PGlite, in this page's
//! memory) follows the session. Each action's statements, derived by the
//! core (`core::sql`), run in their transactions as a relational event
//! store would run them; PostgreSQL's answers are shown in the SQL panel
//! (`panels/sql.rs`), and its tables are read back and compared with the
//! core's after every run: any difference is shown as an error.
//!
//! `switch.rs` is the button; `pglite.rs` loads PGlite and sends
//! statements; `follow.rs` keeps the
//! database in step with the session shown (an effect, like the autosave);
//! what the page shows of it lives in the reducer as [`PostgresMode`].
mod follow;
mod pglite;
mod switch;

use std::rc::Rc;

pub use follow::{Follower, follow};
pub use switch::PostgresSwitch;

use crate::core::sql::{Answer, Ran};

/// PostgreSQL in the page, while it is switched on.
#[derive(Clone, Debug, PartialEq)]
pub struct PostgresMode {
    /// Which switching on this is: what an older one sends is ignored.
    pub id: u64,
    pub phase: Phase,
    /// How many runs have ended: the follower looks again after each.
    pub runs: u64,
    /// The last run's statements, answers and check.
    pub last: Option<Rc<RunReport>>,
    /// Milliseconds from the switch to a database ready for statements.
    pub ready_ms: Option<f64>,
    /// Lesson 8's table-centric view as PostgreSQL ran it: the last CRUD
    /// statements, each with its answer and the row it left.
    pub crud: Rc<Vec<CrudRan>>,
}

/// The CRUD statements lesson 8 can show at most (the latest).
pub const KEPT_CRUD_RUNS: usize = 64;

/// A CRUD statement as PostgreSQL ran it.
#[derive(Clone, Debug, PartialEq)]
pub struct CrudRan {
    /// The statement (as `core::domain::crud::crud_statement` writes it).
    pub statement: String,
    pub answer: Answer,
    /// The order's row afterwards, as PostgreSQL reads it.
    pub row: Option<String>,
}

impl PostgresMode {
    pub fn new(id: u64) -> PostgresMode {
        PostgresMode {
            id,
            phase: Phase::Starting,
            runs: 0,
            last: None,
            ready_ms: None,
            crud: Rc::default(),
        }
    }
}

/// What PostgreSQL is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Loading PGlite and creating a database.
    Starting,
    /// Running statements: what, and how far.
    Running {
        what: String,
        done: usize,
        total: usize,
    },
    /// Holding the session shown; waiting for the next action.
    Following,
}

/// What the follower tells the reducer.
pub enum PostgresUpdate {
    /// The person switched it on.
    On,
    /// The person switched it off.
    Off,
    Ready {
        id: u64,
        ms: f64,
    },
    Running {
        id: u64,
        phase: Phase,
    },
    Ran {
        id: u64,
        report: Rc<RunReport>,
    },
    /// It cannot go on: why (the mode is switched off).
    Failed {
        id: u64,
        text: String,
    },
}

/// One run of statements, as PostgreSQL answered them, and the check.
#[derive(Clone, Debug, PartialEq)]
pub struct RunReport {
    /// The database was started again (another session, or the first run).
    pub fresh: bool,
    /// How many statements were sent, and how long they took.
    pub statements: usize,
    pub millis: f64,
    /// How many actions the run gave PostgreSQL.
    pub actions: usize,
    /// The last actions, each with its statements and answers.
    pub shown: Vec<RanAction>,
    /// Steps PostgreSQL answered otherwise than the core decided.
    pub troubles: Vec<String>,
    /// Rows where PostgreSQL's tables differ from the core's (the first few).
    pub differences: Vec<String>,
    pub difference_count: usize,
    /// PostgreSQL's tables could not be read back: why.
    pub read_error: Option<String>,
    /// The rows PostgreSQL holds: events, stream rows, state rows, cursors,
    /// outbox rows.
    pub rows: [usize; 5],
    /// The CRUD statements of the catering facts this run's actions fired.
    pub crud: Vec<CrudRan>,
}

impl RunReport {
    /// Whether PostgreSQL answered as the core decided and holds its rows.
    pub fn holds(&self) -> bool {
        self.troubles.is_empty() && self.difference_count == 0 && self.read_error.is_none()
    }
}

/// One action's statements as they ran.
#[derive(Clone, Debug, PartialEq)]
pub struct RanAction {
    pub title: String,
    pub steps: Vec<RanStep>,
}

/// One step of an action, as it ran.
#[derive(Clone, Debug, PartialEq)]
pub enum RanStep {
    /// What happened outside the database.
    Note(String),
    /// A transaction (or a refused attempt): its statements and answers,
    /// and whether they are what the core decided (`Err`: what differs).
    Sent {
        why: String,
        ran: Vec<Ran>,
        verdict: Result<(), String>,
    },
}
