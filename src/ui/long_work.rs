//! Long work on the session, done beside it: a settings switch, many random
//! orders, a long catch-up, reopening a large saved session.
//!
//! Each is a [`Replay`] (the session is its actions): the page keeps showing
//! the session it has, and answering clicks, while the replay builds the
//! next one in slices ([`super::slices`]) with a progress bar. When it is
//! complete it replaces the shown session, as the click would have. Cancel
//! drops it: the shown session was never touched. A new session shown
//! meanwhile (a lesson, an import, Back) cancels it too.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::UseReducerDispatcher;

use super::library::{self, EntryMeta};
use super::panels::order_index::{self, OrderIndex};
use super::slices::{Tick, in_slices};
use super::state::{AppState, UiAction};
use crate::core::session::{Outcome, Progress, Replay, Session, SessionError};

/// What the page shows of long work under way.
#[derive(Clone)]
pub struct Working {
    pub id: u64,
    /// What is being done, in words: "Replaying 3 actions with …".
    pub what: String,
    pub progress: Progress,
    /// Set by Cancel, or by another session being shown.
    cancelled: Rc<Cell<bool>>,
    /// The replay to do, taken once by the effect that runs it.
    job: Rc<RefCell<Option<Job>>>,
}

impl PartialEq for Working {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.what == other.what && self.progress == other.progress
    }
}

/// A replay and what its session is for.
pub struct Job {
    replay: Replay,
    then: Then,
    /// Set for a reopen noted as under way (see `library::note_reopening`).
    noted: Option<ReopenNoted>,
}

impl Job {
    pub fn new(replay: Replay, then: Then) -> Self {
        Job {
            replay,
            then,
            noted: None,
        }
    }
}

/// A long reopen noted as under way: the note goes when this does, however
/// the work ends (done, refused, cancelled, replaced before it started).
/// Only a page that dies keeps it, for the next page open to find.
struct ReopenNoted;

impl ReopenNoted {
    fn note(id: &str) -> Self {
        library::note_reopening(id);
        ReopenNoted
    }
}

impl Drop for ReopenNoted {
    fn drop(&mut self) {
        library::reopening_ended();
    }
}

/// What the finished replay's session becomes.
pub enum Then {
    /// The shown session after a long action (the replay's last action).
    Perform,
    /// The shown session under other settings (the replay's).
    Switch,
    /// A session from the library, with its notice.
    Reopen(EntryMeta, String),
    /// An imported session file: its name and notice.
    Open(String, String),
}

/// The finished work, for the reducer.
pub struct Finished {
    pub session: Rc<RefCell<Session>>,
    pub then: Then,
    /// What the last action did (for `Then::Perform`).
    pub outcome: Option<Outcome>,
}

thread_local! {
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

impl Working {
    /// Long work about to start.
    pub fn new(what: String, job: Job) -> Self {
        let id = NEXT_ID.with(|next| {
            let id = next.get();
            next.set(id + 1);
            id
        });
        Working {
            id,
            what,
            progress: job.replay.progress(),
            cancelled: Rc::new(Cell::new(false)),
            job: Rc::new(RefCell::new(Some(job))),
        }
    }

    /// Stops it: the rest is never done and its result never used.
    pub fn cancel(&self) {
        self.cancelled.set(true);
    }

    /// The same work, further on.
    pub fn at(&self, progress: Progress) -> Self {
        Working {
            progress,
            ..self.clone()
        }
    }

    /// Runs the work (once; later calls do nothing), telling the reducer
    /// its progress and its end.
    pub fn start(&self, dispatch: UseReducerDispatcher<AppState>) {
        let Some(job) = self
            .job
            .try_borrow_mut()
            .ok()
            .and_then(|mut job| job.take())
        else {
            return;
        };
        let (id, cancelled) = (self.id, Rc::clone(&self.cancelled));
        wasm_bindgen_futures::spawn_local(run(id, job, cancelled, dispatch));
    }
}

async fn run(
    id: u64,
    job: Job,
    cancelled: Rc<Cell<bool>>,
    dispatch: UseReducerDispatcher<AppState>,
) {
    let Job {
        replay,
        then,
        noted: _noted,
    } = job;
    let replay = RefCell::new(replay);
    let refused = RefCell::new(None);
    let shown = Cell::new(replay.borrow().progress().percent());
    let end = in_slices(
        |budget| match replay.borrow_mut().advance(budget) {
            Ok(false) => Tick::More,
            Ok(true) => Tick::Done,
            Err(error) => {
                *refused.borrow_mut() = Some(error.to_string());
                Tick::Done
            }
        },
        || {
            // Drawn again only when the whole percent moves.
            let progress = replay.borrow().progress();
            if shown.replace(progress.percent()) != progress.percent() {
                dispatch.dispatch(UiAction::WorkProgress(id, progress));
            }
        },
        || cancelled.get(),
    )
    .await;
    if end == Tick::More || cancelled.get() {
        return;
    }
    if let Some(error) = refused.into_inner() {
        let text = match &then {
            Then::Reopen(meta, _) => format!(
                "The saved session “{}” could not be read ({error}). Your session is unchanged; the saved one stays in Sessions.",
                meta.name
            ),
            Then::Open(name, _) => {
                format!("{name} was not imported: {error}. Your session is unchanged.")
            }
            Then::Perform | Then::Switch => {
                format!("{error}. Your session is unchanged.")
            }
        };
        dispatch.dispatch(UiAction::WorkFailed(id, text));
        return;
    }
    let replay = replay.into_inner();
    let outcome = replay.last_outcome().cloned();
    let session = Rc::new(RefCell::new(replay.into_session()));
    // The Process state panel's sorted list of orders, built here too, in
    // slices, rather than all at once in the panel's first draw.
    let index = RefCell::new(OrderIndex::default());
    let end = in_slices(
        |budget| match index.borrow_mut().refresh_at_most(&session, budget) {
            true => Tick::Done,
            false => Tick::More,
        },
        || {},
        || cancelled.get(),
    )
    .await;
    if end == Tick::More || cancelled.get() {
        return;
    }
    order_index::hand_over(index.into_inner());
    dispatch.dispatch(UiAction::WorkDone(
        id,
        Finished {
            session,
            then,
            outcome,
        },
    ));
}

/// Whether work of `units` (two per event stored and handled) is long
/// work, done in slices.
pub fn is_long(units: u64) -> bool {
    units >= crate::core::session::LONG_WORK_UNITS
}

/// Opens the session `replay` builds: at once if it is short, else as long
/// work described by `what`. A refused action is the error.
pub fn open(
    replay: Replay,
    what: impl FnOnce() -> String,
    then: Then,
    dispatch: &UseReducerDispatcher<AppState>,
) -> Result<(), SessionError> {
    if is_long(replay.progress().expected as u64) {
        let noted = match &then {
            Then::Reopen(meta, _) => Some(ReopenNoted::note(&meta.id)),
            _ => None,
        };
        let job = Job {
            noted,
            ..Job::new(replay, then)
        };
        let working = Working::new(what(), job);
        dispatch.dispatch(UiAction::StartWork(Box::new(working)));
        return Ok(());
    }
    let mut replay = replay;
    replay.advance(usize::MAX)?;
    let outcome = replay.last_outcome().cloned();
    dispatch.dispatch(UiAction::Replayed(Box::new(Finished {
        session: Rc::new(RefCell::new(replay.into_session())),
        then,
        outcome,
    })));
    Ok(())
}

/// Lets `session` go after the page has drawn what replaced it: the rest
/// of the session at once, its store a slice at a time (freeing a million
/// events takes a tenth of a second). If it is still shown elsewhere, only
/// this hold on it goes.
pub fn free_later(session: Rc<RefCell<Session>>) {
    wasm_bindgen_futures::spawn_local(async move {
        gloo::timers::future::TimeoutFuture::new(0).await;
        let Ok(cell) = Rc::try_unwrap(session) else {
            return;
        };
        let mut teardown = cell.into_inner().into_teardown();
        let free = |budget| match teardown.free_some(budget) {
            true => Tick::Done,
            false => Tick::More,
        };
        in_slices(free, || {}, || false).await;
    });
}
