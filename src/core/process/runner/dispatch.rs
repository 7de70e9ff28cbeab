//! Sending what waits in an outbox: the outbox of atomic tracking, and the
//! outbox stream with its dispatcher.
//!
//! Both send first and record the sending afterwards (mark the outbox
//! dispatched, move the dispatcher's cursor), so a crash between the two
//! ([`CrashPoint::AfterDispatch`]) sends again after the restart. The
//! repeat carries the same command id (given at the commit, or the outbox
//! event's id), which the receiver drops: sending is at-least-once, the
//! effect exactly-once because the receiver deduplicates.
//!
//! The outbox stream is `<Name>-outbox` in the process manager's own
//! context `<Name>` (`CateringMatch-outbox` in `CateringMatch`), so it is
//! not in any log the process manager reads. Its events are `CommandQueued`
//! with the command as data; their ids are derived from the handled event
//! and the command's place in the decision, so writing them again after a
//! crash is refused by the store as a duplicate id and counts as written.
//!
//! [`CrashPoint::AfterDispatch`]: super::super::CrashPoint::AfterDispatch

use super::super::bus::{CommandEnvelope, Delivery};
use super::super::command_id::{CommandId, name_based};
use super::super::manager::ProcessManager;
use super::read::Head;
use super::{Runner, RunnerError};
use crate::core::domain::{Command, Commands};
use crate::core::ids::EventId;
use crate::core::store::{
    EventData, EventStore, ExpectedVersion, Metadata, NewEvent, Position, StoreError,
};

/// The type of the outbox stream's events.
pub const COMMAND_QUEUED: &str = "CommandQueued";

/// The deliveries of a dispatch, and whether a crash stopped it before
/// the sending was recorded.
pub(super) struct Dispatched {
    pub(super) deliveries: Vec<Delivery>,
    pub(super) crashed: bool,
}

impl<P: ProcessManager> Runner<P> {
    /// The process manager's own context, which holds its outbox stream.
    pub fn outbox_context(&self) -> &'static str {
        self.pm.name()
    }

    /// The name of the outbox stream: `CateringMatch-outbox`.
    pub fn outbox_stream(&self) -> String {
        format!("{}-outbox", self.pm.name())
    }

    /// The dispatcher's cursor (outbox stream mode): the context it reads
    /// and the last position whose command it sent and recorded as sent.
    pub fn dispatcher_cursor(&self) -> (&'static str, Position) {
        (self.outbox_context(), self.storage.dispatcher)
    }

    /// Atomic tracking: sends every command of the outbox, then marks them
    /// dispatched (removes them), unless `crash` stops it in between.
    pub(super) fn dispatch_outbox(&mut self, crash: bool) -> Dispatched {
        let deliveries = self
            .storage
            .outbox
            .iter()
            .map(|envelope| self.bus.send(envelope.clone()).clone())
            .collect();
        if !crash {
            self.storage.outbox.clear();
        }
        Dispatched {
            deliveries,
            crashed: crash,
        }
    }

    /// Outbox stream: appends the commands decided on the event `head` to
    /// the outbox stream, in one append. Written already (a re-handling)
    /// counts as written.
    pub(super) fn write_outbox_stream(
        &mut self,
        store: &mut EventStore,
        head: Head,
        commands: Commands,
    ) -> Result<(), RunnerError> {
        if commands.is_empty() {
            return Ok(());
        }
        let refused = |cause: String| RunnerError::OutboxNotWritten {
            event_id: head.id,
            context: head.context.to_owned(),
            position: head.position,
            cause,
        };
        let context = self.outbox_context();
        if store.head_position(context).is_err() {
            store
                .add_context(context)
                .map_err(|cause| refused(cause.to_string()))?;
        }
        let recorded_at = store
            .event(head.id)
            .map(|event| event.metadata.recorded_at)
            .unwrap_or_default();
        let metadata = Metadata {
            correlation_id: Some(head.correlation_id),
            causation_id: Some(head.id),
            recorded_at,
        };
        let mut events = Vec::with_capacity(commands.len());
        for (index, command) in commands.iter().enumerate() {
            let id = outbox_event_id(self.pm.name(), head.id, index);
            // A command is plain strings and always serialises; were it not
            // to, the handling would stop here and say why.
            let data = EventData::of(command).map_err(|cause| refused(cause.to_string()))?;
            events.push(NewEvent::new(id, COMMAND_QUEUED, data, metadata.clone()));
        }
        let ids: Vec<EventId> = events.iter().map(|event| event.id).collect();
        let stream = self.outbox_stream();
        match store.append(context, &stream, ExpectedVersion::Any, events) {
            Ok(_) => Ok(()),
            Err(StoreError::DuplicateEventId { .. })
                if ids.iter().all(|id| store.event(*id).is_some()) =>
            {
                Ok(())
            }
            Err(cause) => Err(refused(cause.to_string())),
        }
    }

    /// Outbox stream: the dispatcher sends each command after its cursor
    /// and moves its cursor past it; with `crash`, it stops after sending
    /// the first one, before moving its cursor (or at once, if none waits).
    pub(super) fn dispatch_outbox_stream(&mut self, store: &EventStore, crash: bool) -> Dispatched {
        let stream = self.outbox_stream();
        let pending = store
            .read_log_forward(self.outbox_context(), self.storage.dispatcher, usize::MAX)
            .unwrap_or_default();
        let mut deliveries = Vec::new();
        for event in pending {
            let command = (event.event_type.as_str() == COMMAND_QUEUED
                && event.stream.as_str() == stream)
                .then(|| event.data.decode::<Command>().ok())
                .flatten();
            if let Some(command) = command {
                let envelope = CommandEnvelope {
                    command,
                    command_id: CommandId::fresh(event.id),
                    causation_id: event.metadata.causation_id.unwrap_or(event.id),
                    correlation_id: event.metadata.correlation_id.unwrap_or(event.id),
                };
                deliveries.push(self.bus.send(envelope).clone());
                if crash {
                    return Dispatched {
                        deliveries,
                        crashed: true,
                    };
                }
            }
            self.storage.dispatcher = event.position;
        }
        Dispatched {
            deliveries,
            crashed: crash,
        }
    }
}

/// The id of the outbox event of the `index`th command decided on the
/// event `cause`: the same every time that event is handled.
fn outbox_event_id(sender: &str, cause: EventId, index: usize) -> EventId {
    // A name-based uuid, as deterministic command ids are.
    EventId(name_based(&[
        sender,
        "outbox",
        &cause.to_string(),
        &index.to_string(),
    ]))
}
