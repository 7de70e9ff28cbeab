//! The runner: feeds a process manager the events of its contexts, one at a
//! time, with at-least-once delivery.
//!
//! It keeps one cursor per context it reads. Its *read* cursors live in
//! working memory and move when an event is read; its *saved* cursors live
//! in [`ProcessStorage`] and move when the handling of an event is done.
//! [`Runner::step`] handles the next event across all contexts (the earliest
//! recorded; see [`super::order`]); [`Runner::catch_up`] handles all unread
//! ones.
//!
//! A crash can be armed at a [`CrashPoint`]. The runner is then `Crashed` and
//! refuses to handle until [`Runner::restart`], which drops the working
//! memory, rolls back an open row transaction, resumes from the saved
//! cursors and dispatches the outbox (atomic tracking) and the outbox
//! stream (its dispatcher catches up). What survives a crash: the store, the
//! bus (the receiver), the [`ProcessStorage`] (with the outbox and the
//! dispatcher's cursor), the command id generator (so fresh ids never
//! repeat) and the trace.

mod activity;
mod dispatch;
mod ending;
mod read;
mod report;
mod restart;
mod send;
mod step;

pub use activity::Activity;
pub use dispatch::COMMAND_QUEUED;
pub use report::{CatchUp, CatchUpEnd, RestartReport, RunnerError, RunnerStatus, StepReport};

use super::bus::CommandBus;
use super::cursors::Cursors;
use super::manager::ProcessManager;
use super::storage::ProcessStorage;
use super::strategy::load_state;
use super::trace::Trace;
use super::{CrashPoint, IdempotencyMode, StrategyKind};
use crate::core::ids::IdGenerator;
use crate::core::store::{EventStore, Position, StoreError};

/// The read cursors: each source context with the position read up to.
type ReadCursors = Vec<(&'static str, Position)>;

/// The read cursors of `contexts` as `saved` has them (the start of the log
/// for a context it lacks). A context named twice is read once.
fn read_cursors_from(contexts: &[&'static str], saved: &Cursors) -> ReadCursors {
    let mut cursors = ReadCursors::with_capacity(contexts.len());
    for context in contexts {
        if cursors.iter().all(|(known, _)| known != context) {
            let position = saved.get(*context).copied().unwrap_or(Position::START);
            cursors.push((*context, position));
        }
    }
    cursors
}

/// How a runner is set up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunnerConfig {
    pub strategy: StrategyKind,
    pub idempotency: IdempotencyMode,
    /// Record a [`Trace`] entry per handling (the UI wants it; benchmarks
    /// turn it off).
    pub record_trace: bool,
    /// Seed of the generator of fresh command ids.
    pub id_seed: u64,
}

impl Default for RunnerConfig {
    fn default() -> Self {
        RunnerConfig {
            strategy: StrategyKind::StateRow,
            idempotency: IdempotencyMode::None,
            record_trace: true,
            id_seed: 0x5eed,
        }
    }
}

impl RunnerConfig {
    /// The default setup with this strategy.
    pub fn with_strategy(strategy: StrategyKind) -> Self {
        RunnerConfig {
            strategy,
            ..RunnerConfig::default()
        }
    }

    /// This setup with another idempotency mode.
    pub fn idempotency(self, idempotency: IdempotencyMode) -> Self {
        RunnerConfig {
            idempotency,
            ..self
        }
    }

    /// This setup with the trace on or off.
    pub fn trace(self, record_trace: bool) -> Self {
        RunnerConfig {
            record_trace,
            ..self
        }
    }
}

/// A process manager with its storage, its command bus and its runner state.
#[derive(Clone, Debug)]
pub struct Runner<P: ProcessManager> {
    pm: P,
    config: RunnerConfig,
    storage: ProcessStorage<P::State>,
    bus: CommandBus,
    command_ids: IdGenerator,
    trace: Trace<P::State, P::Event>,
    armed: Option<CrashPoint>,
    /// Working memory, lost on restart: the read cursor of each source
    /// context, in [`ProcessManager::source_contexts`] order (the handling
    /// reaches a context's cursor by its place, not by its name).
    read_cursors: ReadCursors,
    status: RunnerStatus,
}

impl<P: ProcessManager> Runner<P> {
    /// A runner that has read nothing yet.
    pub fn new(pm: P, config: RunnerConfig) -> Self {
        let storage = ProcessStorage::new(pm.source_contexts());
        Runner {
            read_cursors: read_cursors_from(pm.source_contexts(), storage.cursors()),
            storage,
            bus: CommandBus::new(),
            command_ids: IdGenerator::seeded(config.id_seed),
            trace: Trace::default(),
            armed: None,
            status: RunnerStatus::Running,
            pm,
            config,
        }
    }

    /// The process manager's rules.
    pub fn process_manager(&self) -> &P {
        &self.pm
    }

    /// The setup.
    pub fn config(&self) -> RunnerConfig {
        self.config
    }

    /// Starts or stops recording trace entries (a bulk load of thousands of
    /// events is not worth a trace entry each: it would cost far more
    /// memory than the events themselves).
    pub fn set_record_trace(&mut self, on: bool) {
        self.config.record_trace = on;
    }

    /// The durable storage: saved cursors, state table, outbox.
    pub fn storage(&self) -> &ProcessStorage<P::State> {
        &self.storage
    }

    /// The saved cursors.
    pub fn saved_cursors(&self) -> &Cursors {
        self.storage.cursors()
    }

    /// The read cursors (working memory).
    pub fn read_cursors(&self) -> Cursors {
        self.read_cursors
            .iter()
            .map(|(context, position)| ((*context).to_owned(), *position))
            .collect()
    }

    /// The command bus and its record of deliveries.
    pub fn bus(&self) -> &CommandBus {
        &self.bus
    }

    /// Makes room for `keys` more keys (orders) and as many commands, so
    /// that a bulk load's handling never pauses to grow a table.
    pub fn reserve(&mut self, keys: usize) {
        if self.config.strategy == StrategyKind::StateRow {
            self.storage.table.reserve(keys);
        }
        self.bus.reserve(keys);
    }

    /// The record of handlings and restarts.
    pub fn trace(&self) -> &Trace<P::State, P::Event> {
        &self.trace
    }

    /// Running or crashed.
    pub fn status(&self) -> &RunnerStatus {
        &self.status
    }

    /// The crash armed for the next handling, if any.
    pub fn armed_crash(&self) -> Option<CrashPoint> {
        self.armed
    }

    /// Makes the next handling stop at `point`.
    pub fn arm_crash(&mut self, point: CrashPoint) {
        self.armed = Some(point);
    }

    /// Cancels an armed crash.
    pub fn disarm_crash(&mut self) {
        self.armed = None;
    }

    /// The state of `key` as the configured strategy keeps it now.
    pub fn state_of(&self, store: &EventStore, key: &str) -> Result<P::State, StoreError> {
        load_state(self.config.strategy, &self.pm, store, &self.storage, key)
    }

    /// Handles every unread event, until up to date, a crash or an error.
    pub fn catch_up(&mut self, store: &mut EventStore) -> CatchUp {
        let mut steps: usize = 0;
        loop {
            match self.catch_up_at_most(store, usize::MAX) {
                Some(done) => {
                    return CatchUp {
                        steps: steps.saturating_add(done.steps),
                        ..done
                    };
                }
                None => steps = steps.saturating_add(usize::MAX),
            }
        }
    }

    /// Handles at most `most` unread events, until up to date, a crash or
    /// an error: a slice of a long catch-up, so a page can draw between
    /// slices. `None`: it handled `most` events and more may be unread.
    pub fn catch_up_at_most(&mut self, store: &mut EventStore, most: usize) -> Option<CatchUp> {
        let mut steps = 0;
        loop {
            if steps == most {
                return None;
            }
            // A handling never appends to the store, but if one ever did, the
            // count would tell, and the loop would read again.
            let events_before = store.event_count();
            match self.step_telling_more(store) {
                Ok((StepReport::Idle, _)) => {
                    return Some(CatchUp {
                        steps,
                        end: CatchUpEnd::UpToDate,
                    });
                }
                Ok((StepReport::Crashed { point, .. }, _)) => {
                    return Some(CatchUp {
                        steps: steps + 1,
                        end: CatchUpEnd::Crashed(point),
                    });
                }
                Ok((_, more)) if !more && store.event_count() == events_before => {
                    return Some(CatchUp {
                        steps: steps + 1,
                        end: CatchUpEnd::UpToDate,
                    });
                }
                Ok(_) => steps += 1,
                Err(error) => {
                    return Some(CatchUp {
                        steps,
                        end: CatchUpEnd::Failed(error),
                    });
                }
            }
        }
    }

    /// How many positions of the logs it reads are past its read cursors:
    /// the events it has still to read (a rolled-back position counts too).
    pub fn unread(&self, store: &EventStore) -> u64 {
        self.read_cursors
            .iter()
            .map(|(context, read)| {
                store
                    .head_position(context)
                    .map_or(0, |head| head.0.saturating_sub(read.0))
            })
            .sum()
    }
}
