//! Given/When/Then specifications of process managers, run against every
//! order of their givens and every state strategy.
//!
//! A specification says: given these past events, when this event arrives,
//! then these commands are sent. Running it builds a fresh store and
//! process manager for each order of the givens (all of them up to 8 givens,
//! a seeded sample beyond) and each strategy, and reports which orders, if
//! any, disagree, with the first one that did.

mod dsl;
mod from_session;
mod lessons;
pub mod permutations;
mod report;
mod run;

pub use dsl::{Spec, SpecError, SpecProcess};
pub use from_session::{MAX_GIVENS_FROM_SESSION, spec_from_facts};
pub use lessons::{deliberately_wrong_spec, lesson_specs};
pub use report::{Failure, SpecReport, StrategyReport, list_commands};
pub use run::SpecOptions;
