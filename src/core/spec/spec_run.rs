//! A run of one specification that can stop and go on.
//!
//! Running a specification is many small runs: each strategy × each
//! ordering of the givens, a fresh store, the givens in that order, the
//! "when" event, the commands compared (see [`super::run`]). A run over a
//! thousand givens handles a thousand events, and a spec built from a
//! session can have 40 320 orderings: in one go, the page would freeze.
//! So [`SpecRun`] does the work an event at a time: [`SpecRun::advance`]
//! handles at most `budget` events and says whether the run is finished,
//! [`SpecRun::progress`] says how far it is, and [`SpecRun::into_report`]
//! gives the report. It owns everything it needs, so a page can keep it
//! between two slices of work; [`Spec::run_with`] is the same run taken to
//! its end at once.

use super::dsl::{Spec, SpecError, SpecProcess};
use super::report::{Failure, SpecReport, StrategyReport};
use super::run::{OneRun, RunOutcome, SpecOptions, UnderTest};
use crate::core::domain::Fact;

/// A specification being run: which runs are done, what they found, and
/// the run under way.
pub struct SpecRun {
    spec: Spec,
    when: Fact,
    under_test: UnderTest,
    options: SpecOptions,
    /// The orderings of the givens tried, the same for every strategy.
    orders: Vec<Vec<usize>>,
    /// One report per strategy, in the options' order, counted as runs end.
    reports: Vec<StrategyReport>,
    /// Runs ended: the next is strategy `ended / orders`, ordering
    /// `ended % orders`.
    ended: usize,
    /// The run started and not ended, if any.
    under_way: Option<OneRun>,
}

impl Spec {
    /// Starts running the specification: nothing is run yet (see
    /// [`SpecRun::advance`]).
    pub fn start_run(&self, options: &SpecOptions) -> Result<SpecRun, SpecError> {
        let Some(when) = self.when.clone() else {
            return Err(SpecError::NoWhen {
                name: self.name.clone(),
            });
        };
        let under_test = UnderTest::of(self, options)?;
        let (orders, exhaustive) = options.orders(&self.stream_labels());
        let reports = options
            .strategies
            .iter()
            .map(|&strategy| StrategyReport {
                strategy,
                orders_run: 0,
                exhaustive,
                failures: 0,
                first_failure: None,
            })
            .collect();
        Ok(SpecRun {
            spec: self.clone(),
            when,
            under_test,
            options: options.clone(),
            orders,
            reports,
            ended: 0,
            under_way: None,
        })
    }
}

impl SpecRun {
    /// Handles at most `budget` events (a given, or the "when" event with
    /// the comparison of the commands it sent) and says whether the whole
    /// run is finished.
    pub fn advance(&mut self, budget: usize) -> bool {
        for _ in 0..budget {
            if self.is_finished() {
                break;
            }
            self.handle_one_event();
        }
        self.is_finished()
    }

    /// Every strategy has run every ordering.
    pub fn is_finished(&self) -> bool {
        self.ended >= self.runs()
    }

    /// Events handled so far, and in all: each run counts its givens and
    /// its "when" event. Never goes back; equal exactly when finished.
    pub fn progress(&self) -> (usize, usize) {
        let per_run = self.spec.given.len().saturating_add(1);
        let under_way = self
            .under_way
            .as_ref()
            .map_or(0, |run| run.handled().min(per_run - 1));
        (
            self.ended.saturating_mul(per_run).saturating_add(under_way),
            self.runs().saturating_mul(per_run),
        )
    }

    /// The report of the whole run (what is left is run first).
    pub fn into_report(mut self) -> SpecReport {
        while !self.advance(usize::MAX) {}
        let spec = self.spec;
        SpecReport {
            givens: spec.given.len(),
            streams: spec.stream_lengths(),
            implementation: match spec.process {
                SpecProcess::CateringMatch => Some(self.options.implementation),
                SpecProcess::RoomAllocation { .. } => None,
            },
            name: spec.name,
            explanation: spec.explanation,
            lesson: spec.lesson,
            expected: spec.then,
            strategies: self.reports,
        }
    }

    /// Each strategy × each ordering.
    fn runs(&self) -> usize {
        self.reports.len().saturating_mul(self.orders.len())
    }

    /// One event of the run under way (starting the next run if none is):
    /// the next given, or, once they are all handled, the "when" event and
    /// the verdict on what it sent.
    fn handle_one_event(&mut self) {
        let count = self.orders.len();
        let (Some(strategy_at), Some(order_at)) =
            (self.ended.checked_div(count), self.ended.checked_rem(count))
        else {
            return;
        };
        let (Some(report), Some(order)) =
            (self.reports.get_mut(strategy_at), self.orders.get(order_at))
        else {
            return;
        };
        let run = match self.under_way.take() {
            Some(run) => Ok(run),
            None => OneRun::start(&self.under_test, &self.spec, report.strategy, order),
        };
        let outcome = match run {
            Err(error) => Err((Vec::new(), error)),
            Ok(mut run) => match run.handle_next_given() {
                Ok(true) => {
                    self.under_way = Some(run);
                    return;
                }
                Ok(false) => run.when(&self.spec, &self.when),
                Err(error) => Err((Vec::new(), error)),
            },
        };
        judge(report, &self.spec, order, order_at + 1, outcome);
        self.ended += 1;
    }
}

/// Counts one ended run in its strategy's report: a failure if it sent
/// other commands than expected or could not finish, the first one kept
/// with the ordering that showed it (`tried_as`: its place in the list).
fn judge(
    report: &mut StrategyReport,
    spec: &Spec,
    order: &[usize],
    tried_as: usize,
    outcome: RunOutcome,
) {
    report.orders_run += 1;
    let (actual, error) = match outcome {
        Ok(actual) => (actual, None),
        Err((actual, error)) => (actual, Some(error)),
    };
    if actual == spec.then && error.is_none() {
        return;
    }
    report.failures += 1;
    if report.first_failure.is_none() {
        report.first_failure = Some(Failure {
            order: order.to_vec(),
            tried_as,
            given_in_order: order
                .iter()
                .filter_map(|index| spec.given.get(*index).cloned())
                .collect(),
            expected: spec.then.clone(),
            actual,
            error,
        });
    }
}
