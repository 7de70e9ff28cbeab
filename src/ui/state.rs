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

use crate::core::ids::EventId;
use crate::core::session::{Action, DEFAULT_SEED, Session, Settings};

/// A message shown above the panels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub tone: Tone,
}

/// How a notice looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warning,
    /// A refused input: nothing changed.
    Refused,
}

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
    /// Time travel: show the process state after this many handled events
    /// (`None`: now).
    pub time_travel: Option<usize>,
    /// The lesson whose callout is open: set by starting a lesson, kept
    /// through a settings switch (lessons ask for one), closed by any other
    /// new session (Reset, import, shared link).
    pub open_lesson: Option<u8>,
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

    fn next(&self, notice: Option<Notice>) -> AppState {
        AppState {
            session: Rc::clone(&self.session),
            revision: self.revision + 1,
            notice,
            selected_event: self.selected_event,
            selected_order: self.selected_order.clone(),
            time_travel: self.time_travel,
            open_lesson: self.open_lesson,
        }
    }

    fn replaced(&self, session: Session, notice: Notice) -> AppState {
        AppState {
            session: Rc::new(RefCell::new(session)),
            revision: self.revision + 1,
            notice: Some(notice),
            selected_event: None,
            selected_order: None,
            time_travel: None,
            open_lesson: None,
        }
    }
}

/// What the UI asks the reducer to do.
pub enum UiAction {
    /// A session action from a button.
    Apply(Action),
    /// Replay the same actions under other settings.
    ChangeSettings(Settings),
    /// Use another session (import, shared link, restore), with a notice.
    Replace(Box<Session>, String),
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
    DismissNotice,
}

impl Reducible for AppState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let next = match action {
            UiAction::Apply(action) => {
                // The borrow ends before `self.next` is built.
                let result = self.session.borrow_mut().apply(action);
                match result {
                    Ok(outcome) => {
                        let tone = if outcome.warning {
                            Tone::Warning
                        } else {
                            Tone::Info
                        };
                        self.next(Some(Notice {
                            text: outcome.message,
                            tone,
                        }))
                    }
                    Err(error) => refused(&self, error.to_string()),
                }
            }
            UiAction::ChangeSettings(settings) => {
                let result = self.session.borrow().with_settings(settings);
                match result {
                    Ok(session) => {
                        let text = format!(
                            "Replayed the same {} action(s) with the {} strategy and idempotency {}.",
                            session.actions().len(),
                            settings.strategy,
                            settings.idempotency
                        );
                        let mut next = self.replaced(
                            session,
                            Notice {
                                text,
                                tone: Tone::Info,
                            },
                        );
                        next.selected_order = self.selected_order.clone();
                        next.open_lesson = self.open_lesson;
                        next
                    }
                    Err(error) => refused(&self, error.to_string()),
                }
            }
            UiAction::Replace(session, text) => self.replaced(
                *session,
                Notice {
                    text,
                    tone: Tone::Info,
                },
            ),
            UiAction::StartLesson(session, number, text) => AppState {
                open_lesson: Some(number),
                ..self.replaced(
                    *session,
                    Notice {
                        text,
                        tone: Tone::Info,
                    },
                )
            },
            UiAction::CloseLesson => AppState {
                open_lesson: None,
                ..self.shallow()
            },
            UiAction::Refuse(text) => refused(&self, text),
            UiAction::Inform(text, tone) => AppState {
                notice: Some(Notice { text, tone }),
                ..self.shallow()
            },
            UiAction::Reset => {
                let settings = self.session.borrow().settings();
                self.replaced(
                    Session::new(DEFAULT_SEED, settings),
                    Notice {
                        text: "A new, empty session.".to_owned(),
                        tone: Tone::Info,
                    },
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
            UiAction::DismissNotice => AppState {
                notice: None,
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
        }
    }
}

fn refused(state: &AppState, text: String) -> AppState {
    AppState {
        notice: Some(Notice {
            text,
            tone: Tone::Refused,
        }),
        ..state.shallow()
    }
}

/// The reducer handle components receive.
pub type AppHandle = UseReducerHandle<AppState>;
