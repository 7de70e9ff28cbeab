//! The reducer's part for the library of sessions: replacing the session
//! (the replaced one becomes the way back), reopening an entry,
//! going back to the replaced session, and keeping this tab's version
//! apart when another tab saved the same entry.
use std::cell::RefCell;
use std::rc::Rc;

use super::{AppState, Back, Notice, Offer, Tone};
use crate::core::session::Session;
use crate::ui::library::{self, EntryMeta};

impl AppState {
    /// The session this state shows, as a way back to it (if it is kept).
    pub(super) fn as_back(&self) -> Option<Back> {
        self.keep.then(|| Back {
            session: Rc::clone(&self.session),
            entry: Rc::clone(&self.entry),
            name: Rc::clone(&self.name),
        })
    }

    /// Another session, under a new library entry named `name`. The one it
    /// replaces stays in the library, and the notice offers the way back.
    pub(super) fn replaced(&self, session: Session, notice: Notice) -> AppState {
        self.replaced_by(Rc::new(RefCell::new(session)), notice, Opened::new())
    }

    pub(super) fn replaced_by(
        &self,
        session: Rc<RefCell<Session>>,
        mut notice: Notice,
        opened: Opened,
    ) -> AppState {
        // Long work was for the session being replaced.
        if let Some(working) = &self.working {
            working.cancel();
        }
        let back = self.as_back().or_else(|| self.back.clone());
        if let Some(back) = &back
            && notice.offer.is_none()
        {
            notice.offer = Some(Offer::Back(Rc::clone(&back.name)));
        }
        AppState {
            session,
            revision: self.revision + 1,
            notice: Some(notice),
            selected_event: None,
            selected_order: None,
            time_travel: None,
            open_lesson: None,
            refusal: self.refusal.clone(),
            tab: Rc::clone(&self.tab),
            entry: opened.entry,
            name: opened.name,
            keep: opened.keep,
            back,
            clean: false,
            // The comparison was of the session replaced.
            compare: None,
            working: None,
            // PostgreSQL, if on, follows the new session: a fresh database.
            postgres: self.postgres.clone(),
        }
    }

    /// A session from the library, under its own entry.
    pub(super) fn reopen(
        &self,
        session: Rc<RefCell<Session>>,
        meta: &EntryMeta,
        text: String,
    ) -> AppState {
        let next = self.replaced_by(
            session,
            Notice::info(text),
            Opened {
                entry: meta.id.as_str().into(),
                name: meta.name.as_str().into(),
                keep: true,
            },
        );
        AppState {
            clean: true,
            ..next
        }
    }

    /// Back to the session this one replaced; this one, if kept, becomes
    /// the way back. `lesson` names a lesson being closed.
    pub(super) fn go_back(&self, lesson: Option<u8>) -> AppState {
        let Some(back) = self.back.clone() else {
            return self.shallow();
        };
        let text = match lesson {
            Some(number) => format!("Closed lesson {number}: back to “{}”.", back.name),
            None => format!("Back to “{}”.", back.name),
        };
        let mut notice = Notice::info(text);
        notice.offer = self.keep.then(|| Offer::Back(Rc::clone(&self.name)));
        AppState {
            back: self.as_back(),
            clean: true,
            ..self.replaced_by(
                back.session,
                notice,
                Opened {
                    entry: back.entry,
                    name: back.name,
                    keep: true,
                },
            )
        }
    }

    /// This tab's version of `from` goes on as a new entry (if the tab still
    /// shows `session`); a new revision, so it is saved there at once.
    pub(super) fn fork(
        &self,
        session: &Rc<RefCell<Session>>,
        from: &str,
        entry: Rc<str>,
        name: Rc<str>,
        text: String,
    ) -> AppState {
        if !Rc::ptr_eq(session, &self.session) || &*self.entry != from {
            return self.shallow();
        }
        AppState {
            revision: self.revision + 1,
            entry,
            name,
            keep: true,
            clean: false,
            notice: Some(Notice {
                text,
                tone: Tone::Warning,
                offer: None,
            }),
            ..self.shallow()
        }
    }

    /// Another tab wrote about `entry`: if this tab shows it, a warning
    /// (this tab's next save then keeps its version apart: see `fork`).
    pub(super) fn other_tab(&self, entry: &str, text: String) -> AppState {
        if &*self.entry != entry {
            return self.shallow();
        }
        AppState {
            notice: Some(Notice {
                text,
                tone: Tone::Warning,
                offer: None,
            }),
            ..self.shallow()
        }
    }
}

/// The name of this tab's copy of `name`.
pub fn copy_name(name: &str) -> String {
    format!("{name} (copy from another tab)")
}

/// The name of a first visit's session.
pub const FIRST_NAME: &str = "My session";

/// Where a replacing session goes in the library.
pub struct Opened {
    pub entry: Rc<str>,
    pub name: Rc<str>,
    pub keep: bool,
}

impl Opened {
    /// A new entry, not kept until the person changes it.
    pub(super) fn new() -> Self {
        Opened {
            entry: library::new_id("s-").into(),
            name: "New session".into(),
            keep: false,
        }
    }

    /// A new entry named `name`, kept at once (a file, a link).
    pub fn kept(name: &str) -> Self {
        Opened {
            name: name.into(),
            keep: true,
            ..Opened::new()
        }
    }
}
