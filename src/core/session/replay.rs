//! Replaying a session a slice at a time.
//!
//! A session is its seed, its settings and its actions: replaying them gives
//! the same store, cursors and commands. A settings switch, reopening a
//! saved session and storing many random orders are replays; at a million
//! events one takes seconds. [`Replay`] does it in slices of a given number
//! of units (an action begun, an event stored or handled), so a page can
//! draw, answer clicks and show progress between slices. The session being
//! built is apart from the one shown: the shown one is replaced only when
//! the replay is complete, and dropping an unfinished replay (Cancel)
//! leaves nothing behind.
use super::work::Work;
use super::{Action, Outcome, Session, SessionError, Settings};

/// A replay under way.
#[derive(Debug)]
pub struct Replay {
    session: Session,
    actions: Vec<Action>,
    /// The first action not yet begun.
    next: usize,
    /// The action begun and not yet finished.
    work: Option<Work>,
    units_done: usize,
    units_expected: usize,
    /// What the last finished action did.
    last: Option<Outcome>,
}

/// How far a replay has come, in units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    /// What the actions are expected to cost; `done` never passes it.
    pub expected: usize,
}

impl Progress {
    /// Whole percent done, 0 to 100.
    pub fn percent(&self) -> usize {
        (self.done.saturating_mul(100))
            .checked_div(self.expected)
            .unwrap_or(100)
            .min(100)
    }
}

impl Replay {
    /// A replay of `actions` on a new session with `seed` and `settings`;
    /// nothing is done until [`Replay::advance`].
    pub fn new(seed: u64, settings: Settings, actions: Vec<Action>) -> Self {
        let units_expected = actions.iter().map(expected_units).sum();
        let mut session = Session::new(seed, settings);
        // Room for every random order at once, while the session is empty
        // (making room later moves what is already there).
        let orders = actions.iter().map(random_orders_in).sum();
        let _ = session.reserve_random_orders(orders);
        Replay {
            session,
            actions,
            next: 0,
            work: None,
            units_done: 0,
            units_expected,
            last: None,
        }
    }

    /// Does at most `budget` units (at least one); `true` once every
    /// action is replayed. The first refused action stops the replay with
    /// its index.
    pub fn advance(&mut self, budget: usize) -> Result<bool, SessionError> {
        let mut left = budget.max(1);
        loop {
            let mut work = match self.work.take() {
                Some(work) => work,
                None => {
                    let Some(action) = self.actions.get(self.next).cloned() else {
                        return Ok(true);
                    };
                    left -= 1;
                    self.units_done += 1;
                    self.session.begin(action).map_err(|e| self.refused(e))?
                }
            };
            let before = work.units();
            let finished = self
                .session
                .go_on(&mut work, left)
                .map_err(|e| self.refused(e))?;
            let spent = work.units() - before;
            self.units_done = self.units_done.saturating_add(spent);
            left = left.saturating_sub(spent);
            if finished {
                self.last = Some(self.session.finish(work));
                self.next += 1;
            } else {
                self.work = Some(work);
            }
            if left == 0 {
                return Ok(self.next == self.actions.len() && self.work.is_none());
            }
        }
    }

    fn refused(&self, error: SessionError) -> SessionError {
        SessionError::InReplay {
            index: self.next,
            error: Box::new(error),
        }
    }

    /// How far it has come.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.units_done.min(self.units_expected),
            expected: self.units_expected,
        }
    }

    /// What the last replayed action did (the notice of a long action).
    pub fn last_outcome(&self) -> Option<&Outcome> {
        self.last.as_ref()
    }

    /// The session as replayed so far: complete once [`Replay::advance`]
    /// returned `true`.
    pub fn into_session(self) -> Session {
        self.session
    }
}

/// How many random orders an action fires.
fn random_orders_in(action: &Action) -> u64 {
    match action {
        Action::FireRandomOrders { orders } => u64::from(*orders),
        _ => 0,
    }
}

/// What an action is expected to cost: an event to store and handle is
/// two units, anything else one.
fn expected_units(action: &Action) -> usize {
    match action {
        Action::FireRandomOrders { orders } => 1 + 4 * (*orders as usize),
        Action::Fire { .. } => 3,
        _ => 1,
    }
}
