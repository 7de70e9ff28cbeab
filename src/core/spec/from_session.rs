//! Turning what someone fired into a specification.
//!
//! The facts of a session, in the order they were fired, become: given all
//! but the last, when the last, then the `ConfirmOrder` commands the process
//! manager sends for the last one when it meets the facts in exactly that
//! order. Running the result over every order of the givens then asks the
//! workshop's question about *this* session: would any other arrival order
//! have sent something else?

use super::dsl::Spec;
use super::report::list_commands;
use super::run::SpecOptions;
use crate::core::domain::{Command, Fact};
use crate::core::process::StrategyKind;

/// Most givens a specification built from a session keeps (8 givens make
/// 40 320 orders per strategy, still quick to run in the browser).
pub const MAX_GIVENS_FROM_SESSION: usize = 8;

/// A specification of `facts`: the last fact is "when", the (at most
/// [`MAX_GIVENS_FROM_SESSION`]) facts just before it are "given", and "then"
/// is what the catering match sends for the last fact after those givens in
/// the order they were fired. `None` when there is no fact, or when the
/// process manager cannot handle the facts at all.
pub fn spec_from_facts(facts: &[Fact]) -> Option<Spec> {
    let (when, before) = facts.split_last()?;
    let given = &before[before.len().saturating_sub(MAX_GIVENS_FROM_SESSION)..];
    let draft = Spec::named(&format!("From the session: when {when}"))
        .lesson(7)
        .given(given.iter().cloned())
        .when(when.clone());
    let then = sent_in_written_order(&draft)?;
    let dropped = before.len() - given.len();
    let mut explanation = format!(
        "Built from the events fired in this session: {} given, then {when}, which sent {}.",
        given.len(),
        list_commands(&then)
    );
    if dropped > 0 {
        explanation.push_str(&format!(
            " The {dropped} earliest event(s) were left out to keep at most {MAX_GIVENS_FROM_SESSION} givens."
        ));
    }
    Some(draft.explained(&explanation).then(then))
}

/// The `ConfirmOrder` commands delivered for the "when" event with the
/// givens in the order written: one run, one strategy (the specification
/// runner with a sample of one order, which is always the written one).
fn sent_in_written_order(draft: &Spec) -> Option<Vec<Command>> {
    let options = SpecOptions {
        strategies: vec![StrategyKind::StateRow],
        max_exhaustive_givens: 0,
        max_samples: 1,
        sample_work_budget: usize::MAX,
        ..SpecOptions::default()
    };
    let report = draft.run_with(&options).ok()?;
    // The draft expects nothing: a run that sent commands is reported as
    // its first failure, with what it sent.
    let sent = match report.first_failure() {
        None => Vec::new(),
        Some((_, failure)) if failure.error.is_none() => failure.actual.clone(),
        Some(_) => return None,
    };
    Some(
        sent.into_iter()
            .filter(|command| matches!(command, Command::ConfirmOrder { .. }))
            .collect(),
    )
}
