//! Running a specification: for each strategy and each ordering of the
//! givens' streams (see [`super::permutations`]), a fresh store and a fresh
//! process manager; append the givens in that order and catch up; append
//! the "when" event (crash and restart if asked) and catch up; compare the
//! commands delivered since the "when" event with the expected ones.
//!
//! [`OneRun`] is one of those runs; it catches up on the givens one event
//! at a time, so that [`super::SpecRun`] can stop between any two events
//! and go on later (the page runs specifications in slices).

use super::dsl::{MatchImplementation, Spec, SpecError, SpecProcess};
use super::permutations::{all_orderings, label_lengths, ordering_count, sampled_orderings};
use super::report::SpecReport;
use super::spec_run::SpecRun;
use crate::core::domain::{CATERING, Command, Fact, REGISTRATIONS, SALES};
use crate::core::ids::{IdGenerator, LogicalClock, Timestamp};
use crate::core::process::{
    CatchUpEnd, CateringMatch, CommandBus, CrashPoint, CustomerFirstMatch, ProcessManager,
    RoomAllocation, Runner, RunnerConfig, RunnerError, StepReport, StrategyKind,
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

    /// Runs the specification in one go: the same run the page does in
    /// slices ([`Spec::start_run`]), taken to its end.
    pub fn run_with(&self, options: &SpecOptions) -> Result<SpecReport, SpecError> {
        self.start_run(options).map(SpecRun::into_report)
    }
}

/// The process manager a specification runs against.
#[derive(Clone, Copy, Debug)]
pub(super) enum UnderTest {
    CateringMatch(CateringMatch),
    CustomerFirstMatch(CustomerFirstMatch),
    RoomAllocation(RoomAllocation),
}

impl UnderTest {
    /// The process manager of `spec` run with `options`.
    pub(super) fn of(spec: &Spec, options: &SpecOptions) -> Result<Self, SpecError> {
        Ok(match spec.process {
            SpecProcess::CateringMatch => match options.implementation {
                MatchImplementation::CateringMatch => UnderTest::CateringMatch(CateringMatch),
                MatchImplementation::CustomerFirstMatch => {
                    UnderTest::CustomerFirstMatch(CustomerFirstMatch)
                }
            },
            SpecProcess::RoomAllocation { threshold } => {
                UnderTest::RoomAllocation(spec.rooms(threshold)?)
            }
        })
    }

    /// A fresh runner of this process manager.
    fn runner(&self, config: RunnerConfig) -> Box<dyn SpecRunner> {
        match self {
            UnderTest::CateringMatch(pm) => Box::new(Runner::new(*pm, config)),
            UnderTest::CustomerFirstMatch(pm) => Box::new(Runner::new(*pm, config)),
            UnderTest::RoomAllocation(pm) => Box::new(Runner::new(*pm, config)),
        }
    }
}

/// What a run asks of a [`Runner`], whichever process manager it runs.
trait SpecRunner {
    fn step(&mut self, store: &mut EventStore) -> Result<StepReport, RunnerError>;
    fn catch_up(&mut self, store: &mut EventStore) -> CatchUpEnd;
    fn arm_crash(&mut self, point: CrashPoint);
    fn restart(&mut self);
    fn bus(&self) -> &CommandBus;
}

impl<P: ProcessManager> SpecRunner for Runner<P> {
    fn step(&mut self, store: &mut EventStore) -> Result<StepReport, RunnerError> {
        Runner::step(self, store)
    }
    fn catch_up(&mut self, store: &mut EventStore) -> CatchUpEnd {
        Runner::catch_up(self, store).end
    }
    fn arm_crash(&mut self, point: CrashPoint) {
        Runner::arm_crash(self, point);
    }
    fn restart(&mut self) {
        Runner::restart(self);
    }
    fn bus(&self) -> &CommandBus {
        Runner::bus(self)
    }
}

/// The commands delivered because of the "when" event; with an error, the
/// ones delivered before it stopped.
pub(super) type RunOutcome = Result<Vec<Command>, (Vec<Command>, String)>;

/// One ordering of the givens with one strategy, under way: a fresh store
/// holding the givens in that order, and a fresh process manager catching
/// up on them one event at a time (so a run over a thousand givens can
/// stop between two of them).
pub(super) struct OneRun {
    world: SpecWorld,
    runner: Box<dyn SpecRunner>,
    /// Givens handled so far.
    handled: usize,
}

impl OneRun {
    /// A fresh store with the givens appended in `order`, and a fresh
    /// process manager that has read none of them.
    pub(super) fn start(
        under_test: &UnderTest,
        spec: &Spec,
        strategy: StrategyKind,
        order: &[usize],
    ) -> Result<OneRun, String> {
        let mut world = SpecWorld::new()?;
        for fact in order.iter().filter_map(|index| spec.given.get(*index)) {
            world.record(fact)?;
        }
        let config = RunnerConfig::with_strategy(strategy)
            .idempotency(spec.idempotency)
            .trace(false);
        Ok(OneRun {
            world,
            runner: under_test.runner(config),
            handled: 0,
        })
    }

    /// Givens handled so far.
    pub(super) fn handled(&self) -> usize {
        self.handled
    }

    /// The process manager handles the next given: `Ok(true)` if it did,
    /// `Ok(false)` once it has caught up with them all.
    pub(super) fn handle_next_given(&mut self) -> Result<bool, String> {
        match self.runner.step(&mut self.world.store) {
            Ok(StepReport::Idle | StepReport::Crashed { .. }) => Ok(false),
            Ok(_) => {
                self.handled += 1;
                Ok(true)
            }
            Err(error) => Err(format!("while handling the givens: {error}")),
        }
    }

    /// Appends the "when" event (crashing and restarting if the spec asks),
    /// catches up, and gives the commands delivered because of it.
    pub(super) fn when(mut self, spec: &Spec, when: &Fact) -> RunOutcome {
        let mark = self.runner.bus().attempts().len();
        let delivered = |runner: &dyn SpecRunner| -> Vec<Command> {
            runner
                .bus()
                .attempts_since(mark)
                .iter()
                .filter(|delivery| delivery.was_delivered())
                .map(|delivery| delivery.envelope.command.clone())
                .collect()
        };
        self.world
            .record(when)
            .map_err(|error| (Vec::new(), error))?;
        if let Some(point) = spec.crash {
            self.runner.arm_crash(point);
        }
        let mut end = self.runner.catch_up(&mut self.world.store);
        if let CatchUpEnd::Crashed(_) = end {
            self.runner.restart();
            end = self.runner.catch_up(&mut self.world.store);
        }
        match end {
            CatchUpEnd::Failed(error) => Err((delivered(&*self.runner), error.to_string())),
            CatchUpEnd::UpToDate | CatchUpEnd::Crashed(_) => Ok(delivered(&*self.runner)),
        }
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
