//! Two settings side by side: the same actions replayed under each, so the
//! same events can be seen with, say, no idempotency and atomic tracking
//! after the same crash, or with two strategies.
//!
//! A comparison is derived: it never changes the session or its log. A
//! side whose settings are the session's own is the session itself; the
//! other is [`Session::with_settings`], the replay a settings switch makes.
use super::{Session, SessionError, Settings};
use crate::core::process::IdempotencyMode;

/// The two settings a comparison puts side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub left: Settings,
    pub right: Settings,
}

/// A side of a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

impl Comparison {
    /// The session's own settings on the left; on the right the same
    /// strategy with the idempotency that contrasts most: atomic tracking
    /// beside none, none beside any mode that prevents duplicates.
    pub fn first_for(settings: Settings) -> Comparison {
        let idempotency = match settings.idempotency {
            IdempotencyMode::None => IdempotencyMode::AtomicTracking,
            _ => IdempotencyMode::None,
        };
        Comparison {
            left: settings,
            right: Settings {
                idempotency,
                ..settings
            },
        }
    }

    /// The settings of `side`.
    pub fn settings(&self, side: Side) -> Settings {
        match side {
            Side::Left => self.left,
            Side::Right => self.right,
        }
    }

    /// This comparison with `side` under `settings`.
    pub fn with(self, side: Side, settings: Settings) -> Comparison {
        match side {
            Side::Left => Comparison {
                left: settings,
                ..self
            },
            Side::Right => Comparison {
                right: settings,
                ..self
            },
        }
    }

    /// The name of `side` for people: what sets it apart from the other
    /// side (`Atomic tracking (outbox)` when only the idempotency differs,
    /// the strategy when only it does, both when both do). Two sides with
    /// the same settings are told apart as left and right, so the two
    /// names always differ.
    pub fn name(&self, side: Side) -> String {
        let (mine, other) = match side {
            Side::Left => (self.left, self.right),
            Side::Right => (self.right, self.left),
        };
        let strategy = mine.strategy.name();
        let idempotency = mine.idempotency.name();
        match (
            mine.strategy != other.strategy,
            mine.idempotency != other.idempotency,
        ) {
            (true, false) => strategy.to_owned(),
            (false, true) => idempotency.to_owned(),
            (true, true) => format!("{strategy}, {idempotency}"),
            (false, false) => match side {
                Side::Left => format!("{strategy}, {idempotency} (left)"),
                Side::Right => format!("{strategy}, {idempotency} (right)"),
            },
        }
    }

    /// The session of `side`: `None` when its settings are `session`'s own
    /// (the session itself is that side), else the same actions replayed
    /// under them.
    pub fn replay(&self, session: &Session, side: Side) -> Result<Option<Session>, SessionError> {
        let settings = self.settings(side);
        if settings == session.settings() {
            return Ok(None);
        }
        session.with_settings(settings).map(Some)
    }
}
