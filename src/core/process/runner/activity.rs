//! What the process manager is doing, in a workshop's words: "up to date",
//! "waiting: 1 event not handled", "stopped after a crash at Sales position
//! 3: Restart". The status line of the Process manager controls prints an
//! [`Activity`]; it never says "Running" while events wait.

use std::fmt;

use super::super::CrashPoint;
use super::super::manager::ProcessManager;
use super::{Runner, RunnerStatus};
use crate::core::store::{EventStore, Position};
use crate::core::words::counted;

/// The runner's status with what is left to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    pub status: RunnerStatus,
    /// The crash armed for the next handling, if any.
    pub armed: Option<CrashPoint>,
    /// Events of its source contexts after its saved cursors.
    pub unhandled: usize,
    /// Commands of the outbox stream its dispatcher has not sent yet.
    pub unsent: usize,
}

impl<P: ProcessManager> Runner<P> {
    /// What this runner is doing, with what is left in `store`.
    pub fn activity(&self, store: &EventStore) -> Activity {
        let after = |context: &str, cursor: Position| {
            store
                .read_log_forward(context, cursor, usize::MAX)
                .map_or(0, <[_]>::len)
        };
        let mut contexts: Vec<&str> = self.pm.source_contexts().to_vec();
        contexts.dedup();
        let unhandled = contexts
            .iter()
            .map(|context| {
                let cursor = self
                    .storage
                    .cursors()
                    .get(*context)
                    .copied()
                    .unwrap_or(Position::START);
                after(context, cursor)
            })
            .sum();
        let (outbox, dispatched) = self.dispatcher_cursor();
        Activity {
            status: self.status.clone(),
            armed: self.armed,
            unhandled,
            unsent: after(outbox, dispatched),
        }
    }
}

impl fmt::Display for Activity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let RunnerStatus::Crashed {
            context, position, ..
        } = &self.status
        {
            return write!(
                f,
                "stopped after a crash at {context} position {}: Restart",
                position.0
            );
        }
        let mut left = Vec::new();
        if self.unhandled > 0 {
            left.push(format!(
                "{} not handled",
                counted(self.unhandled, "event", "events")
            ));
        }
        if self.unsent > 0 {
            left.push(format!(
                "{} not sent",
                counted(self.unsent, "command", "commands")
            ));
        }
        if left.is_empty() {
            f.write_str("up to date")?;
        } else {
            write!(f, "waiting: {}", left.join(", "))?;
        }
        match self.armed {
            Some(point) => write!(f, "; will crash {point}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ids::EventId;
    use crate::core::process::{Crash, IdempotencyMode, StrategyKind};

    fn running(unhandled: usize, unsent: usize) -> Activity {
        Activity {
            status: RunnerStatus::Running,
            armed: None,
            unhandled,
            unsent,
        }
    }

    #[test]
    fn a_runner_with_nothing_left_is_up_to_date() {
        assert_eq!(running(0, 0).to_string(), "up to date");
    }

    #[test]
    fn a_runner_with_events_left_says_it_is_waiting_and_how_many() {
        assert_eq!(running(1, 0).to_string(), "waiting: 1 event not handled");
        assert_eq!(
            running(3, 2).to_string(),
            "waiting: 3 events not handled, 2 commands not sent"
        );
        assert_eq!(running(0, 1).to_string(), "waiting: 1 command not sent");
    }

    #[test]
    fn an_armed_crash_is_named_after_what_is_left() {
        let activity = Activity {
            armed: Some(CrashPoint::AfterRead),
            ..running(0, 0)
        };
        assert_eq!(
            activity.to_string(),
            "up to date; will crash after reading the event"
        );
    }

    #[test]
    fn a_crashed_runner_says_it_stopped_and_what_restarts_it() {
        let activity = Activity {
            status: RunnerStatus::Crashed {
                point: Crash {
                    point: CrashPoint::AfterSend,
                    idempotency: IdempotencyMode::None,
                    strategy: StrategyKind::StateRow,
                    decided: true,
                },
                event_id: EventId::from_u128(1),
                context: "Sales".to_owned(),
                position: Position(3),
            },
            ..running(2, 0)
        };
        assert_eq!(
            activity.to_string(),
            "stopped after a crash at Sales position 3: Restart"
        );
    }
}
