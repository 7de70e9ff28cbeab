//! The eight guided lessons of the workshop, in one place.
//!
//! - [`scenarios`]: each lesson as a replayable scenario: its settings and
//!   the actions that make its point ([`Lesson`], [`lessons`]).
//! - [`goals`]: each lesson's goal in one sentence, the task it sets the
//!   attendee and the panels its point is in ([`PanelName`]).
//! - [`checks`]: the rules a lesson claims, evaluated live on the current
//!   session: holds, or not yet and why ([`Rule`], [`Check`]).
//! - [`player`]: a lesson played up to step k, with what step k did.
//! - [`specs`]: the Given/When/Then specifications the lessons run.
//! - [`challenge`]: a trainer's own challenge: a title, a goal and rules
//!   chosen from the same list.

pub mod challenge;
pub mod checks;
pub mod compare;
pub mod goals;
pub mod player;
pub mod scenarios;
pub mod specs;

pub use challenge::{
    CHALLENGE_RULES, Challenge, ChallengeError, MAX_CHALLENGE_GOAL, MAX_CHALLENGE_TITLE,
};
pub use checks::{Check, Rule};
pub use goals::{PanelName, Task};
pub use player::LessonStep;
pub use scenarios::{Lesson, lessons};
pub use specs::{FIRST_AGREEMENT_WINS, deliberately_wrong_spec, lesson_specs};
