//! [`SessionView`]: what a panel is given to draw, instead of the reducer.
use std::cell::{Ref, RefCell};
use std::rc::Rc;

use crate::core::session::Session;

/// A session for a panel to draw: the shared cell and its revision. Two
/// views are equal when they show the same session at the same revision,
/// so a panel redraws only when what it draws changed. A comparison's
/// derived session is a view too (its revision is the one it was made at).
#[derive(Clone, Debug)]
pub struct SessionView {
    cell: Rc<RefCell<Session>>,
    revision: u64,
}

impl PartialEq for SessionView {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cell, &other.cell) && self.revision == other.revision
    }
}

impl SessionView {
    /// A view of `cell` at `revision`.
    pub fn new(cell: Rc<RefCell<Session>>, revision: u64) -> Self {
        SessionView { cell, revision }
    }

    /// Read access to the session for drawing.
    pub fn session(&self) -> Ref<'_, Session> {
        self.cell.borrow()
    }

    /// The session's shared cell (its address tells two sessions apart).
    pub fn cell(&self) -> &Rc<RefCell<Session>> {
        &self.cell
    }

    /// Grows with every change of the session.
    pub fn revision(&self) -> u64 {
        self.revision
    }
}
