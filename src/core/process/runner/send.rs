//! The sending part of a handling, as each idempotency mode does it:
//! straight to the bus, through the outbox of atomic tracking, or through
//! the outbox stream and its dispatcher (see [`super::super::idempotency`]).

use super::super::bus::{CommandEnvelope, Delivery};
use super::super::command_id::CommandId;
use super::super::manager::ProcessManager;
use super::super::{CrashPoint, IdempotencyMode, StrategyKind};
use super::dispatch::Dispatched;
use super::read::Head;
use super::{Runner, RunnerError};
use crate::core::domain::{Command, Commands};
use crate::core::store::EventStore;

impl<P: ProcessManager> Runner<P> {
    /// No outbox: each command goes to the bus, then the cursor is saved
    /// (unless an armed crash stops it after the sending).
    pub(super) fn send_directly(
        &mut self,
        head: Head,
        commands: Commands,
        crash: Option<CrashPoint>,
        tracing: bool,
    ) -> Sending {
        let mut deliveries = Vec::new();
        let mut delivered = 0;
        for command in commands {
            let envelope = self.envelope(command, head);
            let delivery = self.bus.send(envelope);
            delivered += usize::from(delivery.was_delivered());
            if tracing {
                deliveries.push(delivery.clone());
            }
        }
        // Without an outbox, dispatching is the sending.
        let crashed = crash
            .filter(|point| matches!(point, CrashPoint::AfterSend | CrashPoint::AfterDispatch));
        if crashed.is_none() {
            self.storage.save_cursor(head.context, head.position);
        }
        Sending {
            deliveries,
            delivered,
            crashed,
        }
    }

    /// Atomic tracking: commit state, outbox and cursor; then dispatch the
    /// outbox and mark it dispatched.
    #[inline(never)]
    pub(super) fn send_through_outbox(
        &mut self,
        head: Head,
        commands: Commands,
        crash: Option<CrashPoint>,
    ) -> Result<Sending, RunnerError> {
        let envelopes = commands
            .into_iter()
            .map(|command| self.envelope(command, head))
            .collect();
        self.commit_step(head, envelopes)?;
        if crash == Some(CrashPoint::AfterSend) {
            return Ok(Sending::crashed_before_sending(CrashPoint::AfterSend));
        }
        let dispatched = self.dispatch_outbox(crash == Some(CrashPoint::AfterDispatch));
        Ok(Sending::from(dispatched))
    }

    /// Outbox stream: append the commands to the own outbox stream, save
    /// the cursor, then let the dispatcher send them and move its cursor.
    #[inline(never)]
    pub(super) fn send_through_outbox_stream(
        &mut self,
        store: &mut EventStore,
        head: Head,
        commands: Commands,
        crash: Option<CrashPoint>,
    ) -> Result<Sending, RunnerError> {
        self.write_outbox_stream(store, head, commands)?;
        if crash == Some(CrashPoint::AfterSend) {
            return Ok(Sending::crashed_before_sending(CrashPoint::AfterSend));
        }
        self.storage.save_cursor(head.context, head.position);
        let dispatched =
            self.dispatch_outbox_stream(store, crash == Some(CrashPoint::AfterDispatch));
        Ok(Sending::from(dispatched))
    }

    /// Atomic tracking: the state row (if any), the outbox and the cursor
    /// in one commit of the process manager's storage. The event-sourced
    /// strategy's link is not part of it: it went to the event store before
    /// (see [`super::super::idempotency`]).
    #[inline(never)]
    fn commit_step(
        &mut self,
        head: Head,
        envelopes: Vec<CommandEnvelope>,
    ) -> Result<(), RunnerError> {
        if self.config.strategy == StrategyKind::StateRow {
            self.storage.table.commit().map_err(RunnerError::Lock)?;
        }
        self.storage.outbox.extend(envelopes);
        self.storage.save_cursor(head.context, head.position);
        Ok(())
    }

    /// Wraps a command with its ids.
    fn envelope(&mut self, command: Command, head: Head) -> CommandEnvelope {
        let command_id = match self.config.idempotency {
            IdempotencyMode::DeterministicIds => CommandId::deterministic(self.pm.name(), &command),
            IdempotencyMode::None
            | IdempotencyMode::AtomicTracking
            | IdempotencyMode::OutboxStream => CommandId::fresh(self.command_ids.next_id()),
        };
        CommandEnvelope {
            command,
            command_id,
            causation_id: head.id,
            correlation_id: head.correlation_id,
        }
    }
}

/// What the sending part of a handling did.
pub(super) struct Sending {
    /// The attempts (kept when tracing, or when an outbox was dispatched).
    pub(super) deliveries: Vec<Delivery>,
    /// How many of the attempts the bus delivered.
    pub(super) delivered: usize,
    /// The point an armed crash stopped the handling at, if it did.
    pub(super) crashed: Option<CrashPoint>,
}

impl Sending {
    fn crashed_before_sending(point: CrashPoint) -> Self {
        Sending {
            deliveries: Vec::new(),
            delivered: 0,
            crashed: Some(point),
        }
    }
}

impl From<Dispatched> for Sending {
    fn from(dispatched: Dispatched) -> Self {
        Sending {
            delivered: dispatched
                .deliveries
                .iter()
                .filter(|delivery| delivery.was_delivered())
                .count(),
            deliveries: dispatched.deliveries,
            crashed: dispatched.crashed.then_some(CrashPoint::AfterDispatch),
        }
    }
}
