//! Process managers and everything around them: the trait and the two
//! examples, the three ways to keep state, the runner with its cursors and
//! crash points, the four idempotency modes, the command bus, the trace and
//! time travel.

pub mod bus;
pub mod catering_match;
pub mod command_id;
pub mod conversation;
pub mod crash_point;
pub mod cursors;
pub mod customer_first_match;
mod delivered;
pub mod handling_order;
pub mod idempotency;
pub mod kept_state;
pub mod manager;
pub mod match_state;
pub mod order_fold;
pub mod peek;
pub mod room_allocation;
pub mod runner;
pub mod storage;
pub mod strategy;
pub mod time_travel;
pub mod trace;

pub use bus::{CommandBus, CommandEnvelope, Delivery, DeliveryOutcome, DeliveryTally};
pub use catering_match::{CateringMatch, MenuFact};
pub use command_id::CommandId;
pub use crash_point::{Crash, CrashPoint};
pub use cursors::Cursors;
pub use customer_first_match::{CustomerFirstMatch, CustomerFirstState};
pub use idempotency::IdempotencyMode;
pub use kept_state::{KeptRow, KeptState, KeptStream, RefusedLink, RowLock, StreamEntry};
pub use manager::ProcessManager;
pub use match_state::{CatererAnswer, MatchState, MatchStatus, MenuFactKind, MenuProgress};
pub use order_fold::{FoldStep, fold_steps};
pub use room_allocation::{Registration, RoomAllocation, RoomState, ZeroThreshold};
pub use runner::{
    Activity, COMMAND_QUEUED, CatchUp, CatchUpEnd, RestartReport, Runner, RunnerConfig,
    RunnerError, RunnerStatus, StepReport,
};
pub use storage::{LockError, ProcessStorage, StateTable};
pub use strategy::StrategyKind;
pub use trace::{EventSummary, HandlingOutcome, RestartRecord, Trace, TraceEntry};
