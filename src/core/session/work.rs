//! An action in progress: what [`Session::begin`] changed at once, and what
//! is left for [`Session::go_on`] (storing many random orders, the process
//! manager catching up on many events), counted in units: one event stored
//! or handled.
//!
//! A click's action is begun, gone on with to the end and finished in one
//! call ([`Session::perform`]). A replay of a large session (see
//! [`super::replay`]) goes on a slice at a time, so the page can draw
//! between slices: the result is the same, because the same events are
//! stored and handled in the same order, only with pauses between them.
//!
//! [`Session::begin`]: super::Session::begin
//! [`Session::go_on`]: super::Session::go_on
//! [`Session::perform`]: super::Session::perform
use super::{Action, Outcome, RandomOrders};

/// An action begun and not yet recorded.
#[derive(Debug)]
pub struct Work {
    action: Action,
    outcome: Outcome,
    left: Left,
    /// Events stored or handled so far by [`super::Session::go_on`].
    units: usize,
}

/// What an action has still to do.
#[derive(Debug)]
pub(super) enum Left {
    Nothing,
    /// Storing random orders' events, `next` being the first not stored.
    Appending {
        facts: RandomOrders,
        next: usize,
    },
    /// The process manager catching up.
    CatchingUp(CatchingUp),
}

impl Left {
    /// After a change: the process manager catches up if it handles events
    /// as they arrive and is running.
    pub(super) const FOLLOW_UP: Left = Left::CatchingUp(CatchingUp {
        asked: false,
        traced: true,
        steps: 0,
    });
}

/// A catch-up in progress.
#[derive(Clone, Copy, Debug)]
pub(super) struct CatchingUp {
    /// Asked for with Catch up (rather than following a change, which
    /// happens only with auto-handle on).
    pub asked: bool,
    /// Whether each handling is traced (a bulk load's are not).
    pub traced: bool,
    /// Events handled so far.
    pub steps: usize,
}

impl CatchingUp {
    /// The Catch up button's.
    pub fn asked() -> Self {
        CatchingUp {
            asked: true,
            traced: true,
            steps: 0,
        }
    }

    /// After a bulk load.
    pub fn untraced() -> Self {
        CatchingUp {
            asked: false,
            traced: false,
            steps: 0,
        }
    }

    /// The same catch-up, `more` events further.
    pub fn after(self, more: usize) -> Self {
        CatchingUp {
            steps: self.steps + more,
            ..self
        }
    }
}

impl Work {
    pub(super) fn new(action: Action, outcome: Outcome, left: Left) -> Self {
        Work {
            action,
            outcome,
            left,
            units: 0,
        }
    }

    /// The action being performed.
    pub fn action(&self) -> &Action {
        &self.action
    }

    /// Events stored or handled so far.
    pub fn units(&self) -> usize {
        self.units
    }

    pub(super) fn left_mut(&mut self) -> &mut Left {
        &mut self.left
    }

    pub(super) fn set_left(&mut self, left: Left) {
        self.left = left;
    }

    pub(super) fn did(&mut self, units: usize) {
        self.units = self.units.saturating_add(units);
    }

    pub(super) fn set_outcome(&mut self, outcome: Outcome) {
        self.outcome = outcome;
    }

    /// Adds what followed to the outcome's words.
    pub(super) fn add_to_outcome(&mut self, more: Outcome) {
        self.outcome = Outcome {
            message: format!("{} {}", self.outcome.message, more.message),
            warning: self.outcome.warning || more.warning,
        };
    }

    pub(super) fn into_parts(self) -> (Action, Outcome) {
        (self.action, self.outcome)
    }
}
