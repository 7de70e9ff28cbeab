//! What running a specification found, per strategy.

use std::fmt;

use serde::Serialize;

use super::dsl::MatchImplementation;
use super::permutations::{ordering_count, ordering_formula};
use crate::core::domain::{Command, Fact};
use crate::core::process::StrategyKind;

/// The first order of the givens that did not give the expected commands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// Indexes into the specification's givens, in the order tried.
    pub order: Vec<usize>,
    /// Where that order came in the list tried, from 1 (1: the written
    /// order).
    pub tried_as: usize,
    /// The givens in that order.
    pub given_in_order: Vec<Fact>,
    pub expected: Vec<Command>,
    /// The commands delivered because of the "when" event.
    pub actual: Vec<Command>,
    /// Set when the run could not finish (e.g. the process manager failed).
    pub error: Option<String>,
}

/// The result for one state strategy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StrategyReport {
    pub strategy: StrategyKind,
    /// Orders of the givens tried.
    pub orders_run: usize,
    /// Whether those were all the orders (otherwise a seeded sample).
    pub exhaustive: bool,
    /// Orders that did not give the expected commands.
    pub failures: usize,
    pub first_failure: Option<Failure>,
}

impl StrategyReport {
    /// Every order tried gave the expected commands.
    pub fn passed(&self) -> bool {
        self.failures == 0
    }
}

/// The result of a specification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SpecReport {
    pub name: String,
    pub explanation: String,
    pub lesson: Option<u8>,
    /// Number of given events.
    pub givens: usize,
    /// The number of givens in each of their streams.
    pub streams: Vec<usize>,
    /// The catering match implementation run (none for room allocation).
    pub implementation: Option<MatchImplementation>,
    pub expected: Vec<Command>,
    pub strategies: Vec<StrategyReport>,
}

impl SpecReport {
    /// Every strategy passed in every order tried.
    pub fn passed(&self) -> bool {
        self.strategies.iter().all(StrategyReport::passed)
    }

    /// Orders tried, summed over the strategies.
    pub fn orders_run(&self) -> usize {
        self.strategies.iter().map(|report| report.orders_run).sum()
    }

    /// The number of orderings of the givens that keep each stream's
    /// order (the multinomial of the stream lengths), if it fits in 128
    /// bits.
    pub fn possible_orders(&self) -> Option<u128> {
        ordering_count(&self.streams)
    }

    /// The number of orderings, as text ("more than 2^128" if it does
    /// not fit).
    pub fn possible_orders_text(&self) -> String {
        match self.possible_orders() {
            Some(count) => count.to_string(),
            None => "more than 2^128".to_owned(),
        }
    }

    /// How that number comes about: "C(3, 2): streams of 2 and 1 events".
    pub fn orders_formula(&self) -> String {
        ordering_formula(&self.streams)
    }

    /// The first failure, with its strategy, in strategy order.
    pub fn first_failure(&self) -> Option<(StrategyKind, &Failure)> {
        self.strategies.iter().find_map(|report| {
            report
                .first_failure
                .as_ref()
                .map(|failure| (report.strategy, failure))
        })
    }
}

/// Commands as a list for people: `[ConfirmOrder(...), ...]` or `nothing`.
pub fn list_commands(commands: &[Command]) -> String {
    if commands.is_empty() {
        return "nothing".to_owned();
    }
    let listed: Vec<String> = commands.iter().map(ToString::to_string).collect();
    listed.join(", ")
}

impl fmt::Display for SpecReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.passed() { "PASS" } else { "FAIL" };
        writeln!(f, "{verdict}: {}", self.name)?;
        if let Some(implementation) = self.implementation {
            writeln!(f, "  process manager: {implementation}")?;
        }
        let (possible, formula) = (self.possible_orders_text(), self.orders_formula());
        for report in &self.strategies {
            let how = if report.exhaustive { "all" } else { "a sample" };
            writeln!(
                f,
                "  {}: {} of the {possible} orderings of the givens ({how}; {formula}), {} failed",
                report.strategy, report.orders_run, report.failures
            )?;
        }
        if let Some((strategy, failure)) = self.first_failure() {
            let given: Vec<String> = failure
                .given_in_order
                .iter()
                .map(ToString::to_string)
                .collect();
            writeln!(
                f,
                "  first failing ordering ({strategy}), #{} tried: {}",
                failure.tried_as,
                given.join(", ")
            )?;
            writeln!(f, "    expected: {}", list_commands(&failure.expected))?;
            writeln!(f, "    actual:   {}", list_commands(&failure.actual))?;
            if let Some(error) = &failure.error {
                writeln!(f, "    error:    {error}")?;
            }
        }
        Ok(())
    }
}
