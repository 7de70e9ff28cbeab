//! Process managers and everything around them: the trait and the two
//! examples, the three ways to keep state, the runner with its cursors and
//! crash points, the command bus with idempotency, the trace and time
//! travel, and the lean replay of the catering match.

pub mod bus;
pub mod catering_match;
pub mod command_id;
pub mod conversation;
mod delivered;
pub mod manager;
pub mod match_state;
pub mod modes;
pub mod order;
pub mod peek;
pub mod replay;
pub mod room_allocation;
pub mod runner;
pub mod storage;
pub mod strategy;
pub mod time_travel;
pub mod trace;

pub use bus::{CommandBus, CommandEnvelope, Delivery, DeliveryOutcome};
pub use catering_match::{CateringMatch, MenuFact};
pub use command_id::CommandId;
pub use manager::ProcessManager;
pub use match_state::{CatererAnswer, MatchState, MatchStatus, MenuFactKind, MenuProgress};
pub use modes::{CrashPoint, IdempotencyMode, StrategyKind};
pub use room_allocation::{Registration, RoomAllocation, RoomState, ZeroThreshold};
pub use runner::{
    CatchUp, CatchUpEnd, RestartReport, Runner, RunnerConfig, RunnerError, RunnerStatus, StepReport,
};
pub use storage::{Cursors, LockError, ProcessStorage, StateTable};
pub use trace::{EventSummary, HandlingOutcome, RestartRecord, Trace, TraceEntry};
