//! The [`ProcessManager`] trait: what a process manager is, independent of
//! where it keeps its state and how it is run.
//!
//! A process manager reads events from several contexts, keeps one state per
//! correlation key (an order, a conference), and decides which commands to
//! send. Keeping the rules here, apart from storage and delivery, lets the
//! runner, the three state strategies and the specifications work with any
//! process manager.

use std::fmt::Debug;

use serde::Serialize;

use crate::core::domain::{Command, Commands};
use crate::core::store::{DomainEventError, RecordedEvent};

/// A process manager's rules.
pub trait ProcessManager {
    /// The state kept per key.
    type State: Clone + Debug + Default + PartialEq + Serialize;
    /// A handled event, decoded.
    type Event: Clone + Debug + PartialEq + Serialize;

    /// The name, also the prefix of its own streams: `CateringMatch`.
    fn name(&self) -> &'static str;

    /// The contexts whose logs it reads, one cursor each.
    fn source_contexts(&self) -> &'static [&'static str];

    /// Whether events of this stored type matter to it. Others only move the
    /// cursor.
    fn handles(&self, event_type: &str) -> bool;

    /// Decodes a stored event of a handled type.
    fn decode(&self, event: &RecordedEvent) -> Result<Self::Event, DomainEventError>;

    /// The correlation key of an event: which state it belongs to.
    fn key<'e>(&self, event: &'e Self::Event) -> &'e str;

    /// The state of its key after one more event: the step of the fold that
    /// rebuilds a state from events. The same fact evolved twice must change
    /// nothing the second time.
    fn evolve(&self, state: &mut Self::State, event: &Self::Event);

    /// The commands to send after `state` has evolved by `event`.
    fn decide(&self, state: &Self::State, event: &Self::Event) -> Commands;

    /// One sentence saying why [`ProcessManager::decide`] chose `commands`.
    fn explain(&self, state: &Self::State, event: &Self::Event, commands: &[Command]) -> String;

    /// A short status of a state, for people.
    fn describe(&self, state: &Self::State) -> String;

    /// The aggregate streams (context, stream) holding the events of a key;
    /// what the projection strategy folds.
    fn source_streams(&self, key: &str) -> Vec<(&'static str, String)>;

    /// The process manager's own stream for a key, e.g. `CateringMatch$42`;
    /// the event-sourced strategy links handled events into it, in the
    /// context of each event.
    fn own_stream(&self, key: &str) -> String {
        format!("{}${key}", self.name())
    }
}
