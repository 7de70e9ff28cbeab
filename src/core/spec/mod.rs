//! Given/When/Then specifications of process managers, run against every
//! ordering of their givens and every state strategy.
//!
//! A specification says: given these past events, when this event arrives,
//! then these commands are sent. Running it builds a fresh store and
//! process manager for each ordering of the givens that keeps each
//! stream's order (all of them up to 40 320, a seeded sample beyond) and
//! each strategy, and reports which orders, if any, disagree, with the
//! first one that did. The catering specs can be run against the real
//! `CateringMatch` or against `CustomerFirstMatch`, which has an order bug.
//! A run can also go an event at a time ([`SpecRun`]), so a page can do it
//! in slices.

mod dsl;
mod from_session;
pub mod permutations;
mod report;
mod run;
mod spec_run;

pub use dsl::{MatchImplementation, Spec, SpecError, SpecProcess};
pub use from_session::{MAX_GIVENS_FROM_SESSION, spec_from_record};
pub use report::{Failure, SpecReport, StrategyReport, list_commands};
pub use run::SpecOptions;
pub use spec_run::SpecRun;
