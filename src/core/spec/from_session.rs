//! Turning what someone fired into a specification.
//!
//! The facts of a session, in the order they were fired, become: given all
//! but the last, when the last, then the commands the session's command bus
//! recorded as delivered because of the last one. The expectation is what
//! the session saw happen, not something the process manager under test
//! computes, so the specification can fail: running it over every
//! ordering of the givens and every strategy asks the workshop's
//! question about *this* session (would any other arrival order have sent
//! something else?), and running it against the buggy
//! [`crate::core::process::CustomerFirstMatch`] shows the answer can be yes.

use super::dsl::Spec;
use super::report::list_commands;
use crate::core::domain::{Command, Fact};

/// Most givens a specification built from a session keeps (8 givens in 8
/// streams make 40 320 orderings per strategy, still quick to run in
/// the browser; fewer streams make far fewer).
pub const MAX_GIVENS_FROM_SESSION: usize = 8;

/// A specification of `facts` and of what was `recorded` for the last one:
/// the last fact is "when", the (at most [`MAX_GIVENS_FROM_SESSION`]) facts
/// just before it are "given", and "then" is `recorded`, the commands the
/// session's bus delivered because of the last fact. `None` when there is
/// no fact.
pub fn spec_from_record(facts: &[Fact], recorded: Vec<Command>) -> Option<Spec> {
    let (when, before) = facts.split_last()?;
    let given = &before[before.len().saturating_sub(MAX_GIVENS_FROM_SESSION)..];
    let dropped = before.len() - given.len();
    let mut explanation = format!(
        "Built from the events fired in this session: {} given, then {when}, for which the \
         session's command bus delivered {}.",
        given.len(),
        list_commands(&recorded)
    );
    if dropped > 0 {
        explanation.push_str(&format!(
            " The {dropped} earliest {} left out to keep at most {MAX_GIVENS_FROM_SESSION} givens.",
            if dropped == 1 {
                "event was"
            } else {
                "events were"
            }
        ));
    }
    Some(
        Spec::named(&format!("From the session: when {when}"))
            .lesson(7)
            .given(given.iter().cloned())
            .when(when.clone())
            .explained(&explanation)
            .then(recorded),
    )
}
