//! A playground session: the store, the catering-match process manager and
//! the log of what the person did.
//!
//! A session is a seed, two settings (state strategy and idempotency mode)
//! and a list of [`Action`]s. Because the core is deterministic, replaying
//! the list gives the same store, cursors and commands on every machine:
//! that is how a session is saved, imported, shared as a URL, and how the
//! settings are switched: the same actions are replayed under the new
//! setting, so the results can be compared on exactly the same events.
//!
//! Every refused action leaves the session exactly as it was. An append the
//! store must refuse (lesson 1) is an accepted action whose outcome is the
//! store's refusal: it is logged, so it replays to the same refusal, and the
//! store is unchanged (see `refusals.rs`).
mod action;
mod compare;
mod error;
mod file;
mod link;
mod perform;
mod random_orders;
mod refusals;
mod replay;
mod save;
mod to_spec;
mod travel;
mod what_next;
mod work;

pub use action::{Action, MAX_RANDOM_ORDERS, MAX_ROLLBACK, MAX_SESSION_EVENTS};
pub use compare::{Comparison, Side};
pub use error::SessionError;
pub use file::{MAX_IMPORT_BYTES, SESSION_FORMAT, SESSION_VERSION, SessionFile};
pub use link::{LINK_FORMAT, LINK_LENGTH_CHAT_TOOLS_KEEP, LinkError, MAX_LINK_CODE_CHARS};
pub use random_orders::{RandomOrders, session_shuffler};
pub use replay::{Progress, Replay};
pub use save::{MAX_SAVE_BYTES, SAVE_FORMAT, SAVE_VERSION, read_save, read_save_or_file};
pub use what_next::{WhatNext, what_next};
pub use work::Work;

use serde::{Deserialize, Serialize};

use crate::core::domain::{CATERING, SALES};
use crate::core::ids::XorShift32;
use crate::core::ids::{EventId, IdGenerator, LogicalClock, Timestamp};
use crate::core::lessons::Challenge;
use crate::core::process::{CateringMatch, IdempotencyMode, Runner, RunnerConfig, StrategyKind};
use crate::core::store::EventStore;
use crate::core::store::Teardown;

/// From this many units of work (events stored or handled) an action is long
/// work: done in slices with progress, see [`Session::work_of`].
pub const LONG_WORK_UNITS: u64 = 20_000;
/// The default seed of a workshop session.
pub const DEFAULT_SEED: u64 = 42;
/// Where the session clock starts: 2024-01-01T09:00:00Z, a workshop morning.
const CLOCK_START_MS: u64 = 1_704_099_600_000;
/// Logical milliseconds between two recorded events.
const CLOCK_STEP_MS: u64 = 1_000;

/// The switches that change how the same actions play out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub strategy: StrategyKind,
    pub idempotency: IdempotencyMode,
}

/// What an accepted action did, in a sentence for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub message: String,
    /// Something went wrong inside the lesson (a crash, a refused link):
    /// shown as a warning, not as a refused input.
    pub warning: bool,
}

/// The playground's state.
#[derive(Debug)]
pub struct Session {
    seed: u64,
    settings: Settings,
    actions: Vec<Action>,
    store: EventStore,
    runner: Runner<CateringMatch>,
    ids: IdGenerator,
    clock: LogicalClock,
    rng: XorShift32,
    auto_handle: bool,
    random_orders_made: u64,
    /// The event appended by the latest `Fire` action.
    last_fired: Option<EventId>,
    /// The trainer's challenge set by the latest `SetChallenge` action.
    challenge: Option<Challenge>,
}

impl Session {
    /// The session's store, to be freed a slice at a time (see
    /// [`Teardown`]); the rest of the session is freed now.
    pub fn into_teardown(self) -> Teardown {
        self.store.into_teardown()
    }

    /// An empty session: the `Sales` and `Catering` contexts, nothing fired.
    pub fn new(seed: u64, settings: Settings) -> Self {
        let mut store = EventStore::new();
        // Both names are valid and distinct, so adding them to a new store cannot fail.
        let _ = store.add_context(SALES);
        let _ = store.add_context(CATERING);
        let config = RunnerConfig {
            strategy: settings.strategy,
            idempotency: settings.idempotency,
            record_trace: true,
            id_seed: seed ^ 0xc0ff_ee00,
        };
        Session {
            seed,
            settings,
            actions: Vec::new(),
            store,
            runner: Runner::new(CateringMatch, config),
            ids: IdGenerator::seeded(seed),
            clock: LogicalClock::new(Timestamp(CLOCK_START_MS), CLOCK_STEP_MS),
            rng: session_shuffler(seed),
            auto_handle: true,
            random_orders_made: 0,
            last_fired: None,
            challenge: None,
        }
    }

    /// Replays `actions` on a new session; the first refused one stops the
    /// replay with its index. (All at once: see [`Replay`] for slices.)
    pub fn replay(seed: u64, settings: Settings, actions: &[Action]) -> Result<Self, SessionError> {
        let mut replay = Replay::new(seed, settings, actions.to_vec());
        while !replay.advance(usize::MAX)? {}
        Ok(replay.into_session())
    }

    /// The same actions under other settings (a strategy or idempotency
    /// switch). Replaying actions this session accepted cannot be refused
    /// by a setting; if it ever were, the error says which action.
    pub fn with_settings(&self, settings: Settings) -> Result<Self, SessionError> {
        Session::replay(self.seed, settings, &self.actions)
    }

    /// The replay of the same actions under other settings, to do in slices.
    pub fn replay_with_settings(&self, settings: Settings) -> Replay {
        Replay::new(self.seed, settings, self.actions.clone())
    }

    /// The replay of this session's actions followed by `action`, to do in
    /// slices: a long action is done beside the session, which stays as it
    /// is until the replay is complete.
    pub fn replay_then(&self, action: Action) -> Replay {
        let mut actions = self.actions.clone();
        actions.push(action);
        Replay::new(self.seed, self.settings, actions)
    }

    /// Roughly how many events `action` would store and handle now: from
    /// [`LONG_WORK_UNITS`] on, the page does it in slices (a replay).
    pub fn work_of(&self, action: &Action) -> u64 {
        let unread = self.runner.unread(&self.store);
        match action {
            Action::FireRandomOrders { orders } => 4 * u64::from(*orders) + unread,
            Action::CatchUp | Action::Restart | Action::SetAutoHandle { on: true } => unread,
            Action::Fire { .. } if self.auto_handle => unread + 2,
            _ => 1,
        }
    }

    /// The seed of ids, times and random orders.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Strategy and idempotency mode.
    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// What was done so far, in order.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// The event store.
    pub fn store(&self) -> &EventStore {
        &self.store
    }

    /// The process manager's runner: cursors, storage, bus, trace.
    pub fn runner(&self) -> &Runner<CateringMatch> {
        &self.runner
    }

    /// Whether the process manager catches up after each change.
    pub fn auto_handle(&self) -> bool {
        self.auto_handle
    }

    /// The trainer's challenge, if one is set.
    pub fn challenge(&self) -> Option<&Challenge> {
        self.challenge.as_ref()
    }
}
