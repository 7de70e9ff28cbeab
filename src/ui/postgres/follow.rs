//! Keeps the database in step with the session shown. An effect calls
//! [`follow`] after every change of the session or of the mode; it starts
//! PGlite once, then asks the core what PostgreSQL must run next
//! (`core::sql::next_run`: one action's statements, or the whole session
//! again for another session) and runs it statement by statement, giving
//! the page a turn every few milliseconds. Then it reads the tables back
//! and compares them with the core's. One run at a time: when a run ends,
//! the mode's `runs` changes and the effect looks again.
use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::pglite::{self, Database};
use super::{CrudRan, Phase, PostgresMode, PostgresUpdate, RanAction, RanStep, RunReport};
use crate::core::session::Session;
use crate::core::sql::{
    Answer, CrudRun, Followed, HeldTables, READ_BACK, Ran, SqlRun, SqlStep, Tables, differences,
    judge, next_run,
};
use crate::core::words::counted;
use crate::ui::slices::{SLICE_MS, now_ms, yield_to_page};
use crate::ui::state::{AppState, UiAction, lowercase_first};

/// The actions whose statements the SQL panel shows after a run.
const SHOWN_ACTIONS: usize = 3;
/// The differences listed (the count says how many there are in all).
const SHOWN_DIFFERENCES: usize = 12;
/// A run of more statements than this shows its progress.
const SHOWS_PROGRESS: usize = 200;

/// The database and what it was given, kept between runs (an effect's
/// resource, like the autosave's).
#[derive(Default)]
pub struct Follower {
    /// The switching on it serves (0: none).
    id: u64,
    db: Option<Rc<Database>>,
    followed: Option<Followed>,
    /// A start or a run is under way.
    busy: bool,
}

impl Follower {
    /// Lets the database go (switched off, or the page's app is destroyed).
    pub fn stop(&mut self) {
        if let Some(db) = self.db.take() {
            db.close();
        }
        *self = Follower::default();
    }
}

type Dispatch = UseReducerDispatcher<AppState>;

/// Brings the database in step with `session`, if the mode is on.
pub fn follow(
    follower: &Rc<RefCell<Follower>>,
    mode: Option<&PostgresMode>,
    session: &Session,
    dispatch: Dispatch,
) {
    let Some(mode) = mode else {
        follower.borrow_mut().stop();
        return;
    };
    let mut kept = follower.borrow_mut();
    if kept.id != mode.id {
        kept.stop();
        kept.id = mode.id;
    }
    if kept.busy {
        return;
    }
    let Some(db) = kept.db.clone() else {
        kept.busy = true;
        drop(kept);
        wasm_bindgen_futures::spawn_local(start(Rc::clone(follower), mode.id, dispatch));
        return;
    };
    match next_run(kept.followed.as_ref(), session) {
        Ok(None) => {}
        Ok(Some(run)) => {
            kept.busy = true;
            drop(kept);
            let task = run_and_check(Rc::clone(follower), mode.id, db, run, dispatch);
            wasm_bindgen_futures::spawn_local(task);
        }
        Err(error) => {
            drop(kept);
            dispatch.dispatch(UiAction::Postgres(PostgresUpdate::Failed {
                id: mode.id,
                text: format!(
                    "PostgreSQL in the page stopped following the session: {error}. It is switched off; the playground goes on in memory."
                ),
            }));
        }
    }
}

async fn start(follower: Rc<RefCell<Follower>>, id: u64, dispatch: Dispatch) {
    let began = now_ms();
    let started = pglite::start().await;
    let mut kept = follower.borrow_mut();
    if kept.id != id {
        if let Ok(db) = started {
            db.close();
        }
        return;
    }
    kept.busy = false;
    let update = match started {
        Ok(db) => {
            kept.db = Some(Rc::new(db));
            PostgresUpdate::Ready {
                id,
                ms: now_ms() - began,
            }
        }
        Err(error) => PostgresUpdate::Failed {
            id,
            text: format!(
                "PostgreSQL in the page could not start: {error}. It is switched off; the playground goes on in memory."
            ),
        },
    };
    drop(kept);
    dispatch.dispatch(UiAction::Postgres(update));
}

/// Runs `run`, reads the tables back, and reports.
async fn run_and_check(
    follower: Rc<RefCell<Follower>>,
    id: u64,
    db: Rc<Database>,
    run: SqlRun,
    dispatch: Dispatch,
) {
    let began = now_ms();
    let SqlRun {
        fresh_start,
        actions,
        crud,
        followed,
    } = run;
    let total = fresh_start.len()
        + actions
            .iter()
            .flat_map(|action| &action.steps)
            .map(|step| step.to_run().len())
            .sum::<usize>();
    let what = match actions.last().map(|action| action.title.as_str()) {
        Some(last) if actions.len() == 1 => format!("Running {}", lowercase_first(last)),
        _ => format!(
            "Running {} in PostgreSQL",
            counted(actions.len(), "action's statements", "actions' statements")
        ),
    };
    dispatch.dispatch(UiAction::Postgres(PostgresUpdate::Running {
        id,
        phase: Phase::Running {
            what: what.clone(),
            done: 0,
            total,
        },
    }));
    let mut sender = Sender {
        db,
        follower: Rc::clone(&follower),
        id,
        dispatch: dispatch.clone(),
        what,
        sent: 0,
        total,
        percent: None,
        slice_began: now_ms(),
    };
    let mut report = RunReport {
        fresh: !fresh_start.is_empty(),
        statements: total,
        millis: 0.0,
        actions: actions.len(),
        shown: Vec::new(),
        troubles: Vec::new(),
        differences: Vec::new(),
        difference_count: 0,
        read_error: None,
        rows: [0; 5],
        crud: Vec::new(),
    };
    if !fresh_start.is_empty() {
        let why = "Start again: empty the database, create the schema".to_owned();
        let mut ran = Vec::new();
        for statement in &fresh_start {
            ran.push(sender.send(statement).await);
        }
        let verdict = match ran
            .iter()
            .find(|r| matches!(r.answer, Answer::Error { .. }))
        {
            Some(failed) => Err(format!(
                "PostgreSQL refused the schema: {:?}",
                failed.answer
            )),
            None => Ok(()),
        };
        if let Err(trouble) = &verdict {
            report.troubles.push(trouble.clone());
        }
        report.shown.push(RanAction {
            title: "A fresh database".to_owned(),
            steps: vec![RanStep::Sent { why, ran, verdict }],
        });
    }
    let first_shown = actions.len().saturating_sub(SHOWN_ACTIONS);
    for (index, action) in actions.iter().enumerate() {
        let mut steps = Vec::new();
        for step in &action.steps {
            let ran_step = sender.step(step).await;
            if let RanStep::Sent {
                why,
                verdict: Err(trouble),
                ..
            } = &ran_step
            {
                report
                    .troubles
                    .push(format!("{}: {why}: {trouble}", action.title));
            }
            steps.push(ran_step);
        }
        if index >= first_shown {
            report.shown.push(RanAction {
                title: action.title.clone(),
                steps,
            });
        }
        if !sender.alive() {
            return;
        }
    }
    if report.shown.len() > SHOWN_ACTIONS {
        report.shown.remove(0);
    }
    check(&sender.db, followed.tables(), &mut report).await;
    for run in crud {
        report.crud.push(crud_ran(&sender.db, run).await);
    }
    report.millis = now_ms() - began;
    let mut kept = follower.borrow_mut();
    if kept.id != id {
        return;
    }
    kept.busy = false;
    kept.followed = Some(followed);
    drop(kept);
    dispatch.dispatch(UiAction::Postgres(PostgresUpdate::Ran {
        id,
        report: Rc::new(report),
    }));
}

/// One CRUD statement of lesson 8 run beside the event store's tables: its
/// answer, and the order's row it left.
async fn crud_ran(db: &Database, run: CrudRun) -> CrudRan {
    let [table, row, statement, read] = run.to_run;
    db.send(&table).await;
    db.send(&row).await;
    let answer = db.send(&statement).await.answer;
    CrudRan {
        statement: run.statement,
        answer,
        row: db.send(&read).await.first_value,
    }
}

/// The differential check: PostgreSQL's tables read back and compared with
/// the core's rows.
async fn check(db: &Database, expected: &Tables, report: &mut RunReport) {
    let sent = db.send(READ_BACK).await;
    let read = match (&sent.answer, sent.first_value) {
        (Answer::Done(_), Some(text)) => HeldTables::from_json(&text),
        (Answer::Error { message, .. }, _) => {
            Err(format!("PostgreSQL's tables could not be read: {message}"))
        }
        (Answer::Done(_), None) => {
            Err("PostgreSQL's tables could not be read: no row came back".to_owned())
        }
    };
    match read {
        Ok(postgres) => {
            let found = differences(expected, &postgres);
            report.difference_count = found.len();
            report.differences = found
                .iter()
                .take(SHOWN_DIFFERENCES)
                .map(ToString::to_string)
                .collect();
            report.rows = ["events", "stream_events", "state_rows", "cursors", "outbox"]
                .map(|table| postgres.rows(table).len());
        }
        Err(error) => report.read_error = Some(error),
    }
}

/// Sends statements, counts them, and gives the page a turn between slices.
struct Sender {
    db: Rc<Database>,
    follower: Rc<RefCell<Follower>>,
    id: u64,
    dispatch: Dispatch,
    what: String,
    sent: usize,
    total: usize,
    percent: Option<usize>,
    slice_began: f64,
}

impl Sender {
    /// Whether the mode that asked for this run is still on.
    fn alive(&self) -> bool {
        self.follower.borrow().id == self.id
    }

    async fn send(&mut self, statement: &str) -> Ran {
        if now_ms() - self.slice_began >= SLICE_MS {
            self.progress();
            yield_to_page().await;
            self.slice_began = now_ms();
        }
        self.sent += 1;
        let answer = if self.alive() {
            self.db.send(statement).await.answer
        } else {
            Answer::Error {
                message: "PostgreSQL in the page was switched off".to_owned(),
                constraint: None,
            }
        };
        Ran {
            statement: statement.to_owned(),
            answer,
        }
    }

    /// One step: its statements until the first refusal, which ends the
    /// transaction with `ROLLBACK`; then the core's verdict on the answers.
    async fn step(&mut self, step: &SqlStep) -> RanStep {
        let why = match step {
            SqlStep::Note(text) => return RanStep::Note(text.clone()),
            SqlStep::Transaction(transaction) => transaction.why.clone(),
            SqlStep::Refused(attempt) => attempt.why.clone(),
        };
        let planned = step.to_run();
        let mut ran = Vec::new();
        for to_run in &planned {
            let done = self.send(&to_run.statement).await;
            let refused = matches!(done.answer, Answer::Error { .. });
            ran.push(done);
            if refused {
                ran.push(self.send("ROLLBACK").await);
                break;
            }
        }
        // The statements not sent still count as done for the progress.
        self.sent += planned.len().saturating_sub(ran.len());
        let verdict = judge(step, &ran);
        RanStep::Sent { why, ran, verdict }
    }

    /// The progress, when the whole percent changed (long runs only).
    fn progress(&mut self) {
        if self.total <= SHOWS_PROGRESS {
            return;
        }
        let percent = self.sent * 100 / self.total.max(1);
        if self.percent == Some(percent) {
            return;
        }
        self.percent = Some(percent);
        self.dispatch
            .dispatch(UiAction::Postgres(PostgresUpdate::Running {
                id: self.id,
                phase: Phase::Running {
                    what: self.what.clone(),
                    done: self.sent,
                    total: self.total,
                },
            }));
    }
}
