//! `RoomAllocation`: send `AllocateRooms` once a conference reaches its
//! threshold of distinct registered participants.
//!
//! The same shape as the catering match with a counter instead of two
//! flags. The registration event that reached the threshold is remembered,
//! so the decision is made on that event only (and again if that very event
//! is delivered again); a later registration of the same participant is
//! another event and sends nothing.

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use super::manager::ProcessManager;
use crate::core::domain::{
    Command, Commands, ConferenceId, ParticipantId, ParticipantRegistered, REGISTRATIONS,
    conference_stream,
};
use crate::core::ids::EventId;
use crate::core::store::{DomainEvent, DomainEventError, RecordedEvent};

/// A registration as the room allocation sees it: the stored event's id and
/// what it says.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Registration {
    /// The stored event stating the registration.
    pub event_id: EventId,
    pub conference_id: ConferenceId,
    pub participant_id: ParticipantId,
}

/// The registrations of one conference.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RoomState {
    participants: BTreeSet<ParticipantId>,
    reached_by: Option<ParticipantId>,
    /// The registration event that reached the threshold.
    reached_with: Option<EventId>,
}

impl RoomState {
    /// Distinct participants registered.
    pub fn registered(&self) -> usize {
        self.participants.len()
    }

    /// The participant whose registration reached the threshold, if any.
    pub fn reached_by(&self) -> Option<&ParticipantId> {
        self.reached_by.as_ref()
    }

    /// The registration event that reached the threshold, if any.
    pub fn reached_with(&self) -> Option<EventId> {
        self.reached_with
    }
}

/// A threshold of zero participants makes no sense.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZeroThreshold;

impl fmt::Display for ZeroThreshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the room allocation threshold must be at least one participant")
    }
}

impl std::error::Error for ZeroThreshold {}

/// The room allocation process manager.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoomAllocation {
    threshold: usize,
}

impl Default for RoomAllocation {
    fn default() -> Self {
        RoomAllocation {
            threshold: Self::DEFAULT_THRESHOLD,
        }
    }
}

impl RoomAllocation {
    /// The process manager's name and stream prefix.
    pub const NAME: &'static str = "RoomAllocation";
    /// Participants needed unless configured otherwise.
    pub const DEFAULT_THRESHOLD: usize = 1000;

    /// Rooms are allocated when `threshold` distinct participants registered.
    pub fn with_threshold(threshold: usize) -> Result<Self, ZeroThreshold> {
        if threshold == 0 {
            return Err(ZeroThreshold);
        }
        Ok(RoomAllocation { threshold })
    }

    /// Participants needed.
    pub fn threshold(&self) -> usize {
        self.threshold
    }
}

impl ProcessManager for RoomAllocation {
    type State = RoomState;
    type Event = Registration;

    fn name(&self) -> &'static str {
        Self::NAME
    }

    fn source_contexts(&self) -> &'static [&'static str] {
        &[REGISTRATIONS]
    }

    fn handles(&self, event_type: &str) -> bool {
        event_type == ParticipantRegistered::TYPE
    }

    fn decode(&self, event: &RecordedEvent) -> Result<Registration, DomainEventError> {
        let registered: ParticipantRegistered = event.decode()?;
        Ok(Registration {
            event_id: event.id,
            conference_id: registered.conference_id,
            participant_id: registered.participant_id,
        })
    }

    fn key<'e>(&self, event: &'e Registration) -> &'e str {
        event.conference_id.as_str()
    }

    fn evolve(&self, state: &mut RoomState, event: &Registration) {
        let added = state.participants.insert(event.participant_id.clone());
        if added && state.reached_by.is_none() && state.participants.len() >= self.threshold {
            state.reached_by = Some(event.participant_id.clone());
            state.reached_with = Some(event.event_id);
        }
    }

    /// Answers only the event that reached the threshold (again when that
    /// very event is delivered again: the at-least-once duplicate, which
    /// only idempotency removes).
    fn decide(&self, state: &RoomState, event: &Registration) -> Commands {
        let mut commands = Commands::new();
        if state.reached_with == Some(event.event_id) {
            commands.push(Command::AllocateRooms {
                conference_id: event.conference_id.clone(),
            });
        }
        commands
    }

    fn explain(&self, state: &RoomState, event: &Registration, commands: &[Command]) -> String {
        let conference = &event.conference_id;
        let count = state.registered();
        let threshold = self.threshold;
        match state.reached_by() {
            _ if !commands.is_empty() => format!(
                "conference {conference} reached {threshold} participants with this \
                 registration: send AllocateRooms"
            ),
            Some(first) if *first == event.participant_id => format!(
                "conference {conference} reached {threshold} participants earlier, with another \
                 registration of {first}; registering again is not reaching it again: nothing \
                 more to send"
            ),
            Some(first) => format!(
                "conference {conference} reached {threshold} participants earlier (with {first}); \
                 nothing more to send"
            ),
            None => format!(
                "conference {conference} has {count} of {threshold} participants: nothing to send"
            ),
        }
    }

    fn describe(&self, state: &RoomState) -> String {
        match state.reached_by() {
            Some(_) => format!("rooms requested ({} registered)", state.registered()),
            None => format!("{} of {} registered", state.registered(), self.threshold),
        }
    }

    fn source_streams(&self, key: &str) -> Vec<(&'static str, String)> {
        vec![(REGISTRATIONS, conference_stream(key))]
    }
}
