//! Running a specification: for each strategy and each ordering of the
//! givens' streams (see [`super::permutations`]), a fresh store and a fresh
//! process manager; append the givens in that order and catch up; append the "when" event (crash and restart if asked)
//! and catch up; compare the commands delivered since the "when" event with
//! the expected ones.

use super::dsl::{MatchImplementation, Spec, SpecError, SpecProcess};
use super::permutations::{all_orderings, label_lengths, ordering_count, sampled_orderings};
use super::report::{Failure, SpecReport, StrategyReport};
use crate::core::domain::{CATERING, Command, Fact, REGISTRATIONS, SALES};
use crate::core::ids::{IdGenerator, LogicalClock, Timestamp};
use crate::core::process::{
    CatchUpEnd, CateringMatch, CustomerFirstMatch, ProcessManager, Runner, RunnerConfig,
    StrategyKind,
};
use crate::core::store::{EventStore, ExpectedVersion, Metadata};

/// How thoroughly to run specifications.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecOptions {
    pub strategies: Vec<StrategyKind>,
    /// Which implementation of the catering match runs the catering specs.
    pub implementation: MatchImplementation,
    /// Up to this many orderings, every one is tried (8 givens in 8
    /// streams: 40 320).
    pub max_exhaustive_orders: u128,
    /// Beyond that, at most this many orders are sampled...
    pub max_samples: usize,
    /// ...and fewer when the givens are many: samples × givens² stays
    /// under this budget (a fold per event makes a run quadratic), with at
    /// least one sample.
    pub sample_work_budget: usize,
    /// Seed of the sampled orders.
    pub seed: u32,
}

impl Default for SpecOptions {
    fn default() -> Self {
        SpecOptions {
            strategies: StrategyKind::ALL.to_vec(),
            implementation: MatchImplementation::CateringMatch,
            max_exhaustive_orders: 40_320,
            max_samples: 32,
            sample_work_budget: 4_000_000,
            seed: 42,
        }
    }
}

impl SpecOptions {
    /// The orders to try of items labelled by stream (see
    /// [`super::permutations::stream_labels`]), and whether they are all the orderings.
    pub fn orders(&self, labels: &[usize]) -> (Vec<Vec<usize>>, bool) {
        let possible = ordering_count(&label_lengths(labels)).unwrap_or(u128::MAX);
        if possible <= self.max_exhaustive_orders {
            return (all_orderings(labels), true);
        }
        let givens = labels.len();
        let affordable = self.sample_work_budget / givens.saturating_mul(givens).max(1);
        let count = affordable.clamp(1, self.max_samples.max(1));
        let count = count.min(usize::try_from(possible).unwrap_or(usize::MAX));
        (sampled_orderings(labels, count, self.seed), false)
    }
}

impl Spec {
    /// Runs the specification with the default options.
    pub fn run(&self) -> Result<SpecReport, SpecError> {
        self.run_with(&SpecOptions::default())
    }

    /// Runs the specification.
    pub fn run_with(&self, options: &SpecOptions) -> Result<SpecReport, SpecError> {
        let Some(when) = &self.when else {
            return Err(SpecError::NoWhen {
                name: self.name.clone(),
            });
        };
        let strategies = match self.process {
            SpecProcess::CateringMatch => match options.implementation {
                MatchImplementation::CateringMatch => run_all(CateringMatch, self, when, options),
                MatchImplementation::CustomerFirstMatch => {
                    run_all(CustomerFirstMatch, self, when, options)
                }
            },
            SpecProcess::RoomAllocation { threshold } => {
                run_all(self.rooms(threshold)?, self, when, options)
            }
        };
        Ok(SpecReport {
            name: self.name.clone(),
            explanation: self.explanation.clone(),
            lesson: self.lesson,
            givens: self.given.len(),
            streams: self.stream_lengths(),
            implementation: match self.process {
                SpecProcess::CateringMatch => Some(options.implementation),
                SpecProcess::RoomAllocation { .. } => None,
            },
            expected: self.then.clone(),
            strategies,
        })
    }
}

fn run_all<P: ProcessManager + Clone>(
    pm: P,
    spec: &Spec,
    when: &Fact,
    options: &SpecOptions,
) -> Vec<StrategyReport> {
    let (orders, exhaustive) = options.orders(&spec.stream_labels());
    options
        .strategies
        .iter()
        .map(|&strategy| {
            let mut report = StrategyReport {
                strategy,
                orders_run: 0,
                exhaustive,
                failures: 0,
                first_failure: None,
            };
            for (tried, order) in orders.iter().enumerate() {
                report.orders_run += 1;
                let outcome = run_once(pm.clone(), spec, when, strategy, order);
                let (actual, error) = match outcome {
                    Ok(actual) => (actual, None),
                    Err((actual, error)) => (actual, Some(error)),
                };
                if actual != spec.then || error.is_some() {
                    report.failures += 1;
                    if report.first_failure.is_none() {
                        report.first_failure = Some(Failure {
                            order: order.clone(),
                            tried_as: tried + 1,
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
            }
            report
        })
        .collect()
}

/// The commands delivered because of the "when" event; with an error, the
/// ones delivered before it stopped.
type RunOutcome = Result<Vec<Command>, (Vec<Command>, String)>;

fn run_once<P: ProcessManager>(
    pm: P,
    spec: &Spec,
    when: &Fact,
    strategy: StrategyKind,
    order: &[usize],
) -> RunOutcome {
    let mut world = SpecWorld::new().map_err(|error| (Vec::new(), error))?;
    let config = RunnerConfig::with_strategy(strategy)
        .idempotency(spec.idempotency)
        .trace(false);
    let mut runner = Runner::new(pm, config);
    for fact in order.iter().filter_map(|index| spec.given.get(*index)) {
        world.record(fact).map_err(|error| (Vec::new(), error))?;
    }
    if let CatchUpEnd::Failed(error) = runner.catch_up(&mut world.store).end {
        return Err((Vec::new(), format!("while handling the givens: {error}")));
    }
    let mark = runner.bus().attempts().len();
    let delivered = |runner: &Runner<P>| -> Vec<Command> {
        runner
            .bus()
            .attempts_since(mark)
            .iter()
            .filter(|delivery| delivery.was_delivered())
            .map(|delivery| delivery.envelope.command.clone())
            .collect()
    };
    world.record(when).map_err(|error| (Vec::new(), error))?;
    if let Some(point) = spec.crash {
        runner.arm_crash(point);
    }
    let mut end = runner.catch_up(&mut world.store).end;
    if let CatchUpEnd::Crashed(_) = end {
        runner.restart();
        end = runner.catch_up(&mut world.store).end;
    }
    match end {
        CatchUpEnd::Failed(error) => Err((delivered(&runner), error.to_string())),
        CatchUpEnd::UpToDate | CatchUpEnd::Crashed(_) => Ok(delivered(&runner)),
    }
}

/// A fresh store with the example contexts, and deterministic ids and time.
struct SpecWorld {
    store: EventStore,
    ids: IdGenerator,
    clock: LogicalClock,
}

impl SpecWorld {
    fn new() -> Result<Self, String> {
        let mut store = EventStore::new();
        for context in [SALES, CATERING, REGISTRATIONS] {
            store
                .add_context(context)
                .map_err(|error| error.to_string())?;
        }
        Ok(SpecWorld {
            store,
            ids: IdGenerator::seeded(0x5bec),
            clock: LogicalClock::new(Timestamp(1_000), 10),
        })
    }

    fn record(&mut self, fact: &Fact) -> Result<(), String> {
        let event = fact.to_new_event(self.ids.next_id(), Metadata::at(self.clock.tick()));
        self.store
            .append(
                fact.context(),
                &fact.stream(),
                ExpectedVersion::Any,
                vec![event],
            )
            .map(|_| ())
            .map_err(|error| error.to_string())
    }
}
