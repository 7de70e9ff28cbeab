//! The app's one reducer: the session plus what the page is showing.
//!
//! The session can hold hundreds of thousands of events, so it is not cloned
//! on each action: it sits behind `Rc<RefCell<…>>` and every accepted change
//! bumps `revision`, which is what components compare to know they must
//! redraw. The reducer itself does no I/O; storage, downloads and the URL
//! are handled in effects and callbacks (see `app.rs`).
use std::cell::{Ref, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use super::library;
use super::long_work::{Finished, Job, Then, Working, is_long};
pub use super::notice::{Back, Notice, Offer, Tone};
use super::postgres::{PostgresMode, PostgresUpdate};
use crate::core::ids::EventId;
use crate::core::session::{Action, Comparison, DEFAULT_SEED, Progress, Session, Settings};
use crate::core::words::counted;

mod kept;
mod postgres;
mod view;

pub use kept::{FIRST_NAME, Opened, copy_name};
pub use view::SessionView;

/// Everything the page shows.
pub struct AppState {
    session: Rc<RefCell<Session>>,
    /// Grows by one for every change of the session.
    pub revision: u64,
    pub notice: Option<Notice>,
    /// The event whose details are shown.
    pub selected_event: Option<EventId>,
    /// The order whose state, fold and causation graph are shown.
    pub selected_order: Option<String>,
    /// Time travel: show the process state as of the first this many events
    /// the session recorded, by recorded time (`None`: now).
    pub time_travel: Option<usize>,
    /// The lesson whose callout is open: set by starting a lesson, kept
    /// through a settings switch (lessons ask for one), closed by any other
    /// new session (Reset, import, shared link).
    pub open_lesson: Option<u8>,
    /// The last refusal: it stays until dismissed, whatever comes after.
    pub refusal: Option<String>,
    /// This tab's id, written with every save it makes.
    pub tab: Rc<str>,
    /// The session's entry in the library of sessions.
    pub entry: Rc<str>,
    /// The session's name in the library.
    pub name: Rc<str>,
    /// Whether the session is kept in the library: it came from there, or
    /// from a file or link, or the person changed it. A new empty session
    /// or an untouched lesson is not kept (it can be made again).
    pub keep: bool,
    /// The session this one replaced, if it is kept: "Back to my session".
    pub back: Option<Back>,
    /// Nothing to save: the session is as the library has it (just
    /// reopened, or gone back to).
    pub clean: bool,
    /// The two settings shown side by side, while the comparison is open.
    /// Derived: it changes nothing of the session; another session closes it.
    pub compare: Option<Comparison>,
    /// Long work under way beside the session (a switch, many random
    /// orders, reopening a large session): see `long_work.rs`.
    pub working: Option<Working>,
    /// PostgreSQL in the page, while switched on: it follows the session
    /// (`ui/postgres/`).
    pub postgres: Option<PostgresMode>,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.notice == other.notice
            && self.selected_event == other.selected_event
            && self.selected_order == other.selected_order
            && self.time_travel == other.time_travel
            && self.open_lesson == other.open_lesson
            && self.refusal == other.refusal
            && self.entry == other.entry
            && self.name == other.name
            && self.keep == other.keep
            && self.back == other.back
            && self.clean == other.clean
            && self.compare == other.compare
            && self.working == other.working
            && self.postgres == other.postgres
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::with_session(Session::new(DEFAULT_SEED, Settings::default()), None)
    }
}

impl AppState {
    /// A state showing `session`, with an optional first notice.
    pub fn with_session(session: Session, notice: Option<Notice>) -> Self {
        AppState {
            session: Rc::new(RefCell::new(session)),
            revision: 0,
            notice,
            selected_event: None,
            selected_order: None,
            time_travel: None,
            open_lesson: None,
            refusal: None,
            tab: library::new_id("tab-").into(),
            entry: library::new_id("s-").into(),
            name: FIRST_NAME.into(),
            keep: false,
            back: None,
            clean: false,
            compare: None,
            working: None,
            postgres: None,
        }
    }

    /// Read access to the session for drawing.
    pub fn session(&self) -> Ref<'_, Session> {
        self.session.borrow()
    }

    /// The session's shared cell: its address tells two sessions apart
    /// (an import or a settings switch makes a new one).
    pub fn session_rc(&self) -> Rc<RefCell<Session>> {
        Rc::clone(&self.session)
    }

    /// What a panel draws: the session, compared by identity and revision.
    pub fn view(&self) -> SessionView {
        SessionView::new(self.session_rc(), self.revision)
    }

    /// The session changed: a new revision, and from now on it is kept.
    fn next(&self, notice: Option<Notice>) -> AppState {
        AppState {
            revision: self.revision + 1,
            notice,
            keep: true,
            clean: false,
            ..self.shallow()
        }
    }
}

/// What the UI asks the reducer to do.
pub enum UiAction {
    /// A session action from a button.
    Perform(Action),
    /// Replay the same actions under other settings.
    ChangeSettings(Settings),
    /// Use another session, kept in the library as `name`, with a notice.
    Open(Box<Session>, String, String),
    /// Back to the session the current one replaced.
    GoBack,
    /// The current session's new name.
    Rename(String),
    /// The library refused to write the current entry: kept in memory only.
    NotSaved(String),
    /// The library entry changed (another tab saved it too): this tab's
    /// version goes on under `entry`, named `name`, with a warning.
    Fork {
        session: Rc<RefCell<Session>>,
        from: Rc<str>,
        entry: Rc<str>,
        name: Rc<str>,
        text: String,
    },
    /// Another tab wrote about `entry`: a warning if this tab shows it.
    OtherTab {
        entry: String,
        text: String,
    },
    DismissRefusal,
    /// A refused input from outside the session (a bad file): only a notice.
    Refuse(String),
    /// An information from an effect (saved, copied link...).
    Inform(String, Tone),
    /// A new empty session.
    Reset,
    /// A lesson's session, with its callout open and a notice.
    StartLesson(Box<Session>, u8, String),
    CloseLesson,
    SelectEvent(Option<EventId>),
    SelectOrder(Option<String>),
    TimeTravel(Option<usize>),
    /// Open, change or (`None`) close the comparison of two settings.
    Compare(Option<Comparison>),
    /// Long work to do beside the session (reopening a large session).
    StartWork(Box<Working>),
    /// A short replay done at once (see `long_work::open`).
    Replayed(Box<Finished>),
    /// The long work `id` has come this far.
    WorkProgress(u64, Progress),
    /// The long work `id` is done: its session replaces the shown one.
    WorkDone(u64, Finished),
    /// The long work `id` was refused: why.
    WorkFailed(u64, String),
    /// Stop the long work; the session stays as it is.
    CancelWork,
    /// PostgreSQL in the page: switched on or off, or what it reports.
    Postgres(PostgresUpdate),
    DismissNotice,
}

impl Reducible for AppState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let next = match action {
            UiAction::Perform(action) => match self.busy() {
                Some(refusal) => refusal,
                None => self.perform(action),
            },
            UiAction::ChangeSettings(settings) => match self.busy() {
                Some(refusal) => refusal,
                None => self.change_settings(settings),
            },
            UiAction::StartWork(working) => {
                if let Some(old) = &self.working {
                    old.cancel();
                }
                AppState {
                    working: Some(*working),
                    ..self.shallow()
                }
            }
            UiAction::Replayed(finished) => self.finished(*finished),
            UiAction::WorkProgress(id, progress) => match &self.working {
                Some(working) if working.id == id => AppState {
                    working: Some(working.at(progress)),
                    ..self.shallow()
                },
                _ => self.shallow(),
            },
            UiAction::WorkDone(id, finished) => match &self.working {
                Some(working) if working.id == id => self.finished(finished),
                _ => self.shallow(),
            },
            UiAction::WorkFailed(id, text) => match &self.working {
                Some(working) if working.id == id => AppState {
                    working: None,
                    ..refused(&self, text)
                },
                _ => self.shallow(),
            },
            UiAction::CancelWork => match &self.working {
                Some(working) => {
                    working.cancel();
                    AppState {
                        working: None,
                        notice: Some(Notice::info(format!(
                            "Cancelled: {}. The session is as it was.",
                            lowercase_first(&working.what)
                        ))),
                        ..self.shallow()
                    }
                }
                None => self.shallow(),
            },
            UiAction::Open(session, name, text) => self.replaced_by(
                Rc::new(RefCell::new(*session)),
                Notice::info(text),
                Opened::kept(&name),
            ),
            UiAction::GoBack => self.go_back(None),
            UiAction::Rename(name) => AppState {
                name: name.into(),
                ..self.shallow()
            },
            UiAction::NotSaved(text) => AppState {
                notice: Some(Notice {
                    text,
                    tone: Tone::Warning,
                    offer: Some(Offer::Export),
                }),
                ..self.shallow()
            },
            UiAction::Fork {
                session,
                from,
                entry,
                name,
                text,
            } => self.fork(&session, &from, entry, name, text),
            UiAction::OtherTab { entry, text } => self.other_tab(&entry, text),
            UiAction::StartLesson(session, number, text) => AppState {
                open_lesson: Some(number),
                // Stepping through the same lesson keeps its comparison open.
                compare: self.compare.filter(|_| self.open_lesson == Some(number)),
                ..self.replaced_by(
                    Rc::new(RefCell::new(*session)),
                    Notice::info(text.clone()),
                    Opened {
                        name: text.into(),
                        ..Opened::new()
                    },
                )
            },
            UiAction::CloseLesson => match &self.back {
                Some(_) => self.go_back(self.open_lesson),
                None => AppState {
                    open_lesson: None,
                    ..self.shallow()
                },
            },
            UiAction::Refuse(text) => refused(&self, text),
            UiAction::Inform(text, tone) => AppState {
                notice: Some(Notice {
                    text,
                    tone,
                    offer: None,
                }),
                ..self.shallow()
            },
            UiAction::Reset => {
                let settings = self.session.borrow().settings();
                let text = if self.keep {
                    "A new, empty session. The one you had is kept in Sessions."
                } else {
                    "A new, empty session."
                };
                self.replaced(
                    Session::new(DEFAULT_SEED, settings),
                    Notice::info(text.to_owned()),
                )
            }
            UiAction::SelectEvent(id) => AppState {
                selected_event: id,
                ..self.shallow()
            },
            UiAction::SelectOrder(order) => AppState {
                selected_order: order,
                ..self.shallow()
            },
            UiAction::TimeTravel(at) => AppState {
                time_travel: at,
                ..self.shallow()
            },
            UiAction::Compare(compare) => AppState {
                compare,
                ..self.shallow()
            },
            UiAction::Postgres(update) => self.postgres_update(update),
            UiAction::DismissNotice => AppState {
                notice: None,
                ..self.shallow()
            },
            UiAction::DismissRefusal => AppState {
                refusal: None,
                ..self.shallow()
            },
        };
        Rc::new(next)
    }
}

impl AppState {
    /// The same state (same revision), to change one view field.
    fn shallow(&self) -> AppState {
        AppState {
            session: Rc::clone(&self.session),
            revision: self.revision,
            notice: self.notice.clone(),
            selected_event: self.selected_event,
            selected_order: self.selected_order.clone(),
            time_travel: self.time_travel,
            open_lesson: self.open_lesson,
            refusal: self.refusal.clone(),
            tab: Rc::clone(&self.tab),
            entry: Rc::clone(&self.entry),
            name: Rc::clone(&self.name),
            keep: self.keep,
            back: self.back.clone(),
            clean: self.clean,
            compare: self.compare,
            working: self.working.clone(),
            postgres: self.postgres.clone(),
        }
    }

    /// While long work is under way, a change to the session is refused.
    fn busy(&self) -> Option<AppState> {
        let working = self.working.as_ref()?;
        Some(refused(
            self,
            format!(
                "{} ({} %): wait for it, or Cancel it. Nothing was changed.",
                working.what,
                working.progress.percent()
            ),
        ))
    }

    /// A session action: at once, or as long work if it is long.
    fn perform(&self, action: Action) -> AppState {
        let units = self.session.borrow().work_of(&action);
        if is_long(units) {
            let session = self.session.borrow();
            if let Action::FireRandomOrders { orders } = &action
                && let Err(error) = session.check_random_orders(*orders)
            {
                return refused(self, error.to_string());
            }
            let what = match &action {
                Action::FireRandomOrders { orders } => format!(
                    "Storing and handling {} of {}",
                    counted(u64::from(*orders) * 2, "event", "events"),
                    counted(*orders, "random order", "random orders")
                ),
                _ => format!(
                    "The process manager handling {}",
                    counted(units, "waiting event", "waiting events")
                ),
            };
            let job = Job::new(session.replay_then(action), Then::Perform);
            return AppState {
                working: Some(Working::new(what, job)),
                ..self.shallow()
            };
        }
        // The borrow ends before `self.next` is built.
        let result = self.session.borrow_mut().perform(action);
        match result {
            Ok(outcome) => self.next(Some(outcome_notice(outcome))),
            Err(error) => refused(self, error.to_string()),
        }
    }

    /// The same actions under other settings: at once, or as long work.
    fn change_settings(&self, settings: Settings) -> AppState {
        let session = self.session.borrow();
        let mut replay = session.replay_with_settings(settings);
        if is_long(replay.progress().expected as u64) {
            let what = format!(
                "Replaying {} ({}) with the {} strategy and idempotency {}",
                counted(session.actions().len(), "action", "actions"),
                counted(session.store().event_count(), "event", "events"),
                settings.strategy,
                settings.idempotency
            );
            let job = Job::new(replay, Then::Switch);
            return AppState {
                working: Some(Working::new(what, job)),
                ..self.shallow()
            };
        }
        match replay.advance(usize::MAX) {
            Ok(_) => self.switched(Rc::new(RefCell::new(replay.into_session()))),
            Err(error) => refused(self, error.to_string()),
        }
    }

    /// The same session under other settings: same entry, kept.
    fn switched(&self, session: Rc<RefCell<Session>>) -> AppState {
        let text = {
            let session = session.borrow();
            let settings = session.settings();
            format!(
                "Replayed the same {} with the {} strategy and idempotency {}.",
                counted(session.actions().len(), "action", "actions"),
                settings.strategy,
                settings.idempotency
            )
        };
        AppState {
            session,
            selected_event: None,
            time_travel: None,
            working: None,
            ..self.next(Some(Notice::info(text)))
        }
    }

    /// Long work is done: its session is shown, as the click would have.
    fn finished(&self, finished: Finished) -> AppState {
        let Finished {
            session,
            then,
            outcome,
        } = finished;
        match then {
            Then::Perform => AppState {
                session,
                working: None,
                ..self.next(outcome.map(outcome_notice))
            },
            Then::Switch => self.switched(session),
            Then::Reopen(meta, text) => self.reopen(session, &meta, text),
            Then::Open(name, text) => {
                self.replaced_by(session, Notice::info(text), Opened::kept(&name))
            }
        }
    }
}

/// What an accepted action did, as a notice.
fn outcome_notice(outcome: crate::core::session::Outcome) -> Notice {
    let tone = if outcome.warning {
        Tone::Warning
    } else {
        Tone::Info
    };
    Notice {
        text: outcome.message,
        tone,
        offer: None,
    }
}

/// "Replaying …" as the middle of a sentence.
pub fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// A refusal: shown until dismissed; the session is untouched.
fn refused(state: &AppState, text: String) -> AppState {
    AppState {
        refusal: Some(text),
        ..state.shallow()
    }
}

/// The reducer handle components receive.
pub type AppHandle = UseReducerHandle<AppState>;
