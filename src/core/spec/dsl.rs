//! The Given/When/Then language of specifications.
//!
//! ```text
//! Spec::named("both confirmations, caterer last")
//!     .given([customer confirmed 42/vegan])
//!     .when(caterer confirmed 42/vegan)
//!     .then([ConfirmOrder 42/vegan])
//! ```
//!
//! "Then" lists the commands the bus delivers because of the "when" event
//! (a crash on it, if asked for, is followed by a restart and a catch-up, so
//! a duplicate shows up in "then" the way a receiver would see it).

use std::fmt;

use serde::Serialize;

use super::permutations::{ordering_count, ordering_formula, stream_labels};
use crate::core::domain::{Command, Fact};
use crate::core::process::{CrashPoint, IdempotencyMode, RoomAllocation};

/// Which process manager a specification is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SpecProcess {
    CateringMatch,
    RoomAllocation { threshold: usize },
}

/// Which implementation of the catering match a specification runs
/// against: the real one, or one with an order bug kept for lesson 7.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum MatchImplementation {
    #[default]
    CateringMatch,
    /// Checks for the match only when the customer's confirmation arrives
    /// (see [`crate::core::process::CustomerFirstMatch`]).
    CustomerFirstMatch,
}

impl MatchImplementation {
    /// Both, the real one first.
    pub const ALL: [MatchImplementation; 2] = [
        MatchImplementation::CateringMatch,
        MatchImplementation::CustomerFirstMatch,
    ];

    /// A short name for people.
    pub fn label(self) -> &'static str {
        match self {
            MatchImplementation::CateringMatch => "CateringMatch",
            MatchImplementation::CustomerFirstMatch => "CustomerFirstMatch (order bug)",
        }
    }

    /// What it does, in one sentence.
    pub fn description(self) -> &'static str {
        match self {
            MatchImplementation::CateringMatch => {
                "The real process manager: it looks for a match whichever confirmation arrives."
            }
            MatchImplementation::CustomerFirstMatch => {
                "A process manager with an order bug: it looks for a match only when the \
                 customer's confirmation arrives, so a match completed by the caterer is never \
                 noticed."
            }
        }
    }
}

impl fmt::Display for MatchImplementation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A specification: given past events, when one more arrives, then these
/// commands are sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Spec {
    pub name: String,
    /// One line in our words: what the specification shows.
    pub explanation: String,
    /// The lesson it belongs to (the brief `../shared/DOMAIN.md` lists the eight), if any.
    pub lesson: Option<u8>,
    pub process: SpecProcess,
    pub given: Vec<Fact>,
    pub when: Option<Fact>,
    pub then: Vec<Command>,
    /// Crash the process manager at this point while it handles the "when"
    /// event, then restart it.
    pub crash: Option<CrashPoint>,
    pub idempotency: IdempotencyMode,
}

impl Spec {
    /// A specification of the catering match with nothing given yet.
    pub fn named(name: &str) -> Self {
        Spec {
            name: name.to_owned(),
            explanation: String::new(),
            lesson: None,
            process: SpecProcess::CateringMatch,
            given: Vec::new(),
            when: None,
            then: Vec::new(),
            crash: None,
            idempotency: IdempotencyMode::None,
        }
    }

    /// Says in one line what the specification shows.
    pub fn explained(mut self, explanation: &str) -> Self {
        self.explanation = explanation.to_owned();
        self
    }

    /// Files the specification under a lesson.
    pub fn lesson(mut self, lesson: u8) -> Self {
        self.lesson = Some(lesson);
        self
    }

    /// Specifies room allocation with this threshold instead of the catering
    /// match.
    pub fn for_rooms(mut self, threshold: usize) -> Self {
        self.process = SpecProcess::RoomAllocation { threshold };
        self
    }

    /// The past events (their order is what the permutations vary).
    pub fn given(mut self, facts: impl IntoIterator<Item = Fact>) -> Self {
        self.given.extend(facts);
        self
    }

    /// The event that arrives.
    pub fn when(mut self, fact: Fact) -> Self {
        self.when = Some(fact);
        self
    }

    /// The commands expected because of the "when" event, in order.
    pub fn then(mut self, commands: impl IntoIterator<Item = Command>) -> Self {
        self.then = commands.into_iter().collect();
        self
    }

    /// No command is expected.
    pub fn then_nothing(mut self) -> Self {
        self.then.clear();
        self
    }

    /// Crash while handling the "when" event, then restart.
    pub fn crashing(mut self, point: CrashPoint) -> Self {
        self.crash = Some(point);
        self
    }

    /// Runs the process manager with this idempotency mode.
    pub fn idempotency(mut self, mode: IdempotencyMode) -> Self {
        self.idempotency = mode;
        self
    }
}

/// Why a specification cannot be run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpecError {
    /// There is no "when" event.
    NoWhen { name: String },
    /// A room allocation threshold of zero.
    ZeroThreshold { name: String },
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpecError::NoWhen { name } => write!(
                f,
                "the specification \"{name}\" has no When event, so there is nothing to check"
            ),
            SpecError::ZeroThreshold { name } => write!(
                f,
                "the specification \"{name}\" uses a room threshold of zero; it must be at least one"
            ),
        }
    }
}

impl std::error::Error for SpecError {}

impl Spec {
    /// Each given's stream as a label (streams numbered by first
    /// appearance): the order the permutation run must keep.
    pub fn stream_labels(&self) -> Vec<usize> {
        stream_labels(&self.stream_keys()).0
    }

    /// The number of givens in each stream, streams in order of first
    /// appearance.
    pub fn stream_lengths(&self) -> Vec<usize> {
        stream_labels(&self.stream_keys()).1
    }

    /// The number of orderings of the givens that keep each stream's
    /// order, if it fits in 128 bits.
    pub fn possible_orders(&self) -> Option<u128> {
        ordering_count(&self.stream_lengths())
    }

    /// How [`Spec::possible_orders`] comes about, for people.
    pub fn orders_formula(&self) -> String {
        ordering_formula(&self.stream_lengths())
    }

    fn stream_keys(&self) -> Vec<(&'static str, String)> {
        self.given
            .iter()
            .map(|fact| (fact.context(), fact.stream()))
            .collect()
    }

    /// The room allocation process manager of this specification.
    pub(super) fn rooms(&self, threshold: usize) -> Result<RoomAllocation, SpecError> {
        RoomAllocation::with_threshold(threshold).map_err(|_| SpecError::ZeroThreshold {
            name: self.name.clone(),
        })
    }
}
